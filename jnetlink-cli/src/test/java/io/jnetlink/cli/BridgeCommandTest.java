package io.jnetlink.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.jnetlink.oracles.Ip;
import io.jnetlink.oracles.Oracle;
import io.jnetlink.testkit.NetnsTest;
import io.jnetlink.testkit.TestNamespace;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.jnetlink.cli.LinkListTest.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code jnl bridge link|vlan}: port settings made with jnl here and with {@code bridge link set} in a twin
 * namespace must show the same in {@code bridge -j -d link show}; VLAN tables are checked with
 * {@code bridge -j vlan show} where the kernel can filter VLANs.
 */
@NetnsTest
class BridgeCommandTest {

    private static final String PORTS = """
            link add br0 type bridge
            link add v0 type veth peer name v1
            link add w0 type veth peer name w1
            link set v0 master br0
            link set w0 master br0
            """;

    private static JsonNode port(String netns, String dev) {
        for (JsonNode p : Cli.bridge(netns, "-d", "link", "show")) {
            if (p.path("ifname").asText().equals(dev)) {
                return p;
            }
        }
        throw new AssertionError("bridge link show lists no " + dev);
    }

    @Test
    void portSettingsAreTheOnesBridgeMakes(TestNamespace ns) {
        String twin = ns.name() + "-br";
        Cli.ipNetnsAdd(twin);
        try {
            Ip.in(ns.name()).batch(PORTS);
            Ip.in(twin).batch(PORTS);
            for (String line : List.of(
                    "link set dev v0 learning off flood off hairpin on",
                    "link set dev v0 isolated on neigh_suppress on cost 7 priority 9",
                    "link set dev w0 mcast_flood off bcast_flood off",
                    "link set dev v0 learning on")) {
                Cli.ok(ns.name(), "bridge " + line);
                Oracle.stdout(("bridge -n " + twin + " " + line).split(" "));
                for (String dev : List.of("v0", "w0")) {
                    JsonNode b = port(twin, dev);
                    JsonNode j = port(ns.name(), dev);
                    for (String key : List.of("state", "priority", "cost", "hairpin", "learning", "flood", "mcast_flood",
                            "bcast_flood", "neigh_suppress", "isolated")) {
                        assertEquals(b.path(key), j.path(key), "after '" + line + "', " + dev + " " + key);
                    }
                }
            }
            JsonNode v0 = port(ns.name(), "v0");
            assertEquals(7, v0.path("cost").asInt());
            assertEquals(9, v0.path("priority").asInt());
            assertTrue(v0.path("isolated").asBoolean());
            assertTrue(v0.path("hairpin").asBoolean());
        } finally {
            Cli.ipNetnsDel(twin);
        }
    }

    @Test
    void portListingIsBridges(TestNamespace ns) {
        Ip.in(ns.name()).batch(PORTS);
        Oracle.stdout("bridge", "-n", ns.name(), "link", "set", "dev", "v0", "learning", "off", "cost", "5", "hairpin", "on");
        JsonNode bridge = Cli.bridge(ns.name(), "-d", "link", "show");
        JsonNode jnl = Cli.ok(ns.name(), "-j bridge link list").json();
        assertEquals(bridge.size(), jnl.size(), bridge + "\n" + jnl);
        for (int i = 0; i < bridge.size(); i++) {
            JsonNode b = bridge.get(i);
            JsonNode j = jnl.get(i);
            assertEquals(b.path("ifindex").asInt(), j.path("index").asInt());
            assertEquals(b.path("ifname").asText(), j.path("dev").asText());
            assertEquals(text(b, "master"), text(j, "master"));
            for (String key : List.of("state", "priority", "cost", "hairpin", "learning", "flood", "mcast_flood",
                    "bcast_flood", "neigh_suppress", "isolated")) {
                assertEquals(b.path(key), j.path(key), b.path("ifname").asText() + " " + key);
            }
        }
        JsonNode one = Cli.ok(ns.name(), "-j bridge link show dev w0").json();
        assertEquals(1, one.size());
        assertEquals("w0", one.get(0).path("dev").asText());
        assertTrue(Cli.ok(ns.name(), "bridge link").out().lines().anyMatch(l -> l.startsWith("v0 ")));
    }

