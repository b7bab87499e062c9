package io.jnetlink.nftables.expr;

import io.jnetlink.core.codec.AttributeReader;
import io.jnetlink.core.codec.MessageWriter;

import java.util.Objects;

/**
 * Converts {@code len} bytes of register {@code sreg}, in units of {@code size} bytes (2, 4 or 8), between
 * network and host order into {@code dreg}. nft emits it for host-order keys, e.g. {@code meta mark . ip saddr}
 * concatenations with ranges or {@code ct mark set ... } arithmetic.
 */
public record Byteorder(int sreg, int dreg, ByteorderOp op, int len, int size) implements Expr {

    // linux/netfilter/nf_tables.h: enum nft_byteorder_attributes
    static final int NFTA_BYTEORDER_SREG = 1;
    static final int NFTA_BYTEORDER_DREG = 2;
    static final int NFTA_BYTEORDER_OP = 3;
    static final int NFTA_BYTEORDER_LEN = 4;
    static final int NFTA_BYTEORDER_SIZE = 5;

    static final String NAME = "byteorder";

    public Byteorder {
        Wire.checkReg("byteorder sreg", sreg);
        Wire.checkReg("byteorder dreg", dreg);
        Objects.requireNonNull(op, "op");
        Wire.checkNonNegative("byteorder len", len);
        Wire.checkNonNegative("byteorder size", size);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void encodeData(MessageWriter w) {
        w.u32be(NFTA_BYTEORDER_SREG, sreg);
        w.u32be(NFTA_BYTEORDER_DREG, dreg);
        w.u32be(NFTA_BYTEORDER_OP, op.code());
        w.u32be(NFTA_BYTEORDER_LEN, len);
        w.u32be(NFTA_BYTEORDER_SIZE, size);
    }

    @Override
    public String debug() {
        return Wire.line(NAME, "reg " + dreg + " = " + op.debugName() + "(reg " + sreg + ", " + size + ", " + len
                + ") ");
    }

    static Byteorder decode(AttributeReader a) {
        Fields f = Fields.read(NAME, a, NFTA_BYTEORDER_SREG, NFTA_BYTEORDER_DREG, NFTA_BYTEORDER_OP,
                NFTA_BYTEORDER_LEN, NFTA_BYTEORDER_SIZE);
        return new Byteorder(f.u32(NFTA_BYTEORDER_SREG), f.u32(NFTA_BYTEORDER_DREG),
                ByteorderOp.of(f.u32(NFTA_BYTEORDER_OP)), f.u32(NFTA_BYTEORDER_LEN), f.u32(NFTA_BYTEORDER_SIZE));
    }
}
