package io.jnetlink.nftables.expr;

import io.jnetlink.core.codec.AttributeReader;
import io.jnetlink.core.codec.MessageWriter;

import java.util.Objects;

/**
 * Compares register {@code sreg} with {@code data}; the rule stops (NFT_BREAK) when the comparison fails.
 * Equivalent to the second half of nft's {@code tcp dport 22}: {@code [ cmp eq reg 1 0x00001600 ]}.
 */
public record Cmp(int sreg, CmpOp op, Data.Value data) implements Expr {

    // linux/netfilter/nf_tables.h: enum nft_cmp_attributes
    static final int NFTA_CMP_SREG = 1;
    static final int NFTA_CMP_OP = 2;
    static final int NFTA_CMP_DATA = 3;

    static final String NAME = "cmp";

    public Cmp {
        Wire.checkReg("cmp sreg", sreg);
        Objects.requireNonNull(op, "op");
        Objects.requireNonNull(data, "data");
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void encodeData(MessageWriter w) {
        w.u32be(NFTA_CMP_SREG, sreg);
        w.u32be(NFTA_CMP_OP, op.code());
        Wire.data(w, NFTA_CMP_DATA, data);
    }

    @Override
    public String debug() {
        return Wire.line(NAME, op.debugName() + " reg " + sreg + " " + Wire.words(data));
    }

    static Cmp decode(AttributeReader a) {
        Fields f = Fields.read(NAME, a, NFTA_CMP_SREG, NFTA_CMP_OP, NFTA_CMP_DATA);
        return new Cmp(f.u32(NFTA_CMP_SREG), CmpOp.of(f.u32(NFTA_CMP_OP)), f.value(NFTA_CMP_DATA));
    }
}
