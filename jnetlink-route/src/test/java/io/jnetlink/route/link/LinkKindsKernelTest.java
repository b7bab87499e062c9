package io.jnetlink.route.link;

import com.fasterxml.jackson.databind.JsonNode;
import io.jnetlink.core.error.Errno;
import io.jnetlink.core.error.KernelException;
import io.jnetlink.core.net.InetAddresses;
import io.jnetlink.core.net.MacAddress;
import io.jnetlink.oracles.Ip;
import io.jnetlink.route.Rtnetlink;
import io.jnetlink.route.link.kind.Bridge;
import io.jnetlink.route.link.kind.Dummy;
import io.jnetlink.route.link.kind.GenericKind;
import io.jnetlink.route.link.kind.LinkKind;
import io.jnetlink.route.link.kind.Macvlan;
import io.jnetlink.route.link.kind.MacvlanMode;
import io.jnetlink.route.link.kind.StpState;
import io.jnetlink.route.link.kind.Vlan;
import io.jnetlink.route.link.kind.VlanProtocol;
import io.jnetlink.route.link.kind.Vxlan;
import io.jnetlink.route.link.kind.Wireguard;
import io.jnetlink.testkit.NetnsTest;
import io.jnetlink.testkit.TestNamespace;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import static io.jnetlink.route.link.LinkOracle.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Links of every kind created and changed through jnetlink, each result checked with {@code ip -j -d link show}
 * (linkinfo.info_data) in the same namespace, and jnetlink's own decode compared with what it sent. Kinds the
 * kernel lacks are skipped with the kernel's answer as the reason.
 */
@NetnsTest
class LinkKindsKernelTest {

    private static JsonNode show(Ip ip, String name) {
        JsonNode a = ip.json("-d", "link", "show", "dev", name);
        assertEquals(1, a.size(), "ip link show dev " + name);
        return a.get(0);
    }

    private static JsonNode infoData(Ip ip, String name) {
        return show(ip, name).path("linkinfo").path("info_data");
    }

    private static <T extends LinkKind> T decoded(Rtnetlink rt, String name, Class<T> type) {
        return assertInstanceOf(type, rt.links().require(name).kindInfo().orElseThrow());
    }

    /** ip prints timers in centiseconds, as the kernel takes them. */
    private static void assertCentiseconds(JsonNode data, String key, Optional<Duration> expected, Optional<Duration> got) {
        assertEquals(expected.orElseThrow().toMillis() / 10, data.path(key).asLong(), key + " (ip)");
        assertEquals(expected, got, key + " (jnetlink)");
    }

    /** nf_call_* exist only with CONFIG_BRIDGE_NETFILTER: when ip prints them they must match, else be absent. */
    private static void assertNfCall(JsonNode data, String key, boolean expected, Optional<Boolean> got) {
        if (data.has(key)) {
            assertEquals(expected ? 1 : 0, data.path(key).asInt(), key + " (ip)");
            assertEquals(Optional.of(expected), got, key + " (jnetlink)");
        } else {
            assertEquals(Optional.empty(), got, key + ": the kernel does not report it, so neither may jnetlink");
        }
    }

    private static void assertBridge(Ip ip, Rtnetlink rt, String name, Bridge sent) {
        JsonNode d = infoData(ip, name);
        Bridge b = decoded(rt, name, Bridge.class);
        assertCentiseconds(d, "forward_delay", sent.forwardDelay(), b.forwardDelay());
        assertCentiseconds(d, "hello_time", sent.helloTime(), b.helloTime());
        assertCentiseconds(d, "max_age", sent.maxAge(), b.maxAge());
        assertCentiseconds(d, "ageing_time", sent.ageingTime(), b.ageingTime());
        assertEquals(sent.stpState().orElseThrow().value(), d.path("stp_state").asInt(), "stp_state");
        assertEquals(sent.stpState(), b.stpState());
        assertEquals(sent.priority().orElseThrow(), d.path("priority").asInt(), "priority");
        assertEquals(sent.priority(), b.priority());
        assertEquals(sent.groupForwardMask().orElseThrow(), Integer.decode(text(d, "group_fwd_mask")), "group_fwd_mask");
        assertEquals(sent.groupForwardMask(), b.groupForwardMask());
        assertEquals(sent.multicastSnooping().orElseThrow() ? 1 : 0, d.path("mcast_snooping").asInt(), "mcast_snooping");
        assertEquals(sent.multicastSnooping(), b.multicastSnooping());
        assertNfCall(d, "nf_call_iptables", sent.nfCallIptables().orElseThrow(), b.nfCallIptables());
        assertNfCall(d, "nf_call_ip6tables", sent.nfCallIp6tables().orElseThrow(), b.nfCallIp6tables());
        assertNfCall(d, "nf_call_arptables", sent.nfCallArptables().orElseThrow(), b.nfCallArptables());
    }

