package io.jnetlink.nftables.monitor;

import io.jnetlink.nftables.Nftables;
import io.jnetlink.nftables.model.Family;
import io.jnetlink.nftables.model.Ruleset;
import io.jnetlink.oracles.Nft;
import io.jnetlink.oracles.Oracle;
import io.jnetlink.testkit.NetnsTest;
import io.jnetlink.testkit.TestNamespace;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Drift against the kernel: nft installs a table, the baseline is listed once, then traffic moves the
 * counters (not drift) and nft edits the table behind jnetlink's back (drift, named precisely). nft's own
 * listing confirms each change really happened.
 */
@NetnsTest
class DriftKernelTest {

    private static final String TABLE = """
            table inet guard {
                set allowed { type ipv4_addr; elements = { 192.0.2.1, 192.0.2.2 } }
                chain out {
                    type filter hook output priority 0; policy accept;
                    udp dport 5353 counter accept
                    ip daddr @allowed counter accept
                }
            }
            table ip other {
                chain c { }
            }
            """;

    @Test
    void countersMovingIsNotDriftButEditsAre(TestNamespace ns) {
        Nft nft = Nft.in(ns.name());
        Oracle.stdout("ip", "-n", ns.name(), "link", "set", "lo", "up");
        nft.apply(TABLE);
        try (Nftables nf = Nftables.open(ns.netns())) {
            Ruleset installed = nf.list(Family.INET, "guard");
            Drift.Report fresh = Drift.check(nf, installed, Family.INET, "guard");
            assertTrue(fresh.inSync(), fresh.toString());

            ns.netns().call(() -> {
                try (DatagramSocket s = new DatagramSocket()) {
                    s.send(new DatagramPacket(new byte[]{1}, 1, new InetSocketAddress("127.0.0.1", 5353)));
                    return null;
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            assertTrue(nft.listRuleset().contains("udp dport 5353 counter packets 1 "), "the counter moved");
            Drift.Report afterTraffic = Drift.check(nf, installed, Family.INET, "guard");
            assertTrue(afterTraffic.inSync(), afterTraffic.toString());

            nft.run("add", "rule", "ip", "other", "c", "accept");
            assertTrue(Drift.check(nf, installed, Family.INET, "guard").inSync(), "another table's change");

            nft.run("add", "element", "inet", "guard", "allowed", "{", "192.0.2.3", "}");
            assertEquals(Optional.of("set inet guard allowed: element 0xc0000203 added"),
                    Drift.check(nf, installed, Family.INET, "guard").difference());
            nft.run("delete", "element", "inet", "guard", "allowed", "{", "192.0.2.3", "}");
            assertTrue(Drift.check(nf, installed, Family.INET, "guard").inSync(), "back as installed");

            nft.run("add", "rule", "inet", "guard", "out", "tcp", "dport", "22", "drop");
            String d = Drift.check(nf, installed, Family.INET, "guard").difference().orElseThrow();
            assertTrue(d.startsWith("chain inet guard out: rule 3 (handle "), d);
            assertTrue(d.endsWith(" added (2 rules installed, 3 now)"), d);

            nft.run("flush", "chain", "inet", "guard", "out");
            nft.run("chain", "inet", "guard", "out", "{", "policy", "drop", ";", "}");
            assertTrue(nft.listRuleset().contains("policy drop;"));
            String p = Drift.check(nf, installed, Family.INET, "guard").difference().orElseThrow();
            assertEquals("chain inet guard out: base policy: installed ACCEPT, now DROP", p);

            nft.run("delete", "table", "inet", "guard");
            assertEquals(Optional.of("table inet guard: removed"),
                    Drift.check(nf, installed, Family.INET, "guard").difference());
        }
    }
}
