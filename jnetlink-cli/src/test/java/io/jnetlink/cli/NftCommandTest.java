package io.jnetlink.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.jnetlink.oracles.Nft;
import io.jnetlink.oracles.Oracle;
import io.jnetlink.testkit.NetnsTest;
import io.jnetlink.testkit.TestNamespace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code jnl nft}: each change is made with jnl and, as a twin, with nft from the same file; {@code nft list
 * ruleset} must print the same after both. Listings are compared with nft's own. Errors: one line and exit 1
 * for kernel refusals (the ruleset unchanged), nft-style messages and exit 2 for compile errors.
 */
@NetnsTest
class NftCommandTest {

    private static final long TIMEOUT_MS = 10_000;

    private static final String SCRIPT = """
            flush ruleset
            table inet filter {
                set blocked {
                    type ipv4_addr
                    elements = { 192.0.2.1, 192.0.2.7 }
                }
                chain input {
                    type filter hook input priority filter; policy drop;
                    ct state established,related accept
                    iif "lo" accept
                    ip saddr @blocked counter drop
                    tcp dport { 22, 80, 443 } accept
                    udp dport 53 log prefix "dns: " group 5 accept
                }
                chain output {
                    type filter hook output priority 0; policy accept;
                }
            }
            table ip nat {
                chain post {
                    type nat hook postrouting priority srcnat; policy accept;
                    ip saddr 10.0.0.0/8 oif "lo" masquerade
                }
            }
            """;

    @TempDir
    Path dir;

