package io.jnetlink.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jnetlink.oracles.Ip;
import io.jnetlink.oracles.Oracle;
import io.jnetlink.testkit.NetnsTest;
import io.jnetlink.testkit.TestNamespace;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import static io.jnetlink.cli.LinkListTest.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code jnl link add|set ... type KIND} and {@code link set ... master|nomaster}: each command line is run with
 * jnl in the test's namespace and with {@code ip} in a twin namespace prepared the same way; afterwards
 * {@code ip -j -d link show} must print the same kind settings (linkinfo.info_data) for both, and the values
 * asked for. jnl's own {@code kind_data} is checked against ip's info_data too. Kinds this kernel lacks are
 * skipped with the kernel's answer.
 */
@NetnsTest
class LinkKindCommandTest {

    /** The test's namespace (jnl) and a twin (ip), prepared alike. */
    private record Twin(String jnl, String ip) implements AutoCloseable {

        static Twin of(TestNamespace ns, String preparation) {
            Twin t = new Twin(ns.name(), ns.name() + "-ip");
            Cli.ipNetnsAdd(t.ip);
            if (!preparation.isBlank()) {
                Ip.in(t.jnl).batch(preparation);
                Ip.in(t.ip).batch(preparation);
            }
            return t;
        }

        /** {@code LINE} with jnl here and with ip in the twin; both must succeed. */
        void both(String line) {
            Cli.ok(jnl, line);
            Ip.in(ip).run(line.split(" "));
        }

        /** info_data of DEV in each namespace, without the timers that run. */
        void assertSameKindData(String dev) {
            assertEquals(infoData(ip, dev), infoData(jnl, dev), dev + ": jnl (right) made what ip (left) made");
        }

        @Override
        public void close() {
            Cli.ipNetnsDel(ip);
        }
    }

    static JsonNode show(String netns, String dev) {
        JsonNode a = Ip.in(netns).json("-d", "link", "show", "dev", dev);
        assertEquals(1, a.size(), dev);
        return a.get(0);
    }

    static JsonNode infoData(String netns, String dev) {
        ObjectNode d = show(netns, dev).path("linkinfo").path("info_data").deepCopy();
        for (Iterator<String> it = d.fieldNames(); it.hasNext(); ) {
            if (it.next().endsWith("_timer")) {
                it.remove();
            }
        }
        return d;
    }

    /** jnl's own listing of DEV. */
    static JsonNode jnlShow(String netns, String dev) {
        JsonNode a = Cli.ok(netns, "-j link show " + dev).json();
        assertEquals(1, a.size(), dev);
        return a.get(0);
    }

    @Test
    void bridgeWithEveryOptionIsTheBridgeIpMakes(TestNamespace ns) {
        try (Twin t = Twin.of(ns, "")) {
            t.both("link add br0 address 02:00:00:00:0b:01 mtu 1400 type bridge stp_state 1 forward_delay 500 "
                    + "hello_time 300 max_age 1500 ageing_time 12000 priority 100 mcast_snooping 0 group_fwd_mask 0x4000 "
                    + "nf_call_iptables 1 nf_call_ip6tables 1 nf_call_arptables 1");
            t.assertSameKindData("br0");
            JsonNode d = infoData(t.jnl(), "br0");
            assertEquals(500, d.path("forward_delay").asInt(), "forward_delay in centiseconds, as ip takes it");
            assertEquals(300, d.path("hello_time").asInt());
            assertEquals(1500, d.path("max_age").asInt());
            assertEquals(12000, d.path("ageing_time").asInt());
            assertEquals(100, d.path("priority").asInt());
            assertEquals(0, d.path("mcast_snooping").asInt());
            assertTrue(d.path("stp_state").asInt() != 0, d.toString());
            assertEquals(1400, show(t.jnl(), "br0").path("mtu").asInt());
            assertEquals("02:00:00:00:0b:01", show(t.jnl(), "br0").path("address").asText());
            assertKindDataIsIps(t.jnl(), "br0");

            t.both("link set br0 type bridge stp_state 0 priority 200 ageing_time 6000 mcast_snooping 1");
            t.assertSameKindData("br0");
            d = infoData(t.jnl(), "br0");
            assertEquals(0, d.path("stp_state").asInt());
            assertEquals(200, d.path("priority").asInt());
            assertEquals(6000, d.path("ageing_time").asInt());
            assertEquals(500, d.path("forward_delay").asInt(), "settings not given are kept");
            assertKindDataIsIps(t.jnl(), "br0");
        }
    }

