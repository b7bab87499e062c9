package io.jnetlink.core.testing;

import java.util.HexFormat;

/** Byte arrays written the way netlink reads best: hex, four bytes to a group. */
public final class Bytes {

    private Bytes() {
    }

    /** Parses hex digits, ignoring whitespace and '|' separators: {@code hex("08 00 01 00 | 2a 00 00 00")}. */
    public static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replaceAll("[\\s|]", ""));
    }

    /** Concatenates arrays. */
    public static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }
}
