package io.jnetlink.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.jnetlink.oracles.Ip;
import io.jnetlink.oracles.Oracle;
import io.jnetlink.testkit.NetnsTest;
import io.jnetlink.testkit.TestNamespace;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code jnl route add|replace|del}: every command runs with jnl in one namespace and with ip in another
 * prepared the same way; both must succeed or fail alike and leave the same routes ({@code ip -j route}).
 * The deletes cover ip's wildcards: without a type, protocol or scope, ip matches routes of any.
 */
@NetnsTest
class RouteCommandTest {

    private static final String SETUP = """
            link add e0 type veth peer name f0
            link set e0 addrgenmode none
            link set f0 addrgenmode none
            link set e0 up
            link set f0 up
            address add 10.0.0.1/16 dev e0
            address add fd00::1/64 dev e0 nodad
            """;

    private static final List<String> COMMANDS = List.of(
            "route add 10.1.0.0/16 via 10.0.0.2",
            "route add 10.2.0.0/16 dev e0",
            "route add 10.3.0.0/16 via 10.0.0.2 dev e0 metric 10 proto static",
            "route add 10.3.0.0/16 via 10.0.0.3 metric 20",
            "route add 10.3.0.0/16 via 10.0.0.3 metric 20",
            "route add 10.4.0.0/24 dev e0 scope link src 10.0.0.1",
            "route add 10.5.0.0/16 via 10.0.0.2 table 100",
            "route add 10.5.0.0/16 via 10.0.0.2 table 70000",
            "route add blackhole 10.6.0.0/16",
            "route add unreachable 10.7.0.0/16 metric 5",
            "route add prohibit 10.8.0.0/16 table 100",
            "route add 10.9.0.0/16 via 10.0.0.2 proto 42",
            "route add 10.11.0.1 dev e0",
            "route add default via 10.0.0.254",
            "-6 route add default via fd00::fe",
            "route add default via fd00::fd metric 10",
            "route add fd10::/64 via fd00::2 metric 100",
            "-6 route add blackhole fd20::/64",
            "-6 route add unreachable fd21::/64 metric 9",
            "route add fd30::/64 dev e0 table 100",
            "route add fd40::/64 via fd00::2 proto static",
            "route add fd40::/64 via fd00::3 metric 5",
            "route replace 10.1.0.0/16 via 10.0.0.3",
            "route replace 10.10.0.0/16 dev e0",
            "route replace fd10::/64 via fd00::3 metric 100",
            "route replace blackhole 10.2.0.0/16",
            "route del 10.6.0.0/16",
            "route del unreachable 10.7.0.0/16 metric 5",
            "route del 10.3.0.0/16",
            "route del 10.3.0.0/16 proto kernel",
            "route del 10.3.0.0/16 proto boot",
            "route del 10.4.0.0/24 scope global",
            "route del 10.4.0.0/24 scope link",
            "route del 10.5.0.0/16 table 100",
            "route del 10.5.0.0/16",
            "route del 10.5.0.0/16 table 70000 via 10.0.0.9",
            "route del 10.5.0.0/16 table 70000",
            "route del prohibit 10.8.0.0/16 table 100",
            "route del 10.9.0.0/16 proto 42",
            "route del 10.2.0.0/16 dev e0",
            "route del 10.11.0.1",
            "route del default",
            "-6 route del default via fd00::fe",
            "route del fd20::/64",
            "route del fd21::/64 metric 9",
            "-6 route del default",
            "route del fd30::/64 table 100 dev e0",
            "route del fd40::/64 proto kernel",
            "route del fd40::/64 proto static",
            "-6 route del fd40::/64 proto boot");

    @Test
    void everyCommandLeavesWhatIpLeaves(TestNamespace ns) {
        String ipSide = ns.name() + "-ip";
        Cli.ipNetnsAdd(ipSide);
        try {
            Ip.in(ns.name()).batch(SETUP);
            Ip.in(ipSide).batch(SETUP);
            List<String> failed = new ArrayList<>();
            for (String c : COMMANDS) {
                Cli.Result jnl = Cli.jnlIn(ns.name(), c.split(" "));
                Oracle.Result ip = Ip.in(ipSide).attempt(c.split(" "));
                assertEquals(ip.exitCode() == 0, jnl.exit() == 0,
                        () -> c + ": ip says " + ip.stderr().strip() + ", jnl says " + jnl.err().strip());
                if (jnl.exit() != 0) {
                    failed.add(c);
                    assertEquals(1, jnl.exit(), () -> c + ": a refused operation, not a usage error: " + jnl.err());
                    assertEquals(1, jnl.errLines().size(), jnl.err());
                }
                assertEquals(routes(ipSide), routes(ns.name()), "after " + c);
            }
            assertEquals(List.of(
                    "route add 10.3.0.0/16 via 10.0.0.3 metric 20", // EEXIST
                    "route del 10.3.0.0/16 proto kernel", // no such protocol
                    "route del 10.4.0.0/24 scope global", // the route has scope link
                    "route del 10.5.0.0/16", // in tables 100 and 70000, not main
                    "route del 10.5.0.0/16 table 70000 via 10.0.0.9", // another gateway
                    "route del 10.2.0.0/16 dev e0", // replaced by a blackhole: no device
                    "route del fd40::/64 proto kernel"),
                    failed, "exactly the commands meant to fail failed, with ip and with jnl");
            assertEquals(routes(ipSide), routes(ns.name()));
        } finally {
            Cli.ipNetnsDel(ipSide);
        }
    }

    @Test
    void jnlListsWhatItAdded(TestNamespace ns) {
        Ip.in(ns.name()).batch(SETUP);
        Cli.ok(ns.name(), "route add 10.3.0.0/16 via 10.0.0.2 dev e0 metric 10 proto static table 300");
        Cli.ok(ns.name(), "route add blackhole 10.6.0.0/16 table 300");
        JsonNode r = Cli.ok(ns.name(), "route list table 300 --json").json();
        assertEquals(2, r.size());
        JsonNode first = r.get(0);
        assertEquals("inet", first.get("family").asText());
        assertEquals("unicast", first.get("type").asText());
        assertEquals("10.3.0.0/16", first.get("dst").asText());
        assertEquals("10.0.0.2", first.get("gateway").asText());
        assertEquals("e0", first.get("dev").asText());
        assertEquals(300, first.get("table").asLong());
        assertEquals(10, first.get("metric").asLong());
        assertEquals("static", first.get("protocol").asText());
        assertEquals("global", first.get("scope").asText());
        assertTrue(first.get("prefsrc").isNull());
        assertTrue(first.get("flags").isArray());
        JsonNode second = r.get(1);
        assertEquals("blackhole", second.get("type").asText());
        assertTrue(second.get("gateway").isNull() && second.get("dev").isNull() && second.get("metric").isNull());

        List<String> table = Cli.ok(ns.name(), "route list table 300").out().lines().toList();
        assertEquals(3, table.size(), String.join("\n", table));
        assertEquals(List.of("10.3.0.0/16", "10.0.0.2", "e0", "300", "10", "static", "global", "unicast", "-"),
                List.of(table.get(1).split(" +")));
    }

    private static List<String> routes(String netns) {
        Ip ip = Ip.in(netns);
        List<String> all = new ArrayList<>(Cli.sorted(ip.json("-4", "route", "show", "table", "all")));
        all.addAll(Cli.sorted(ip.json("-6", "route", "show", "table", "all")));
        return all;
    }
}
