package io.jnetlink.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.jnetlink.oracles.Ip;
import io.jnetlink.oracles.Oracle;
import io.jnetlink.testkit.NetnsTest;
import io.jnetlink.testkit.TestNamespace;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** {@code jnl ethtool features|set} on a veth, checked with {@code ethtool -k} run in the namespace. */
@NetnsTest
class EthtoolCommandTest {

    /** One line of ethtool -k: whether on, and the suffix ([fixed], [requested on], ...). */
    private record Line(boolean on, String suffix) {
    }

    private static final Pattern LINE = Pattern.compile("^\\t?([^:\\s]+): (on|off)( \\[[a-z ]+])?$");

    private static Map<String, Line> ethtoolK(TestNamespace ns, String dev) {
        assumeTrue(Oracle.installed("ethtool"), "ethtool is not installed: no independent oracle (apt-get install ethtool)");
        Map<String, Line> out = new LinkedHashMap<>();
        for (String raw : Oracle.stdout("ip", "netns", "exec", ns.name(), "ethtool", "-k", dev).split("\n")) {
            Matcher m = LINE.matcher(raw);
            if (m.matches()) {
                out.put(m.group(1), new Line(m.group(2).equals("on"), m.group(3) == null ? "" : m.group(3).strip()));
            }
        }
        return out;
    }

    /** Every feature jnl lists that ethtool lists by the same (kernel) name has the same state and marks. */
    private static void assertSameAsEthtool(TestNamespace ns, String dev) {
        Map<String, Line> ethtool = ethtoolK(ns, dev);
        JsonNode jnl = Cli.ok(ns.name(), "-j ethtool features " + dev).json();
        int compared = 0;
        for (JsonNode f : jnl) {
            Line line = ethtool.get(f.path("name").asText());
            if (line == null) {
                continue; // ethtool shows it under its legacy long name (tx-checksumming, ...)
            }
            compared++;
            String where = f + " vs ethtool " + line;
            assertEquals(line.on(), f.path("active").asBoolean(), where);
            assertEquals(line.suffix().equals("[fixed]"), f.path("fixed").asBoolean(), where);
            String requested = f.path("fixed").asBoolean() || f.path("wanted").asBoolean() == f.path("active").asBoolean()
                    ? "" : f.path("wanted").asBoolean() ? "[requested on]" : "[requested off]";
            if (!line.suffix().equals("[fixed]")) {
                assertEquals(line.suffix(), requested, where);
            }
        }
        assertTrue(compared > 30, "compared only " + compared + " features with ethtool -k");
    }

    @Test
    void featuresAreEthtools(TestNamespace ns) {
        Ip.in(ns.name()).run("link", "add", "v0", "type", "veth", "peer", "name", "v1");
        assertSameAsEthtool(ns, "v0");
        String table = Cli.ok(ns.name(), "ethtool features dev v0").out();
        assertTrue(table.lines().anyMatch(l -> l.matches("tx-checksum-ipv4 +off +fixed")), table);
    }

    @Test
    void setIsSeenByEthtool(TestNamespace ns) {
        Ip.in(ns.name()).run("link", "add", "v0", "type", "veth", "peer", "name", "v1");
        JsonNode r = Cli.ok(ns.name(), "-j ethtool set v0 gro on tso off").json();
        assertTrue(r.path("changed").path("rx-gro").asBoolean(), r.toString());
        assertFalse(r.path("changed").path("tx-tcp-segmentation").asBoolean(true), r.toString());
        assertEquals(0, r.path("not_applied").size(), r.toString());
        Map<String, Line> ethtool = ethtoolK(ns, "v0");
        assertTrue(ethtool.get("generic-receive-offload").on(), ethtool.toString());
        assertFalse(ethtool.get("tcp-segmentation-offload").on(), ethtool.toString());
        assertSameAsEthtool(ns, "v0");

        String table = Cli.ok(ns.name(), "ethtool set dev v0 rx-gro off").out();
        assertEquals("FEATURE  STATE\nrx-gro   off\n", table);
        assertFalse(ethtoolK(ns, "v0").get("generic-receive-offload").on());
    }

    @Test
    void failures(TestNamespace ns) {
        Ip.in(ns.name()).run("link", "add", "v0", "type", "veth", "peer", "name", "v1");
        Map<String, Line> before = ethtoolK(ns, "v0");
        Cli.Result fixed = Cli.refused(ns.name(), "ethtool", "set", "v0", "tx-checksum-ipv4", "on");
        assertTrue(fixed.err().contains("tx-checksum-ipv4 on"), fixed.err());
        assertTrue(Cli.refused(ns.name(), "ethtool", "features", "nosuch").err().contains("ENODEV"));
        Cli.usage(ns.name(), "'tx-warp-drive'", "ethtool", "set", "v0", "gro", "on", "tx-warp-drive", "off");
        Cli.usage(ns.name(), "'maybe'", "ethtool", "set", "v0", "gro", "maybe");
        Cli.usage(ns.name(), "gro", "ethtool", "set", "v0", "gro");
        assertEquals(before, ethtoolK(ns, "v0"), "nothing changed");
    }
}
