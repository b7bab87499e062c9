package io.jnetlink.nftables.expr;

import io.jnetlink.core.codec.AttributeReader;
import io.jnetlink.core.codec.MessageWriter;

import java.util.Objects;
import java.util.Optional;

/**
 * Loads conntrack {@code key} (of the tuple in {@code direction}, for the keys that have one) into
 * {@code dreg}. Equivalent to nft's {@code ct state}: {@code [ ct load state => reg 1 ]}.
 */
public record Ct(CtKey key, int dreg, Optional<CtDirection> direction) implements Expr {

    // linux/netfilter/nf_tables.h: enum nft_ct_attributes
    static final int NFTA_CT_DREG = 1;
    static final int NFTA_CT_KEY = 2;
    static final int NFTA_CT_DIRECTION = 3;
    static final int NFTA_CT_SREG = 4;

    static final String NAME = "ct";

    public Ct {
        Objects.requireNonNull(key, "key");
        Wire.checkReg("ct dreg", dreg);
        Objects.requireNonNull(direction, "direction");
    }

    public static Ct of(CtKey key, int dreg) {
        return new Ct(key, dreg, Optional.empty());
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void encodeData(MessageWriter w) {
        // libnftnl order: KEY, DREG, DIRECTION, SREG
        w.u32be(NFTA_CT_KEY, key.value());
        w.u32be(NFTA_CT_DREG, dreg);
        direction.ifPresent(d -> w.u8(NFTA_CT_DIRECTION, d.code()));
    }

    @Override
    public String debug() {
        return Wire.line(NAME, "load " + key.debugName() + " => reg " + dreg + " " + dir(direction));
    }

    static String dir(Optional<CtDirection> direction) {
        return direction.map(d -> ", dir " + d.debugName() + " ").orElse("");
    }

    /** Decodes either form of "ct": a load (NFTA_CT_DREG) or a set (NFTA_CT_SREG). */
    static Expr decode(AttributeReader a) {
        Fields f = Fields.read(NAME, a, NFTA_CT_DREG, NFTA_CT_KEY, NFTA_CT_DIRECTION, NFTA_CT_SREG);
        CtKey key = CtKey.of(f.u32(NFTA_CT_KEY));
        Optional<CtDirection> dir = f.has(NFTA_CT_DIRECTION)
                ? Optional.of(CtDirection.of(f.u8(NFTA_CT_DIRECTION))) : Optional.empty();
        if (f.has(NFTA_CT_SREG) == f.has(NFTA_CT_DREG)) {
            throw new Fields.NotModelled("ct: needs exactly one of dreg and sreg");
        }
        return f.has(NFTA_CT_SREG) ? new CtSet(key, f.u32(NFTA_CT_SREG), dir) : new Ct(key, f.u32(NFTA_CT_DREG), dir);
    }
}
