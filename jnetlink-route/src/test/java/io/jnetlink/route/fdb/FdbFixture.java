package io.jnetlink.route.fdb;

import com.fasterxml.jackson.databind.JsonNode;
import io.jnetlink.core.Message;
import io.jnetlink.core.Request;
import io.jnetlink.oracles.Ip;
import io.jnetlink.oracles.Oracle;
import io.jnetlink.testkit.TestNamespace;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Helpers for the FDB tests: golden bytes, and the {@code bridge} oracle in a test namespace (package-private, so
 * that test code adds no exported API).
 */
final class FdbFixture {

    private FdbFixture() {
    }

    /** Parses hex digits, ignoring white space and {@code #} comments up to the end of a line. */
    static byte[] hex(String text) {
        StringBuilder digits = new StringBuilder();
        for (String line : text.split("\n")) {
            int hash = line.indexOf('#');
            digits.append((hash >= 0 ? line.substring(0, hash) : line).replaceAll("\\s", ""));
        }
        return HexFormat.of().parseHex(digits);
    }

    /** The nlmsghdr bridge sends with seq 1 and port 0 (strace shows the header decoded; the test numbers it 1). */
    static String header(int length, int type, int flags) {
        return String.format("%02x%02x0000 %02x%02x %02x%02x 01000000 00000000%n", length & 0xFF, length >> 8,
                type & 0xFF, type >> 8, flags & 0xFF, flags >> 8);
    }

    /** The request's bytes read back as if the kernel had sent them. */
    static Message asMessage(Request r) {
        return Message.parseAll(ByteBuffer.wrap(r.encode(1, 0)).order(ByteOrder.LITTLE_ENDIAN)).getFirst();
    }

    /** Bytes written by a test, read as the kernel's messages. */
    static Message message(byte[] bytes) {
        return Message.parseAll(ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN)).getFirst();
    }

    private static final int SETTLE_ROUNDS = 250;
    private static final long SETTLE_PAUSE_MS = 20;

    /**
     * Switches IPv6 off in the namespace before any device exists, so that no device joins IPv6 multicast groups
     * (which the kernel lists as FDB entries of the device) on its own schedule while a test compares.
     */
    static Ip quietNamespace(TestNamespace ns) {
        Oracle.run(null, "ip", "netns", "exec", ns.name(), "sysctl", "-qw", "net.ipv6.conf.all.disable_ipv6=1",
                "net.ipv6.conf.default.disable_ipv6=1").orThrow();
        return Ip.in(ns.name());
    }

    /** {@code bridge -n NS -j fdb show ARGS}, parsed. */
    static JsonNode fdbShow(TestNamespace ns, String... args) {
        List<String> cmd = new ArrayList<>(List.of("bridge", "-n", ns.name(), "-j", "fdb", "show"));
        cmd.addAll(List.of(args));
        return Oracle.json(cmd.toArray(String[]::new));
    }

    /** {@code bridge -n NS ARGS}, returning the result whatever it is. */
    static Oracle.Result bridge(TestNamespace ns, String... args) {
        List<String> cmd = new ArrayList<>(List.of("bridge", "-n", ns.name()));
        cmd.addAll(List.of(args));
        return Oracle.run(null, cmd.toArray(String[]::new));
    }

    /** {@code bridge -n NS -batch -} with the given lines. */
    static void bridgeBatch(TestNamespace ns, String lines) {
        Oracle.run(lines, "bridge", "-n", ns.name(), "-batch", "-").orThrow();
    }

    /**
     * Waits until the FDB the kernel builds for devices that just came up (multicast addresses, the bridge's
     * local entries) is the same in two snapshots 20 ms apart. Not an assertion on timing: tests compare only
     * after this.
     */
    static void settle(TestNamespace ns) {
        String last = null;
        for (int i = 0; i < SETTLE_ROUNDS; i++) {
            String now = fdbShow(ns).toString();
            if (now.equals(last)) {
                return;
            }
            last = now;
            try {
                Thread.sleep(SETTLE_PAUSE_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for the FDB to settle", e);
            }
        }
        fail("the FDB did not settle in namespace " + ns.name());
    }

    /** Link index to name, from {@code ip -j link}. */
    static Map<Integer, String> linkNames(Ip ip) {
        Map<Integer, String> names = new HashMap<>();
        for (JsonNode l : ip.json("link")) {
            names.put(l.get("ifindex").asInt(), l.get("ifname").asText());
        }
        return names;
    }
}
