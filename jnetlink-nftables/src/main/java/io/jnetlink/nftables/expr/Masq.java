package io.jnetlink.nftables.expr;

import io.jnetlink.core.codec.AttributeReader;
import io.jnetlink.core.codec.MessageWriter;

import java.util.Objects;
import java.util.OptionalInt;

/**
 * Masquerades (source NAT to the outgoing interface's address), optionally to the ports in the given
 * registers; {@code flags} NF_NAT_RANGE_* (PROTO_RANDOM 4, PERSISTENT 8, PROTO_RANDOM_FULLY 0x10).
 * Equivalent to nft's {@code masquerade}.
 */
public record Masq(OptionalInt flags, OptionalInt regProtoMin, OptionalInt regProtoMax) implements Expr {

    // linux/netfilter/nf_tables.h: enum nft_masq_attributes
    static final int NFTA_MASQ_FLAGS = 1;
    static final int NFTA_MASQ_REG_PROTO_MIN = 2;
    static final int NFTA_MASQ_REG_PROTO_MAX = 3;

    static final String NAME = "masq";

    public Masq {
        Objects.requireNonNull(flags, "flags");
        Objects.requireNonNull(regProtoMin, "regProtoMin");
        Objects.requireNonNull(regProtoMax, "regProtoMax");
        regProtoMin.ifPresent(r -> Wire.checkReg("masq proto min", r));
        regProtoMax.ifPresent(r -> Wire.checkReg("masq proto max", r));
    }

    /** Without ports or flags. */
    public static Masq plain() {
        return new Masq(OptionalInt.empty(), OptionalInt.empty(), OptionalInt.empty());
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void encodeData(MessageWriter w) {
        // libnftnl order: FLAGS, REG_PROTO_MIN, REG_PROTO_MAX
        flags.ifPresent(f -> w.u32be(NFTA_MASQ_FLAGS, f));
        regProtoMin.ifPresent(r -> w.u32be(NFTA_MASQ_REG_PROTO_MIN, r));
        regProtoMax.ifPresent(r -> w.u32be(NFTA_MASQ_REG_PROTO_MAX, r));
    }

    @Override
    public String debug() {
        StringBuilder sb = new StringBuilder();
        regProtoMin.ifPresent(r -> sb.append("proto_min reg ").append(r).append(' '));
        regProtoMax.ifPresent(r -> sb.append("proto_max reg ").append(r).append(' '));
        flags.ifPresent(f -> sb.append("flags 0x").append(Integer.toHexString(f)).append(' '));
        return Wire.line(NAME, sb.toString());
    }

    static Masq decode(AttributeReader a) {
        Fields f = Fields.read(NAME, a, NFTA_MASQ_FLAGS, NFTA_MASQ_REG_PROTO_MIN, NFTA_MASQ_REG_PROTO_MAX);
        return new Masq(f.optU32(NFTA_MASQ_FLAGS), f.optU32(NFTA_MASQ_REG_PROTO_MIN), f.optU32(NFTA_MASQ_REG_PROTO_MAX));
    }
}
