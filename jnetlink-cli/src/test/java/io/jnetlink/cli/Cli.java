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
