package io.jnetlink.core;

import io.jnetlink.core.codec.AttributeNames;
import io.jnetlink.core.codec.AttributeReader;
import io.jnetlink.core.codec.Nl;
import io.jnetlink.core.error.DecodeException;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * One received netlink message: the header fields and the payload after the 16-byte header (family
 * header, then attributes).
 */
public record Message(int type, int flags, int seq, int portId, ByteBuffer payload) {

    public Message {
        payload = payload.slice().asReadOnlyBuffer().order(ByteOrder.LITTLE_ENDIAN);
    }

    /** The payload as a little-endian read-only view positioned at 0. */
    @Override
    public ByteBuffer payload() {
        return payload.duplicate().order(ByteOrder.LITTLE_ENDIAN);
    }

    /** Attributes starting after a family header of {@code headerLength} bytes. */
    public AttributeReader attributes(int headerLength, AttributeNames names) {
        return AttributeReader.of(payload(), headerLength, names);
    }

    /** Checks that the payload holds at least a family header of {@code size} bytes. */
    public ByteBuffer header(int size, String name) {
        if (payload.remaining() < size) {
            throw new DecodeException.Truncated(name, size, payload.remaining());
        }
        return payload();
    }

    public boolean hasFlag(int flag) {
        return (flags & flag) == flag;
    }

    /**
     * Splits a datagram into messages. Throws {@link DecodeException.Truncated} when a length field is
     * smaller than a header or runs past the datagram.
     */
    public static List<Message> parseAll(ByteBuffer datagram) {
        ByteBuffer b = datagram.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        int base = b.position();
        int end = b.limit();
        List<Message> out = new ArrayList<>();
        int off = base;
        while (end - off >= Nl.NLMSG_HDRLEN) {
            int len = b.getInt(off);
            if (len < Nl.NLMSG_HDRLEN || len > end - off) {
                throw new DecodeException.Truncated("netlink message (nlmsg_len " + Integer.toUnsignedString(len) + ")",
                        Math.max(len, Nl.NLMSG_HDRLEN), end - off);
            }
            int type = Short.toUnsignedInt(b.getShort(off + 4));
            int flags = Short.toUnsignedInt(b.getShort(off + 6));
            int seq = b.getInt(off + 8);
            int pid = b.getInt(off + 12);
            out.add(new Message(type, flags, seq, pid, b.slice(off + Nl.NLMSG_HDRLEN, len - Nl.NLMSG_HDRLEN)));
            off += Nl.align(len);
        }
        return out;
    }
}