    @Test
    void bridgeVlanOptionsAreIps(TestNamespace ns) {
        KernelSupport.assumeBridgeVlanFiltering();
        try (Twin t = Twin.of(ns, "")) {
            t.both("link add br0 type bridge vlan_filtering 1 vlan_protocol 802.1ad vlan_default_pvid 10");
            t.assertSameKindData("br0");
            JsonNode d = infoData(t.jnl(), "br0");
            assertEquals(1, d.path("vlan_filtering").asInt());
            assertEquals("802.1ad", d.path("vlan_protocol").asText());
            assertEquals(10, d.path("vlan_default_pvid").asInt());
            assertKindDataIsIps(t.jnl(), "br0");
        }
    }

    /** jnl's kind_data of a bridge: the values ip prints in info_data (booleans for ip's 0/1). */
    private static void assertKindDataIsIps(String netns, String dev) {
        JsonNode ip = infoData(netns, dev);
        JsonNode jnl = jnlShow(netns, dev).path("kind_data");
        for (String key : List.of("forward_delay", "hello_time", "max_age", "ageing_time", "stp_state", "priority",
                "vlan_default_pvid")) {
            if (ip.has(key)) {
                assertEquals(ip.path(key).asLong(), jnl.path(key).asLong(), key);
            }
        }
        for (String key : List.of("vlan_filtering", "mcast_snooping", "nf_call_iptables", "nf_call_ip6tables",
                "nf_call_arptables")) {
            if (ip.has(key)) {
                assertEquals(ip.path(key).asInt() != 0, jnl.path(key).asBoolean(), key);
            } else {
                assertTrue(jnl.path(key).isNull(), key + ": ip shows none, so jnl shows null");
            }
        }
        assertEquals(Long.decode(ip.path("group_fwd_mask").asText()), jnl.path("group_fwd_mask").asLong(),
                "group_fwd_mask (ip prints it in hex)");
        if (ip.has("vlan_protocol")) {
            assertEquals(ip.path("vlan_protocol").asText(), jnl.path("vlan_protocol").asText());
        }
    }

    @Test
    void vxlanLinksAreTheOnesIpMakes(TestNamespace ns) {
        try (Twin t = Twin.of(ns, """
                link add v0 type veth peer name v1
                link add br0 type bridge
                """)) {
            Map<String, String> lines = Map.of(
                    "vx0", "link add vx0 type vxlan id 42 local 10.0.0.1 remote 10.0.0.2 dstport 4789 srcport 1000 2000 "
                            + "ttl 10 tos 0x10 nolearning proxy l2miss l3miss",
                    "vx1", "link add vx1 type vxlan id 43 group 239.1.1.1 dev v0 dstport 4789 noudpcsum udp6zerocsumtx "
                            + "udp6zerocsumrx",
                    "vx2", "link add vx2 type vxlan external dstport 4790",
                    "vx3", "link add vx3 type vxlan id 44 local fd00::1 remote fd00::2 dstport 4789 tos inherit ttl auto",
                    "vx4", "link add vx4 mtu 1450 master br0 type vxlan id 45 dstport 4789");
            for (Map.Entry<String, String> e : lines.entrySet()) {
                t.both(e.getValue());
                t.assertSameKindData(e.getKey());
                assertVxlanKindDataIsIps(t.jnl(), e.getKey());
            }
            JsonNode vx0 = infoData(t.jnl(), "vx0");
            assertEquals(42, vx0.path("id").asInt());
            assertEquals("10.0.0.2", vx0.path("remote").asText());
            assertEquals(1000, vx0.path("port_range").path("low").asInt());
            assertFalse(vx0.path("learning").asBoolean());
            assertTrue(vx0.path("l3miss").asBoolean());
            assertEquals("v0", infoData(t.jnl(), "vx1").path("link").asText());
            assertTrue(infoData(t.jnl(), "vx2").path("external").asBoolean());
            assertFalse(infoData(t.jnl(), "vx2").path("learning").asBoolean(), "as ip: no learning when external");
            assertEquals("br0", show(t.jnl(), "vx4").path("master").asText());
            assertEquals(1450, show(t.jnl(), "vx4").path("mtu").asInt());

            t.both("link set vx0 type vxlan learning");
            t.assertSameKindData("vx0");
            assertTrue(infoData(t.jnl(), "vx0").path("learning").asBoolean());
        }
    }

