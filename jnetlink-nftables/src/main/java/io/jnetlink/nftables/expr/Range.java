package io.jnetlink.nftables.expr;

import io.jnetlink.core.codec.AttributeReader;
import io.jnetlink.core.codec.MessageWriter;

import java.util.Objects;

/**
 * Checks that register {@code sreg} lies in [from, to] (or outside, {@link RangeOp#NEQ}), comparing bytes in
 * network order. Equivalent to nft's {@code tcp dport != 1-1023}: {@code [ range neq reg 1 0x00000100 0x0000ff03 ]}.
 */
public record Range(int sreg, RangeOp op, Data.Value from, Data.Value to) implements Expr {

    // linux/netfilter/nf_tables.h: enum nft_range_attributes
    static final int NFTA_RANGE_SREG = 1;
    static final int NFTA_RANGE_OP = 2;
    static final int NFTA_RANGE_FROM_DATA = 3;
    static final int NFTA_RANGE_TO_DATA = 4;

    static final String NAME = "range";

    public Range {
        Wire.checkReg("range sreg", sreg);
        Objects.requireNonNull(op, "op");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void encodeData(MessageWriter w) {
        w.u32be(NFTA_RANGE_SREG, sreg);
        w.u32be(NFTA_RANGE_OP, op.code());
        Wire.data(w, NFTA_RANGE_FROM_DATA, from);
        Wire.data(w, NFTA_RANGE_TO_DATA, to);
    }

    @Override
    public String debug() {
        return Wire.line(NAME, op.debugName() + " reg " + sreg + " " + Wire.words(from) + Wire.words(to));
    }

    static Range decode(AttributeReader a) {
        Fields f = Fields.read(NAME, a, NFTA_RANGE_SREG, NFTA_RANGE_OP, NFTA_RANGE_FROM_DATA, NFTA_RANGE_TO_DATA);
        return new Range(f.u32(NFTA_RANGE_SREG), RangeOp.of(f.u32(NFTA_RANGE_OP)), f.value(NFTA_RANGE_FROM_DATA),
                f.value(NFTA_RANGE_TO_DATA));
    }
}
