package io.jnetlink.core.codec;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Writes netlink messages: the 16-byte header, a family header, then attributes. Byte order is in each
 * method's name: {@code u32} is host order (rtnetlink), {@code u32be} network order (nftables and the
 * NLA_F_NET_BYTEORDER world). Lengths of messages and nests are back-patched, padding is explicit.
 *
 * <p>Not thread-safe; one writer builds one buffer, which may hold many messages (a batch).
 */
public final class MessageWriter {

    private byte[] buf;
    private int pos;
    private int messageStart = -1;

    public MessageWriter() {
        this(512);
    }

    public MessageWriter(int initialCapacity) {
        this.buf = new byte[Math.max(16, initialCapacity)];
    }

    // ---- message framing ----

    /** Starts a message: writes an nlmsghdr whose length is patched by {@link #endMessage()}. */
    public MessageWriter beginMessage(int type, int flags, int seq, int portId) {
        if (messageStart >= 0) {
            throw new IllegalStateException("message already open");
        }
        align();
        messageStart = pos;
        put32(0);
        put16(type);
        put16(flags);
        put32(seq);
        put32(portId);
        return this;
    }

    /** Closes the open message: patches nlmsg_len and pads to 4 bytes. */
    public MessageWriter endMessage() {
        if (messageStart < 0) {
            throw new IllegalStateException("no message open");
        }
        patch32(messageStart, pos - messageStart);
        messageStart = -1;
        align();
        return this;
    }

    // ---- fixed fields (family headers), host order unless named be ----

    public MessageWriter put8(int v) {
        ensure(1);
        buf[pos++] = (byte) v;
        return this;
    }

    public MessageWriter put16(int v) {
        ensure(2);
        buf[pos++] = (byte) v;
        buf[pos++] = (byte) (v >>> 8);
        return this;
    }

    public MessageWriter put16be(int v) {
        ensure(2);
        buf[pos++] = (byte) (v >>> 8);
        buf[pos++] = (byte) v;
        return this;
    }

    public MessageWriter put32(int v) {
        ensure(4);
        buf[pos++] = (byte) v;
        buf[pos++] = (byte) (v >>> 8);
        buf[pos++] = (byte) (v >>> 16);
        buf[pos++] = (byte) (v >>> 24);
        return this;
    }

    public MessageWriter put32be(int v) {
        ensure(4);
        buf[pos++] = (byte) (v >>> 24);
        buf[pos++] = (byte) (v >>> 16);
        buf[pos++] = (byte) (v >>> 8);
        buf[pos++] = (byte) v;
        return this;
    }

    public MessageWriter put64(long v) {
        put32((int) v);
        return put32((int) (v >>> 32));
    }

    public MessageWriter put64be(long v) {
        put32be((int) (v >>> 32));
        return put32be((int) v);
    }

    public MessageWriter putBytes(byte[] b) {
        ensure(b.length);
        System.arraycopy(b, 0, buf, pos, b.length);
        pos += b.length;
        return this;
    }

    /** {@code n} zero bytes, e.g. reserved fields of a family header. */
    public MessageWriter zeros(int n) {
        ensure(n);
        Arrays.fill(buf, pos, pos + n, (byte) 0);
        pos += n;
        return this;
    }

    // ---- attributes ----

    public MessageWriter u8(int type, int v) {
        return attr(type, 1).put8(v).align();
    }

    public MessageWriter u16(int type, int v) {
        return attr(type, 2).put16(v).align();
    }

    public MessageWriter u16be(int type, int v) {
        return attr(type, 2).put16be(v).align();
    }

    public MessageWriter u32(int type, int v) {
        return attr(type, 4).put32(v).align();
    }

    public MessageWriter u32be(int type, int v) {
        return attr(type, 4).put32be(v).align();
    }

    public MessageWriter s32(int type, int v) {
        return u32(type, v);
    }

