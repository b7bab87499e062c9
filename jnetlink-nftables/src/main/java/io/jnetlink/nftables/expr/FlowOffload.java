package io.jnetlink.nftables.expr;

import io.jnetlink.core.codec.AttributeReader;
import io.jnetlink.core.codec.MessageWriter;

import java.util.Objects;

/**
 * Offloads the connection to a flowtable. Equivalent to nft's {@code flow add @ft}:
 * {@code [ flow_offload flowtable ft ]}.
 */
public record FlowOffload(String flowtable) implements Expr {

    // linux/netfilter/nf_tables.h: enum nft_offload_attributes
    static final int NFTA_FLOW_TABLE_NAME = 1;

    static final String NAME = "flow_offload";

    public FlowOffload {
        Objects.requireNonNull(flowtable, "flowtable");
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void encodeData(MessageWriter w) {
        w.string(NFTA_FLOW_TABLE_NAME, flowtable);
    }

    @Override
    public String debug() {
        return Wire.line(NAME, "flowtable " + flowtable + " ");
    }

    static FlowOffload decode(AttributeReader a) {
        Fields f = Fields.read(NAME, a, NFTA_FLOW_TABLE_NAME);
        return new FlowOffload(f.string(NFTA_FLOW_TABLE_NAME));
    }
}
