package io.jnetlink.nftables.lang;

import io.jnetlink.nftables.proto.Datatype;

import java.math.BigInteger;
import java.util.OptionalInt;

/** Value conversions between nft text, numbers and the bytes a register or set element holds. */
final class Values {

    private Values() {
    }

    /** {@code v} as {@code len} big-endian bytes (truncated to the low bytes). */
    static byte[] be(BigInteger v, int len) {
        byte[] mag = v.toByteArray();
        byte[] out = new byte[len];
        int n = Math.min(mag.length, len);
        System.arraycopy(mag, mag.length - n, out, len - n, n);
        return out;
    }

    static byte[] reverse(byte[] b) {
        byte[] r = new byte[b.length];
        for (int i = 0; i < b.length; i++) {
            r[i] = b[b.length - 1 - i];
        }
        return r;
    }

    /** The value held in register bytes as a number, reading host-order types little-endian. */
    static BigInteger num(Operand op, byte[] bytes) {
        return new BigInteger(1, op.hostOrder() ? reverse(bytes) : bytes);
    }

    /** A number as register bytes of the operand's order. */
    static byte[] bytes(Operand op, BigInteger v) {
        byte[] b = be(v, op.bytes());
        return op.hostOrder() ? reverse(b) : b;
    }

    /** Pads to a multiple of 4 bytes, as concatenation fields are laid out in registers and set keys. */
    static byte[] pad4(byte[] b) {
        int n = (b.length + 3) / 4 * 4;
        byte[] out = new byte[n];
        System.arraycopy(b, 0, out, 0, b.length);
        return out;
    }

    /**
     * Parses one value for the operand, applying the sub-byte shift of partial header fields.
     *
     * @throws IllegalArgumentException naming the type and the text
     */
    static byte[] parse(Operand op, String text, Interfaces interfaces) {
        return parse(op.type(), op.valueBytes(), op.shift(), op.bytes(), text, interfaces);
    }

    static byte[] parse(Datatype type, int valueBytes, int shift, int regBytes, String text, Interfaces interfaces) {
        byte[] v;
        if (type.number() == Datatype.INET_PROTO.number() && text.equals("icmpv6")) {
            // nft's grammar has icmpv6 as a keyword for IPPROTO_ICMPV6 (/etc/protocols says ipv6-icmp)
            text = "ipv6-icmp";
        }
        if (text.length() > 1 && text.matches("0[0-7]+")) {
            // nft reads integers with strtoull(base 0): a leading 0 means octal (tcp dport 022 is 18)
            text = new java.math.BigInteger(text.substring(1), 8).toString();
        }
        if (type.kind() == Datatype.Kind.IFINDEX) {
            v = type.toBytes(ifindex(text, interfaces), valueBytes);
        } else if ((type.number() == Datatype.UID.number() || type.number() == Datatype.GID.number())
                && text.equals("root")) {
            v = type.toBytes(0, valueBytes);
        } else {
            v = type.parse(text, valueBytes);
        }
        if (shift != 0 || regBytes != v.length && type.kind() != Datatype.Kind.STRING) {
            BigInteger n = new BigInteger(1, v).shiftLeft(shift);
            return be(n, regBytes);
        }
        return v;
    }

    /**
     * nft resolves interface names to indexes when it compiles {@code iif}/{@code oif}. "lo" is 1 in every
     * namespace; other names go to {@code interfaces}, numbers are taken as they are.
     */
    static long ifindex(String text, Interfaces interfaces) {
        String name = text.startsWith("\"") && text.endsWith("\"") && text.length() > 1
                ? text.substring(1, text.length() - 1) : text;
        if (!name.isEmpty() && Character.isDigit(name.charAt(0))) {
            return Long.parseLong(name);
        }
        if (name.equals("lo")) {
            return 1;
        }
        OptionalInt index = interfaces.index(name);
        if (index.isPresent()) {
            return index.getAsInt();
        }
        throw new IllegalArgumentException("Interface does not exist: '" + name + "'");
    }
}
