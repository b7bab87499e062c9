package io.jnetlink.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.jnetlink.oracles.Ip;
import io.jnetlink.testkit.NetnsTest;
import io.jnetlink.testkit.TestNamespace;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code jnl addr add|del}: each command is run with jnl in one namespace and with ip in another, and
 * {@code ip -j addr} (and the prefix routes, {@code ip -j route}) must then be the same in both.
 */
@NetnsTest
class AddressCommandTest {

    private static final String LINKS = """
            link add v0 type veth peer name v1
            link set v0 up
            link set v1 up
            """;

    @Test
    void addAndDelLeaveWhatIpLeaves(TestNamespace ns) {
        String ipSide = ns.name() + "-ip";
        Cli.ipNetnsAdd(ipSide);
        try {
            Ip.in(ns.name()).batch(LINKS);
            Ip.in(ipSide).batch(LINKS);
            List<String> commands = List.of(
                    "addr add 10.0.0.1/24 dev v0",
                    "addr add 10.0.0.2/24 dev v0 label v0:two",
                    "addr add 10.1.0.1/16 broadcast 10.1.255.255 dev v0",
                    "addr add 10.2.0.1/24 brd + dev v0",
                    "addr add 10.3.0.1/24 brd - dev v0",
                    "addr add 10.4.0.1/24 dev v0 scope link",
                    "addr add 10.5.0.1/24 dev v0 noprefixroute",
                    "addr add 10.9.0.1 peer 10.9.0.2/32 dev v0",
                    "addr add 10.9.1.1/24 peer 10.9.1.0/30 dev v0",
                    "addr add dev v1 10.6.0.1/24 scope host",
                    "addr add fd00::1/64 dev v0 nodad",
                    "addr add fd00:1::1/64 dev v0 nodad noprefixroute",
                    "addr add fd00:2::1/64 dev v0",
                    "address add 10.7.0.1/24 dev v1",
                    "addr del 10.7.0.1/24 dev v1",
                    "addr add 10.8.0.1/20 dev v1",
                    "addr del 10.8.0.1 dev v1",
                    "addr del fd00:2::1/64 dev v0",
                    "addr del 10.5.0.1/24 dev v0");
            for (String c : commands) {
                Cli.ok(ns.name(), c);
                Ip.in(ipSide).run(c.split(" "));
                assertEquals(addresses(ipSide), addresses(ns.name()), "after " + c);
                assertEquals(routes(ipSide), routes(ns.name()), "routes after " + c);
            }
            // The mix is really there: flags, labels, peers and broadcasts as ip shows them.
            String shown = Ip.in(ns.name()).json("addr").toString();
            for (String s : List.of("\"nodad\":true", "\"noprefixroute\":true", "\"secondary\":true", "\"label\":\"v0:two\"",
                    "\"address\":\"10.9.0.2\"", "\"broadcast\":\"10.2.0.255\"", "\"broadcast\":\"10.3.0.0\"",
                    "\"scope\":\"host\"", "\"scope\":\"link\"")) {
                assertTrue(shown.contains(s), s + " in " + shown);
            }
            assertTrue(!shown.contains("10.7.0.1") && !shown.contains("10.8.0.1") && !shown.contains("10.5.0.1"),
                    "deleted " + shown);
        } finally {
            Cli.ipNetnsDel(ipSide);
        }
    }

    @Test
    void jnlListsWhatItAdded(TestNamespace ns) {
        Ip.in(ns.name()).batch(LINKS);
        Cli.ok(ns.name(), "addr add 10.9.0.1 peer 10.9.0.2/32 dev v0 scope link");
        JsonNode a = Cli.ok(ns.name(), "-4 addr show dev v0 --json").json();
        assertEquals(1, a.size());
        JsonNode only = a.get(0);
        assertEquals("10.9.0.1", only.get("local").asText());
        assertEquals(32, only.get("prefixlen").asInt());
        assertEquals("10.9.0.2", only.get("peer").asText());
        assertEquals("link", only.get("scope").asText());
        assertEquals("v0", only.get("label").asText());
        assertEquals(Set.of("v0"), Set.of(only.get("dev").asText()));
        assertTrue(only.get("valid_lft").isNull() && only.get("preferred_lft").isNull(), "forever is null");
    }

    /** ip's addresses, without what differs between two namespaces by nature (indexes, MACs, link-locals). */
    private static String addresses(String netns) {
        StringBuilder sb = new StringBuilder();
        for (JsonNode link : Ip.in(netns).json("addr")) {
            for (JsonNode a : link.get("addr_info")) {
                if (!a.get("local").asText().startsWith("fe80:")) {
                    // Duplicate address detection ends when it ends, on each side: not what is compared.
                    sb.append(link.get("ifname").asText()).append(' ')
                            .append(a.toString().replace("\"tentative\":true,", "")).append('\n');
                }
            }
        }
        return sb.toString();
    }

    /** IPv4 routes of all tables and IPv6 routes of the main table (IPv6 local routes wait for DAD). */
    private static List<String> routes(String netns) {
        List<String> all = new ArrayList<>(Cli.sorted(Ip.in(netns).json("-4", "route", "show", "table", "all")));
        Cli.sorted(Ip.in(netns).json("-6", "route")).stream().filter(r -> !r.contains("\"dst\":\"fe80::")).forEach(all::add);
        return all;
    }
}
