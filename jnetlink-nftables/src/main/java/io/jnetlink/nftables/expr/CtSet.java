package io.jnetlink.nftables.expr;

import io.jnetlink.core.codec.MessageWriter;

import java.util.Objects;
import java.util.Optional;

/**
 * Sets conntrack {@code key} (mark, labels, zone, event mask, ...) from register {@code sreg}. Equivalent to
 * nft's {@code ct mark set 1}: {@code [ ct set mark with reg 1 ]}.
 */
public record CtSet(CtKey key, int sreg, Optional<CtDirection> direction) implements Expr {

    public CtSet {
        Objects.requireNonNull(key, "key");
        Wire.checkReg("ct sreg", sreg);
        Objects.requireNonNull(direction, "direction");
    }

    public static CtSet of(CtKey key, int sreg) {
        return new CtSet(key, sreg, Optional.empty());
    }

    @Override
    public String name() {
        return Ct.NAME;
    }

    @Override
    public void encodeData(MessageWriter w) {
        w.u32be(Ct.NFTA_CT_KEY, key.value());
        direction.ifPresent(d -> w.u8(Ct.NFTA_CT_DIRECTION, d.code()));
        w.u32be(Ct.NFTA_CT_SREG, sreg);
    }

    @Override
    public String debug() {
        return Wire.line(Ct.NAME, "set " + key.debugName() + " with reg " + sreg + " " + Ct.dir(direction));
    }
}
