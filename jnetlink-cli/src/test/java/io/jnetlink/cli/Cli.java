package io.jnetlink.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jnetlink.oracles.Ip;
import io.jnetlink.oracles.Oracle;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Runs jnl in-process, as a user would type it, and reads what it printed. */
final class Cli {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Cli() {
    }

    /** What one jnl run printed and returned. */
    record Result(List<String> args, int exit, String out, String err) {

        /** Fails unless the run succeeded with nothing on stderr. */
        Result ok() {
            assertEquals(0, exit, () -> "jnl " + String.join(" ", args) + " failed (exit " + exit + "): " + err);
            assertEquals("", err, () -> "jnl " + String.join(" ", args) + " wrote to stderr");
            return this;
        }

        /** Standard output parsed as JSON. */
        JsonNode json() {
            try {
                return JSON.readTree(out);
            } catch (IOException e) {
                throw new AssertionError("jnl " + String.join(" ", args) + " printed no JSON:\n" + out, e);
            }
        }

        /** The lines written to stderr. */
        List<String> errLines() {
            return err.lines().toList();
        }
    }

    /** {@code jnl ARGS}. */
    static Result jnl(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Jnl.run(new PrintWriter(out), new PrintWriter(err), args);
        return new Result(List.of(args), exit, out.toString(), err.toString());
    }

    /** {@code jnl --netns NS ARGS}. */
    static Result jnlIn(String netns, String... args) {
        List<String> all = new ArrayList<>(List.of("--netns", netns));
        all.addAll(List.of(args));
        return jnl(all.toArray(String[]::new));
    }

    /** {@code jnl --netns NS ARGS} split at spaces; fails unless it succeeds. */
    static Result ok(String netns, String commandLine) {
        return jnlIn(netns, commandLine.split(" ")).ok();
    }

    /** What the oracle showed, and what jnl showed while the oracle showed it. */
    record Snapshot<T>(JsonNode oracle, T jnl) {
    }

    /**
     * Runs jnl between two oracle reads that agree, so that both saw the same kernel state even while the
     * kernel finishes work it does asynchronously (operational state, duplicate address detection).
     */
    static <T> Snapshot<T> settled(Supplier<JsonNode> oracle, Supplier<T> jnl) {
        JsonNode before = oracle.get();
        for (int attempt = 0; attempt < 100; attempt++) {
            T j = jnl.get();
            JsonNode after = oracle.get();
            if (after.equals(before)) {
                return new Snapshot<>(after, j);
            }
            before = after;
        }
        throw new AssertionError("the kernel state kept changing under the oracle: " + before);
    }

    /** Parses text as JSON. */
    static JsonNode parse(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Everything ip shows about links, addresses and routes (all tables, both families) in a namespace. */
    static String ipState(String netns) {
        Ip ip = Ip.in(netns);
        return ip.json("-d", "link").toString() + "\n" + ip.json("addr").toString() + "\n"
                + ip.json("route", "show", "table", "all").toString() + "\n"
                + ip.json("-6", "route", "show", "table", "all").toString();
    }

    /**
     * The elements of a JSON array as sorted text: to compare two namespaces, where the kernel may list
     * equal routes in another order (say, the multicast routes of two links that came up together).
     */
    static List<String> sorted(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(e -> out.add(e.toString()));
        return out.stream().sorted().toList();
    }

    /** {@code bridge -n NS -j ARGS} parsed. */
    static JsonNode bridge(String netns, String... args) {
        List<String> cmd = new ArrayList<>(List.of("bridge", "-n", netns, "-j"));
        cmd.addAll(List.of(args));
        return Oracle.json(cmd.toArray(String[]::new));
    }

    /**
     * {@link #ipState} plus what the layer-2 commands change: the bridge FDB, bridge ports, neighbours in every
     * state (proxies too) and the IPv4 forwarding switch.
     */
    static String l2State(String netns) {
        Ip ip = Ip.in(netns);
        return ipState(netns) + "\n" + bridge(netns, "fdb", "show") + "\n" + bridge(netns, "-d", "link", "show")
                + "\n" + ip.json("neigh", "show", "nud", "all") + "\n" + ip.json("neigh", "show", "proxy") + "\n"
                + sysctl(netns, "net.ipv4.ip_forward");
    }

    /** {@code ip netns exec NS sysctl -n KEY}. */
    static String sysctl(String netns, String key) {
        return Oracle.stdout("ip", "netns", "exec", netns, "sysctl", "-n", key).strip();
    }

    /** {@code jnl --netns NS ARGS}: fails unless it exits 1 with one line on stderr naming an errno, and nothing on stdout. */
    static Result refused(String netns, String... args) {
        Result r = jnlIn(netns, args);
        String cmd = "jnl " + String.join(" ", args);
        assertEquals(1, r.exit(), () -> cmd + " should fail with exit 1: " + r.err());
        assertEquals(1, r.errLines().size(), () -> cmd + ": one line on stderr: " + r.err());
        assertTrue(r.err().startsWith("jnl "), r.err());
        return r;
    }

    /** {@code jnl --netns NS ARGS}: fails unless it exits 2 with the culprit named on the first line of stderr. */
    static Result usage(String netns, String culprit, String... args) {
        Result r = jnlIn(netns, args);
        String cmd = "jnl " + String.join(" ", args);
        assertEquals(2, r.exit(), () -> cmd + " should be a usage error (exit 2): " + r.err());
        assertEquals("", r.out(), cmd + " printed nothing");
        assertTrue(r.errLines().getFirst().contains(culprit), () -> cmd + ": the message names " + culprit + ": " + r.err());
        return r;
    }

    /** {@code ip netns add NAME}, for tests that need a second namespace. */
    static void ipNetnsAdd(String name) {
        Oracle.stdout("ip", "netns", "add", name);
    }

    /** {@code ip netns del NAME}, ignoring a namespace that is already gone. */
    static void ipNetnsDel(String name) {
        Oracle.run(null, "ip", "netns", "del", name);
    }

    /** The names {@code ip netns list} prints. */
    static List<String> ipNetnsList() {
        List<String> names = new ArrayList<>();
        for (String line : Oracle.stdout("ip", "netns", "list").split("\n")) {
            if (!line.isBlank()) {
                names.add(line.strip().split(" ")[0]);
            }
        }
        return names;
    }
}
