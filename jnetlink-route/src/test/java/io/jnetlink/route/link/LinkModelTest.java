package io.jnetlink.route.link;

import io.jnetlink.core.net.MacAddress;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.OptionalInt;

import static io.jnetlink.route.link.LinkFlags.IFF_ALLMULTI;
import static io.jnetlink.route.link.LinkFlags.IFF_BROADCAST;
import static io.jnetlink.route.link.LinkFlags.IFF_LOOPBACK;
import static io.jnetlink.route.link.LinkFlags.IFF_LOWER_UP;
import static io.jnetlink.route.link.LinkFlags.IFF_MULTICAST;
import static io.jnetlink.route.link.LinkFlags.IFF_NOARP;
import static io.jnetlink.route.link.LinkFlags.IFF_PROMISC;
import static io.jnetlink.route.link.LinkFlags.IFF_RUNNING;
import static io.jnetlink.route.link.LinkFlags.IFF_UP;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Flag names in iproute2's order, VethSpec validation. No root. */
class LinkModelTest {

    @Test
    void flagNamesFollowPrintLinkFlags() {
        assertEquals(List.of("LOOPBACK"), LinkFlags.names(IFF_LOOPBACK));
        assertEquals(List.of("LOOPBACK", "UP", "LOWER_UP"),
                LinkFlags.names(IFF_LOOPBACK | IFF_UP | IFF_RUNNING | IFF_LOWER_UP));
        // up without carrier: NO-CARRIER first, RUNNING never printed
        assertEquals(List.of("NO-CARRIER", "BROADCAST", "MULTICAST", "UP"),
                LinkFlags.names(IFF_UP | IFF_BROADCAST | IFF_MULTICAST));
        assertEquals(List.of("BROADCAST", "MULTICAST", "NOARP", "ALLMULTI", "PROMISC", "UP", "LOWER_UP"),
                LinkFlags.names(IFF_PROMISC | IFF_ALLMULTI | IFF_NOARP | IFF_UP | IFF_RUNNING | IFF_LOWER_UP
                        | IFF_MULTICAST | IFF_BROADCAST));
        // RUNNING alone (not up) prints nothing
        assertEquals(List.of(), LinkFlags.names(IFF_RUNNING));
        // bits without a name: one hex string at the end, as ip's print_hex
        assertEquals(List.of("UP", "LOWER_UP", "300000"), LinkFlags.names(IFF_UP | IFF_RUNNING | IFF_LOWER_UP
                | (1 << 20) | (1 << 21)));
    }

    @Test
    void vethSpecChecksNamesLikeTheKernel() {
        assertEquals("fifteen-bytes-x", VethSpec.of("fifteen-bytes-x", "b").name());
        for (String bad : List.of("", "sixteen-bytes-xx", "a/b", "a b", "a\tb", ".", "..", "a:b", "ääääääää")) {
            var e = assertThrows(IllegalArgumentException.class, () -> VethSpec.of(bad, "peer"));
            assertTrue(e.getMessage().contains("name '" + bad + "'"), e.getMessage());
            var p = assertThrows(IllegalArgumentException.class, () -> VethSpec.of("ok", bad));
            assertTrue(p.getMessage().contains("peerName '" + bad + "'"), p.getMessage());
        }
        assertThrows(NullPointerException.class, () -> VethSpec.of(null, "b"));
        assertThrows(IllegalArgumentException.class, () -> VethSpec.of("a", "b").withMtu(0));
    }

    @Test
    void withersCopyEverythingElse() {
        MacAddress a = MacAddress.parse("02:00:00:00:00:01");
        MacAddress b = MacAddress.parse("02:00:00:00:00:02");
        VethSpec s = VethSpec.of("a", "b").withMtu(9000).withAddress(a).withPeerAddress(b);
        assertEquals("a", s.name());
        assertEquals("b", s.peerName());
        assertEquals(OptionalInt.of(9000), s.mtu());
        assertEquals(a, s.address().orElseThrow());
        assertEquals(b, s.peerAddress().orElseThrow());
        assertTrue(s.peerNamespace().isEmpty());
    }

    @Test
    void requestBuildersValidateTheirInput() {
        assertThrows(IllegalArgumentException.class, () -> LinkCodec.rename(3, "bad/name"));
        assertThrows(IllegalArgumentException.class, () -> LinkCodec.setMtu("veth0", -1));
        assertThrows(IllegalArgumentException.class, () -> LinkCodec.setUp(0));
        assertThrows(IllegalArgumentException.class, () -> LinkCodec.setAlias("veth0", "x".repeat(256)));
        assertThrows(IllegalArgumentException.class, () -> LinkCodec.get("x".repeat(128)));
        assertThrows(IllegalArgumentException.class, () -> LinkCodec.get(""));
    }
}
