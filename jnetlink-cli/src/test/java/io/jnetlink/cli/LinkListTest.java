package io.jnetlink.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.jnetlink.oracles.Ip;
import io.jnetlink.testkit.NetnsTest;
import io.jnetlink.testkit.TestNamespace;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code jnl link list --json} against {@code ip -j link}. */
@NetnsTest
class LinkListTest {

    @Test
    void listsExactlyTheLinksIpLists(TestNamespace ns) {
        String other = ns.name() + "-peer";
        Cli.ipNetnsAdd(other);
        try {
            Ip.in(ns.name()).batch("""
                    link add d0 type veth peer name d1
                    link add u0 type veth peer name u1
                    link set u0 up
                    link add r0 mtu 1400 type veth peer name r1
                    link set r0 up
                    link set r1 up
                    link add x0 address 02:00:00:00:00:01 type veth peer name x1 netns OTHER
                    link set x0 up
                    link set x0 alias "uplink to the other side"
                    link property add dev d0 altname d0-alternative-name
                    """.replace("OTHER", other));

            Cli.Snapshot<JsonNode> s = Cli.settled(() -> Ip.in(ns.name()).json("link"),
                    () -> Cli.ok(ns.name(), "link list --json").json());
            JsonNode ip = s.oracle();
            JsonNode jnl = s.jnl();

            Map<Integer, JsonNode> ipByIndex = byIndex(ip, "ifindex");
            Map<Integer, JsonNode> jnlByIndex = byIndex(jnl, "index");
            assertEquals(ipByIndex.keySet(), jnlByIndex.keySet(), "the same links (by index)");
            for (int index : ipByIndex.keySet()) {
                JsonNode i = ipByIndex.get(index);
                JsonNode j = jnlByIndex.get(index);
                String where = "link " + i.get("ifname").asText() + ": ";
                assertEquals(i.get("ifname").asText(), j.get("name").asText(), where + "name");
                assertEquals(i.get("mtu").asInt(), j.get("mtu").asInt(), where + "mtu");
                assertEquals(text(i, "address"), text(j, "mac"), where + "mac");
                assertEquals(text(i, "broadcast"), text(j, "broadcast"), where + "broadcast");
                assertEquals(strings(i.get("flags")), strings(j.get("flags")), where + "flags, in ip's order");
                assertEquals(text(i, "operstate"), text(j, "operstate"), where + "operstate");
                assertEquals(text(i, "qdisc"), text(j, "qdisc"), where + "qdisc");
                assertEquals(i.get("txqlen").asInt(), j.get("txqlen").asInt(), where + "txqlen");
                assertEquals(text(i, "ifalias"), text(j, "alias"), where + "alias");
                assertEquals(i.has("link_netnsid") ? i.get("link_netnsid").asInt() : null,
                        j.get("link_netnsid").isNull() ? null : j.get("link_netnsid").asInt(), where + "link_netnsid");
                assertEquals(i.has("altnames") ? strings(i.get("altnames")) : List.of(), strings(j.get("altnames")),
                        where + "altnames");
                // ip names the peer when it is in this namespace ("link"), else gives its index ("link_index").
                if (i.has("link")) {
                    assertEquals(i.get("link").asText(),
                            jnlByIndex.get(j.get("link_index").asInt()).get("name").asText(), where + "peer");
                } else if (i.has("link_index")) {
                    assertEquals(i.get("link_index").asInt(), j.get("link_index").asInt(), where + "peer index");
                }
            }

            // The mix this test is about is really there.
            List<List<String>> flags = jnlByIndex.values().stream().map(j -> strings(j.get("flags"))).toList();
            assertTrue(flags.stream().anyMatch(f -> f.contains("NO-CARRIER")), "a link up without carrier");
            assertTrue(flags.stream().anyMatch(f -> f.contains("M-DOWN")), "a link whose peer is down");
            assertTrue(flags.stream().anyMatch(f -> f.contains("LOWER_UP")), "a link with carrier");
            assertTrue(flags.stream().anyMatch(f -> !f.contains("UP")), "a link that is down");
            assertTrue(jnlByIndex.values().stream().anyMatch(j -> !j.get("link_netnsid").isNull()),
                    "a peer in another namespace");
            assertTrue(jnlByIndex.values().stream().anyMatch(j -> !j.get("alias").isNull()), "an alias");
        } finally {
            Cli.ipNetnsDel(other);
        }
    }

    @Test
    void jsonMayComeAnywhereOnTheCommandLine(TestNamespace ns) {
        // Links that stay down: nothing changes between the runs compared.
        Ip.in(ns.name()).batch("""
                link add a0 type veth peer name a1
                link set a0 alias "a zero"
                """);
        JsonNode after = Cli.ok(ns.name(), "link list --json").json();
        String n = ns.name();
        assertEquals(after, Cli.jnl("--json", "--netns", n, "link", "list").ok().json(), "--json first");
        assertEquals(after, Cli.jnl("-j", "--netns", n, "link").ok().json(), "-j first, bare 'link'");
        assertEquals(after, Cli.jnl("--netns", n, "link", "-j", "ls").ok().json(), "-j between");
        assertEquals(after, Cli.jnl("link", "list", "--netns", n, "-j").ok().json(), "--netns last");
        assertEquals(Ip.in(n).json("link").size(), after.size());

        JsonNode one = Cli.ok(n, "link show dev a0 -j").json();
        assertEquals(1, one.size());
        assertEquals("a0", one.get(0).get("name").asText());
        assertEquals(Ip.in(n).json("link", "show", "a0").get(0).get("ifindex").asInt(), one.get(0).get("index").asInt());
    }

    @Test
    void tableNamesEveryLinkIpNames(TestNamespace ns) {
        Ip.in(ns.name()).batch("link add t0 type veth peer name t1\n");
        List<String> lines = Cli.ok(ns.name(), "link list").out().lines().toList();
        assertEquals(List.of("INDEX", "NAME", "KIND", "STATE", "MTU", "MAC", "MASTER", "FLAGS"),
                List.of(lines.getFirst().split(" +")));
        List<String> names = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            names.add(line.split(" +")[1].replaceAll("@.*", ""));
        }
        List<String> ipNames = new ArrayList<>();
        Ip.in(ns.name()).json("link").forEach(l -> ipNames.add(l.get("ifname").asText()));
        assertEquals(ipNames, names);
    }

    static Map<Integer, JsonNode> byIndex(JsonNode array, String field) {
        Map<Integer, JsonNode> m = new TreeMap<>();
        array.forEach(n -> m.put(n.get(field).asInt(), n));
        assertEquals(array.size(), m.size(), "indexes are unique");
        return m;
    }

    /** A string field, or null when absent or JSON null. */
    static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(e -> out.add(e.asText()));
        return out;
    }
}
