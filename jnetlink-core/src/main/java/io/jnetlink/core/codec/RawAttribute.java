package io.jnetlink.core.codec;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * An attribute kept as it came from the kernel: type bits (NLA_F_NESTED and NLA_F_NET_BYTEORDER included)
 * and payload. Decoders keep what they do not model this way so that nothing is lost and it re-encodes
 * byte-identically through {@link MessageWriter#raw(RawAttribute)}.
 */
public record RawAttribute(int typeBits, byte[] payload) {

    public RawAttribute {
        payload = payload.clone();
    }

    /** The attribute type without flag bits. */
    public int type() {
        return typeBits & Nl.NLA_TYPE_MASK;
    }

    public boolean nested() {
        return (typeBits & Nl.NLA_F_NESTED) != 0;
    }

    @Override
    public byte[] payload() {
        return payload.clone();
    }

    int payloadLength() {
        return payload.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RawAttribute r && r.typeBits == typeBits && Arrays.equals(r.payload, payload);
    }

    @Override
    public int hashCode() {
        return 31 * typeBits + Arrays.hashCode(payload);
    }

    @Override
    public String toString() {
        return "RawAttribute[type=" + type() + (nested() ? ",nested" : "") + ",payload="
                + HexFormat.of().formatHex(payload) + "]";
    }
}
