package io.jnetlink.route.link.bridge;

import com.fasterxml.jackson.databind.JsonNode;
import io.jnetlink.core.error.Errno;
import io.jnetlink.core.error.KernelException;
import io.jnetlink.oracles.Ip;
import io.jnetlink.oracles.Oracle;
import io.jnetlink.route.Rtnetlink;
import io.jnetlink.route.link.KernelSupport;
import io.jnetlink.testkit.NetnsTest;
import io.jnetlink.testkit.TestNamespace;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Bridge port settings and VLAN tables changed through jnetlink, each checked with {@code bridge -j} in the same
 * namespace, and read back through both jnetlink paths (the AF_BRIDGE dump and the link's slave data).
 */
@NetnsTest
class BridgeKernelTest {

    private static JsonNode bridgeLink(TestNamespace ns, String port) {
        JsonNode a = Oracle.json("bridge", "-n", ns.name(), "-j", "-d", "link", "show", "dev", port);
        assertEquals(1, a.size(), "bridge link show dev " + port + ": " + a);
        return a.get(0);
    }

    /** Every setting of {@code expected} as bridge prints it. */
    private static void assertBridgeShows(JsonNode l, BridgePort expected) {
        String who = "bridge link show dev " + l.path("ifname").asText() + ": ";
        expected.state().ifPresent(s -> assertEquals(s.name(), l.path("state").asText(), who + "state"));
        expected.priority().ifPresent(p -> assertEquals(p, l.path("priority").asInt(), who + "priority"));
        expected.cost().ifPresent(c -> assertEquals(c, l.path("cost").asInt(), who + "cost"));
        expected.hairpin().ifPresent(b -> assertEquals(b, l.path("hairpin").asBoolean(), who + "hairpin"));
        expected.unicastFlood().ifPresent(b -> assertEquals(b, l.path("flood").asBoolean(), who + "flood"));
        expected.multicastFlood().ifPresent(b -> assertEquals(b, l.path("mcast_flood").asBoolean(), who + "mcast_flood"));
        expected.broadcastFlood().ifPresent(b -> assertEquals(b, l.path("bcast_flood").asBoolean(), who + "bcast_flood"));
        expected.learning().ifPresent(b -> assertEquals(b, l.path("learning").asBoolean(), who + "learning"));
        expected.neighSuppress().ifPresent(b -> assertEquals(b, l.path("neigh_suppress").asBoolean(),
                who + "neigh_suppress"));
        expected.isolated().ifPresent(b -> assertEquals(b, l.path("isolated").asBoolean(), who + "isolated"));
    }

    /** The settings of {@code expected} that are present, taken from {@code full}. */
    private static BridgePort project(BridgePort full, BridgePort expected) {
        return new BridgePort(expected.state().isPresent() ? full.state() : Optional.empty(),
                expected.priority().isPresent() ? full.priority() : OptionalInt.empty(),
                expected.cost().isPresent() ? full.cost() : OptionalInt.empty(),
                expected.hairpin().isPresent() ? full.hairpin() : Optional.empty(),
                expected.unicastFlood().isPresent() ? full.unicastFlood() : Optional.empty(),
                expected.multicastFlood().isPresent() ? full.multicastFlood() : Optional.empty(),
                expected.broadcastFlood().isPresent() ? full.broadcastFlood() : Optional.empty(),
                expected.learning().isPresent() ? full.learning() : Optional.empty(),
                expected.neighSuppress().isPresent() ? full.neighSuppress() : Optional.empty(),
                expected.isolated().isPresent() ? full.isolated() : Optional.empty());
    }

    private static void assertReadBack(TestNamespace ns, BridgePorts ports, int bridgeIndex, String port,
                                       BridgePort expected) {
        assertBridgeShows(bridgeLink(ns, port), expected);
        assertEquals(expected, project(ports.get(port).orElseThrow(), expected), "from the slave data");
        BridgePortEntry e = ports.list().stream().filter(p -> p.name().equals(port)).findFirst().orElseThrow();
        assertEquals(OptionalInt.of(bridgeIndex), e.master());
        assertEquals(expected, project(e.settings(), expected), "from the AF_BRIDGE dump");
        assertEquals(ports.get(port).orElseThrow(), project(ports.get(port).orElseThrow(), e.settings()),
                "both paths report the same settings");
    }

    @Test
    void portSettingsAreSetAndReadBackBothWays(TestNamespace ns) {
        Ip ip = Ip.in(ns.name());
        ip.batch("""
                link add br0 type bridge
                link add p0 type veth peer name p1
                link set p0 master br0
                """);
        try (Rtnetlink rt = Rtnetlink.open(ns.netns())) {
            BridgePorts ports = new BridgePorts(rt.socket());
            int br0 = rt.links().indexOf("br0");
            BridgePort off = BridgePort.of().withLearning(false).withUnicastFlood(false).withMulticastFlood(false)
                    .withBroadcastFlood(false).withHairpin(true).withIsolated(true).withNeighSuppress(true)
                    .withCost(5).withPriority(3);
            ports.set("p0", off);
            assertReadBack(ns, ports, br0, "p0", off);

            BridgePort on = BridgePort.of().withLearning(true).withUnicastFlood(true).withMulticastFlood(true)
                    .withBroadcastFlood(true).withHairpin(false).withIsolated(false).withNeighSuppress(false)
                    .withCost(100).withPriority(63);
            ports.set("p0", on);
            assertReadBack(ns, ports, br0, "p0", on);

            // only what a change holds is sent
            ports.set("p0", BridgePort.of().withCost(7));
            assertReadBack(ns, ports, br0, "p0", on.withCost(7));

            assertEquals(Optional.empty(), ports.get("p1"), "p1 is no bridge port");
            assertTrue(ports.list().stream().noneMatch(p -> p.name().equals("p1")));
        }
    }

    @Test
    void portStateOfARunningPortWithoutStp(TestNamespace ns) throws InterruptedException {
        Ip ip = Ip.in(ns.name());
        ip.batch("""
                link add br0 type bridge
                link add p0 type veth peer name p1
                link set p0 master br0
                link set br0 up
                link set p1 up
                link set p0 up
                """);
        // the kernel refuses states other than disabled until the port is operationally up
        for (int i = 0; i < 100 && !"UP".equals(ip.json("link", "show", "dev", "p0").get(0).path("operstate").asText()); i++) {
            Thread.sleep(20);
        }
        try (Rtnetlink rt = Rtnetlink.open(ns.netns())) {
            BridgePorts ports = new BridgePorts(rt.socket());
            // without STP the kernel moves a blocking port straight back to forwarding (br_make_forwarding), so the
            // states that hold are the others
            for (BridgePortState state : List.of(BridgePortState.DISABLED, BridgePortState.LEARNING,
                    BridgePortState.LISTENING, BridgePortState.FORWARDING)) {
                ports.set("p0", BridgePort.of().withState(state));
                assertBridgeShows(bridgeLink(ns, "p0"), BridgePort.of().withState(state));
                assertEquals(Optional.of(state), ports.get("p0").orElseThrow().state());
            }
        }
    }

    @Test
    void errorsNameThePortAndCarryTheErrno(TestNamespace ns) {
        Ip ip = Ip.in(ns.name());
        ip.run("link", "add", "p0", "type", "veth", "peer", "name", "p1");
        try (Rtnetlink rt = Rtnetlink.open(ns.netns())) {
            BridgePorts ports = new BridgePorts(rt.socket());
            KernelException notAPort = assertThrows(KernelException.class,
                    () -> ports.set("p0", BridgePort.of().withLearning(false)));
            assertEquals(Errno.EOPNOTSUPP, notAPort.errno());
            assertEquals("set bridge port p0", notAPort.operation());
            KernelException missing = assertThrows(KernelException.class,
                    () -> ports.set("nothere", BridgePort.of().withLearning(false)));
            assertEquals(Errno.ENODEV, missing.errno());
            long before = rt.socket().stats().messagesSent();
            assertThrows(IllegalArgumentException.class, () -> ports.set("p0", BridgePort.of()));
            assertEquals(before, rt.socket().stats().messagesSent(), "an empty change sends nothing");
            assertEquals("[]", Oracle.json("bridge", "-n", ns.name(), "-j", "link", "show").toString(),
                    "bridge agrees: no ports");
        }
    }

    /** {@code bridge -j vlan show} as vid to flags, ranges expanded (bridge prints "vlan" and "vlanEnd"). */
    private static TreeMap<Integer, List<String>> bridgeVlans(TestNamespace ns, String dev) {
        TreeMap<Integer, List<String>> out = new TreeMap<>();
        for (JsonNode port : Oracle.json("bridge", "-n", ns.name(), "-j", "vlan", "show")) {
            if (!port.path("ifname").asText().equals(dev)) {
                continue;
            }
            for (JsonNode v : port.path("vlans")) {
                int vid = v.has("vlan") ? v.path("vlan").asInt() : v.path("vid").asInt();
                int end = v.has("vlanEnd") ? v.path("vlanEnd").asInt() : v.has("vidEnd") ? v.path("vidEnd").asInt() : vid;
                List<String> flags = new java.util.ArrayList<>();
                v.path("flags").forEach(f -> flags.add(f.asText()));
                for (int i = vid; i <= end; i++) {
                    out.put(i, flags);
                }
            }
        }
        return out;
    }

    /** jnetlink's list for one device in the same shape. */
    private static TreeMap<Integer, List<String>> jnetlinkVlans(BridgeVlans vlans, String dev) {
        TreeMap<Integer, List<String>> out = new TreeMap<>();
        vlans.list().stream().filter(p -> p.name().equals(dev)).flatMap(p -> p.vlans().stream()).forEach(v -> {
            List<String> flags = new java.util.ArrayList<>();
            if (v.pvid()) {
                flags.add("PVID");
            }
            if (v.untagged()) {
                flags.add("Egress Untagged");
            }
            for (int i = v.vid(); i <= v.vidEnd(); i++) {
                out.put(i, flags);
            }
        });
        return out;
    }

    @Test
    void vlanEntriesAreAddedListedAndDeleted(TestNamespace ns) {
        KernelSupport.assumeBridgeVlanFiltering();
        Ip ip = Ip.in(ns.name());
        ip.batch("""
                link add br0 type bridge vlan_filtering 1
                link add p0 type veth peer name p1
                link set p0 master br0
                """);
        try (Rtnetlink rt = Rtnetlink.open(ns.netns())) {
            BridgeVlans vlans = new BridgeVlans(rt.socket());
            vlans.add("p0", BridgeVlan.of(10).withPvid(true).withUntagged(true));
            vlans.add("p0", BridgeVlan.range(20, 30));
            vlans.add("p0", BridgeVlan.of(40).withUntagged(true));
            vlans.addSelf("br0", BridgeVlan.of(40));

            TreeMap<Integer, List<String>> p0 = bridgeVlans(ns, "p0");
            assertEquals(List.of("PVID", "Egress Untagged"), p0.get(10));
            assertEquals(List.of(), p0.get(25));
            assertEquals(List.of("Egress Untagged"), p0.get(40));
            assertEquals(p0, jnetlinkVlans(vlans, "p0"));
            assertTrue(bridgeVlans(ns, "br0").containsKey(40), "self entry on the bridge");
            assertEquals(bridgeVlans(ns, "br0"), jnetlinkVlans(vlans, "br0"));
            // the kernel compresses 20-30 into one range
            assertTrue(vlans.list().stream().filter(p -> p.name().equals("p0")).flatMap(p -> p.vlans().stream())
                    .anyMatch(v -> v.vid() == 20 && v.vidEnd() == 30), "ranges come back compressed");

            vlans.delete("p0", BridgeVlan.range(20, 30));
            vlans.deleteSelf("br0", BridgeVlan.of(40));
            p0 = bridgeVlans(ns, "p0");
            assertTrue(p0.keySet().stream().noneMatch(v -> v >= 20 && v <= 30), p0.toString());
            assertEquals(p0, jnetlinkVlans(vlans, "p0"));
            assertTrue(!bridgeVlans(ns, "br0").containsKey(40));
            assertEquals(bridgeVlans(ns, "br0"), jnetlinkVlans(vlans, "br0"));
        }
    }

    @Test
    void vlanRequestsOnAKernelWithoutVlanFilteringAreRefusedWithEopnotsupp(TestNamespace ns) {
        Ip ip = Ip.in(ns.name());
        ip.batch("""
                link add br0 type bridge
                link add p0 type veth peer name p1
                link set p0 master br0
                """);
        try (Rtnetlink rt = Rtnetlink.open(ns.netns())) {
            BridgeVlans vlans = new BridgeVlans(rt.socket());
            // listing works everywhere; bridge agrees on what there is
            assertEquals(bridgeVlans(ns, "p0"), jnetlinkVlans(vlans, "p0"));
            try {
                vlans.add("p0", BridgeVlan.of(10));
            } catch (KernelException e) {
                assertEquals(Errno.EOPNOTSUPP, e.errno(), e.getMessage());
                assertEquals("add bridge vlan 10 dev p0", e.operation());
                assertTrue(bridgeVlans(ns, "p0").isEmpty(), "nothing was added");
                return;
            }
            // a kernel with VLAN filtering accepts entries even on a non-filtering bridge
            assertTrue(bridgeVlans(ns, "p0").containsKey(10));
        }
    }
}
