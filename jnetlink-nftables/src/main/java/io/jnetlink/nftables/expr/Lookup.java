package io.jnetlink.nftables.expr;

import io.jnetlink.core.codec.AttributeReader;
import io.jnetlink.core.codec.MessageWriter;

import java.util.Objects;
import java.util.OptionalInt;

/**
 * Looks register {@code sreg} up in a set: the rule stops when the key is absent (present, with
 * {@link #F_INV}); for a map, the element's data goes to {@code dreg}. {@code setId} names a set added in the
 * same transaction. Equivalent to nft's {@code tcp dport { 22, 80 }}: {@code [ lookup reg 1 set __set0 ]}.
 */
public record Lookup(int sreg, String set, OptionalInt setId, OptionalInt dreg, int flags) implements Expr {

    // linux/netfilter/nf_tables.h: enum nft_lookup_attributes, enum nft_lookup_flags
    static final int NFTA_LOOKUP_SET = 1;
    static final int NFTA_LOOKUP_SREG = 2;
    static final int NFTA_LOOKUP_DREG = 3;
    static final int NFTA_LOOKUP_SET_ID = 4;
    static final int NFTA_LOOKUP_FLAGS = 5;
    /** NFT_LOOKUP_F_INV: match when the key is not in the set. */
    public static final int F_INV = 1;

    static final String NAME = "lookup";

    public Lookup {
        Wire.checkReg("lookup sreg", sreg);
        Objects.requireNonNull(set, "set");
        Objects.requireNonNull(setId, "setId");
        Objects.requireNonNull(dreg, "dreg");
        dreg.ifPresent(r -> Wire.checkReg("lookup dreg", r));
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void encodeData(MessageWriter w) {
        // libnftnl order: SREG, DREG, SET, SET_ID, FLAGS; nft sets FLAGS only for "!=" lookups
        w.u32be(NFTA_LOOKUP_SREG, sreg);
        dreg.ifPresent(r -> w.u32be(NFTA_LOOKUP_DREG, r));
        w.string(NFTA_LOOKUP_SET, set);
        setId.ifPresent(id -> w.u32be(NFTA_LOOKUP_SET_ID, id));
        if (flags != 0) {
            w.u32be(NFTA_LOOKUP_FLAGS, flags);
        }
    }

    @Override
    public String debug() {
        return Wire.line(NAME, "reg " + sreg + " set " + set + " "
                + (dreg.isPresent() ? "dreg " + dreg.getAsInt() + " " : "")
                + (flags != 0 ? "0x" + Integer.toHexString(flags) + " " : ""));
    }

    static Lookup decode(AttributeReader a) {
        Fields f = Fields.read(NAME, a, NFTA_LOOKUP_SET, NFTA_LOOKUP_SREG, NFTA_LOOKUP_DREG, NFTA_LOOKUP_SET_ID,
                NFTA_LOOKUP_FLAGS);
        return new Lookup(f.u32(NFTA_LOOKUP_SREG), f.string(NFTA_LOOKUP_SET), f.optU32(NFTA_LOOKUP_SET_ID),
                f.optU32(NFTA_LOOKUP_DREG), f.optU32(NFTA_LOOKUP_FLAGS).orElse(0));
    }
}
