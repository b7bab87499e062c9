package io.jnetlink.cli;

import io.jnetlink.oracles.Ip;
import io.jnetlink.oracles.Oracle;
import io.jnetlink.testkit.NetnsTest;
import io.jnetlink.testkit.TestNamespace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code jnl garp}: the frame is captured by tcpdump on the peer of the veth it is sent on, and tcpdump's own
 * decoding must show the announcement (the library's tests check every byte of the frames).
 */
@NetnsTest
class GarpCommandTest {

    private static final String MAC = "02:aa:bb:cc:dd:01";

    @TempDir
    Path tmp;

    private static void vethPair(TestNamespace ns) {
        Ip.in(ns.name()).batch("""
                link add v0 address MAC type veth peer name v1
                link set v0 up
                link set v1 up
                """.replace("MAC", MAC));
    }

    /**
     * Starts {@code tcpdump -c 1} on v1 and runs {@code jnl garp ARGS} (each must succeed) until tcpdump has
     * captured a frame matching the filter; returns tcpdump's reading of it.
     */
    private String capture(TestNamespace ns, String name, List<String> filter, String... jnlArgs) {
        assumeTrue(Oracle.installed("tcpdump"), "tcpdump is not installed: no independent receiver (apt-get install tcpdump)");
        Path file = tmp.resolve(name + ".pcap");
        List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", ns.name(), "timeout", "60", "tcpdump",
                "--immediate-mode", "-Z", "root", "-U", "-n", "-c", "1", "-i", "v1", "-w", file.toString()));
        cmd.addAll(filter);
        CompletableFuture<Oracle.Result> tcpdump = CompletableFuture.supplyAsync(
                () -> Oracle.run(null, cmd.toArray(String[]::new)),
                task -> Thread.ofPlatform().daemon().name("tcpdump-" + name).start(task));
        // tcpdump gives no sign that it is ready: send until it has seen a frame
        for (int i = 0; i < 500 && !tcpdump.isDone(); i++) {
            Cli.jnlIn(ns.name(), jnlArgs).ok();
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        tcpdump.join().orThrow();
        return Oracle.stdout("tcpdump", "-r", file.toString(), "-nn", "-e", "-vv");
    }

    @Test
    void gratuitousArpIsSeenOnTheWire(TestNamespace ns) {
        vethPair(ns);
        String text = capture(ns, "arp", List.of("arp"), "garp", "v0", "192.0.2.10");
        assertTrue(text.contains(MAC + " > ff:ff:ff:ff:ff:ff, ethertype ARP (0x0806)"), text);
        assertTrue(text.contains("Request who-has 192.0.2.10") && text.contains("tell 192.0.2.10"), text);
    }

    @Test
    void unsolicitedNeighbourAdvertisementIsSeenOnTheWire(TestNamespace ns) {
        vethPair(ns);
        String text = capture(ns, "na", List.of("icmp6", "and", "ip6[40]", "==", "136"), "garp", "dev", "v0",
                "2001:db8::10");
        assertTrue(text.contains("[icmp6 sum ok]"), text);
        assertTrue(text.contains("neighbor advertisement, length 32, tgt is 2001:db8::10"), text);
        assertTrue(text.contains(MAC + " > 33:33:00:00:00:01"), text);
    }

    @Test
    void failures(TestNamespace ns) {
        vethPair(ns);
        Ip.in(ns.name()).run("link", "set", "v0", "down");
        assertTrue(Cli.refused(ns.name(), "garp", "v0", "192.0.2.10").err().contains("ENETDOWN"));
        assertTrue(Cli.refused(ns.name(), "garp", "nosuch", "192.0.2.10").err().contains("ENODEV"));
        Cli.usage(ns.name(), "'192.0.2.300'", "garp", "v0", "192.0.2.300");
        Cli.usage(ns.name(), "'lo'", "garp", "lo", "127.0.0.1");
        Cli.usage(ns.name(), "'extra'", "garp", "v0", "192.0.2.10", "extra");
        assertEquals(0, Cli.jnlIn(ns.name(), "garp", "--help").exit());
    }
}
