package io.jnetlink.nftables.expr;

import io.jnetlink.core.codec.AttributeReader;
import io.jnetlink.core.codec.MessageWriter;

/**
 * A number generator into {@code dreg}: {@code type} {@link #INCREMENTAL} or {@link #RANDOM}, modulo
 * {@code modulus}, plus {@code offset}. Equivalent to nft's {@code numgen inc mod 2}:
 * {@code [ numgen reg 1 = inc mod 2 ]}.
 */
public record Numgen(int dreg, int modulus, int type, int offset) implements Expr {

    // linux/netfilter/nf_tables.h: enum nft_ng_attributes, enum nft_ng_types
    static final int NFTA_NG_DREG = 1;
    static final int NFTA_NG_MODULUS = 2;
    static final int NFTA_NG_TYPE = 3;
    static final int NFTA_NG_OFFSET = 4;
    public static final int INCREMENTAL = 0;
    public static final int RANDOM = 1;

    static final String NAME = "numgen";

    public Numgen {
        Wire.checkReg("numgen dreg", dreg);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void encodeData(MessageWriter w) {
        w.u32be(NFTA_NG_DREG, dreg);
        w.u32be(NFTA_NG_MODULUS, modulus);
        w.u32be(NFTA_NG_TYPE, type);
        w.u32be(NFTA_NG_OFFSET, offset);
    }

    @Override
    public String debug() {
        String kind = switch (type) {
            case INCREMENTAL -> "inc";
            case RANDOM -> "random";
            default -> null;
        };
        if (kind == null) {
            return "[ " + NAME + " ]";
        }
        return Wire.line(NAME, "reg " + dreg + " = " + kind + " mod " + Integer.toUnsignedString(modulus) + " "
                + (offset != 0 ? "offset " + Integer.toUnsignedString(offset) + " " : ""));
    }

    static Numgen decode(AttributeReader a) {
        Fields f = Fields.read(NAME, a, NFTA_NG_DREG, NFTA_NG_MODULUS, NFTA_NG_TYPE, NFTA_NG_OFFSET);
        return new Numgen(f.u32(NFTA_NG_DREG), f.u32(NFTA_NG_MODULUS), f.u32(NFTA_NG_TYPE),
                f.optU32(NFTA_NG_OFFSET).orElse(0));
    }
}
