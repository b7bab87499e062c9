package io.jnetlink.nftables.expr;

import io.jnetlink.core.codec.MessageWriter;

import java.util.Objects;

import static io.jnetlink.nftables.expr.Payload.NFTA_PAYLOAD_BASE;
import static io.jnetlink.nftables.expr.Payload.NFTA_PAYLOAD_CSUM_FLAGS;
import static io.jnetlink.nftables.expr.Payload.NFTA_PAYLOAD_CSUM_OFFSET;
import static io.jnetlink.nftables.expr.Payload.NFTA_PAYLOAD_CSUM_TYPE;
import static io.jnetlink.nftables.expr.Payload.NFTA_PAYLOAD_LEN;
import static io.jnetlink.nftables.expr.Payload.NFTA_PAYLOAD_OFFSET;
import static io.jnetlink.nftables.expr.Payload.NFTA_PAYLOAD_SREG;

/**
 * Writes register {@code sreg} into the packet at {@code offset} of a header, fixing a checksum as told:
 * {@code csumType} NFT_PAYLOAD_CSUM_NONE 0, CSUM_INET 1, CSUM_SCTP 2; {@code csumOffset} where that checksum
 * sits; {@code csumFlags} NFT_PAYLOAD_L4CSUM_PSEUDOHDR 1 (also fix the layer 4 checksum over the pseudo
 * header). Equivalent to nft's {@code ip ttl set 63} or {@code tcp dport set 8080}.
 */
public record PayloadWrite(PayloadBase base, int offset, int len, int sreg, int csumType, int csumOffset,
                           int csumFlags) implements Expr {

    // linux/netfilter/nf_tables.h: enum nft_payload_csum_types, enum nft_payload_csum_flags
    public static final int CSUM_NONE = 0;
    public static final int CSUM_INET = 1;
    public static final int CSUM_SCTP = 2;
    public static final int L4CSUM_PSEUDOHDR = 1;

    public PayloadWrite {
        Objects.requireNonNull(base, "base");
        Wire.checkNonNegative("payload offset", offset);
        Wire.checkNonNegative("payload len", len);
        Wire.checkReg("payload sreg", sreg);
    }

    @Override
    public String name() {
        return Payload.NAME;
    }

    @Override
    public void encodeData(MessageWriter w) {
        w.u32be(NFTA_PAYLOAD_SREG, sreg);
        w.u32be(NFTA_PAYLOAD_BASE, base.code());
        w.u32be(NFTA_PAYLOAD_OFFSET, offset);
        w.u32be(NFTA_PAYLOAD_LEN, len);
        // nft sets the checksum attributes only when there is a checksum to fix (none for IPv6 headers),
        // and CSUM_FLAGS only when the layer 4 pseudo header needs updating
        if (csumType != CSUM_NONE || csumOffset != 0) {
            w.u32be(NFTA_PAYLOAD_CSUM_TYPE, csumType);
            w.u32be(NFTA_PAYLOAD_CSUM_OFFSET, csumOffset);
        }
        if (csumFlags != 0) {
            w.u32be(NFTA_PAYLOAD_CSUM_FLAGS, csumFlags);
        }
    }

    @Override
    public String debug() {
        return Wire.line(Payload.NAME, "write reg " + sreg + " => " + Integer.toUnsignedString(len) + "b @ "
                + base.debugName() + " header + " + Integer.toUnsignedString(offset) + " csum_type "
                + Integer.toUnsignedString(csumType) + " csum_off " + Integer.toUnsignedString(csumOffset)
                + " csum_flags 0x" + Integer.toHexString(csumFlags) + " ");
    }

    static PayloadWrite decode(Fields f) {
        if (f.has(Payload.NFTA_PAYLOAD_DREG)) {
            throw new Fields.NotModelled("payload: both dreg and sreg");
        }
        return new PayloadWrite(PayloadBase.of(f.u32(NFTA_PAYLOAD_BASE)), f.u32(NFTA_PAYLOAD_OFFSET),
                f.u32(NFTA_PAYLOAD_LEN), f.u32(NFTA_PAYLOAD_SREG), f.optU32(NFTA_PAYLOAD_CSUM_TYPE).orElse(0),
                f.optU32(NFTA_PAYLOAD_CSUM_OFFSET).orElse(0), f.optU32(NFTA_PAYLOAD_CSUM_FLAGS).orElse(0));
    }
}
