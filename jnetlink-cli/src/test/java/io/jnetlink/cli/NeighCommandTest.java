package io.jnetlink.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.jnetlink.oracles.Ip;
import io.jnetlink.testkit.NetnsTest;
import io.jnetlink.testkit.TestNamespace;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.jnetlink.cli.LinkListTest.strings;
import static io.jnetlink.cli.LinkListTest.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code jnl neigh}: each change made with jnl here and with {@code ip neigh} in a twin namespace, after which
 * {@code ip -j neigh show nud all} and {@code ip -j neigh show proxy} must agree; listings compared with ip's.
 */
@NetnsTest
class NeighCommandTest {

    /** Links with fixed addresses, down: the tables of two namespaces then hold the same entries. */
    private static final String LINKS = """
            link add v0 address 02:00:00:00:0a:00 type veth peer name v1 address 02:00:00:00:0a:01
            """;

    private static JsonNode neighbours(String netns) {
        return Ip.in(netns).json("neigh", "show", "nud", "all");
    }

    private static JsonNode proxies(String netns) {
        return Ip.in(netns).json("neigh", "show", "proxy");
    }

    @Test
    void everyChangeLeavesTheTableIpLeaves(TestNamespace ns) {
        String twin = ns.name() + "-ip";
        Cli.ipNetnsAdd(twin);
        try {
            Ip.in(ns.name()).batch(LINKS);
            Ip.in(twin).batch(LINKS);
            for (String line : List.of(
                    "neigh add 10.0.0.9 lladdr 02:00:00:00:00:09 dev v0 nud stale router",
                    "neigh add fd00::9 lladdr 02:00:00:00:00:0a dev v0",
                    "neigh add 10.0.0.11 lladdr 02:00:00:00:00:0b dev v0 nud noarp",
                    "neigh add proxy 10.0.0.10 dev v0",
                    "neigh add proxy fd00::10 dev v1",
                    "neigh replace 10.0.0.9 lladdr 02:00:00:00:00:0c dev v0 nud permanent",
                    "neigh replace 10.0.0.12 lladdr 02:00:00:00:00:0d dev v1 nud stale",
                    "neigh del fd00::9 dev v0",
                    "neigh del proxy 10.0.0.10 dev v0")) {
                Cli.ok(ns.name(), line);
                Ip.in(twin).run(line.split(" "));
                String where = "after '" + line + "': jnl (right), ip (left)";
                assertEquals(Cli.sorted(neighbours(twin)), Cli.sorted(neighbours(ns.name())), where);
                assertEquals(Cli.sorted(proxies(twin)), Cli.sorted(proxies(ns.name())), where);
            }
            assertEquals(1, proxies(ns.name()).size(), proxies(ns.name()).toString());
        } finally {
            Cli.ipNetnsDel(twin);
        }
    }

    @Test
    void reachableIsReachable(TestNamespace ns) {
        Ip.in(ns.name()).batch(LINKS);
        Cli.ok(ns.name(), "neigh add 10.0.0.9 lladdr 02:00:00:00:00:09 dev v0 nud reachable");
        JsonNode n = neighbours(ns.name()).get(0);
        assertEquals("10.0.0.9", n.path("dst").asText());
        assertEquals(List.of("REACHABLE"), strings(n.path("state")), "right after adding, before it ages: " + n);
    }

    @Test
    void listingsAreIps(TestNamespace ns) {
        Ip ip = Ip.in(ns.name());
        ip.batch(LINKS + """
                neigh add 10.0.0.9 lladdr 02:00:00:00:00:09 dev v0 nud stale router
                neigh add fd00::9 lladdr 02:00:00:00:00:0a dev v0
                neigh add 10.0.0.11 dev v1 nud noarp
                neigh add 10.0.0.12 lladdr 02:00:00:00:00:0d dev v1 nud permanent
                neigh add proxy 10.0.0.10 dev v0
                """);
        assertListing(neighbours(ns.name()), Cli.ok(ns.name(), "-j neigh list").json());
        assertListing(ip.json("neigh", "show", "dev", "v1", "nud", "all"), Cli.ok(ns.name(), "-j neigh show dev v1").json());
        assertListing(ip.json("-6", "neigh", "show", "nud", "all"), Cli.ok(ns.name(), "-6 -j neigh").json());
        assertListing(proxies(ns.name()), Cli.ok(ns.name(), "-j neigh ls proxy").json());
        String table = Cli.ok(ns.name(), "neigh").out();
        assertTrue(table.lines().anyMatch(l -> l.matches("10\\.0\\.0\\.9 +v0 +02:00:00:00:00:09 +STALE +router")), table);
    }

    /** The same entries in the same order; dev, lladdr, state and flags as ip prints them. */
    private static void assertListing(JsonNode ip, JsonNode jnl) {
        assertEquals(ip.size(), jnl.size(), "entries:\n" + ip + "\n" + jnl);
        for (int i = 0; i < ip.size(); i++) {
            JsonNode o = ip.get(i);
            JsonNode j = jnl.get(i);
            String where = "entry " + o + ": ";
            assertEquals(o.path("dst").asText(), j.path("dst").asText(), where + "dst");
            if (o.has("dev")) {
                assertEquals(o.path("dev").asText(), j.path("dev").asText(), where + "dev");
            }
            assertEquals(text(o, "lladdr"), text(j, "lladdr"), where + "lladdr");
            assertEquals(o.has("state") ? strings(o.path("state")) : List.of(), strings(j.path("state")), where + "state");
            for (String flag : List.of("router", "proxy")) {
                assertEquals(o.has(flag), strings(j.path("flags")).contains(flag), where + flag);
            }
        }
    }

    @Test
    void kernelRefusalsExitOneWithOneLine(TestNamespace ns) {
        Ip.in(ns.name()).batch(LINKS + "neigh add 10.0.0.9 lladdr 02:00:00:00:00:09 dev v0\n");
        String before = Cli.l2State(ns.name());
        assertTrue(Cli.refused(ns.name(), "neigh", "add", "10.0.0.9", "lladdr", "02:00:00:00:00:08", "dev", "v0").err()
                .startsWith("jnl neigh add: add neighbour 10.0.0.9 lladdr 02:00:00:00:00:08 nud permanent dev v0: EEXIST"));
        assertTrue(Cli.refused(ns.name(), "neigh", "del", "10.0.0.99", "dev", "v0").err().contains("ENOENT"));
        assertTrue(Cli.refused(ns.name(), "neigh", "add", "10.0.0.8", "dev", "nosuch").err().contains("ENODEV"));
        assertEquals(before, Cli.l2State(ns.name()));
    }
}
