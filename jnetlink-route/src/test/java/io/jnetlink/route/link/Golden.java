package io.jnetlink.route.link;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * Golden-bytes helpers: expected bytes written as hex words with comments, and a failure message that
 * shows both sides four bytes (one netlink word) per line. (io.jnetlink.oracles.HexDiff does the same; it
 * is not yet in the installed oracles test-jar this module builds against.)
 */
final class Golden {

    private Golden() {
    }

    /** Parses hex digits, ignoring whitespace and {@code #} comments up to the end of a line. */
    static byte[] hex(String text) {
        StringBuilder digits = new StringBuilder();
        for (String line : text.split("\n")) {
            int hash = line.indexOf('#');
            digits.append((hash >= 0 ? line.substring(0, hash) : line).replaceAll("\\s", ""));
        }
        return HexFormat.of().parseHex(digits);
    }

    /** A u32 in host (little-endian) order as hex, for values only known at run time. */
    static String u32(int v) {
        return HexFormat.of().toHexDigits(Integer.reverseBytes(v));
    }

    static void assertBytes(String what, byte[] expected, byte[] actual) {
        if (Arrays.equals(expected, actual)) {
            return;
        }
        StringBuilder sb = new StringBuilder(what).append(": bytes differ, expected ").append(expected.length)
                .append(" bytes, actual ").append(actual.length).append(" bytes, first difference at offset ")
                .append(Arrays.mismatch(expected, actual)).append('\n');
        int lines = (Math.max(expected.length, actual.length) + 3) / 4;
        for (int i = 0; i < lines; i++) {
            String e = word(expected, i * 4);
            String a = word(actual, i * 4);
            sb.append(String.format("%04x  %-8s  %-8s%s%n", i * 4, e, a, e.equals(a) ? "" : "  <<<"));
        }
        throw new AssertionError(sb.toString());
    }

    private static String word(byte[] b, int off) {
        if (off >= b.length) {
            return "";
        }
        return HexFormat.of().formatHex(b, off, Math.min(b.length, off + 4));
    }
}
