package io.jnetlink.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.jnetlink.oracles.Ip;
import io.jnetlink.testkit.NetnsTest;
import io.jnetlink.testkit.TestNamespace;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.jnetlink.cli.LinkListTest.strings;
import static io.jnetlink.cli.LinkListTest.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code jnl link add|del|set}, each checked with {@code ip -j link}. */
@NetnsTest
class LinkCommandTest {

    @Test
    void addCreatesAVethPairAsSpecified(TestNamespace ns) {
        Cli.ok(ns.name(), "link add v0 mtu 1400 address 02:aa:00:00:00:01 type veth peer name v1 address 02:aa:00:00:00:02");

        JsonNode v0 = link(ns.name(), "v0");
        JsonNode v1 = link(ns.name(), "v1");
        assertEquals(1400, v0.get("mtu").asInt());
        assertEquals(1400, v1.get("mtu").asInt(), "the mtu applies to both ends, as with ip");
        assertEquals("02:aa:00:00:00:01", v0.get("address").asText());
        assertEquals("02:aa:00:00:00:02", v1.get("address").asText());
        assertEquals("v1", v0.get("link").asText());
        assertEquals("v0", v1.get("link").asText());

        Cli.ok(ns.name(), "link add dev w0 type veth peer w1");
        assertEquals("w1", link(ns.name(), "w0").get("link").asText(), "'peer NAME' without 'name', 'dev NAME'");
    }

    @Test
    void addPutsThePeerIntoAnotherNamespace(TestNamespace ns) {
        String other = ns.name() + "-o";
        Cli.ipNetnsAdd(other);
        try {
            Cli.ok(ns.name(), "link add p0 type veth peer name p1 netns " + other);
            assertEquals(List.of("lo", "p0"), names(ns.name()));
            assertEquals(List.of("lo", "p1"), names(other));
            assertTrue(link(ns.name(), "p0").has("link_netnsid"));
        } finally {
            Cli.ipNetnsDel(other);
        }
    }

    @Test
    void setChangesOneThingAtATime(TestNamespace ns) {
        Ip.in(ns.name()).batch("link add v0 type veth peer name v1\n");
        String n = ns.name();

        Cli.ok(n, "link set v0 up");
        assertTrue(flags(n, "v0").contains("UP"));
        Cli.ok(n, "link set dev v0 down");
        assertFalse(flags(n, "v0").contains("UP"));
        Cli.ok(n, "link set v0 mtu 9000");
        assertEquals(9000, link(n, "v0").get("mtu").asInt());
        Cli.ok(n, "link set v0 address 02:bb:00:00:00:07");
        assertEquals("02:bb:00:00:00:07", link(n, "v0").get("address").asText());
        Cli.jnlIn(n, "link", "set", "v0", "alias", "to the core, rack 7").ok();
        assertEquals("to the core, rack 7", link(n, "v0").get("ifalias").asText());
        Cli.jnlIn(n, "link", "set", "v0", "alias", "").ok();
        assertEquals(null, text(link(n, "v0"), "ifalias"), "an empty alias clears it, as with ip");
        Cli.ok(n, "link set v0 name uplink");
        assertEquals(List.of("lo", "uplink", "v1"), sorted(names(n)));
    }

    @Test
    void setAppliesSeveralSettingsInOrderFollowingARename(TestNamespace ns) {
        Ip.in(ns.name()).batch("link add v0 type veth peer name v1\n");
        Cli.ok(ns.name(), "link set dev v0 mtu 1300 name w0 address 02:cc:00:00:00:01 up");
        JsonNode w0 = link(ns.name(), "w0");
        assertEquals(1300, w0.get("mtu").asInt());
        assertEquals("02:cc:00:00:00:01", w0.get("address").asText());
        assertTrue(strings(w0.get("flags")).contains("UP"));
    }

    @Test
    void setNetnsMovesTheLinkLast(TestNamespace ns) {
        String other = ns.name() + "-o";
        Cli.ipNetnsAdd(other);
        try {
            Ip.in(ns.name()).batch("link add v0 type veth peer name v1\n");
            Cli.ok(ns.name(), "link set v1 mtu 1280 netns " + other);
            assertEquals(List.of("lo", "v0"), names(ns.name()));
            assertEquals(List.of("lo", "v1"), names(other));
            assertEquals(1280, link(other, "v1").get("mtu").asInt());
            assertTrue(link(ns.name(), "v0").has("link_netnsid"), "the peer is now elsewhere");
        } finally {
            Cli.ipNetnsDel(other);
        }
    }

    @Test
    void delRemovesBothEnds(TestNamespace ns) {
        Ip.in(ns.name()).batch("""
                link add v0 type veth peer name v1
                link add k0 type veth peer name k1
                """);
        Cli.ok(ns.name(), "link del v0");
        Cli.ok(ns.name(), "link delete dev k1");
        assertEquals(List.of("lo"), names(ns.name()));
    }

    static JsonNode link(String netns, String name) {
        JsonNode a = Ip.in(netns).json("link", "show", "dev", name);
        assertEquals(1, a.size(), name);
        return a.get(0);
    }

    static List<String> flags(String netns, String name) {
        return strings(link(netns, name).get("flags"));
    }

    static List<String> names(String netns) {
        List<String> out = new ArrayList<>();
        Ip.in(netns).json("link").forEach(l -> out.add(l.get("ifname").asText()));
        return out;
    }

    private static List<String> sorted(List<String> l) {
        return l.stream().sorted().toList();
    }
}
