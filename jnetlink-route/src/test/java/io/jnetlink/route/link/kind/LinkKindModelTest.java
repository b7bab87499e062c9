package io.jnetlink.route.link.kind;

import io.jnetlink.core.net.InetAddresses;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Bad input fails when the value is built, naming the field and the value; open enums name unknown values. No root. */
class LinkKindModelTest {

    private static void refused(String expectedStart, Executable e) {
        IllegalArgumentException x = assertThrows(IllegalArgumentException.class, e);
        assertTrue(x.getMessage().startsWith(expectedStart), x.getMessage());
    }

    @Test
    void bridgeSettingsAreChecked() {
        refused("invalid forwardDelay PT0.005S: must be a whole number of centiseconds",
                () -> Bridge.of().withForwardDelay(Duration.ofMillis(5)));
        refused("invalid helloTime PT-1S: must not be negative", () -> Bridge.of().withHelloTime(Duration.ofSeconds(-1)));
        refused("invalid ageingTime", () -> Bridge.of().withAgeingTime(Duration.ofMillis(10L * 0x1_0000_0000L)));
        refused("invalid priority 65536: must be 0 to 65535", () -> Bridge.of().withPriority(65536));
        refused("invalid groupForwardMask -1", () -> Bridge.of().withGroupForwardMask(-1));
        refused("invalid defaultPvid 4095: must be 0 to 4094", () -> Bridge.of().withDefaultPvid(4095));
        refused("invalid vlanProtocol 65536", () -> VlanProtocol.of(0x10000));
    }

    @Test
    void vxlanSettingsAreChecked() {
        refused("invalid vni 16777216: must be 0 to 16777215", () -> Vxlan.of(1 << 24));
        refused("invalid group 192.0.2.1: must be a multicast address",
                () -> Vxlan.of(1).withGroup(InetAddresses.parse("192.0.2.1")));
        refused("invalid remote 239.0.0.1: must be a unicast address",
                () -> Vxlan.of(1).withRemote(InetAddresses.parse("239.0.0.1")));
        refused("invalid local 239.0.0.1", () -> Vxlan.of(1).withLocal(InetAddresses.parse("239.0.0.1")));
        refused("invalid local 2001:db8::1: must be of the same address family as 192.0.2.2",
                () -> Vxlan.of(1).withRemote(InetAddresses.parse("192.0.2.2"))
                        .withLocal(InetAddresses.parse("2001:db8::1")));
        refused("invalid sourcePortRange 6000-5000", () -> Vxlan.of(1).withSourcePortRange(6000, 5000));
        refused("invalid sourcePortRange.high 65536", () -> Vxlan.of(1).withSourcePortRange(1, 65536));
        refused("invalid port 65536", () -> Vxlan.of(1).withPort(65536));
        refused("invalid ttl 256", () -> Vxlan.of(1).withTtl(256));
        refused("invalid tos -1", () -> Vxlan.of(1).withTos(-1));
        refused("invalid device 0", () -> Vxlan.of(1).withDevice(0));
        // group and remote share one attribute: setting one replaces the other
        Vxlan v = Vxlan.of(1).withRemote(InetAddresses.parse("192.0.2.2")).withGroup(InetAddresses.parse("239.1.1.1"));
        assertTrue(v.remote().isEmpty());
    }

    @Test
    void vlanVethAndGenericKindAreChecked() {
        refused("invalid id 4095: must be 0 to 4094", () -> Vlan.of(4095));
        refused("invalid peer.name 'a/b'", () -> Veth.peer("a/b"));
        refused("invalid peer.name 'sixteen-bytes-xx': must be 1 to 15 bytes", () -> Veth.peer("sixteen-bytes-xx"));
        refused("invalid peer.mtu 0", () -> Veth.peer(Veth.Peer.named("p").withMtu(0)));
        refused("invalid kind '': must not be empty", () -> GenericKind.of(""));
        refused("invalid data", () -> new GenericKind("x", java.util.Optional.of(
                new io.jnetlink.core.codec.RawAttribute(1, new byte[0]))));
    }

    @Test
    void openEnumerationsNameKnownValuesAndKeepUnknownOnes() {
        assertEquals("802.1Q", VlanProtocol.IEEE_802_1Q.name());
        assertEquals("802.1ad", VlanProtocol.of(0x88a8).name());
        assertEquals("0x9100", VlanProtocol.of(0x9100).name());
        assertFalse(VlanProtocol.of(0x9100).isKnown());
        assertEquals("passthru", MacvlanMode.PASSTHRU.name());
        assertEquals(MacvlanMode.SOURCE, MacvlanMode.of(16));
        assertEquals("MACVLAN_MODE_32", MacvlanMode.of(32).name());
        assertFalse(MacvlanMode.of(32).isKnown());
        assertEquals("KERNEL", StpState.of(1).toString());
        assertEquals("STP_STATE_9", StpState.of(9).name());
        assertTrue(StpState.USER.isKnown());
    }
}
