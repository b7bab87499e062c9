package io.jnetlink.route.neigh;

import com.fasterxml.jackson.databind.JsonNode;
import io.jnetlink.core.Message;
import io.jnetlink.core.codec.Nl;
import io.jnetlink.core.error.Errno;
import io.jnetlink.core.error.KernelException;
import io.jnetlink.core.net.InetAddresses;
import io.jnetlink.core.net.MacAddress;
import io.jnetlink.oracles.Ip;
import io.jnetlink.oracles.Oracle;
import io.jnetlink.route.Rtm;
import io.jnetlink.route.Rtnetlink;
import io.jnetlink.route.route.RouteProtocol;
import io.jnetlink.testkit.NetnsTest;
import io.jnetlink.testkit.TestNamespace;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Neighbours against the kernel, each result checked with {@code ip -j neigh} (the oracle), never only with
 * jnetlink's own reader. Multicast destinations are left out of every comparison: the kernel adds NOARP
 * entries for them (MLD, router solicitation) on its own schedule while IPv6 starts on the links.
 */
@NetnsTest
class NeighboursKernelTest {

    /** The flag keys ip -j neigh prints (with a null value) for NTF_* bits. */
    private static final Set<String> IP_FLAG_KEYS = Set.of("router", "proxy", "extern_learn", "offload", "managed",
            "extern_valid");
    /** An hour: REACHABLE entries must not turn STALE between jnetlink's read and the oracle's. */
    private static final String REACHABLE_MS = "3600000";

    /** One entry as both sides can describe it (cache ages and probe counts change between the reads). */
    record Row(String dev, String dst, String lladdr, List<String> state, Set<String> flags, String protocol) {
    }

    private static Row row(Neighbour n, Map<Integer, String> names) {
        Set<String> flags = new TreeSet<>(n.flags().names());
        flags.retainAll(IP_FLAG_KEYS);
        return new Row(n.index() == 0 ? null : names.get(n.index()), InetAddresses.toString(n.destination()),
                n.lladdr().map(MacAddress::toString).orElse(null), n.state().names(), flags,
                n.protocol().map(RouteProtocol::name).orElse(null));
    }

    private static Row row(JsonNode j, String dev) {
        Set<String> flags = new TreeSet<>();
        for (String k : IP_FLAG_KEYS) {
            if (j.has(k)) {
                flags.add(k);
            }
        }
        List<String> state = new ArrayList<>();
        j.path("state").forEach(s -> state.add(s.asText()));
        return new Row(j.has("dev") ? j.get("dev").asText() : dev, j.get("dst").asText(), text(j, "lladdr"), state,
                flags, text(j, "protocol"));
    }

    private static String text(JsonNode j, String field) {
        return j.has(field) ? j.get(field).asText() : null;
    }

    private static boolean multicast(String dst) {
        return InetAddresses.parse(dst).isMulticastAddress();
    }

    /** The oracle's entries, unicast destinations only; {@code dev} names the link when filtered by it. */
    private static Set<Row> oracle(Ip ip, String dev, String... args) {
        Set<Row> rows = new HashSet<>();
        for (JsonNode j : ip.json(args)) {
            Row r = row(j, dev);
            if (!multicast(r.dst())) {
                assertTrue(rows.add(r), () -> "ip lists " + r + " twice");
            }
        }
        return rows;
    }

    private static Set<Row> rows(List<Neighbour> list, Map<Integer, String> names) {
        Set<Row> rows = new HashSet<>();
        for (Neighbour n : list) {
            Row r = row(n, names);
            if (!multicast(r.dst())) {
                assertTrue(rows.add(r), () -> "jnetlink lists " + r + " twice");
            }
        }
        return rows;
    }

    private static Map<Integer, String> linkNames(Ip ip) {
        Map<Integer, String> names = new HashMap<>();
        for (JsonNode l : ip.json("link")) {
            names.put(l.get("ifindex").asInt(), l.get("ifname").asText());
        }
        return names;
    }

    /** veth0/veth1, up, with reachable time of an hour on veth0 for both families. */
    private static Ip veth(TestNamespace ns) {
        Ip ip = Ip.in(ns.name());
        ip.run("link", "add", "veth0", "type", "veth", "peer", "name", "veth1");
        ip.run("link", "set", "veth0", "up");
        ip.run("link", "set", "veth1", "up");
        Oracle.run(null, "ip", "netns", "exec", ns.name(), "sysctl", "-qw",
                "net.ipv4.neigh.veth0.base_reachable_time_ms=" + REACHABLE_MS,
                "net.ipv6.neigh.veth0.base_reachable_time_ms=" + REACHABLE_MS).orThrow();
        return ip;
    }

    private static InetAddress ip(String s) {
        return InetAddresses.parse(s);
    }

    private static MacAddress mac(int last) {
        return new MacAddress(new byte[]{2, 0, 0, 0, 0, (byte) last});
    }

