package io.jnetlink.nftables.expr;

import io.jnetlink.core.codec.AttributeReader;
import io.jnetlink.core.codec.MessageWriter;

/** Skips connection tracking for the packet. Equivalent to nft's {@code notrack}: {@code [ notrack ]}. */
public record Notrack() implements Expr {

    static final String NAME = "notrack";

    @Override
    public String name() {
        return NAME;
    }

    /** Notrack has no attributes; {@link Exprs} writes no NFTA_EXPR_DATA for it, as libnftnl does. */
    @Override
    public void encodeData(MessageWriter w) {
    }

    @Override
    public String debug() {
        return "[ " + NAME + " ]";
    }

    static Notrack decode(AttributeReader a) {
        Fields.read(NAME, a);
        return new Notrack();
    }
}