    @Test
    void bridgeWithEveryAttributeAtCreationThenEveryAttributeChanged(TestNamespace ns) {
        Ip ip = Ip.in(ns.name());
        try (Rtnetlink rt = Rtnetlink.open(ns.netns())) {
            // even centiseconds: the kernel keeps jiffies, and at HZ=250 odd ones read back one lower
            Bridge created = Bridge.of().withForwardDelay(Duration.ofSeconds(10)).withHelloTime(Duration.ofSeconds(3))
                    .withMaxAge(Duration.ofSeconds(15)).withAgeingTime(Duration.ofSeconds(200))
                    .withStpState(StpState.KERNEL).withPriority(4096).withGroupForwardMask(8)
                    .withMulticastSnooping(false).withNfCallIptables(true).withNfCallIp6tables(true)
                    .withNfCallArptables(true);
            rt.links().add(LinkSpec.of("br0", created));
            assertEquals("bridge", text(show(ip, "br0").path("linkinfo"), "info_kind"));
            assertBridge(ip, rt, "br0", created);

            Bridge changed = Bridge.of().withForwardDelay(Duration.ofMillis(8_200)).withHelloTime(Duration.ofSeconds(2))
                    .withMaxAge(Duration.ofSeconds(12)).withAgeingTime(Duration.ofMillis(100_020))
                    .withStpState(StpState.DISABLED).withPriority(8192).withGroupForwardMask(0x10)
                    .withMulticastSnooping(true).withNfCallIptables(false).withNfCallIp6tables(false)
                    .withNfCallArptables(false);
            rt.links().modify("br0", changed);
            assertBridge(ip, rt, "br0", changed);

            // a change sends only what it holds: the rest stays
            rt.links().modify("br0", Bridge.of().withPriority(100));
            assertBridge(ip, rt, "br0", changed.withPriority(100));
        }
    }

    @Test
    void bridgeVlanSettingsAtCreationThenChanged(TestNamespace ns) {
        KernelSupport.assumeBridgeVlanFiltering();
        Ip ip = Ip.in(ns.name());
        try (Rtnetlink rt = Rtnetlink.open(ns.netns())) {
            rt.links().add(LinkSpec.of("br0", Bridge.of().withVlanFiltering(true)
                    .withVlanProtocol(VlanProtocol.IEEE_802_1AD).withDefaultPvid(10)));
            JsonNode d = infoData(ip, "br0");
            assertEquals(1, d.path("vlan_filtering").asInt());
            assertEquals("802.1ad", text(d, "vlan_protocol"));
            assertEquals(10, d.path("vlan_default_pvid").asInt());
            Bridge b = decoded(rt, "br0", Bridge.class);
            assertEquals(Optional.of(true), b.vlanFiltering());
            assertEquals(Optional.of(VlanProtocol.IEEE_802_1AD), b.vlanProtocol());
            assertEquals(OptionalInt.of(10), b.defaultPvid());

            rt.links().modify("br0", Bridge.of().withVlanFiltering(false).withVlanProtocol(VlanProtocol.IEEE_802_1Q)
                    .withDefaultPvid(20));
            d = infoData(ip, "br0");
            assertEquals(0, d.path("vlan_filtering").asInt());
            assertEquals("802.1Q", text(d, "vlan_protocol"));
            assertEquals(20, d.path("vlan_default_pvid").asInt());
            b = decoded(rt, "br0", Bridge.class);
            assertEquals(Optional.of(false), b.vlanFiltering());
            assertEquals(Optional.of(VlanProtocol.IEEE_802_1Q), b.vlanProtocol());
            assertEquals(OptionalInt.of(20), b.defaultPvid());
        }
    }

    /** ip prints u8 booleans of vxlan only when set (proxy, l2miss, ...) or always (learning, udp_csum, ...). */
    private static boolean bool(JsonNode d, String key) {
        return d.path(key).asBoolean(false);
    }

