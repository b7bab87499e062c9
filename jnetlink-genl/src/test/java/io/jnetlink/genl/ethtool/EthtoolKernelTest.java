package io.jnetlink.genl.ethtool;

import io.jnetlink.core.NetlinkProtocol;
import io.jnetlink.core.NetlinkSocket;
import io.jnetlink.core.error.Errno;
import io.jnetlink.core.error.KernelException;
import io.jnetlink.oracles.Ip;
import io.jnetlink.oracles.Oracle;
import io.jnetlink.testkit.NetnsTest;
import io.jnetlink.testkit.TestNamespace;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * ethtool features against the kernel, on a veth in a fresh namespace: each result read back through jnetlink
 * and then checked with {@code ethtool -k} run in the same namespace. Without ethtool installed, the read-back
 * checks still run but the test reports itself skipped (it has no independent oracle), never passed.
 */
@NetnsTest
class EthtoolKernelTest {

    private static final String NO_ORACLE = "ethtool is not installed: no independent oracle for the features"
            + " (apt-get install ethtool)";

    private static Ethtool ethtool(TestNamespace ns) {
        Ip.in(ns.name()).run("link", "add", "v0", "type", "veth", "peer", "name", "v1");
        return Ethtool.over(ns.openSocket(NetlinkProtocol.GENERIC));
    }

    private static String ethtoolK(TestNamespace ns, String dev) {
        Assumptions.assumeTrue(Oracle.installed("ethtool"), NO_ORACLE);
        return Oracle.stdout("ip", "netns", "exec", ns.name(), "ethtool", "-k", dev);
    }

    @Test
    void featuresOfAVethMatchEthtool(TestNamespace ns) {
        Ethtool ethtool = ethtool(ns);
        Features f = ethtool.features("v0");
        assertEquals("v0", f.device());
        assertEquals(Integer.parseInt(Ip.in(ns.name()).json("link", "show", "v0").get(0).path("ifindex").asText()),
                f.ifindex());
        assertTrue(f.isActive("tx"), "a new veth checksums in software: " + f.feature("tx-checksum-ip-generic"));
        assertTrue(f.feature("rx-gro").orElseThrow().available());
        assertTrue(f.feature("tx-checksum-ipv4").orElseThrow().fixed());
        assertEquals(ethtool.featureNames().names().stream().filter(n -> !n.isEmpty()).count(), f.features().size());

        EthtoolOutput.assertMatches(f, ethtoolK(ns, "v0"));
    }

    @Test
    void switchingOffTxChecksummingTsoAndGroIsSeenByEthtool(TestNamespace ns) {
        Ethtool ethtool = ethtool(ns);
        // a new veth has GRO off: turn it on first so that "gro off" is a change
        FeatureChanges on = ethtool.setFeatures("v0", Map.of("gro", true));
        assertEquals(Map.of("rx-gro", true), on.changed());
        assertTrue(ethtool.features("v0").isActive("rx-gro"));

        Map<String, Boolean> off = new LinkedHashMap<>();
        off.put("tx", false);
        off.put("tso", false);
        off.put("gro", false);
        FeatureChanges changes = ethtool.setFeatures("v0", off);
        assertTrue(changes.fullyApplied(), changes.toString());
        assertEquals(false, changes.changed().get("tx-checksum-ip-generic"));
        assertEquals(false, changes.changed().get("tx-tcp-segmentation"));
        assertEquals(false, changes.changed().get("rx-gro"));
        assertEquals(false, changes.changed().get("tx-udp-segmentation"),
                "USO depends on tx checksumming; the kernel reports it changed though not requested: " + changes);

        Features f = ethtool.features("v0");
        for (String name : new String[]{"tx", "tso", "gro", "tx-checksum-ip-generic", "tx-checksum-sctp",
                "tx-tcp-segmentation", "tx-tcp6-segmentation", "rx-gro", "tx-udp-segmentation"}) {
            assertFalse(f.isActive(name), name + " still active: " + f);
        }
        assertTrue(f.isActive("sg"), "scatter-gather was not touched");
        for (String name : changes.changed().keySet()) {
            Feature x = f.feature(name).orElseThrow();
            // what was asked for is no longer wanted; what was dragged along is still wanted, pending
            assertEquals(name.equals("tx-udp-segmentation"), x.wanted(), x.toString());
        }
        assertTrue(f.feature("tx-udp-segmentation").orElseThrow().pending());

        String oracle = ethtoolK(ns, "v0");
        EthtoolOutput.assertMatches(f, oracle);
        Map<String, EthtoolOutput.Line> lines = EthtoolOutput.parse(oracle);
        assertFalse(lines.get("tx-checksumming").on(), oracle);
        assertFalse(lines.get("tcp-segmentation-offload").on(), oracle);
        assertFalse(lines.get("generic-receive-offload").on(), oracle);
        assertEquals("[requested on]", lines.get("tx-udp-segmentation").suffix(), oracle);
    }

    @Test
    void aFixedFeatureIsReportedAsNotApplied(TestNamespace ns) {
        Ethtool ethtool = ethtool(ns);
        FeatureChanges changes = ethtool.setFeatures("v0", Map.of("tx-checksum-ipv4", true));
        assertEquals(Map.of("tx-checksum-ipv4", true), changes.notApplied());
        assertEquals(Map.of(), changes.changed());
        assertFalse(ethtool.features("v0").isActive("tx-checksum-ipv4"));

        EthtoolOutput.Line line = EthtoolOutput.parse(ethtoolK(ns, "v0")).get("tx-checksum-ipv4");
        assertEquals(new EthtoolOutput.Line("tx-checksum-ipv4", false, "[fixed]"), line);
    }

    @Test
    void anUnknownFeatureIsRejectedBeforeAnythingIsSent(TestNamespace ns) {
        Ip.in(ns.name()).run("link", "add", "v0", "type", "veth", "peer", "name", "v1");
        NetlinkSocket socket = ns.openSocket(NetlinkProtocol.GENERIC);
        Ethtool ethtool = Ethtool.over(socket);
        ethtool.featureNames();
        long sent = socket.stats().messagesSent();
        Map<String, Boolean> wanted = new LinkedHashMap<>();
        wanted.put("gro", true);
        wanted.put("tx-warp-drive", false);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ethtool.setFeatures("v0", wanted));
        assertTrue(e.getMessage().contains("'tx-warp-drive'"), e.getMessage());
        assertEquals(sent, socket.stats().messagesSent(), "nothing may reach the kernel");
        assertFalse(ethtool.features("v0").isActive("gro"), "gro, valid but in the refused request, is unchanged");
    }

    @Test
    void anUnknownDeviceIsENODEV(TestNamespace ns) {
        Ethtool ethtool = Ethtool.over(ns.openSocket(NetlinkProtocol.GENERIC));
        KernelException e = assertThrows(KernelException.class, () -> ethtool.features("nosuchdev0"));
        assertEquals(Errno.ENODEV, e.errno());
        assertEquals("get features dev nosuchdev0", e.operation());
        KernelException set = assertThrows(KernelException.class, () -> ethtool.setFeatures("nosuchdev0",
                Map.of("gro", true)));
        assertEquals(Errno.ENODEV, set.errno());
        assertEquals("set features dev nosuchdev0 gro on", set.operation());
    }

    @Test
    void overRefusesARouteSocket(TestNamespace ns) {
        NetlinkSocket route = ns.openSocket(NetlinkProtocol.ROUTE);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Ethtool.over(route));
        assertTrue(e.getMessage().contains("NETLINK_GENERIC"), e.getMessage());
    }
}
