package io.jnetlink.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.jnetlink.oracles.Ip;
import io.jnetlink.oracles.Oracle;
import io.jnetlink.testkit.NetnsTest;
import io.jnetlink.testkit.TestNamespace;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code jnl monitor}: jnl runs in-process on its own thread, as {@code Jnl.run} with string writers; the test
 * waits until its subscription shows in the namespace's /proc/net/netlink, makes changes with {@code ip}, and
 * reads the lines jnl printed. The thread ends by {@code --count} or by being interrupted.
 */
@NetnsTest
class MonitorCommandTest {

    private static final long TIMEOUT_MS = 10_000;

    /** A jnl run on its own thread, its output readable while it runs. */
    private static final class Running {
        final StringWriter out = new StringWriter();
        final StringWriter err = new StringWriter();
        final AtomicInteger exit = new AtomicInteger(-1);
        final Thread thread;

        Running(String... args) {
            thread = Thread.ofPlatform().daemon().name("jnl-monitor").start(
                    () -> exit.set(Jnl.run(new PrintWriter(out), new PrintWriter(err), args)));
        }

        List<String> lines() {
            return out.toString().lines().toList();
        }

        /** Waits until a printed line matches, and returns it. */
        String await(Predicate<String> line, String what) {
            long deadline = System.currentTimeMillis() + TIMEOUT_MS;
            while (System.currentTimeMillis() < deadline) {
                for (String l : lines()) {
                    if (line.test(l)) {
                        return l;
                    }
                }
                assertTrue(thread.isAlive(), () -> "jnl ended (exit " + exit.get() + "): " + err);
                sleep(20);
            }
            throw new AssertionError("jnl printed no line with " + what + " within " + TIMEOUT_MS + " ms:\n" + out
                    + "\nstderr: " + err);
        }

        /** Interrupts the thread, which must then end with exit 0 and nothing on stderr. */
        void stop() throws InterruptedException {
            thread.interrupt();
            thread.join(TIMEOUT_MS);
            assertFalse(thread.isAlive(), "jnl monitor ended when its thread was interrupted");
            assertEquals(0, exit.get(), err.toString());
            assertEquals("", err.toString());
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Waits until a NETLINK_ROUTE socket of the namespace has joined a multicast group: jnl has subscribed. */
    private static void awaitSubscription(String netns, Running jnl) {
        long deadline = System.currentTimeMillis() + TIMEOUT_MS;
        while (System.currentTimeMillis() < deadline) {
            // sk Eth Pid Groups Rmem Wmem Dump Locks Drops Inode
            for (String line : Oracle.stdout("ip", "netns", "exec", netns, "cat", "/proc/net/netlink").split("\n")) {
                String[] f = line.trim().split("\\s+");
                if (f.length > 3 && f[1].equals("0") && !f[3].equals("Groups") && Long.parseLong(f[3], 16) != 0) {
                    return;
                }
            }
            assertTrue(jnl.thread.isAlive(), () -> "jnl ended (exit " + jnl.exit.get() + "): " + jnl.err);
            sleep(20);
        }
        throw new AssertionError("jnl monitor did not subscribe within " + TIMEOUT_MS + " ms");
    }

    @Test
    void linesForLinksAddressesRoutesAndNeighbours(TestNamespace ns) throws InterruptedException {
        Running jnl = new Running("--netns", ns.name(), "monitor");
        try {
            awaitSubscription(ns.name(), jnl);
            Ip ip = Ip.in(ns.name());
            ip.batch("""
                    link add m0 type veth peer name m1
                    link set m1 up
                    link set m0 up
                    address add 10.9.0.1/24 dev m0
                    route add 10.99.0.0/16 via 10.9.0.2
                    neigh add 10.9.0.2 lladdr 02:00:00:00:00:02 dev m0 nud permanent
                    """);
            int index = ip.json("link", "show", "m0").get(0).path("ifindex").asInt();
            String link = jnl.await(l -> l.startsWith("link added m0 "), "link added m0");
            assertTrue(link.startsWith("link added m0 index " + index + " kind veth"), link);
            jnl.await(l -> l.equals("address added 10.9.0.1/24 dev m0 scope global"), "the address");
            jnl.await(l -> l.equals("route added 10.99.0.0/16 via 10.9.0.2 dev m0 table main proto boot"), "the route");
            jnl.await(l -> l.equals("neigh added 10.9.0.2 dev m0 lladdr 02:00:00:00:00:02 PERMANENT"), "the neighbour");
            ip.run("link", "del", "m0");
            jnl.await(l -> l.startsWith("link removed m0 index " + index), "link removed m0");
        } finally {
            jnl.stop();
        }
        assertTrue(jnl.lines().stream().allMatch(l -> l.matches("(link|address|route|neigh|raw|resync) .*")),
                jnl.out.toString());
    }

    @Test
    void jsonLinesUntilTheCount(TestNamespace ns) throws InterruptedException {
        Running jnl = new Running("--netns", ns.name(), "-j", "monitor", "address", "--count", "2");
        awaitSubscription(ns.name(), jnl);
        Ip ip = Ip.in(ns.name());
        ip.batch("""
                link add m0 type veth peer name m1
                address add 10.9.0.1/24 dev m0
                address add 10.9.0.2/24 dev m0
                address add 10.9.0.3/24 dev m0
                """);
        jnl.thread.join(TIMEOUT_MS);
        assertFalse(jnl.thread.isAlive(), "jnl ended after --count 2 lines");
        assertEquals(0, jnl.exit.get(), jnl.err.toString());
        List<String> lines = jnl.lines();
        assertEquals(2, lines.size(), jnl.out.toString());
        JsonNode addrs = ip.json("addr", "show", "dev", "m0");
        List<String> seen = new ArrayList<>();
        for (String line : lines) {
            JsonNode e = Cli.parse(line);
            assertEquals("address", e.path("object").asText(), line);
            assertEquals("added", e.path("action").asText(), line);
            JsonNode d = e.path("data");
            assertEquals("m0", d.path("dev").asText());
            assertEquals(addrs.get(0).path("ifindex").asInt(), d.path("index").asInt());
            assertEquals(24, d.path("prefixlen").asInt());
            seen.add(d.path("local").asText());
        }
        assertEquals(List.of("10.9.0.1", "10.9.0.2"), seen);
    }

    @Test
    void usageErrors(TestNamespace ns) {
        Cli.usage(ns.name(), "'frob'", "monitor", "link", "frob");
        Cli.usage(ns.name(), "'0'", "monitor", "--count", "0");
    }
}