    @Test
    void vxlanIpv4LocalAndRemoteWithEveryOption(TestNamespace ns) {
        Ip ip = Ip.in(ns.name());
        ip.run("link", "add", "u0", "type", "veth", "peer", "name", "u1");
        try (Rtnetlink rt = Rtnetlink.open(ns.netns())) {
            Vxlan sent = Vxlan.of(42).withDevice(rt.links().indexOf("u0"))
                    .withLocal(InetAddresses.parse("192.0.2.1")).withRemote(InetAddresses.parse("198.51.100.7"))
                    .withPort(4789).withSourcePortRange(5000, 6000).withTtl(64).withTos(0x10).withLearning(false)
                    .withProxy(true).withL2miss(true).withL3miss(true).withUdpChecksum(false)
                    .withUdp6ZeroChecksumTx(true).withUdp6ZeroChecksumRx(true);
            rt.links().add(LinkSpec.of("vx0", sent));
            JsonNode d = infoData(ip, "vx0");
            assertEquals(42, d.path("id").asInt());
            assertEquals("192.0.2.1", text(d, "local"));
            assertEquals("198.51.100.7", text(d, "remote"));
            assertFalse(d.has("group"));
            assertEquals("u0", text(d, "link"));
            assertEquals(4789, d.path("port").asInt());
            assertEquals(5000, d.path("port_range").path("low").asInt());
            assertEquals(6000, d.path("port_range").path("high").asInt());
            assertEquals(64, d.path("ttl").asInt());
            assertEquals(0x10, Integer.decode(text(d, "tos")));
            assertFalse(bool(d, "learning"));
            assertTrue(bool(d, "proxy"));
            assertTrue(bool(d, "l2miss"));
            assertTrue(bool(d, "l3miss"));
            assertFalse(bool(d, "udp_csum"));
            assertTrue(bool(d, "udp_zero_csum6_tx"));
            assertTrue(bool(d, "udp_zero_csum6_rx"));
            assertFalse(bool(d, "external"));

            Vxlan got = decoded(rt, "vx0", Vxlan.class);
            // the kernel also reports external off, which was not sent
            assertEquals(sent.withExternal(false), got, "jnetlink decodes every setting it sent");
        }
    }

    @Test
    void vxlanIpv6LocalAndRemote(TestNamespace ns) {
        Ip ip = Ip.in(ns.name());
        try (Rtnetlink rt = Rtnetlink.open(ns.netns())) {
            Vxlan sent = Vxlan.of(44).withLocal(InetAddresses.parse("2001:db8::1"))
                    .withRemote(InetAddresses.parse("2001:db8::2")).withPort(8472).withUdpChecksum(true);
            rt.links().add(LinkSpec.of("vx6", sent));
            JsonNode d = infoData(ip, "vx6");
            assertEquals(44, d.path("id").asInt());
            assertEquals("2001:db8::1", text(d, "local6"));
            assertEquals("2001:db8::2", text(d, "remote6"));
            assertEquals(8472, d.path("port").asInt());
            assertTrue(bool(d, "udp_csum"));
            assertTrue(bool(d, "learning"), "the kernel's default, which ip shows too");

            Vxlan got = decoded(rt, "vx6", Vxlan.class);
            assertEquals(sent.vni(), got.vni());
            assertEquals(sent.local(), got.local());
            assertEquals(sent.remote(), got.remote());
            assertEquals(Optional.empty(), got.group());
            assertEquals(sent.port(), got.port());
            assertEquals(Optional.of(true), got.udpChecksum());
            assertEquals(Optional.of(true), got.learning());
        }
    }

    @Test
    void vxlanMulticastGroupsOnADevice(TestNamespace ns) {
        Ip ip = Ip.in(ns.name());
        ip.run("link", "add", "u0", "type", "veth", "peer", "name", "u1");
        try (Rtnetlink rt = Rtnetlink.open(ns.netns())) {
            int u0 = rt.links().indexOf("u0");
            rt.links().add(LinkSpec.of("vg4", Vxlan.of(7).withGroup(InetAddresses.parse("239.1.1.1")).withDevice(u0)
                    .withPort(4789)));
            rt.links().add(LinkSpec.of("vg6", Vxlan.of(8).withGroup(InetAddresses.parse("ff05::100")).withDevice(u0)
                    .withPort(4789)));
            JsonNode d4 = infoData(ip, "vg4");
            assertEquals("239.1.1.1", text(d4, "group"));
            assertEquals("u0", text(d4, "link"));
            assertEquals(7, d4.path("id").asInt());
            JsonNode d6 = infoData(ip, "vg6");
            assertEquals("ff05::100", text(d6, "group6"));
            assertEquals("u0", text(d6, "link"));

            Vxlan g4 = decoded(rt, "vg4", Vxlan.class);
            assertEquals(Optional.of(InetAddresses.parse("239.1.1.1")), g4.group());
            assertEquals(Optional.empty(), g4.remote());
            assertEquals(OptionalInt.of(u0), g4.device());
            Vxlan g6 = decoded(rt, "vg6", Vxlan.class);
            assertEquals(Optional.of(InetAddresses.parse("ff05::100")), g6.group());
            assertEquals(OptionalInt.of(u0), g6.device());
        }
    }

