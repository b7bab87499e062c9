package io.jnetlink.genl.testing;

import io.jnetlink.core.Message;
import io.jnetlink.core.codec.Nl;
import io.jnetlink.oracles.HexDiff;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;

/**
 * Golden bytes for the generic netlink tests: hex text with {@code #} comments (inline or from a resource file
 * holding a recorded message), messages built from it, and a byte comparison that prints {@link HexDiff}'s
 * four-bytes-per-line dump.
 */
public final class Hex {

    private Hex() {
    }

    /** Parses hex digits, ignoring whitespace and {@code #} comments up to the end of a line. */
    public static byte[] parse(String text) {
        StringBuilder digits = new StringBuilder();
        for (String line : text.split("\n")) {
            int hash = line.indexOf('#');
            digits.append((hash >= 0 ? line.substring(0, hash) : line).replaceAll("\\s", ""));
        }
        return HexFormat.of().parseHex(digits);
    }

    /** A hex resource next to {@code anchor}, parsed. */
    public static byte[] resource(Class<?> anchor, String name) {
        return parse(text(anchor, name));
    }

    /** A text resource next to {@code anchor}. */
    public static String text(Class<?> anchor, String name) {
        try (InputStream in = anchor.getResourceAsStream(name)) {
            if (in == null) {
                throw new AssertionError("missing test resource " + name + " next to " + anchor.getName());
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The one netlink message in {@code bytes}. */
    public static Message message(byte[] bytes) {
        List<Message> all = Message.parseAll(ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN));
        if (all.size() != 1) {
            throw new AssertionError("expected one netlink message, found " + all.size());
        }
        return all.getFirst();
    }

    /** A u32 in host (little-endian) order as hex. */
    public static String u32(int v) {
        return HexFormat.of().toHexDigits(Integer.reverseBytes(v));
    }

    /** A u16 in host (little-endian) order as hex. */
    public static String u16(int v) {
        return HexFormat.of().toHexDigits(Short.reverseBytes((short) v));
    }

    public static void assertBytes(String what, byte[] expected, byte[] actual) {
        HexDiff.assertBytes(what, expected, actual);
    }

    /**
     * A copy of a netlink message with the padding after every attribute set to zero (nests followed when they
     * carry NLA_F_NESTED). Some tools (ethtool among them) leave stale buffer bytes there; the kernel ignores
     * padding, jnetlink writes zeros.
     */
    public static byte[] zeroPadding(byte[] message, int familyHeaderLength) {
        byte[] out = message.clone();
        ByteBuffer b = ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN);
        zero(b, Nl.NLMSG_HDRLEN + familyHeaderLength, b.getInt(0));
        return out;
    }

    private static void zero(ByteBuffer b, int from, int to) {
        int off = from;
        while (to - off >= Nl.NLA_HDRLEN) {
            int len = Short.toUnsignedInt(b.getShort(off));
            int type = Short.toUnsignedInt(b.getShort(off + 2));
            if (len < Nl.NLA_HDRLEN || off + len > to) {
                return;
            }
            if ((type & Nl.NLA_F_NESTED) != 0) {
                zero(b, off + Nl.NLA_HDRLEN, off + len);
            }
            for (int i = off + len; i < Math.min(Nl.align(off + len), to); i++) {
                b.put(i, (byte) 0);
            }
            off += Nl.align(len);
        }
    }
}
