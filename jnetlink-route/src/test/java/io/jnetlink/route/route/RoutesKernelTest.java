package io.jnetlink.route.route;

import io.jnetlink.route.testing.NetFixture;
import io.jnetlink.route.Scope;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jnetlink.core.Message;
import io.jnetlink.core.codec.Nl;
import io.jnetlink.core.error.BatchException;
import io.jnetlink.core.error.Errno;
import io.jnetlink.core.error.KernelException;
import io.jnetlink.core.net.InetAddresses;
import io.jnetlink.oracles.Ip;
import io.jnetlink.oracles.Oracle;
import io.jnetlink.route.Rtm;
import io.jnetlink.route.Rtnetlink;
import io.jnetlink.testkit.NetnsTest;
import io.jnetlink.testkit.TestNamespace;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Routes against the kernel, each result checked with {@code ip -j route} (the oracle), never only with
 * jnetlink's own reader.
 */
@NetnsTest
class RoutesKernelTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Table names ip prints (rt_tables), typed independently of jnetlink's constants. */
    private static final Map<String, Long> IP_TABLES = Map.of("main", 254L, "local", 255L, "default", 253L);

    /** One route as both sides can describe it. */
    record Row(String family, String type, String dst, String gateway, String dev, long table, Long metric,
               String scope, String protocol, String prefsrc, int tos, Set<String> flags) {
    }

    private static Row row(Route r, Map<Integer, String> links) {
        return new Row(r.family() == InetAddresses.AF_INET ? "inet" : "inet6", r.type().name(),
                InetAddresses.toString(r.destination().address()) + "/" + r.destination().length(),
                r.gateway().map(InetAddresses::toString).orElse(null),
                r.outputIndex().isPresent() ? links.get(r.outputIndex().getAsInt()) : null,
                Integer.toUnsignedLong(r.table()),
                r.metric().isPresent() ? Integer.toUnsignedLong(r.metric().getAsInt()) : null,
                r.scope().name(), r.protocol().name(), r.preferredSource().map(InetAddresses::toString).orElse(null),
                r.tos(), new HashSet<>(RouteFlags.names(r.flags())));
    }

    /**
     * ip's JSON, whose defaults (unicast, boot, global, and the table main or the one shown) are left out and
     * whose host routes have no /32.
     */
    private static Row row(String family, JsonNode j, String shownTable) {
        boolean v4 = family.equals("inet");
        String dst = j.get("dst").asText();
        if (dst.equals("default")) {
            dst = v4 ? "0.0.0.0/0" : "::/0";
        } else if (!dst.contains("/")) {
            dst += v4 ? "/32" : "/128";
        }
        String table = j.has("table") ? j.get("table").asText() : shownTable.equals("all") ? "main" : shownTable;
        Set<String> flags = new HashSet<>();
        j.path("flags").forEach(f -> flags.add(f.asText()));
        return new Row(family, j.has("type") ? j.get("type").asText() : "unicast", dst, text(j, "gateway"),
                text(j, "dev"), IP_TABLES.containsKey(table) ? IP_TABLES.get(table) : Long.parseLong(table),
                j.has("metric") ? j.get("metric").asLong() : null,
                j.has("scope") ? j.get("scope").asText() : "global",
                j.has("protocol") ? j.get("protocol").asText() : "boot", text(j, "prefsrc"),
                j.has("tos") ? Integer.decode(j.get("tos").asText()) : 0, flags);
    }

    private static String text(JsonNode j, String field) {
        return j.has(field) ? j.get(field).asText() : null;
    }

    /** {@code ip -j -4 route show table T} plus {@code ip -j -6 route show table T} as rows. */
    private static Set<Row> oracle(Ip ip, String table) {
        Set<Row> rows = new HashSet<>();
        for (JsonNode j : routesOf(ip, "-4", table)) {
            rows.add(row("inet", j, table));
        }
        for (JsonNode j : routesOf(ip, "-6", table)) {
            rows.add(row("inet6", j, table));
        }
        return rows;
    }

    /** One family's routes of a table; none when the family has no such table (ip then fails, saying so). */
    private static JsonNode routesOf(Ip ip, String family, String table) {
        Oracle.Result r = ip.attempt("-j", family, "route", "show", "table", table);
        if (r.exitCode() != 0 && r.stderr().contains("FIB table does not exist")) {
            return JSON.createArrayNode();
        }
        try {
            String out = r.orThrow().stdout();
            return out.isBlank() ? JSON.createArrayNode() : JSON.readTree(out);
        } catch (java.io.IOException e) {
            throw new AssertionError("ip printed no JSON: " + r.stdout(), e);
        }
    }

    /** Equal sets, or a failure listing what only one side has (not both sets of thousands). */
    private static void assertSameRows(Set<Row> ip, Set<Row> jnetlink) {
        Set<Row> onlyIp = new HashSet<>(ip);
        onlyIp.removeAll(jnetlink);
        Set<Row> onlyJnetlink = new HashSet<>(jnetlink);
        onlyJnetlink.removeAll(ip);
        if (!onlyIp.isEmpty() || !onlyJnetlink.isEmpty()) {
            throw new AssertionError("routes differ (" + ip.size() + " from ip, " + jnetlink.size()
                    + " from jnetlink)\nonly ip shows: " + first(onlyIp) + "\nonly jnetlink lists: " + first(onlyJnetlink));
        }
    }

    private static String first(Set<Row> rows) {
        return rows.stream().limit(10).map(Row::toString).collect(Collectors.joining("\n  ", "\n  ",
                rows.size() > 10 ? "\n  ... " + (rows.size() - 10) + " more" : ""));
    }

    private static Set<Row> rows(List<Route> routes, Ip ip) {
        Map<Integer, String> links = NetFixture.linkNames(ip);
        Set<Row> rows = routes.stream().map(r -> row(r, links)).collect(Collectors.toSet());
        assertEquals(routes.size(), rows.size(), "no route may be listed twice");
        return rows;
    }

    /** veth0/veth1 with 10.9.0.1/24 and 2001:db8:9::1/64 on veth0, settled. */
    private static Ip setUp(TestNamespace ns) {
        Ip ip = NetFixture.vethPair(ns, "veth0", "veth1");
        ip.run("address", "add", "10.9.0.1/24", "dev", "veth0");
        ip.run("address", "add", "2001:db8:9::1/64", "dev", "veth0", "nodad");
        NetFixture.settle(ip);
        return ip;
    }

    @Test
    void everyFieldRoundTripsAgainstIp(TestNamespace ns) {
        Ip ip = setUp(ns);
        int veth0 = NetFixture.indexOf(ip, "veth0");
        List<Route> added = List.of(
                Route.builder("default").gateway("10.9.0.254").build(),
                Route.builder("default6").gateway("2001:db8:9::fe").outputIndex(veth0).build(),
                Route.builder("10.55.0.0/16").gateway("10.9.0.2").outputIndex(veth0).table(50).metric(7)
                        .preferredSource("10.9.0.1").protocol(RouteProtocol.STATIC).build(),
                Route.builder("10.66.0.0/16").outputIndex(veth0).build(),
                Route.builder("10.96.0.0/16").outputIndex(veth0).scope(Scope.HOST).build(),
                Route.builder("10.95.0.0/16").outputIndex(veth0).protocol(RouteProtocol.of(200)).build(),
                Route.builder("10.94.0.0/16").outputIndex(veth0).tos(0x10).build(),
                Route.builder("10.99.0.0/16").gateway("10.99.0.1").outputIndex(veth0).flags(RouteFlags.ONLINK).build(),
                Route.builder("2001:db8:50::/48").gateway("2001:db8:9::fe").outputIndex(veth0).metric(100)
                        .table(1000).protocol(RouteProtocol.DHCP).build(),
                Route.builder("2001:db8:51::/48").outputIndex(veth0).preferredSource("2001:db8:9::1").build(),
                Route.builder("10.77.0.0/16").type(RouteType.BLACKHOLE).build(),
                Route.builder("10.78.0.0/16").type(RouteType.UNREACHABLE).table(70).build(),
                Route.builder("10.79.0.0/16").type(RouteType.PROHIBIT).metric(5).build(),
                Route.builder("10.97.0.0/16").type(RouteType.THROW).table(70).build(),
                Route.builder("2001:db8:88::/48").type(RouteType.BLACKHOLE).build(),
                Route.builder("2001:db8:66::/48").type(RouteType.UNREACHABLE).build(),
                Route.builder("2001:db8:67::/48").type(RouteType.PROHIBIT).table(70).build(),
                Route.builder("10.44.0.1/32").type(RouteType.LOCAL).outputIndex(veth0).table(60).build());
        try (Rtnetlink rt = Rtnetlink.open(ns.netns())) {
            Routes routes = rt.routes();
            for (Route r : added) {
                routes.add(r);
            }
            NetFixture.settle(ip);
            List<Route> mine = routes.list();
            assertSameRows(oracle(ip, "all"), rows(mine, ip));

            // Each added route is there as added, seen by ip (the kernel's prefix and local routes too).
            Set<Row> theirs = oracle(ip, "all");
            Map<Integer, String> links = NetFixture.linkNames(ip);
            for (Route r : added) {
                Row expected = row(r, links);
                assertTrue(theirs.stream().anyMatch(t -> t.dst().equals(expected.dst()) && t.type().equals(expected.type())
                        && t.table() == expected.table() && java.util.Objects.equals(t.gateway(), expected.gateway())
                        && t.protocol().equals(expected.protocol()) && t.tos() == expected.tos()
                        && (r.family() == InetAddresses.AF_INET6 || t.scope().equals(expected.scope()))),
                        () -> "ip does not show " + expected);
            }
            JsonNode defaultV4 = ip.json("-4", "route", "show", "default").get(0);
            assertEquals("10.9.0.254", defaultV4.get("gateway").asText());
            JsonNode defaultV6 = ip.json("-6", "route", "show", "default").get(0);
            assertEquals("2001:db8:9::fe", defaultV6.get("gateway").asText());
            assertEquals("veth0", defaultV6.get("dev").asText());
            assertEquals(1024, defaultV6.get("metric").asInt(), "the kernel's default IPv6 metric");
            assertTrue(mine.stream().anyMatch(r -> r.type().equals(RouteType.LOCAL) && r.table() == Route.TABLE_LOCAL
                    && r.protocol().equals(RouteProtocol.KERNEL)), "the kernel's local routes are listed");
        }
    }

    @Test
    void replaceChangesInPlace(TestNamespace ns) {
        Ip ip = setUp(ns);
        int veth0 = NetFixture.indexOf(ip, "veth0");
        try (Rtnetlink rt = Rtnetlink.open(ns.netns())) {
            Routes routes = rt.routes();
            Route v4 = Route.builder("10.1.0.0/16").gateway("10.9.0.2").metric(10).table(100).build();
            routes.add(v4);
            routes.replace(v4.toBuilder().gateway("10.9.0.3").protocol(RouteProtocol.STATIC).build());
            JsonNode shown = ip.json("-4", "route", "show", "table", "100");
            assertEquals(1, shown.size(), shown.toString());
            assertEquals("10.9.0.3", shown.get(0).get("gateway").asText());
            assertEquals("static", shown.get(0).get("protocol").asText());

            Route v6 = Route.builder("2001:db8:1::/48").gateway("2001:db8:9::2").outputIndex(veth0).table(100).build();
            routes.add(v6);
            Route listed = routes.list(100).stream().filter(r -> r.family() == InetAddresses.AF_INET6).findFirst()
                    .orElseThrow();
            routes.replace(listed.toBuilder().gateway("2001:db8:9::3").build());
            JsonNode shown6 = ip.json("-6", "route", "show", "table", "100");
            assertEquals(1, shown6.size(), shown6.toString());
            assertEquals("2001:db8:9::3", shown6.get(0).get("gateway").asText());

            routes.replace(Route.builder("10.2.0.0/16").gateway("10.9.0.2").table(100).build()); // creates
            assertSameRows(oracle(ip, "100"), rows(routes.list(100), ip));
            assertEquals(3, routes.list(100).size());
        }
    }

    @Test
    void deleteRemoves(TestNamespace ns) {
        Ip ip = setUp(ns);
        int veth0 = NetFixture.indexOf(ip, "veth0");
        ip.batch("""
                route add 10.1.0.0/16 via 10.9.0.2 table 100
                route add blackhole 10.2.0.0/16 table 100
                route add 2001:db8:1::/48 via 2001:db8:9::2 dev veth0 table 100 metric 5
                route add 10.3.0.0/16 dev veth0 table 100 proto static
                """);
        try (Rtnetlink rt = Rtnetlink.open(ns.netns())) {
            Routes routes = rt.routes();
            routes.delete(Route.builder("10.1.0.0/16").gateway("10.9.0.2").table(100).build());
            routes.delete(Route.builder("10.2.0.0/16").type(RouteType.BLACKHOLE).table(100).build());
            routes.delete(Route.builder("2001:db8:1::/48").outputIndex(veth0).metric(5).table(100).build());
            // Built with defaults (protocol boot, scope link) it still matches ip's proto static route, as
            // ip route del would: scope and protocol are wildcards in a delete.
            routes.delete(Route.builder("10.3.0.0/16").outputIndex(veth0).table(100).build());
            assertEquals(Set.of(), oracle(ip, "100"));

            // A listed route deletes itself: the kernel's prefix route of 10.9.0.1/24.
            Route prefix = routes.list(Route.TABLE_MAIN).stream()
                    .filter(r -> r.destination().toString().equals("10.9.0.0/24")).findFirst().orElseThrow();
            routes.delete(prefix);
            assertTrue(ip.json("-4", "route", "show", "10.9.0.0/24").isEmpty());

            KernelException e = assertThrows(KernelException.class,
                    () -> routes.delete(Route.builder("10.123.0.0/16").outputIndex(veth0).build()));
            assertEquals(Errno.ESRCH, e.errno());
            assertTrue(e.getMessage().startsWith("delete route 10.123.0.0/16 ifindex " + veth0 + ": ESRCH"),
                    e.getMessage());
            assertIpSays(ip.attempt("route", "del", "10.123.0.0/16", "dev", "veth0"), e);
        }
    }

    @Test
    void addingAnExistingRouteFailsWithEexist(TestNamespace ns) {
        Ip ip = setUp(ns);
        int veth0 = NetFixture.indexOf(ip, "veth0");
        try (Rtnetlink rt = Rtnetlink.open(ns.netns())) {
            Route r = Route.builder("10.1.0.0/16").gateway("10.9.0.2").outputIndex(veth0).build();
            rt.routes().add(r);
            KernelException e = assertThrows(KernelException.class, () -> rt.routes().add(r));
            assertEquals(Errno.EEXIST, e.errno());
            assertEquals("add route 10.1.0.0/16 via 10.9.0.2 ifindex " + veth0, e.operation());
            assertIpSays(ip.attempt("route", "add", "10.1.0.0/16", "via", "10.9.0.2", "dev", "veth0"), e);

            Route r6 = Route.builder("2001:db8:1::/48").gateway("2001:db8:9::2").outputIndex(veth0).build();
            rt.routes().add(r6);
            KernelException e6 = assertThrows(KernelException.class, () -> rt.routes().add(r6));
            assertEquals(Errno.EEXIST, e6.errno());
            assertIpSays(ip.attempt("-6", "route", "add", "2001:db8:1::/48", "via", "2001:db8:9::2", "dev", "veth0"), e6);
        }
    }

    /** See the address tests: ip prints {@code Error: TEXT.} for an extended ACK, else the errno text. */
    private static void assertIpSays(Oracle.Result ip, KernelException e) {
        assertNotEquals(0, ip.exitCode(), "ip must fail the same way");
        String said = ip.stderr().strip();
        if (said.startsWith("Error: ")) {
            String text = e.kernelMessage().orElseThrow(() -> new AssertionError("ip said '" + said
                    + "' but jnetlink has no extended-ACK message: " + e.getMessage()));
            assertEquals(said, "Error: " + text + (text.endsWith(".") ? "" : "."));
            assertTrue(e.getMessage().contains(text), e.getMessage());
        } else {
            assertEquals("RTNETLINK answers: " + e.errno().description(), said);
            assertEquals(Optional.empty(), e.kernelMessage());
        }
    }

    @Test
    void thousandRoutesInOneBatchListExactlyAsIpShowsThem(TestNamespace ns) {
        Ip ip = setUp(ns);
        int veth0 = NetFixture.indexOf(ip, "veth0");
        List<Route> many = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            many.add(Route.builder("10." + (100 + i / 250) + "." + (i % 250) + ".0/24").gateway("10.9.0.2")
                    .table(100).metric(i % 3).build());
            many.add(Route.builder("2001:db8:1000:" + Integer.toHexString(i) + "::/64").gateway("2001:db8:9::fe")
                    .outputIndex(veth0).table(100).build());
        }
        try (Rtnetlink rt = Rtnetlink.open(ns.netns())) {
            Routes routes = rt.routes();
            routes.addAll(many);
            List<Route> mine = routes.list(100);
            assertEquals(many.size(), mine.size());
            assertSameRows(oracle(ip, "100"), rows(mine, ip));

            routes.deleteAll(many);
            assertEquals(Set.of(), oracle(ip, "100"));
            assertEquals(List.of(), routes.list(100));
        }
    }

    @Test
    void dumpOfTenThousandRoutesMatchesIp(TestNamespace ns) {
        Ip ip = setUp(ns);
        List<Route> many = new ArrayList<>(10_000);
        for (int i = 0; i < 10_000; i++) {
            many.add(Route.builder("10." + (100 + i / 250) + "." + (i % 250) + ".0/24").gateway("10.9.0.2")
                    .metric(i % 5).table(200).build());
        }
        try (Rtnetlink rt = Rtnetlink.open(ns.netns())) {
            rt.routes().addAll(many);
            Set<String> mine = rt.routes().list(200).stream()
                    .map(r -> r.destination() + " via " + InetAddresses.toString(r.gateway().orElseThrow())
                            + " metric " + r.metric().orElse(0))
                    .collect(Collectors.toCollection(TreeSet::new));
            Set<String> theirs = new TreeSet<>();
            for (JsonNode j : ip.json("-4", "route", "show", "table", "200")) {
                theirs.add(j.get("dst").asText() + " via " + j.get("gateway").asText() + " metric "
                        + j.path("metric").asInt(0));
            }
            assertEquals(10_000, theirs.size());
            assertEquals(theirs, mine);
        }
    }

    @Test
    void batchFailureInTheMiddleNamesTheRequestAndTheOthersApply(TestNamespace ns) {
        Ip ip = setUp(ns);
        try (Rtnetlink rt = Rtnetlink.open(ns.netns())) {
            List<Route> batch = List.of(
                    Route.builder("10.1.0.0/16").gateway("10.9.0.2").table(100).build(),
                    Route.builder("10.2.0.0/16").gateway("10.200.0.1").table(100).build(), // unreachable gateway
                    Route.builder("10.3.0.0/16").gateway("10.9.0.2").table(100).build());
            BatchException e = assertThrows(BatchException.class, () -> rt.routes().addAll(batch));
            assertEquals(3, e.batchSize());
            assertEquals(1, e.failures().size());
            assertEquals(1, e.failures().getFirst().index());
            assertEquals("add route 10.2.0.0/16 via 10.200.0.1 table 100", e.first().operation());
            assertTrue(e.getMessage().contains("add route 10.2.0.0/16 via 10.200.0.1 table 100")
                    && e.getMessage().contains("[request 2 of 3]"), e.getMessage());
            assertIpSays(ip.attempt("route", "add", "10.2.0.0/16", "via", "10.200.0.1", "table", "100"), e.first());
            Set<String> present = new TreeSet<>();
            ip.json("-4", "route", "show", "table", "100").forEach(j -> present.add(j.get("dst").asText()));
            assertEquals(Set.of("10.1.0.0/16", "10.3.0.0/16"), present);
        }
    }

    @Test
    void listOfATableIsFilteredByTheKernel(TestNamespace ns) {
        Ip ip = setUp(ns);
        ip.batch("""
                route add 10.1.0.0/16 via 10.9.0.2 table 100
                route add 10.2.0.0/16 via 10.9.0.2 table 101
                route add 2001:db8:1::/48 via 2001:db8:9::2 dev veth0 table 100
                route add 10.3.0.0/16 via 10.9.0.2 table 70000
                """);
        try (Rtnetlink rt = Rtnetlink.open(ns.netns())) {
            List<Message> raw = rt.socket().dump(RouteCodec.dump(100));
            assertEquals(2, raw.size(), "one IPv4 and one IPv6 route, nothing else crossed the socket");
            for (Message m : raw) {
                assertEquals(Rtm.RTM_NEWROUTE, m.type());
                assertTrue(m.hasFlag(Nl.NLM_F_DUMP_FILTERED), "the kernel applied the filter");
                assertEquals(100, RouteCodec.decode(m).table());
            }
            assertSameRows(oracle(ip, "100"), rows(rt.routes().list(100), ip));
            assertSameRows(oracle(ip, "70000"), rows(rt.routes().list(70000), ip));
            assertEquals(1, rt.routes().list(70000).size());
            assertEquals(List.of(), rt.routes().list(4242), "a table that does not exist is empty");
            assertSameRows(oracle(ip, "all"), rows(rt.routes().list(), ip));
        }
    }

    @Test
    void badInputIsRefusedBeforeAnythingIsSent(TestNamespace ns) {
        Ip ip = setUp(ns);
        try (Rtnetlink rt = Rtnetlink.open(ns.netns())) {
            long sent = rt.socket().stats().messagesSent();
            Routes routes = rt.routes();
            IllegalArgumentException mismatch = assertThrows(IllegalArgumentException.class,
                    () -> routes.add(Route.builder("10.1.0.0/16").gateway("2001:db8:9::2").build()));
            assertTrue(mismatch.getMessage().contains("gateway 2001:db8:9::2"), mismatch.getMessage());
            assertThrows(IllegalArgumentException.class, () -> routes.add(Route.builder("10.1.0.0/16").build()));
            Route valid = Route.builder("10.1.0.0/16").gateway("10.9.0.2").table(100).build();
            Route invalid = Route.builder("10.2.0.0/16").type(RouteType.BLACKHOLE).gateway("10.9.0.2").build();
            assertThrows(IllegalArgumentException.class, () -> routes.addAll(List.of(valid, invalid)));
            assertEquals(sent, rt.socket().stats().messagesSent(), "nothing was sent");
            assertTrue(ip.json("-4", "route", "show", "table", "all").findValuesAsText("dst").stream()
                    .noneMatch(d -> d.equals("10.1.0.0/16")));
        }
    }
}