    @Test
    void vxlanExternalWithVniFilter(TestNamespace ns) {
        Ip ip = Ip.in(ns.name());
        try (Rtnetlink rt = Rtnetlink.open(ns.netns())) {
            Vxlan sent = Vxlan.of().withExternal(true).withVniFilter(true).withPort(4790);
            rt.links().add(LinkSpec.of("vxe", sent));
            JsonNode d = infoData(ip, "vxe");
            // IFLA_VXLAN_VNIFILTER arrived in Linux 5.18; older kernels ignore the attribute
            assumeTrue(d.has("vnifilter") || rt.links().require("vxe").kindInfo().map(k -> ((Vxlan) k).vniFilter())
                    .orElseThrow().isPresent(), "kernel ignores IFLA_VXLAN_VNIFILTER (added in Linux 5.18)");
            assertTrue(bool(d, "external"));
            assertTrue(bool(d, "vnifilter"));
            assertEquals(4790, d.path("port").asInt());
            Vxlan got = decoded(rt, "vxe", Vxlan.class);
            assertEquals(Optional.of(true), got.external());
            assertEquals(Optional.of(true), got.vniFilter());
            assertEquals(OptionalInt.of(4790), got.port());
        }
    }

    @Test
    void macvlanInEveryModeOnVethParents(TestNamespace ns) {
        Ip ip = Ip.in(ns.name());
        List<MacvlanMode> modes = List.of(MacvlanMode.PRIVATE, MacvlanMode.VEPA, MacvlanMode.BRIDGE,
                MacvlanMode.PASSTHRU, MacvlanMode.SOURCE);
        StringBuilder parents = new StringBuilder();
        for (int i = 0; i < modes.size(); i++) {
            // passthru takes the whole parent, so every mode gets its own
            parents.append("link add par%d type veth peer name peer%d\n".formatted(i, i));
        }
        ip.batch(parents.toString());
        try (Rtnetlink rt = Rtnetlink.open(ns.netns())) {
            for (int i = 0; i < modes.size(); i++) {
                MacvlanMode mode = modes.get(i);
                String name = "mv" + i;
                MacAddress mac = MacAddress.parse("02:00:00:00:0%d:01".formatted(i));
                rt.links().add(LinkSpec.of(name, Macvlan.of(mode)).withParent("par" + i).withAddress(mac)
                        .withMtu(1400));
                JsonNode l = show(ip, name);
                assertEquals("macvlan", text(l.path("linkinfo"), "info_kind"), name);
                assertEquals(mode.name(), text(l.path("linkinfo").path("info_data"), "mode"), name);
                assertEquals("par" + i, text(l, "link"), name);
                assertEquals(1400, l.path("mtu").asInt(), name);
                if (!mode.equals(MacvlanMode.PASSTHRU)) {
                    // passthru takes over the parent's address
                    assertEquals(mac.toString(), text(l, "address"), name);
                }
                assertEquals(Macvlan.of(mode), decoded(rt, name, Macvlan.class), name);
            }
            // the mode of an existing macvlan can change
            rt.links().modify("mv0", Macvlan.of(MacvlanMode.BRIDGE));
            assertEquals("bridge", text(infoData(ip, "mv0"), "mode"));
        }
    }

    @Test
    void masterAndNomaster(TestNamespace ns) {
        Ip ip = Ip.in(ns.name());
        ip.run("link", "add", "v0", "type", "veth", "peer", "name", "v1");
        try (Rtnetlink rt = Rtnetlink.open(ns.netns())) {
            rt.links().add(LinkSpec.of("br0", Bridge.of()));
            rt.links().setMaster("v0", "br0");
            assertEquals("br0", text(ip.json("link", "show", "dev", "v0").get(0), "master"));
            assertEquals(rt.links().indexOf("br0"), rt.links().require("v0").master().orElseThrow());
            assertEquals(Optional.of("bridge"), rt.links().require("v0").slaveKind());

            rt.links().setNoMaster("v0");
            assertFalse(ip.json("link", "show", "dev", "v0").get(0).has("master"), "released");
            assertEquals(OptionalInt.empty(), rt.links().require("v0").master());

            // enslaved at creation
            rt.links().add(LinkSpec.of("vx0", Vxlan.of(100).withPort(4789)).withMaster("br0"));
            assertEquals("br0", text(ip.json("link", "show", "dev", "vx0").get(0), "master"));

            KernelException missing = assertThrows(KernelException.class, () -> rt.links().setMaster("v0", "nobr"));
            assertEquals(Errno.ENODEV, missing.errno());
        }
    }

