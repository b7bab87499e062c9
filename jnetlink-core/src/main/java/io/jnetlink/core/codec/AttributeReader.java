package io.jnetlink.core.codec;

import io.jnetlink.core.error.DecodeException;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Iterates the attributes of a region of a message:
 * <pre>{@code
 * var a = AttributeReader.of(payload, IfInfo.SIZE, IFLA_NAMES);
 * while (a.next()) {
 *     switch (a.type()) {
 *         case IFLA_MTU -> mtu = a.u32();
 *         case IFLA_IFNAME -> name = a.string();
 *         default -> unknown.add(a.raw());
 *     }
 * }
 * }</pre>
 * Every getter checks the payload size and throws {@link DecodeException.AttributeSize} naming the
 * attribute, the expected and the actual size; no getter returns null or a silent zero.
 */
public final class AttributeReader {

    private final ByteBuffer buf;
    private final int end;
    private final AttributeNames names;
    private int next;
    private int typeBits = -1;
    private int payloadStart;
    private int payloadLength;

    private AttributeReader(ByteBuffer buf, int start, int end, AttributeNames names) {
        this.buf = buf.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        this.next = start;
        this.end = end;
        this.names = names;
    }

    /** Reads attributes from {@code offset} to the buffer's limit. */
    public static AttributeReader of(ByteBuffer buf, int offset, AttributeNames names) {
        if (offset < 0) {
            throw new IllegalArgumentException("offset must not be negative: " + offset);
        }
        if (offset > buf.limit()) {
            throw new DecodeException.Truncated("family header", offset, buf.limit());
        }
        return new AttributeReader(buf, offset, buf.limit(), names);
    }

    /** Reads attributes from the whole of a byte array (tests, fuzzing). */
    public static AttributeReader of(byte[] bytes, AttributeNames names) {
        return of(ByteBuffer.wrap(bytes), 0, names);
    }

    /**
     * Advances to the next attribute. Returns false at the end of the region. Throws when a header or a
     * length runs past the region.
     */
    public boolean next() {
        if (next >= end) {
            typeBits = -1;
            return false;
        }
        if (end - next < Nl.NLA_HDRLEN) {
            // Trailing bytes shorter than an attribute header: the kernel's nla_for_each_attr ignores them too.
            typeBits = -1;
            next = end;
            return false;
        }
        int len = Short.toUnsignedInt(buf.getShort(next));
        int bits = Short.toUnsignedInt(buf.getShort(next + 2));
        if (len < Nl.NLA_HDRLEN || next + len > end) {
            throw new DecodeException.Truncated(names.name(bits & Nl.NLA_TYPE_MASK) + " (length " + len + ")",
                    Math.max(len, Nl.NLA_HDRLEN), end - next);
        }
        typeBits = bits;
        payloadStart = next + Nl.NLA_HDRLEN;
        payloadLength = len - Nl.NLA_HDRLEN;
        next = Math.min(end, next + Nl.align(len));
        return true;
    }

    /** The current attribute's type, flag bits removed. */
    public int type() {
        current();
        return typeBits & Nl.NLA_TYPE_MASK;
    }

    /** The current attribute's type bits as sent, NLA_F_NESTED and NLA_F_NET_BYTEORDER included. */
    public int typeBits() {
        current();
        return typeBits;
    }

    /** The current attribute's name in this reader's attribute space. */
    public String name() {
        return names.name(type());
    }

    /** Payload length of the current attribute. */
    public int length() {
        current();
        return payloadLength;
    }

    public int u8() {
        exactly(1, "u8");
        return Byte.toUnsignedInt(buf.get(payloadStart));
    }

    public int u16() {
        exactly(2, "u16");
        return Short.toUnsignedInt(buf.getShort(payloadStart));
    }

    public int u16be() {
        exactly(2, "be16");
        return Short.toUnsignedInt(Short.reverseBytes(buf.getShort(payloadStart)));
    }

    /** A host-order u32 (returned as a Java int; use Integer.toUnsignedLong for values above 2^31). */
    public int u32() {
        exactly(4, "u32");
        return buf.getInt(payloadStart);
    }

    public int u32be() {
        exactly(4, "be32");
        return Integer.reverseBytes(buf.getInt(payloadStart));
    }

    public int s32() {
        return u32();
    }

    public long u64() {
        exactly(8, "u64");
        return buf.getLong(payloadStart);
    }

    public long u64be() {
        exactly(8, "be64");
        return Long.reverseBytes(buf.getLong(payloadStart));
    }

    /** A u8, u16, u32 or u64 in host order, whichever size the kernel sent (NLA_UINT style). */
    public long unsigned() {
        current();
        return switch (payloadLength) {
            case 1 -> Byte.toUnsignedLong(buf.get(payloadStart));
            case 2 -> Short.toUnsignedLong(buf.getShort(payloadStart));
            case 4 -> Integer.toUnsignedLong(buf.getInt(payloadStart));
            case 8 -> buf.getLong(payloadStart);
            default -> throw new DecodeException.AttributeSize(name(), "1, 2, 4 or 8 bytes", 4, payloadLength);
        };
    }

    /** A string, with or without its terminating NUL (anything from the first NUL on is dropped). */
    public String string() {
        current();
        int n = 0;
        while (n < payloadLength && buf.get(payloadStart + n) != 0) {
            n++;
        }
        byte[] b = new byte[n];
        buf.get(payloadStart, b);
        return new String(b, StandardCharsets.UTF_8);
    }

    /** The payload as a fresh array. */
    public byte[] bytes() {
        current();
        byte[] b = new byte[payloadLength];
        buf.get(payloadStart, b);
        return b;
    }

    /** The payload, which must be exactly {@code size} bytes (an address, a key). */
    public byte[] bytes(int size) {
        exactly(size, size + " bytes");
        return bytes();
    }

    /** A flag attribute: present means true; it must be empty. */
    public boolean flag() {
        exactly(0, "flag (empty)");
        return true;
    }

    /** The payload as a read-only little-endian view, for fixed structs carried in an attribute. */
    public ByteBuffer payload() {
        current();
        return buf.slice(payloadStart, payloadLength).asReadOnlyBuffer().order(ByteOrder.LITTLE_ENDIAN);
    }

    /** The payload, which must be at least {@code min} bytes, as a little-endian view (a struct). */
    public ByteBuffer struct(int min, String structName) {
        current();
        if (payloadLength < min) {
            throw new DecodeException.AttributeSize(name(), "at least " + min + " bytes (" + structName + ")",
                    min, payloadLength);
        }
        return payload();
    }

    /** A reader over the current attribute's payload, in another attribute space. */
    public AttributeReader nested(AttributeNames innerNames) {
        current();
        return new AttributeReader(buf, payloadStart, payloadStart + payloadLength, innerNames);
    }

    /** The current attribute, kept raw. */
    public RawAttribute raw() {
        return new RawAttribute(typeBits(), bytes());
    }

    private void exactly(int size, String what) {
        current();
        if (payloadLength != size) {
            throw new DecodeException.AttributeSize(name(), what, size, payloadLength);
        }
    }

    private void current() {
        if (typeBits < 0) {
            throw new IllegalStateException("no current attribute: call next() first");
        }
    }
}
