package io.jnetlink.nftables.expr;

import io.jnetlink.core.codec.AttributeReader;
import io.jnetlink.core.codec.MessageWriter;

import java.util.Objects;

/**
 * Loads packet metadata {@code key} into {@code dreg}. Equivalent to nft's {@code meta l4proto}:
 * {@code [ meta load l4proto => reg 1 ]}.
 */
public record Meta(MetaKey key, int dreg) implements Expr {

    // linux/netfilter/nf_tables.h: enum nft_meta_attributes
    static final int NFTA_META_DREG = 1;
    static final int NFTA_META_KEY = 2;
    static final int NFTA_META_SREG = 3;

    static final String NAME = "meta";

    public Meta {
        Objects.requireNonNull(key, "key");
        Wire.checkReg("meta dreg", dreg);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void encodeData(MessageWriter w) {
        // libnftnl order: KEY, DREG, SREG
        w.u32be(NFTA_META_KEY, key.value());
        w.u32be(NFTA_META_DREG, dreg);
    }

    @Override
    public String debug() {
        return Wire.line(NAME, "load " + key.debugName() + " => reg " + dreg + " ");
    }

    /** Decodes either form of "meta": a load (NFTA_META_DREG) or a set (NFTA_META_SREG). */
    static Expr decode(AttributeReader a) {
        Fields f = Fields.read(NAME, a, NFTA_META_DREG, NFTA_META_KEY, NFTA_META_SREG);
        MetaKey key = MetaKey.of(f.u32(NFTA_META_KEY));
        if (f.has(NFTA_META_SREG) == f.has(NFTA_META_DREG)) {
            throw new Fields.NotModelled("meta: needs exactly one of dreg and sreg");
        }
        return f.has(NFTA_META_SREG) ? new MetaSet(key, f.u32(NFTA_META_SREG)) : new Meta(key, f.u32(NFTA_META_DREG));
    }
}
