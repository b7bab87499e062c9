package io.jnetlink.nftables.proto;

import java.util.Objects;

/**
 * One protocol header field as nft knows it (proto.c): {@code tcp dport} is a 16-bit {@code inet_service} at
 * bit 16 of the transport header. Offsets count in bits from the {@link HeaderBase} (vlan fields count from the
 * link-layer header, after the 14-byte Ethernet header). nft loads the whole bytes covering the field
 * ({@link #loadOffset()}, {@link #loadLength()}) and masks and shifts sub-byte fields.
 *
 * @param protocol   the protocol keyword ("ip", "tcp", "th", ...)
 * @param name       the field keyword ("saddr", "dport", "flags", "type", "saddr ether" for arp)
 * @param offsetBits offset from the base in bits
 * @param lengthBits length in bits
 * @param type       the datatype values of this field have
 */
public record ProtoField(String protocol, String name, HeaderBase base, int offsetBits, int lengthBits,
                         Datatype type) {

    public ProtoField {
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(type, "type");
        if (offsetBits < 0 || lengthBits <= 0) {
            throw new IllegalArgumentException("field " + protocol + " " + name + ": bad offset/length "
                    + offsetBits + "/" + lengthBits);
        }
    }

    /** The nft expression text: {@code "tcp dport"}. */
    public String nftName() {
        return protocol + " " + name;
    }

    /** Whether offset and length are whole bytes (no mask or shift needed). */
    public boolean byteAligned() {
        return offsetBits % 8 == 0 && lengthBits % 8 == 0;
    }

    /** Byte offset of the first loaded byte (NFTA_PAYLOAD_OFFSET). */
    public int loadOffset() {
        return offsetBits / 8;
    }

    /** Number of bytes nft loads (NFTA_PAYLOAD_LEN): the whole bytes covering the field. */
    public int loadLength() {
        return (offsetBits % 8 + lengthBits + 7) / 8;
    }

    /** Shift from the loaded bytes' least significant bit to the field's (0 for aligned fields). */
    public int shift() {
        return loadLength() * 8 - (offsetBits % 8) - lengthBits;
    }

    /** The mask nft applies to the loaded bytes (big-endian, loadLength() bytes), all ones when aligned. */
    public byte[] mask() {
        int n = loadLength();
        byte[] m = new byte[n];
        int first = offsetBits % 8;
        for (int bit = first; bit < first + lengthBits; bit++) {
            m[bit / 8] |= (byte) (0x80 >>> (bit % 8));
        }
        return m;
    }
}