    @Test
    void vlanTablesAreBridges(TestNamespace ns) {
        KernelSupport.assumeBridgeVlanFiltering();
        Ip.in(ns.name()).batch("""
                link add br0 type bridge vlan_filtering 1
                link add v0 type veth peer name v1
                link set v0 master br0
                """);
        Cli.ok(ns.name(), "bridge vlan add dev v0 vid 10 pvid untagged");
        Cli.ok(ns.name(), "bridge vlan add dev v0 vid 20-30");
        Cli.ok(ns.name(), "bridge vlan add dev br0 vid 10 self");
        Cli.ok(ns.name(), "bridge vlan del dev v0 vid 25");
        JsonNode bridge = Cli.bridge(ns.name(), "vlan", "show");
        String shown = bridge.toString();
        assertTrue(shown.contains("\"vlan\":10,\"flags\":[\"PVID\",\"Egress Untagged\"]"), shown);
        assertTrue(shown.contains("\"vlan\":20,\"vlanEnd\":24") && shown.contains("\"vlan\":26,\"vlanEnd\":30"), shown);
        JsonNode jnl = Cli.ok(ns.name(), "-j bridge vlan list").json();
        assertEquals(bridge.size(), jnl.size(), bridge + "\n" + jnl);
        for (int i = 0; i < bridge.size(); i++) {
            JsonNode b = bridge.get(i);
            JsonNode j = jnl.get(i);
            assertEquals(b.path("ifname").asText(), j.path("dev").asText());
            assertEquals(b.path("vlans").size(), j.path("vlans").size(), b + "\n" + j);
            for (int v = 0; v < b.path("vlans").size(); v++) {
                JsonNode bv = b.path("vlans").get(v);
                JsonNode jv = j.path("vlans").get(v);
                assertEquals(bv.path("vlan").asInt(), jv.path("vid").asInt());
                assertEquals(bv.has("vlanEnd") ? bv.path("vlanEnd").asInt() : bv.path("vlan").asInt(), jv.path("vid_end").asInt());
                assertEquals(bv.path("flags").toString().contains("PVID"), jv.path("pvid").asBoolean());
                assertEquals(bv.path("flags").toString().contains("Egress Untagged"), jv.path("untagged").asBoolean());
            }
        }
    }

    @Test
    void kernelRefusalsExitOneWithOneLine(TestNamespace ns) {
        Ip.in(ns.name()).batch(PORTS + "link add x0 type veth peer name x1\n");
        String before = Cli.l2State(ns.name());
        assertTrue(Cli.refused(ns.name(), "bridge", "link", "set", "dev", "x0", "learning", "off").err().contains(": E"));
        assertTrue(Cli.refused(ns.name(), "bridge", "link", "set", "dev", "nosuch", "cost", "3").err().contains("ENODEV"));
        assertTrue(Cli.refused(ns.name(), "bridge", "vlan", "add", "dev", "nosuch", "vid", "3").err().contains("ENODEV"));
        assertEquals(before, Cli.l2State(ns.name()));

        // as bridge link set: a kernel may refuse to change the STP state of a port that is down (ENETDOWN)
        Oracle.Result bridge = Oracle.run(null, "bridge", "-n", ns.name(), "link", "set", "dev", "v0", "state", "disabled");
        Cli.Result jnl = Cli.jnlIn(ns.name(), "bridge", "link", "set", "dev", "v0", "state", "disabled");
        assertEquals(bridge.exitCode() == 0, jnl.exit() == 0, "jnl and bridge agree: " + bridge.stderr() + jnl.err());
        if (jnl.exit() != 0) {
            assertTrue(jnl.err().contains("ENETDOWN") && jnl.errLines().size() == 1, jnl.err());
        }
    }
}
