package io.jnetlink.nftables.expr;

import io.jnetlink.core.codec.AttributeReader;
import io.jnetlink.core.codec.MessageWriter;

import java.util.Objects;
import java.util.OptionalInt;

/**
 * Redirects to the local machine (destination NAT to the incoming interface's address), optionally to the
 * ports in the given registers; {@code flags} NF_NAT_RANGE_*. Equivalent to nft's {@code redirect to :8080}.
 */
public record Redir(OptionalInt flags, OptionalInt regProtoMin, OptionalInt regProtoMax) implements Expr {

    // linux/netfilter/nf_tables.h: enum nft_redir_attributes
    static final int NFTA_REDIR_FLAGS = 3;
    static final int NFTA_REDIR_REG_PROTO_MIN = 1;
    static final int NFTA_REDIR_REG_PROTO_MAX = 2;

    static final String NAME = "redir";

    public Redir {
        Objects.requireNonNull(flags, "flags");
        Objects.requireNonNull(regProtoMin, "regProtoMin");
        Objects.requireNonNull(regProtoMax, "regProtoMax");
        regProtoMin.ifPresent(r -> Wire.checkReg("redir proto min", r));
        regProtoMax.ifPresent(r -> Wire.checkReg("redir proto max", r));
    }

    /** Without ports or flags. */
    public static Redir plain() {
        return new Redir(OptionalInt.empty(), OptionalInt.empty(), OptionalInt.empty());
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void encodeData(MessageWriter w) {
        // libnftnl order: REG_PROTO_MIN, REG_PROTO_MAX, FLAGS
        regProtoMin.ifPresent(r -> w.u32be(NFTA_REDIR_REG_PROTO_MIN, r));
        regProtoMax.ifPresent(r -> w.u32be(NFTA_REDIR_REG_PROTO_MAX, r));
        flags.ifPresent(f -> w.u32be(NFTA_REDIR_FLAGS, f));
    }

    @Override
    public String debug() {
        StringBuilder sb = new StringBuilder();
        regProtoMin.ifPresent(r -> sb.append("proto_min reg ").append(r).append(' '));
        regProtoMax.ifPresent(r -> sb.append("proto_max reg ").append(r).append(' '));
        flags.ifPresent(f -> sb.append("flags 0x").append(Integer.toHexString(f)).append(' '));
        return Wire.line(NAME, sb.toString());
    }

    static Redir decode(AttributeReader a) {
        Fields f = Fields.read(NAME, a, NFTA_REDIR_FLAGS, NFTA_REDIR_REG_PROTO_MIN, NFTA_REDIR_REG_PROTO_MAX);
        return new Redir(f.optU32(NFTA_REDIR_FLAGS), f.optU32(NFTA_REDIR_REG_PROTO_MIN), f.optU32(NFTA_REDIR_REG_PROTO_MAX));
    }
}
