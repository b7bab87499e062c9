package io.jnetlink.route.link;

import io.jnetlink.oracles.HexDiff;

import java.util.HexFormat;

/**
 * Golden-bytes helpers: expected bytes written as hex words with comments; mismatches are reported by
 * {@link HexDiff}, four bytes (one netlink word) per line. Public for the tests of the link subpackages.
 */
public final class Golden {

    private Golden() {
    }

    /** Parses hex digits, ignoring whitespace and {@code #} comments up to the end of a line. */
    public static byte[] hex(String text) {
        StringBuilder digits = new StringBuilder();
        for (String line : text.split("\n")) {
            int hash = line.indexOf('#');
            digits.append((hash >= 0 ? line.substring(0, hash) : line).replaceAll("\\s", ""));
        }
        return HexFormat.of().parseHex(digits);
    }

    /** A u32 in host (little-endian) order as hex, for values only known at run time. */
    public static String u32(int v) {
        return HexFormat.of().toHexDigits(Integer.reverseBytes(v));
    }

    public static void assertBytes(String what, byte[] expected, byte[] actual) {
        HexDiff.assertBytes(what, expected, actual);
    }
}