    @Test
    void vxlanWithVniFilterIsIps(TestNamespace ns) {
        try (Twin t = Twin.of(ns, "")) {
            Oracle.Result ip = Ip.in(t.ip()).attempt("link", "add", "vx5", "type", "vxlan", "external", "vnifilter",
                    "dstport", "4791");
            assumeTrue(ip.exitCode() == 0, "this kernel refuses vnifilter (ip said: " + ip.stderr().strip() + ")");
            Cli.ok(t.jnl(), "link add vx5 type vxlan external vnifilter dstport 4791");
            t.assertSameKindData("vx5");
            assertVxlanKindDataIsIps(t.jnl(), "vx5");
        }
    }

    private static void assertVxlanKindDataIsIps(String netns, String dev) {
        JsonNode ip = infoData(netns, dev);
        JsonNode jnl = jnlShow(netns, dev).path("kind_data");
        assertEquals(ip.path("id").asInt(), jnl.path("id").asInt(), dev + " id");
        for (String key : List.of("local", "remote", "group")) {
            // ip names IPv6 ones local6, remote6, group6
            assertEquals(ip.has(key) ? text(ip, key) : text(ip, key + "6"), text(jnl, key), dev + " " + key);
        }
        assertEquals(text(ip, "link"), text(jnl, "dev"), dev + " dev (ip: link)");
        assertEquals(ip.path("port").asInt(), jnl.path("port").asInt(), dev + " port");
        assertEquals(ip.path("port_range"), jnl.path("port_range"), dev + " port_range");
        assertEquals(ip.path("ttl").asInt(), jnl.path("ttl").asInt(), dev + " ttl");
        assertEquals(ip.has("tos") ? Integer.decode(ip.path("tos").asText().replace("inherit", "1")) : 0,
                jnl.path("tos").asInt(), dev + " tos");
        for (String key : List.of("learning", "proxy", "l2miss", "l3miss", "udp_csum", "udp_zero_csum6_tx",
                "udp_zero_csum6_rx", "external", "vnifilter")) {
            assertEquals(ip.path(key).asBoolean(false), jnl.path(key).asBoolean(false), dev + " " + key);
        }
    }

    @Test
    void macvlanModesAreIps(TestNamespace ns) {
        List<String> modes = List.of("private", "vepa", "bridge", "passthru", "source");
        StringBuilder prep = new StringBuilder();
        for (int i = 0; i < modes.size(); i++) {
            prep.append("link add p").append(i).append(" type veth peer name q").append(i).append('\n');
        }
        try (Twin t = Twin.of(ns, prep.toString())) {
            for (int i = 0; i < modes.size(); i++) {
                t.both("link add mv" + i + " link p" + i + " type macvlan mode " + modes.get(i));
                t.assertSameKindData("mv" + i);
                assertEquals(modes.get(i), infoData(t.jnl(), "mv" + i).path("mode").asText());
                assertEquals(modes.get(i), jnlShow(t.jnl(), "mv" + i).path("kind_data").path("mode").asText());
                assertEquals("p" + i, show(t.jnl(), "mv" + i).path("link").asText());
            }
            t.both("link set mv0 type macvlan mode bridge");
            t.assertSameKindData("mv0");
            assertEquals("bridge", infoData(t.jnl(), "mv0").path("mode").asText());
        }
    }

