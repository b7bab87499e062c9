package io.jnetlink.nftables.expr;

import io.jnetlink.core.codec.AttributeReader;
import io.jnetlink.core.codec.MessageWriter;

/**
 * A byte quota: matches until {@code bytes} have passed ({@link #F_INV}: only once over). Equivalent to nft's
 * {@code quota over 1 mbytes}: {@code [ quota bytes 1048576 consumed 0 flags 1 ]}.
 */
public record Quota(long bytes, long consumed, int flags) implements Expr {

    // linux/netfilter/nf_tables.h: enum nft_quota_attributes, enum nft_quota_flags
    static final int NFTA_QUOTA_BYTES = 1;
    static final int NFTA_QUOTA_FLAGS = 2;
    static final int NFTA_QUOTA_CONSUMED = 4;
    /** NFT_QUOTA_F_INV: match once the quota is exceeded. */
    public static final int F_INV = 1;
    /** NFT_QUOTA_F_DEPLETED: set by the kernel in dumps once the quota is used up. */
    public static final int F_DEPLETED = 2;

    static final String NAME = "quota";

    public Quota {
        Wire.checkNonNegative("quota bytes", bytes);
        Wire.checkNonNegative("quota consumed", consumed);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void encodeData(MessageWriter w) {
        // libnftnl order: BYTES, CONSUMED, FLAGS
        w.u64be(NFTA_QUOTA_BYTES, bytes);
        w.u64be(NFTA_QUOTA_CONSUMED, consumed);
        w.u32be(NFTA_QUOTA_FLAGS, flags);
    }

    @Override
    public String debug() {
        return Wire.line(NAME, "bytes " + bytes + " consumed " + consumed + " flags "
                + Integer.toUnsignedString(flags) + " ");
    }

    static Quota decode(AttributeReader a) {
        Fields f = Fields.read(NAME, a, NFTA_QUOTA_BYTES, NFTA_QUOTA_FLAGS, NFTA_QUOTA_CONSUMED);
        return new Quota(f.u64(NFTA_QUOTA_BYTES), f.u64(NFTA_QUOTA_CONSUMED), f.u32(NFTA_QUOTA_FLAGS));
    }
}
