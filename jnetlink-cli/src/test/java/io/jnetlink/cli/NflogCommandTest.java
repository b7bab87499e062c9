package io.jnetlink.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.jnetlink.oracles.Nft;
import io.jnetlink.oracles.Oracle;
import io.jnetlink.testkit.NetnsTest;
import io.jnetlink.testkit.TestNamespace;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code jnl nflog GROUP}: jnl runs on its own thread; the test waits until the group shows as bound in the
 * namespace's /proc/net/netfilter/nfnetlink_log (the kernel's own list of log instances), sends UDP datagrams
 * from a socket in the namespace that an nft {@code log group} rule logs, and reads jnl's lines.
 */
@NetnsTest
class NflogCommandTest {

    private static final long TIMEOUT_MS = 10_000;

    private static final String RULES = """
            table inet t {
                chain out {
                    type filter hook output priority 0; policy accept;
                    udp dport 4712 log prefix "jnl: " group 5
                }
            }
            """;

    private record Run(Thread thread, StringWriter out, StringWriter err, AtomicInteger exit) {
        static Run start(String... args) {
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            AtomicInteger exit = new AtomicInteger(-1);
            Thread t = Thread.ofPlatform().daemon().name("jnl-nflog").start(
                    () -> exit.set(Jnl.run(new PrintWriter(out), new PrintWriter(err), args)));
            return new Run(t, out, err, exit);
        }
    }

    /** Waits until the kernel lists group 5 as bound: jnl is ready to receive. */
    private static void awaitBound(String netns, Run jnl, int group) throws InterruptedException {
        long deadline = System.currentTimeMillis() + TIMEOUT_MS;
        while (System.currentTimeMillis() < deadline) {
            // one line per instance: group portid qlen copy_mode copy_range flush_timeout use
            for (String line : Oracle.stdout("ip", "netns", "exec", netns, "cat", "/proc/net/netfilter/nfnetlink_log")
                    .split("\n")) {
                String[] f = line.trim().split("\\s+");
                if (f.length > 1 && f[0].equals(Integer.toString(group))) {
                    return;
                }
            }
            assertTrue(jnl.thread().isAlive(), () -> "jnl ended (exit " + jnl.exit().get() + "): " + jnl.err());
            Thread.sleep(20);
        }
        throw new AssertionError("jnl nflog did not bind group " + group + " within " + TIMEOUT_MS + " ms");
    }

    private static int send(TestNamespace ns, String text) {
        return ns.netns().call(() -> {
            try (DatagramSocket s = new DatagramSocket()) {
                byte[] b = text.getBytes();
                s.send(new DatagramPacket(b, b.length, new InetSocketAddress("127.0.0.1", 4712)));
                return s.getLocalPort();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    @Test
    void oneLinePerPacketUntilTheCount(TestNamespace ns) throws InterruptedException {
        Oracle.stdout("ip", "-n", ns.name(), "link", "set", "lo", "up");
        Nft.in(ns.name()).apply(RULES);
        Run jnl = Run.start("--netns", ns.name(), "nflog", "5", "--count", "2");
        awaitBound(ns.name(), jnl, 5);
        int p1 = send(ns, "one");
        int p2 = send(ns, "two");
        jnl.thread().join(TIMEOUT_MS);
        assertFalse(jnl.thread().isAlive(), "jnl ended after --count 2");
        assertEquals(0, jnl.exit().get(), jnl.err().toString());
        List<String> lines = jnl.out().toString().lines().toList();
        assertEquals(List.of(
                "group 5 hook output prefix \"jnl: \" out lo uid 0 gid 0 ip saddr 127.0.0.1 daddr 127.0.0.1 ttl 64 "
                        + "length 31 udp sport " + p1 + " dport 4712",
                "group 5 hook output prefix \"jnl: \" out lo uid 0 gid 0 ip saddr 127.0.0.1 daddr 127.0.0.1 ttl 64 "
                        + "length 31 udp sport " + p2 + " dport 4712"), lines);
    }

    @Test
    void jsonLines(TestNamespace ns) throws InterruptedException {
        Oracle.stdout("ip", "-n", ns.name(), "link", "set", "lo", "up");
        Nft.in(ns.name()).apply(RULES);
        Run jnl = Run.start("--netns", ns.name(), "--json", "nflog", "5", "--count", "1", "--payload");
        awaitBound(ns.name(), jnl, 5);
        int port = send(ns, "hello");
        jnl.thread().join(TIMEOUT_MS);
        assertEquals(0, jnl.exit().get(), jnl.err().toString());
        JsonNode r = Cli.parse(jnl.out().toString().strip());
        assertEquals(5, r.path("group").asInt());
        assertEquals("output", r.path("hook").asText());
        assertEquals("jnl: ", r.path("prefix").asText());
        assertEquals("lo", r.path("outdev").asText());
        assertEquals("127.0.0.1", r.path("network").path("saddr").asText());
        assertEquals("udp", r.path("transport").path("protocol").asText());
        assertEquals(port, r.path("transport").path("sport").asInt());
        assertEquals(4712, r.path("transport").path("dport").asInt());
        assertTrue(r.path("payload").asText().endsWith("68656c6c6f"), "payload ends with 'hello': " + r);
    }

    @Test
    void groupOutOfRangeIsAUsageError(TestNamespace ns) {
        Cli.Result r = Cli.jnlIn(ns.name(), "nflog", "70000");
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().startsWith("jnl nflog: invalid GROUP '70000': must be 0..65535"), r.err());
    }

    @Test
    void aGroupBoundElsewhereFailsWithTheErrno(TestNamespace ns) throws InterruptedException {
        Run first = Run.start("--netns", ns.name(), "nflog", "6");
        try {
            awaitBound(ns.name(), first, 6);
            Cli.Result second = Cli.jnlIn(ns.name(), "nflog", "6");
            assertEquals(1, second.exit(), second.err());
            assertEquals("jnl nflog: bind nflog group 6: EPERM (Operation not permitted): group 6 is bound by another "
                    + "socket", second.err().lines().findFirst().orElseThrow());
        } finally {
            first.thread().interrupt();
            first.thread().join(TIMEOUT_MS);
        }
        assertEquals(0, first.exit().get(), first.err().toString());
    }
}