    @Test
    void dummyLink(TestNamespace ns) {
        KernelSupport.assumeKind(Dummy.KIND);
        Ip ip = Ip.in(ns.name());
        try (Rtnetlink rt = Rtnetlink.open(ns.netns())) {
            rt.links().add(LinkSpec.of("d0", new Dummy()).withMtu(9000));
            JsonNode l = show(ip, "d0");
            assertEquals("dummy", text(l.path("linkinfo"), "info_kind"));
            assertEquals(9000, l.path("mtu").asInt());
            assertEquals(new Dummy(), decoded(rt, "d0", Dummy.class));
        }
    }

    @Test
    void vlanLinkOnAVethParent(TestNamespace ns) {
        KernelSupport.assumeKind(Vlan.KIND);
        Ip ip = Ip.in(ns.name());
        ip.run("link", "add", "u0", "type", "veth", "peer", "name", "u1");
        try (Rtnetlink rt = Rtnetlink.open(ns.netns())) {
            rt.links().add(LinkSpec.of("u0.100", Vlan.of(100, VlanProtocol.IEEE_802_1AD)).withParent("u0"));
            JsonNode l = show(ip, "u0.100");
            assertEquals("vlan", text(l.path("linkinfo"), "info_kind"));
            assertEquals(100, l.path("linkinfo").path("info_data").path("id").asInt());
            assertEquals("802.1ad", text(l.path("linkinfo").path("info_data"), "protocol"));
            assertEquals("u0", text(l, "link"));
            assertEquals(Vlan.of(100, VlanProtocol.IEEE_802_1AD), decoded(rt, "u0.100", Vlan.class));
        }
    }

    @Test
    void wireguardLink(TestNamespace ns) {
        KernelSupport.assumeKind(Wireguard.KIND);
        Ip ip = Ip.in(ns.name());
        try (Rtnetlink rt = Rtnetlink.open(ns.netns())) {
            rt.links().add(LinkSpec.of("wg0", new Wireguard()));
            assertEquals("wireguard", text(show(ip, "wg0").path("linkinfo"), "info_kind"));
            assertEquals(new Wireguard(), decoded(rt, "wg0", Wireguard.class));
        }
    }

    @Test
    void kindsWithoutARecordAreCreatedAndReportedGenerically(TestNamespace ns) {
        Ip ip = Ip.in(ns.name());
        try (Rtnetlink rt = Rtnetlink.open(ns.netns())) {
            rt.links().add(LinkSpec.of("ifb0", GenericKind.of("ifb")));
            assertEquals("ifb", text(show(ip, "ifb0").path("linkinfo"), "info_kind"));
            GenericKind got = decoded(rt, "ifb0", GenericKind.class);
            assertEquals("ifb", got.kind());

            // a dumped kind re-applies unchanged: tun reports IFLA_INFO_DATA, which goes back byte for byte
            ip.run("tuntap", "add", "dev", "tap0", "mode", "tap");
            Link tap = rt.links().require("tap0");
            GenericKind tun = assertInstanceOf(GenericKind.class, tap.kindInfo().orElseThrow());
            assertEquals(tap.kindData(), tun.data());
            assertTrue(tun.data().isPresent(), "tun reports its settings");
            KernelException e = assertThrows(KernelException.class, () -> rt.links().modify("tap0", tun));
            // tun has no changelink: the kernel refuses settings for it, naming the operation
            assertEquals(Errno.EOPNOTSUPP, e.errno());
            assertEquals("set link tap0 type tun", e.operation());
        }
    }

    @Test
    void badInputIsRefusedBeforeAnythingIsSent(TestNamespace ns) {
        try (Rtnetlink rt = Rtnetlink.open(ns.netns())) {
            long before = rt.socket().stats().messagesSent();
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> rt.links().add(LinkSpec.of("mv0", Macvlan.of(MacvlanMode.BRIDGE))));
            assertTrue(e.getMessage().startsWith("invalid parent"), e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> LinkSpec.of("a-name-too-long-0", Bridge.of()));
            assertThrows(IllegalArgumentException.class, () -> LinkSpec.of("br0", Bridge.of()).withMtu(0));
            assertEquals(before, rt.socket().stats().messagesSent(), "nothing was sent");

            rt.links().add(LinkSpec.of("br0", Bridge.of()));
            KernelException wrongKind = assertThrows(KernelException.class,
                    () -> rt.links().modify("br0", Vxlan.of(1)));
            assertEquals(Errno.EOPNOTSUPP, wrongKind.errno());
            assertEquals("set link br0 type vxlan", wrongKind.operation());
        }
    }
}
