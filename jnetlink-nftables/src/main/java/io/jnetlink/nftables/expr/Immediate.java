package io.jnetlink.nftables.expr;

import io.jnetlink.core.codec.AttributeReader;
import io.jnetlink.core.codec.MessageWriter;

import java.util.Objects;

/**
 * Loads a constant into {@code dreg}: a value, or a verdict into NFT_REG_VERDICT (0). Equivalent to nft's
 * {@code accept}: {@code [ immediate reg 0 accept ]}, or the constant of {@code meta mark set 1}.
 */
public record Immediate(int dreg, Data data) implements Expr {

    // linux/netfilter/nf_tables.h: enum nft_immediate_attributes
    static final int NFTA_IMMEDIATE_DREG = 1;
    static final int NFTA_IMMEDIATE_DATA = 2;

    static final String NAME = "immediate";

    public Immediate {
        Wire.checkReg("immediate dreg", dreg);
        Objects.requireNonNull(data, "data");
    }

    /** A verdict: {@code accept}, {@code drop}, {@code jump chain}, ... */
    public static Immediate verdict(Data.Verdict verdict) {
        return new Immediate(0, verdict);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void encodeData(MessageWriter w) {
        w.u32be(NFTA_IMMEDIATE_DREG, dreg);
        Wire.data(w, NFTA_IMMEDIATE_DATA, data);
    }

    @Override
    public String debug() {
        return Wire.line(NAME, "reg " + dreg + " " + Wire.data(data));
    }

    static Immediate decode(AttributeReader a) {
        Fields f = Fields.read(NAME, a, NFTA_IMMEDIATE_DREG, NFTA_IMMEDIATE_DATA);
        return new Immediate(f.u32(NFTA_IMMEDIATE_DREG), f.data(NFTA_IMMEDIATE_DATA));
    }
}
