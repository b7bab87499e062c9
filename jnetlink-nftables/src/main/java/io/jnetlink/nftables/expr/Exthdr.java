package io.jnetlink.nftables.expr;

import io.jnetlink.core.codec.AttributeReader;
import io.jnetlink.core.codec.MessageWriter;

import java.util.Objects;
import java.util.OptionalInt;

/**
 * Reads ({@code dreg}) or writes ({@code sreg}) {@code len} bytes at {@code offset} of an extension header or
 * option of {@code type}: {@code op} NFT_EXTHDR_OP_* ({@link #OP_IPV6}, {@link #OP_TCPOPT}, {@link #OP_IPV4},
 * {@link #OP_SCTP}, {@link #OP_DCCP}); {@code flags} {@link #F_PRESENT} loads a presence boolean. With neither
 * register and length 0 it resets (removes) a TCP option. Equivalent to nft's {@code tcp option maxseg size 1360}:
 * {@code [ exthdr load tcpopt 2b @ 2 + 2 => reg 1 ]}.
 */
public record Exthdr(int op, int type, int offset, int len, int flags, OptionalInt dreg, OptionalInt sreg)
        implements Expr {

    // linux/netfilter/nf_tables.h: enum nft_exthdr_attributes, enum nft_exthdr_op, enum nft_exthdr_flags
    static final int NFTA_EXTHDR_DREG = 1;
    static final int NFTA_EXTHDR_TYPE = 2;
    static final int NFTA_EXTHDR_OFFSET = 3;
    static final int NFTA_EXTHDR_LEN = 4;
    static final int NFTA_EXTHDR_FLAGS = 5;
    static final int NFTA_EXTHDR_OP = 6;
    static final int NFTA_EXTHDR_SREG = 7;
    public static final int OP_IPV6 = 0;
    public static final int OP_TCPOPT = 1;
    public static final int OP_IPV4 = 2;
    public static final int OP_SCTP = 3;
    public static final int OP_DCCP = 4;
    public static final int F_PRESENT = 1;

    static final String NAME = "exthdr";

    public Exthdr {
        if (type < 0 || type > 0xFF) {
            throw new IllegalArgumentException("exthdr type: " + type + " is outside 0..255");
        }
        Objects.requireNonNull(dreg, "dreg");
        Objects.requireNonNull(sreg, "sreg");
        if (dreg.isPresent() && sreg.isPresent()) {
            throw new IllegalArgumentException("exthdr: dreg " + dreg.getAsInt() + " and sreg " + sreg.getAsInt()
                    + " both set");
        }
        dreg.ifPresent(r -> Wire.checkReg("exthdr dreg", r));
        sreg.ifPresent(r -> Wire.checkReg("exthdr sreg", r));
    }

    /** A load into {@code dreg}. */
    public static Exthdr load(int op, int type, int offset, int len, int flags, int dreg) {
        return new Exthdr(op, type, offset, len, flags, OptionalInt.of(dreg), OptionalInt.empty());
    }

    /** A write from {@code sreg}. */
    public static Exthdr write(int op, int type, int offset, int len, int sreg) {
        return new Exthdr(op, type, offset, len, 0, OptionalInt.empty(), OptionalInt.of(sreg));
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void encodeData(MessageWriter w) {
        // libnftnl order: DREG, SREG, TYPE, OFFSET, LEN, OP, FLAGS; nft sets FLAGS on every load (even 0),
        // on writes and resets never
        dreg.ifPresent(r -> w.u32be(NFTA_EXTHDR_DREG, r));
        sreg.ifPresent(r -> w.u32be(NFTA_EXTHDR_SREG, r));
        w.u8(NFTA_EXTHDR_TYPE, type);
        w.u32be(NFTA_EXTHDR_OFFSET, offset);
        w.u32be(NFTA_EXTHDR_LEN, len);
        w.u32be(NFTA_EXTHDR_OP, op);
        if (dreg.isPresent() || flags != 0) {
            w.u32be(NFTA_EXTHDR_FLAGS, flags);
        }
    }

    @Override
    public String debug() {
        String o = switch (op) {
            case OP_IPV6 -> " ipv6";
            case OP_TCPOPT -> " tcpopt";
            case OP_IPV4 -> " ipv4";
            case OP_SCTP -> " sctp";
            case OP_DCCP -> " dccp";
            default -> " unknown";
        };
        String l = Integer.toUnsignedString(len);
        String off = Integer.toUnsignedString(offset);
        if (dreg.isPresent()) {
            return Wire.line(NAME, "load" + o + " " + l + "b @ " + type + " + " + off
                    + ((flags & F_PRESENT) != 0 ? " present" : "") + " => reg " + dreg.getAsInt() + " ");
        }
        if (sreg.isPresent()) {
            return Wire.line(NAME, "write" + o + " reg " + sreg.getAsInt() + " => " + l + "b @ " + type + " + "
                    + off + " ");
        }
        if (op == OP_TCPOPT && len == 0) {
            return Wire.line(NAME, "reset" + o + " " + type + " ");
        }
        return Wire.line(NAME, "op " + op + " len " + l + " type " + type + " offset " + off + " ");
    }

    static Exthdr decode(AttributeReader a) {
        Fields f = Fields.read(NAME, a, NFTA_EXTHDR_DREG, NFTA_EXTHDR_TYPE, NFTA_EXTHDR_OFFSET, NFTA_EXTHDR_LEN,
                NFTA_EXTHDR_FLAGS, NFTA_EXTHDR_OP, NFTA_EXTHDR_SREG);
        return new Exthdr(f.optU32(NFTA_EXTHDR_OP).orElse(OP_IPV6), f.u8(NFTA_EXTHDR_TYPE),
                f.optU32(NFTA_EXTHDR_OFFSET).orElse(0), f.u32(NFTA_EXTHDR_LEN), f.optU32(NFTA_EXTHDR_FLAGS).orElse(0),
                f.optU32(NFTA_EXTHDR_DREG), f.optU32(NFTA_EXTHDR_SREG));
    }
}