    private Path file(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    private static void lo(TestNamespace ns) {
        Oracle.stdout("ip", "-n", ns.name(), "link", "set", "lo", "up");
    }

    @Test
    void applyGivesWhatNftGivesAndListPrintsWhatNftPrints(TestNamespace ns) throws IOException {
        lo(ns);
        Nft nft = Nft.in(ns.name());
        Path f = file("rules.nft", SCRIPT);
        Cli.jnlIn(ns.name(), "nft", "apply", "-f", f.toString()).ok();
        String byJnl = nft.listRuleset();
        assertTrue(byJnl.contains("tcp dport { 22, 80, 443 } accept"), byJnl);

        Cli.Result listed = Cli.jnlIn(ns.name(), "nft", "list").ok();
        assertEquals(byJnl, listed.out());
        Cli.Result table = Cli.jnlIn(ns.name(), "nft", "list", "table", "inet", "filter").ok();
        assertEquals(nft.run("list", "table", "inet", "filter"), table.out());

        JsonNode json = Cli.jnlIn(ns.name(), "--json", "nft", "list").ok().json();
        assertEquals(withoutMetainfo(nft.jsonRuleset()), withoutMetainfo(json), "jnl --json nft list = nft -j list ruleset");

        nft.run("flush", "ruleset");
        nft.run("-f", f.toString());
        assertEquals(nft.listRuleset(), byJnl, "nft -f of the same file lists the same");
        assertEquals(nft.listRuleset(), Cli.jnlIn(ns.name(), "nft", "list").ok().out());
    }

    /** The metainfo object names the program's version: the one part the two may differ in. */
    private static JsonNode withoutMetainfo(JsonNode ruleset) {
        com.fasterxml.jackson.databind.node.ArrayNode out = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance
                .arrayNode();
        ruleset.path("nftables").forEach(n -> {
            if (!n.has("metainfo")) {
                out.add(n);
            }
        });
        return out;
    }

    /** iif/oif names resolve in the target namespace: veth names that exist only there (and a second pair
     * so the indexes differ from anything in the test's own namespace). */
    @Test
    void interfaceNamesResolveInsideTheNamespace(TestNamespace ns) throws IOException {
        Oracle.stdout("ip", "-n", ns.name(), "link", "add", "jnlpad0", "type", "veth", "peer", "name", "jnlpad1");
        Oracle.stdout("ip", "-n", ns.name(), "link", "add", "jnlonly0", "type", "veth", "peer", "name", "jnlonly1");
        Path f = file("iif.nft", """
                flush ruleset
                table ip t {
                    chain c {
                        type filter hook prerouting priority 0; policy accept;
                        iif "jnlonly1" counter accept
                    }
                }
                """);
        Cli.jnlIn(ns.name(), "nft", "apply", "-f", f.toString()).ok();
        Nft nft = Nft.in(ns.name());
        String byJnl = nft.listRuleset();
        assertTrue(byJnl.contains("iif \"jnlonly1\""), byJnl);
        nft.run("flush", "ruleset");
        nft.run("-f", f.toString());
        assertEquals(Nft.withoutCounters(nft.listRuleset()), Nft.withoutCounters(byJnl));
    }

    @Test
    void deleteTableAsNftDoes(TestNamespace ns) {
        Nft nft = Nft.in(ns.name());
        nft.apply("table inet a {\n chain c {\n }\n}\ntable ip b {\n}\n");
        Cli.jnlIn(ns.name(), "nft", "delete", "table", "inet", "a").ok();
        assertEquals("table ip b {\n}\n", nft.listRuleset());
        Cli.Result again = Cli.jnlIn(ns.name(), "nft", "delete", "table", "inet", "a");
        assertEquals(1, again.exit(), again.err());
        assertEquals(1, again.errLines().size(), again.err());
        assertTrue(again.err().startsWith("jnl nft delete: "), again.err());
        assertTrue(again.err().contains("ENOENT"), again.err());
        assertFalse(nft.attempt("delete", "table", "inet", "a").exitCode() == 0, "nft refuses it too");
    }

    @Test
    void aRefusedTransactionChangesNothingAndFailsOnOneLine(TestNamespace ns) throws IOException {
        Nft nft = Nft.in(ns.name());
        nft.apply("table inet keep { }\n");
        String before = nft.listRuleset();
        Path f = file("bad.nft", """
                add table inet t2
                add chain inet t2 c
                delete table inet nosuch
                """);
        Cli.Result r = Cli.jnlIn(ns.name(), "nft", "apply", "-f", f.toString());
        assertEquals(1, r.exit(), r.err());
        assertEquals(1, r.errLines().size(), r.err());
        assertTrue(r.err().startsWith("jnl nft apply: "), r.err());
        assertTrue(r.err().contains("ENOENT"), r.err());
        assertEquals(before, nft.listRuleset(), "nothing of the transaction took effect");
        assertFalse(nft.attempt("-f", f.toString()).exitCode() == 0, "nft refuses the same file");
    }

    @Test
    void compileErrorsAreNftStyleAndExit2(TestNamespace ns) throws IOException {
        Path f = file("typo.nft", "table inet t {\n    chain c {\n        tcp dport 22 acept\n    }\n}\n");
        Cli.Result r = Cli.jnlIn(ns.name(), "nft", "apply", "-f", f.toString());
        assertEquals(2, r.exit(), r.out() + r.err());
        String first = r.errLines().getFirst();
        assertTrue(first.startsWith(f + ":3:"), first);
        assertTrue(first.contains("Error:"), first);
        assertTrue(r.err().contains("tcp dport 22 acept"), "the source line is shown: " + r.err());
        assertEquals("", Nft.in(ns.name()).listRuleset(), "nothing applied");
    }

    @Test
    void usageErrors(TestNamespace ns) {
        for (List<String> args : List.of(List.of("nft"), List.of("nft", "list", "bogus"),
                List.of("nft", "list", "table", "inet"), List.of("nft", "list", "table", "nofamily", "t"),
                List.of("nft", "delete", "table", "inet"), List.of("nft", "delete", "chain", "inet", "t", "c"),
                List.of("nft", "apply"), List.of("nft", "monitor", "--count", "0"))) {
            Cli.Result r = Cli.jnlIn(ns.name(), args.toArray(String[]::new));
            assertEquals(2, r.exit(), args + ": " + r.err());
            assertEquals("", r.out(), args.toString());
        }
        Cli.Result missing = Cli.jnlIn(ns.name(), "nft", "apply", "-f", "/nonexistent/x.nft");
        assertEquals(1, missing.exit(), missing.err());
        assertTrue(missing.err().contains("ENOENT"), missing.err());
    }

    // ---- monitor ----

    private record Run(Thread thread, StringWriter out, StringWriter err, AtomicInteger exit) {
        static Run start(String... args) {
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            AtomicInteger exit = new AtomicInteger(-1);
            Thread t = Thread.ofPlatform().daemon().name("jnl-nft-monitor").start(
                    () -> exit.set(Jnl.run(new PrintWriter(out), new PrintWriter(err), args)));
            return new Run(t, out, err, exit);
        }

        String await(Predicate<String> line, String what) throws InterruptedException {
            long deadline = System.currentTimeMillis() + TIMEOUT_MS;
            while (System.currentTimeMillis() < deadline) {
                for (String l : out.toString().lines().toList()) {
                    if (line.test(l)) {
                        return l;
                    }
                }
                assertTrue(thread.isAlive(), () -> "jnl ended (exit " + exit.get() + "): " + err);
                Thread.sleep(20);
            }
            throw new AssertionError("no line with " + what + ":\n" + out + "\nstderr: " + err);
        }
    }

    /** Waits until a NETLINK_NETFILTER socket (protocol 12) of the namespace joined a group: jnl subscribed. */
    private static void awaitSubscription(String netns, Run jnl) throws InterruptedException {
        long deadline = System.currentTimeMillis() + TIMEOUT_MS;
        while (System.currentTimeMillis() < deadline) {
            for (String line : Oracle.stdout("ip", "netns", "exec", netns, "cat", "/proc/net/netlink").split("\n")) {
                String[] f = line.trim().split("\\s+");
                if (f.length > 3 && f[1].equals("12") && Long.parseLong(f[3], 16) != 0) {
                    return;
                }
            }
            assertTrue(jnl.thread().isAlive(), () -> "jnl ended (exit " + jnl.exit().get() + "): " + jnl.err());
            Thread.sleep(20);
        }
        throw new AssertionError("jnl nft monitor did not subscribe within " + TIMEOUT_MS + " ms");
    }

    @Test
    void monitorPrintsWhatNftChanges(TestNamespace ns) throws InterruptedException {
        Nft nft = Nft.in(ns.name());
        Run jnl = Run.start("--netns", ns.name(), "nft", "monitor");
        try {
            awaitSubscription(ns.name(), jnl);
            nft.run("add", "table", "inet", "m");
            jnl.await(l -> l.equals("add table inet m"), "add table inet m");
            nft.run("add", "chain", "inet", "m", "c");
            jnl.await(l -> l.equals("add chain inet m c"), "add chain inet m c");
            nft.run("add", "rule", "inet", "m", "c", "tcp", "dport", "22", "accept");
            String handle = nft.run("-a", "list", "chain", "inet", "m", "c").lines()
                    .filter(l -> l.contains("tcp dport 22 accept")).findFirst().orElseThrow().replaceAll(".*# handle ", "");
            jnl.await(l -> l.equals("add rule inet m c tcp dport 22 accept # handle " + handle), "the rule");
            jnl.await(l -> l.matches("# new generation \\d+ by process \\d+ \\(nft\\)"), "the generation");
            nft.run("delete", "table", "inet", "m");
            jnl.await(l -> l.equals("delete table inet m"), "delete table inet m");
        } finally {
            jnl.thread().interrupt();
            jnl.thread().join(TIMEOUT_MS);
        }
        assertFalse(jnl.thread().isAlive());
        assertEquals(0, jnl.exit().get(), jnl.err().toString());
    }

    @Test
    void monitorJsonLinesUntilTheCount(TestNamespace ns) throws InterruptedException {
        Run jnl = Run.start("--netns", ns.name(), "--json", "nft", "monitor", "--count", "2");
        awaitSubscription(ns.name(), jnl);
        Nft.in(ns.name()).run("add", "table", "ip", "j");
        jnl.thread().join(TIMEOUT_MS);
        assertFalse(jnl.thread().isAlive(), "ended after 2 lines");
        assertEquals(0, jnl.exit().get(), jnl.err().toString());
        List<String> lines = jnl.out().toString().lines().toList();
        assertEquals(2, lines.size(), lines.toString());
        assertEquals(Cli.parse("{\"action\":\"add\",\"object\":\"table\",\"family\":\"ip\",\"name\":\"j\"}"),
                Cli.parse(lines.get(0)));
        assertEquals("generation", Cli.parse(lines.get(1)).path("object").asText());
    }
}
