package io.jnetlink.nftables.expr;

import io.jnetlink.core.codec.AttributeReader;
import io.jnetlink.core.codec.MessageWriter;

/**
 * Matches while the number of connections (of the set element it belongs to) is at most {@code count}, or
 * above it with {@link #F_INV}. Equivalent to nft's {@code ct count over 10}: {@code [ connlimit count 10 flags 1 ]}.
 */
public record Connlimit(int count, int flags) implements Expr {

    // linux/netfilter/nf_tables.h: enum nft_connlimit_attributes, enum nft_connlimit_flags
    static final int NFTA_CONNLIMIT_COUNT = 1;
    static final int NFTA_CONNLIMIT_FLAGS = 2;
    /** NFT_CONNLIMIT_F_INV: match when over the count. */
    public static final int F_INV = 1;

    static final String NAME = "connlimit";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void encodeData(MessageWriter w) {
        w.u32be(NFTA_CONNLIMIT_COUNT, count);
        w.u32be(NFTA_CONNLIMIT_FLAGS, flags);
    }

    @Override
    public String debug() {
        return Wire.line(NAME, "count " + Integer.toUnsignedString(count) + " flags " + Integer.toHexString(flags)
                + " ");
    }

    static Connlimit decode(AttributeReader a) {
        Fields f = Fields.read(NAME, a, NFTA_CONNLIMIT_COUNT, NFTA_CONNLIMIT_FLAGS);
        return new Connlimit(f.u32(NFTA_CONNLIMIT_COUNT), f.u32(NFTA_CONNLIMIT_FLAGS));
    }
}