    @Test
    void statesAndFlagsOfIpv4AndIpv6NeighboursMatchIp(TestNamespace ns) {
        Ip ip = veth(ns);
        Map<Integer, String> names = linkNames(ip);
        try (Rtnetlink rt = Rtnetlink.open(ns.netns())) {
            Neighbours neighbours = rt.neighbours();
            int veth0 = rt.links().indexOf("veth0");
            int veth1 = rt.links().indexOf("veth1");
            neighbours.add("veth0", ip("10.0.0.2"), mac(2)); // permanent, as ip neigh add
            neighbours.add(Neighbour.builder(veth0, ip("10.0.0.3")).lladdr(mac(3)).state(NeighbourState.REACHABLE)
                    .flags(NeighbourFlags.ROUTER).build());
            neighbours.add(Neighbour.builder(veth0, ip("10.0.0.4")).lladdr(mac(4)).state(NeighbourState.STALE).build());
            neighbours.add(Neighbour.builder(veth0, ip("10.0.0.5")).lladdr(mac(5)).state(NeighbourState.NOARP).build());
            neighbours.add(Neighbour.builder(veth0, ip("10.0.0.6")).lladdr(mac(6)).flags(NeighbourFlags.EXTERN_LEARN)
                    .build());
            neighbours.add(Neighbour.builder(veth0, ip("10.0.0.7")).lladdr(mac(7)).state(NeighbourState.STALE)
                    .protocol(RouteProtocol.ZEBRA).build());
            neighbours.add(Neighbour.builder(veth0, ip("2001:db8::2")).lladdr(mac(12)).flags(NeighbourFlags.ROUTER)
                    .build());
            neighbours.add(Neighbour.builder(veth0, ip("2001:db8::3")).lladdr(mac(13))
                    .state(NeighbourState.REACHABLE).build());
            neighbours.add(Neighbour.builder(veth0, ip("2001:db8::4")).lladdr(mac(14)).state(NeighbourState.STALE)
                    .flags(NeighbourFlags.ROUTER).build());
            neighbours.add(Neighbour.builder(veth0, ip("2001:db8::5")).lladdr(mac(15)).state(NeighbourState.NOARP)
                    .build());
            neighbours.add(Neighbour.builder(veth1, ip("10.0.1.2")).lladdr(mac(22)).build());
            neighbours.add(Neighbour.proxy(veth0, ip("10.0.0.9")).build());
            neighbours.add(Neighbour.proxy(veth0, ip("2001:db8::9")).build());
            neighbours.add(Neighbour.proxy(veth1, ip("10.0.1.9")).build());

            Set<Row> veth0Rows = rows(neighbours.list("veth0"), names);
            assertEquals(oracle(ip, "veth0", "neigh", "show", "dev", "veth0", "nud", "all"), veth0Rows);
            assertEquals(10, veth0Rows.size(), veth0Rows::toString);
            assertTrue(veth0Rows.contains(new Row("veth0", "10.0.0.3", "02:00:00:00:00:03", List.of("REACHABLE"),
                    Set.of("router"), null)), veth0Rows::toString);
            assertTrue(veth0Rows.contains(new Row("veth0", "10.0.0.5", "02:00:00:00:00:05", List.of("NOARP"), Set.of(),
                    null)), veth0Rows::toString);
            assertTrue(veth0Rows.contains(new Row("veth0", "10.0.0.6", "02:00:00:00:00:06", List.of("PERMANENT"),
                    Set.of("extern_learn"), null)), veth0Rows::toString);
            assertTrue(veth0Rows.contains(new Row("veth0", "10.0.0.7", "02:00:00:00:00:07", List.of("STALE"), Set.of(),
                    "zebra")), veth0Rows::toString);
            assertTrue(veth0Rows.contains(new Row("veth0", "2001:db8::4", "02:00:00:00:00:0e", List.of("STALE"),
                    Set.of("router"), null)), veth0Rows::toString);

            assertEquals(oracle(ip, null, "neigh", "show", "nud", "all"), rows(neighbours.list(), names));

            Set<Row> proxies = rows(neighbours.proxies("veth0"), names);
            assertEquals(oracle(ip, "veth0", "neigh", "show", "proxy", "dev", "veth0"), proxies);
            assertEquals(2, proxies.size(), proxies::toString);
            assertEquals(oracle(ip, null, "neigh", "show", "proxy"), rows(neighbours.proxies(), names));
            assertTrue(neighbours.proxies().stream().allMatch(Neighbour::isProxy));
            assertTrue(neighbours.list().stream().noneMatch(Neighbour::isProxy));
        }
    }