    @Test
    void vlanLinksAreIps(TestNamespace ns) {
        KernelSupport.assumeKind("vlan");
        try (Twin t = Twin.of(ns, "link add p0 type veth peer name q0\n")) {
            t.both("link add p0.10 link p0 type vlan id 10");
            t.both("link add p0.20 link p0 type vlan id 20 protocol 802.1ad");
            t.assertSameKindData("p0.10");
            t.assertSameKindData("p0.20");
            assertEquals(20, infoData(t.jnl(), "p0.20").path("id").asInt());
            assertEquals("802.1ad", infoData(t.jnl(), "p0.20").path("protocol").asText());
            JsonNode kd = jnlShow(t.jnl(), "p0.20").path("kind_data");
            assertEquals(20, kd.path("id").asInt());
            assertEquals("802.1ad", kd.path("protocol").asText());
        }
    }

    @Test
    void dummyLinksAreIps(TestNamespace ns) {
        KernelSupport.assumeKind("dummy");
        try (Twin t = Twin.of(ns, "")) {
            t.both("link add d0 mtu 9000 type dummy");
            assertEquals("dummy", show(t.jnl(), "d0").path("linkinfo").path("info_kind").asText());
            assertEquals(9000, show(t.jnl(), "d0").path("mtu").asInt());
        }
    }

    @Test
    void wireguardLinksAreIps(TestNamespace ns) {
        KernelSupport.assumeKind("wireguard");
        try (Twin t = Twin.of(ns, "")) {
            t.both("link add wg0 type wireguard");
            assertEquals("wireguard", show(t.jnl(), "wg0").path("linkinfo").path("info_kind").asText());
        }
    }

    @Test
    void masterAndNomasterAsIp(TestNamespace ns) {
        Ip.in(ns.name()).batch("""
                link add br0 type bridge
                link add v0 type veth peer name v1
                """);
        Cli.ok(ns.name(), "link set v0 master br0 up mtu 1400");
        JsonNode v0 = show(ns.name(), "v0");
        assertEquals("br0", v0.path("master").asText());
        assertEquals("bridge", v0.path("linkinfo").path("info_slave_kind").asText(), "a bridge port");
        assertTrue(LinkListTest.strings(v0.path("flags")).contains("UP"));
        assertEquals("br0", jnlShow(ns.name(), "v0").path("master").asText());

        Cli.ok(ns.name(), "link set dev v0 nomaster");
        assertTrue(show(ns.name(), "v0").path("master").isMissingNode(), "no master any more");
    }

    @Test
    void kernelRefusalsExitOneWithOneLineAndChangeNothing(TestNamespace ns) {
        Ip.in(ns.name()).batch("""
                link add br0 type bridge
                link add v0 type veth peer name v1
                """);
        String before = Cli.l2State(ns.name());
        List<String[]> failing = new ArrayList<>(List.of(
                new String[]{"link", "add", "br0", "type", "bridge"},
                new String[]{"link", "set", "v0", "type", "bridge", "priority", "5"},
                new String[]{"link", "set", "v0", "master", "nosuch"},
                new String[]{"link", "set", "nosuch", "nomaster"},
                new String[]{"link", "add", "vx9", "type", "vxlan", "id", "1", "dev", "nosuch"},
                new String[]{"link", "add", "mv0", "link", "nosuch", "type", "macvlan"},
                new String[]{"link", "add", "vx9", "master", "nosuch", "type", "vxlan", "id", "1"},
                new String[]{"link", "set", "br0", "type", "bridge", "group_fwd_mask", "1"}));
        for (String[] args : failing) {
            Cli.Result r = Cli.refused(ns.name(), args);
            assertTrue(r.err().matches("(?s)jnl link (add|set): .*: E[A-Z0-9]+ \\(.*"), r.err());
        }
        assertEquals(before, Cli.l2State(ns.name()));
    }
}
