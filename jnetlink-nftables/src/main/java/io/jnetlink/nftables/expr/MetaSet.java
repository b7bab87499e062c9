package io.jnetlink.nftables.expr;

import io.jnetlink.core.codec.MessageWriter;

import java.util.Objects;

/**
 * Sets packet metadata {@code key} from register {@code sreg}. Equivalent to nft's {@code meta mark set 1}:
 * {@code [ meta set mark with reg 1 ]}.
 */
public record MetaSet(MetaKey key, int sreg) implements Expr {

    public MetaSet {
        Objects.requireNonNull(key, "key");
        Wire.checkReg("meta sreg", sreg);
    }

    @Override
    public String name() {
        return Meta.NAME;
    }

    @Override
    public void encodeData(MessageWriter w) {
        w.u32be(Meta.NFTA_META_KEY, key.value());
        w.u32be(Meta.NFTA_META_SREG, sreg);
    }

    @Override
    public String debug() {
        return Wire.line(Meta.NAME, "set " + key.debugName() + " with reg " + sreg + " ");
    }
}
