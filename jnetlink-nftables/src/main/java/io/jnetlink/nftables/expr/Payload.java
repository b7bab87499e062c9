package io.jnetlink.nftables.expr;

import io.jnetlink.core.codec.AttributeReader;
import io.jnetlink.core.codec.MessageWriter;

import java.util.Objects;

/**
 * Loads {@code len} bytes at {@code offset} from a packet header into register {@code dreg}.
 * Equivalent to the load nft emits for {@code tcp dport}: {@code [ payload load 2b @ transport header + 2 => reg 1 ]}.
 */
public record Payload(PayloadBase base, int offset, int len, int dreg) implements Expr {

    // linux/netfilter/nf_tables.h: enum nft_payload_attributes
    static final int NFTA_PAYLOAD_DREG = 1;
    static final int NFTA_PAYLOAD_BASE = 2;
    static final int NFTA_PAYLOAD_OFFSET = 3;
    static final int NFTA_PAYLOAD_LEN = 4;
    static final int NFTA_PAYLOAD_SREG = 5;
    static final int NFTA_PAYLOAD_CSUM_TYPE = 6;
    static final int NFTA_PAYLOAD_CSUM_OFFSET = 7;
    static final int NFTA_PAYLOAD_CSUM_FLAGS = 8;

    static final String NAME = "payload";

    public Payload {
        Objects.requireNonNull(base, "base");
        Wire.checkNonNegative("payload offset", offset);
        Wire.checkNonNegative("payload len", len);
        Wire.checkReg("payload dreg", dreg);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void encodeData(MessageWriter w) {
        // libnftnl order: SREG, DREG, BASE, OFFSET, LEN, CSUM_TYPE, CSUM_OFFSET, CSUM_FLAGS
        w.u32be(NFTA_PAYLOAD_DREG, dreg);
        w.u32be(NFTA_PAYLOAD_BASE, base.code());
        w.u32be(NFTA_PAYLOAD_OFFSET, offset);
        w.u32be(NFTA_PAYLOAD_LEN, len);
    }

    @Override
    public String debug() {
        return Wire.line(NAME, "load " + Integer.toUnsignedString(len) + "b @ " + base.debugName() + " header + "
                + Integer.toUnsignedString(offset) + " => reg " + dreg + " ");
    }

    /** Decodes either form of "payload": a load, or a write when NFTA_PAYLOAD_SREG is present. */
    static Expr decode(AttributeReader a) {
        Fields f = Fields.read(NAME, a, NFTA_PAYLOAD_DREG, NFTA_PAYLOAD_BASE, NFTA_PAYLOAD_OFFSET,
                NFTA_PAYLOAD_LEN, NFTA_PAYLOAD_SREG, NFTA_PAYLOAD_CSUM_TYPE, NFTA_PAYLOAD_CSUM_OFFSET,
                NFTA_PAYLOAD_CSUM_FLAGS);
        if (f.has(NFTA_PAYLOAD_SREG)) {
            return PayloadWrite.decode(f);
        }
        if (f.has(NFTA_PAYLOAD_CSUM_TYPE) || f.has(NFTA_PAYLOAD_CSUM_OFFSET) || f.has(NFTA_PAYLOAD_CSUM_FLAGS)) {
            throw new Fields.NotModelled("payload: checksum attributes on a load");
        }
        return new Payload(PayloadBase.of(f.u32(NFTA_PAYLOAD_BASE)), f.u32(NFTA_PAYLOAD_OFFSET),
                f.u32(NFTA_PAYLOAD_LEN), f.u32(NFTA_PAYLOAD_DREG));
    }
}