    public MessageWriter u64(int type, long v) {
        return attr(type, 8).put64(v).align();
    }

    public MessageWriter u64be(int type, long v) {
        return attr(type, 8).put64be(v).align();
    }

    /** A NUL-terminated UTF-8 string (NLA_NUL_STRING, also accepted where NLA_STRING is expected). */
    public MessageWriter string(int type, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        return attr(type, b.length + 1).putBytes(b).put8(0).align();
    }

    /** Raw bytes. */
    public MessageWriter bytes(int type, byte[] b) {
        return attr(type, b.length).putBytes(b).align();
    }

    /** A zero-length attribute (NLA_FLAG). */
    public MessageWriter flag(int type) {
        return attr(type, 0);
    }

    /** An attribute kept raw from a decode: its type bits (flags included) and payload, re-encoded as read. */
    public MessageWriter raw(RawAttribute a) {
        return attr(a.typeBits(), a.payloadLength()).putBytes(a.payload()).align();
    }

    /** A nested attribute: sets NLA_F_NESTED and back-patches the length after {@code body} ran. */
    public MessageWriter nested(int type, Consumer<MessageWriter> body) {
        align();
        int start = pos;
        put16(0);
        put16(type | Nl.NLA_F_NESTED);
        body.accept(this);
        align();
        patch16(start, pos - start);
        return this;
    }

    /**
     * A nested attribute without NLA_F_NESTED, as iproute2 writes them: for the few legacy kernel parsers
     * that compare nla_type without masking the flag bits.
     */
    public MessageWriter nestedWithoutFlag(int type, Consumer<MessageWriter> body) {
        align();
        int start = pos;
        put16(0);
        put16(type);
        body.accept(this);
        align();
        patch16(start, pos - start);
        return this;
    }

    private MessageWriter attr(int typeBits, int payloadLength) {
        align();
        int len = Nl.NLA_HDRLEN + payloadLength;
        if (len > 0xFFFF) {
            throw new IllegalArgumentException("attribute type " + (typeBits & Nl.NLA_TYPE_MASK)
                    + ": payload of " + payloadLength + " bytes exceeds the 65535-byte attribute limit");
        }
        put16(len);
        put16(typeBits);
        return this;
    }

    /** Pads with zeros to the next 4-byte boundary. */
    public MessageWriter align() {
        int pad = Nl.align(pos) - pos;
        if (pad > 0) {
            zeros(pad);
        }
        return this;
    }

    private void patch16(int at, int v) {
        if (v > 0xFFFF) {
            throw new IllegalArgumentException("nested attribute of " + v + " bytes exceeds the 65535-byte limit");
        }
        buf[at] = (byte) v;
        buf[at + 1] = (byte) (v >>> 8);
    }

    private void patch32(int at, int v) {
        buf[at] = (byte) v;
        buf[at + 1] = (byte) (v >>> 8);
        buf[at + 2] = (byte) (v >>> 16);
        buf[at + 3] = (byte) (v >>> 24);
    }

    private void ensure(int n) {
        if (pos + n > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, pos + n));
        }
    }

    /** Bytes written so far. */
    public int size() {
        return pos;
    }

    /** Discards everything written, keeping the buffer. */
    public void reset() {
        pos = 0;
        messageStart = -1;
    }

    /**
     * Drops everything after {@code size} bytes: undoes a message that failed to encode, or an attribute
     * inside the open message (which then stays open).
     */
    public void truncate(int size) {
        if (size < 0 || size > pos) {
            throw new IllegalArgumentException("size " + size + " is outside 0.." + pos);
        }
        pos = size;
        if (size <= messageStart) {
            messageStart = -1;
        }
    }

    /** The backing array; valid bytes are [0, size()). */
    public byte[] array() {
        return buf;
    }

    /** A copy of the bytes written. */
    public byte[] toByteArray() {
        return Arrays.copyOf(buf, pos);
    }
}
