package io.jnetlink.nftables.expr;

import io.jnetlink.core.codec.AttributeReader;
import io.jnetlink.core.codec.MessageWriter;

import java.util.Objects;
import java.util.Optional;

/**
 * {@code dreg = (sreg & mask) ^ xor} over {@code len} bytes ({@link BitwiseOp#BOOL}), or {@code sreg}
 * shifted by {@code shift} ({@link BitwiseOp#LSHIFT}, {@link BitwiseOp#RSHIFT}, whose mask and xor are
 * empty values: the kernel takes no mask there). Equivalent to nft's {@code ct state established}
 * (mask then compare) or {@code meta mark set ct mark << 8}.
 */
public record Bitwise(int sreg, int dreg, int len, BitwiseOp op, Data.Value mask, Data.Value xor,
                      Optional<Data.Value> shift) implements Expr {

    // linux/netfilter/nf_tables.h: enum nft_bitwise_attributes
    static final int NFTA_BITWISE_SREG = 1;
    static final int NFTA_BITWISE_DREG = 2;
    static final int NFTA_BITWISE_LEN = 3;
    static final int NFTA_BITWISE_MASK = 4;
    static final int NFTA_BITWISE_XOR = 5;
    static final int NFTA_BITWISE_OP = 6;
    static final int NFTA_BITWISE_DATA = 7;

    static final String NAME = "bitwise";

    private static final Data.Value NONE = new Data.Value(new byte[0]);

    public Bitwise {
        Wire.checkReg("bitwise sreg", sreg);
        Wire.checkReg("bitwise dreg", dreg);
        Wire.checkNonNegative("bitwise len", len);
        Objects.requireNonNull(op, "op");
        Objects.requireNonNull(mask, "mask");
        Objects.requireNonNull(xor, "xor");
        Objects.requireNonNull(shift, "shift");
        if (op == BitwiseOp.BOOL && shift.isPresent()) {
            throw new IllegalArgumentException("bitwise: op BOOL takes no shift (got " + shift.get() + ")");
        }
        if (op != BitwiseOp.BOOL && (shift.isEmpty() || mask.length() != 0 || xor.length() != 0)) {
            throw new IllegalArgumentException("bitwise: op " + op + " needs a shift and empty mask and xor");
        }
    }

    /** {@code dreg = (sreg & mask) ^ xor}. */
    public static Bitwise bool(int sreg, int dreg, Data.Value mask, Data.Value xor) {
        return new Bitwise(sreg, dreg, mask.length(), BitwiseOp.BOOL, mask, xor, Optional.empty());
    }

    /** {@code dreg = sreg << shift} or {@code >>}, over {@code len} bytes. */
    public static Bitwise shift(int sreg, int dreg, int len, BitwiseOp op, Data.Value shift) {
        return new Bitwise(sreg, dreg, len, op, NONE, NONE, Optional.of(shift));
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void encodeData(MessageWriter w) {
        // libnftnl order: SREG, DREG, OP, LEN, MASK, XOR, DATA; nft sets OP only for shifts (absent means BOOL)
        w.u32be(NFTA_BITWISE_SREG, sreg);
        w.u32be(NFTA_BITWISE_DREG, dreg);
        if (op != BitwiseOp.BOOL) {
            w.u32be(NFTA_BITWISE_OP, op.code());
        }
        w.u32be(NFTA_BITWISE_LEN, len);
        if (op == BitwiseOp.BOOL) {
            Wire.data(w, NFTA_BITWISE_MASK, mask);
            Wire.data(w, NFTA_BITWISE_XOR, xor);
        }
        shift.ifPresent(s -> Wire.data(w, NFTA_BITWISE_DATA, s));
    }

    @Override
    public String debug() {
        if (op == BitwiseOp.BOOL) {
            return Wire.line(NAME, "reg " + dreg + " = ( reg " + sreg + " & " + Wire.words(mask) + ") ^ "
                    + Wire.words(xor));
        }
        return Wire.line(NAME, "reg " + dreg + " = ( reg " + sreg + " " + op.debugName() + " "
                + Wire.words(shift.orElseThrow()) + ") ");
    }

    static Bitwise decode(AttributeReader a) {
        Fields f = Fields.read(NAME, a, NFTA_BITWISE_SREG, NFTA_BITWISE_DREG, NFTA_BITWISE_LEN, NFTA_BITWISE_MASK,
                NFTA_BITWISE_XOR, NFTA_BITWISE_OP, NFTA_BITWISE_DATA);
        // NFTA_BITWISE_OP absent means NFT_BITWISE_BOOL to the kernel
        BitwiseOp op = BitwiseOp.of(f.optU32(NFTA_BITWISE_OP).orElse(BitwiseOp.BOOL.code()));
        if (op == BitwiseOp.BOOL) {
            if (f.has(NFTA_BITWISE_DATA)) {
                throw new Fields.NotModelled("bitwise: shift data on a boolean operation");
            }
            return new Bitwise(f.u32(NFTA_BITWISE_SREG), f.u32(NFTA_BITWISE_DREG), f.u32(NFTA_BITWISE_LEN), op,
                    f.value(NFTA_BITWISE_MASK), f.value(NFTA_BITWISE_XOR), Optional.empty());
        }
        if (f.has(NFTA_BITWISE_MASK) || f.has(NFTA_BITWISE_XOR)) {
            throw new Fields.NotModelled("bitwise: mask or xor on a shift");
        }
        return new Bitwise(f.u32(NFTA_BITWISE_SREG), f.u32(NFTA_BITWISE_DREG), f.u32(NFTA_BITWISE_LEN), op,
                NONE, NONE, Optional.of(f.value(NFTA_BITWISE_DATA)));
    }
}
