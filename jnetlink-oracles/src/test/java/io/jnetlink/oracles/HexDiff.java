package io.jnetlink.oracles;

import java.util.Arrays;

/**
 * Golden-bytes assertions whose failure shows the two byte arrays side by side, four bytes (one netlink
 * word) per line, with the differing lines marked. Netlink is 4-byte aligned, so a line is a header
 * field, an attribute header or four bytes of payload, and a shifted length shows up at once.
 */
public final class HexDiff {

    private HexDiff() {
    }

    /** Fails with a side-by-side hex dump unless {@code actual} equals {@code expected} byte for byte. */
    public static void assertBytes(byte[] expected, byte[] actual) {
        assertBytes(null, expected, actual);
    }

    /** As {@link #assertBytes(byte[], byte[])}, with a headline naming what was compared. */
    public static void assertBytes(String what, byte[] expected, byte[] actual) {
        if (expected == null || actual == null) {
            if (expected != actual) {
                throw new AssertionError(prefix(what) + "expected " + (expected == null ? "null" : expected.length + " bytes")
                        + " but was " + (actual == null ? "null" : actual.length + " bytes"));
            }
            return;
        }
        if (!Arrays.equals(expected, actual)) {
            throw new AssertionError(prefix(what) + diff(expected, actual));
        }
    }

    /** The side-by-side dump, for messages of other assertions. */
    public static String diff(byte[] expected, byte[] actual) {
        int first = Arrays.mismatch(expected, actual);
        StringBuilder sb = new StringBuilder();
        sb.append("bytes differ: expected ").append(expected.length).append(" bytes, actual ")
                .append(actual.length).append(" bytes");
        if (first >= 0) {
            sb.append(", first difference at offset ").append(first)
                    .append(String.format(" (0x%04x)", first));
        }
        sb.append('\n');
        sb.append(String.format("%-6s  %-11s   %s%n", "offset", "expected", "actual"));
        int lines = (Math.max(expected.length, actual.length) + 3) / 4;
        for (int line = 0; line < lines; line++) {
            int off = line * 4;
            String e = word(expected, off);
            String a = word(actual, off);
            boolean differs = !e.equals(a);
            String row = String.format("%04x    %-11s   %-11s", off, e, a);
            sb.append(differs ? row + "  <<<" : row.stripTrailing()).append('\n');
        }
        return sb.toString();
    }

    private static String word(byte[] b, int off) {
        StringBuilder sb = new StringBuilder(11);
        for (int i = off; i < off + 4 && i < b.length; i++) {
            if (i > off) {
                sb.append(' ');
            }
            sb.append(String.format("%02x", b[i] & 0xFF));
        }
        return sb.toString();
    }

    private static String prefix(String what) {
        return what == null ? "" : what + ": ";
    }
}