    @Test
    void replaceChangesAnEntryAndDeleteRemovesWhatListReturned(TestNamespace ns) {
        Ip ip = veth(ns);
        Map<Integer, String> names = linkNames(ip);
        try (Rtnetlink rt = Rtnetlink.open(ns.netns())) {
            Neighbours neighbours = rt.neighbours();
            int veth0 = rt.links().indexOf("veth0");
            Neighbour n = Neighbour.builder(veth0, ip("10.0.0.2")).lladdr(mac(2)).build();
            neighbours.add(n);
            KernelException exists = assertThrows(KernelException.class, () -> neighbours.add(n));
            assertEquals(Errno.EEXIST, exists.errno());
            assertTrue(exists.operation().startsWith("add neighbour 10.0.0.2 lladdr 02:00:00:00:00:02"),
                    exists::operation);

            neighbours.replace(n.toBuilder().lladdr(mac(3)).state(NeighbourState.STALE).flags(NeighbourFlags.ROUTER)
                    .build());
            assertEquals(Set.of(new Row("veth0", "10.0.0.2", "02:00:00:00:00:03", List.of("STALE"), Set.of("router"),
                    null)), oracle(ip, "veth0", "neigh", "show", "dev", "veth0", "nud", "all"));

            neighbours.add(Neighbour.builder(veth0, ip("2001:db8::7")).lladdr(mac(7)).build());
            neighbours.add(Neighbour.proxy(veth0, ip("10.0.0.9")).build());
            // what the kernel dumped (type, probes, cache info included) goes back as it is
            for (Neighbour listed : neighbours.list("veth0")) {
                if (!listed.destination().isMulticastAddress()) {
                    neighbours.delete(listed);
                }
            }
            for (Neighbour listed : neighbours.proxies("veth0")) {
                neighbours.delete(listed);
            }
            assertEquals(Set.of(), oracle(ip, "veth0", "neigh", "show", "dev", "veth0", "nud", "all"));
            assertEquals(Set.of(), oracle(ip, "veth0", "neigh", "show", "proxy", "dev", "veth0"));
            KernelException gone = assertThrows(KernelException.class, () -> neighbours.delete(n));
            assertEquals(Errno.ENOENT, gone.errno());
            assertEquals(Set.of(), rows(neighbours.list("veth0"), names));
        }
    }

    @Test
    void theKernelHonoursTheDumpFilters(TestNamespace ns) {
        Ip ip = veth(ns);
        try (Rtnetlink rt = Rtnetlink.open(ns.netns())) {
            int veth0 = rt.links().indexOf("veth0");
            int veth1 = rt.links().indexOf("veth1");
            rt.neighbours().add(Neighbour.builder(veth0, ip("10.0.0.2")).lladdr(mac(2)).build());
            rt.neighbours().add(Neighbour.builder(veth0, ip("2001:db8::2")).lladdr(mac(2)).build());
            rt.neighbours().add(Neighbour.builder(veth1, ip("10.0.1.2")).lladdr(mac(3)).build());
            rt.neighbours().add(Neighbour.proxy(veth1, ip("10.0.1.9")).build());

            List<Message> byLink = rt.socket().dump(NeighbourCodec.dump(Rtm.AF_UNSPEC, veth1));
            assertFalse(byLink.isEmpty());
            for (Message m : byLink) {
                assertTrue(m.hasFlag(Nl.NLM_F_DUMP_FILTERED), "the kernel marks a filtered dump");
                assertEquals(veth1, NeighbourCodec.decode(m).index());
                assertFalse(NeighbourCodec.decode(m).isProxy());
            }
            Map<Integer, String> names = linkNames(ip);
            assertEquals(oracle(ip, "veth1", "neigh", "show", "dev", "veth1", "nud", "all"),
                    rows(byLink.stream().map(NeighbourCodec::decode).toList(), names));

            List<Message> ipv6 = rt.socket().dump(NeighbourCodec.dump(Rtm.AF_INET6, veth0));
            assertFalse(ipv6.isEmpty());
            for (Message m : ipv6) {
                assertEquals(Rtm.AF_INET6, NeighbourCodec.decode(m).family());
            }
            assertEquals(oracle(ip, "veth0", "-6", "neigh", "show", "dev", "veth0", "nud", "all"),
                    rows(ipv6.stream().map(NeighbourCodec::decode).toList(), names));

            List<Message> proxies = rt.socket().dump(NeighbourCodec.dumpProxies(Rtm.AF_INET, veth1));
            assertEquals(1, proxies.size());
            assertEquals(ip("10.0.1.9"), NeighbourCodec.decode(proxies.getFirst()).destination());
        }
    }

    @Test
    void addAllAndDeleteAllInOneBatch(TestNamespace ns) {
        Ip ip = veth(ns);
        try (Rtnetlink rt = Rtnetlink.open(ns.netns())) {
            int veth0 = rt.links().indexOf("veth0");
            List<Neighbour> many = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                many.add(Neighbour.builder(veth0, ip("10.1." + (i / 100) + "." + (i % 100 + 1)))
                        .lladdr(mac(i)).build());
            }
            long sent = rt.socket().stats().messagesSent();
            rt.neighbours().addAll(many);
            assertEquals(sent + many.size(), rt.socket().stats().messagesSent());
            assertEquals(200, oracle(ip, "veth0", "neigh", "show", "dev", "veth0", "nud", "permanent").size());
            rt.neighbours().deleteAll(many);
            assertEquals(Set.of(), oracle(ip, "veth0", "neigh", "show", "dev", "veth0", "nud", "all"));
        }
    }
}
