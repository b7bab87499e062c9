package io.jnetlink.nftables.expr;

import io.jnetlink.core.codec.AttributeReader;
import io.jnetlink.core.codec.MessageWriter;

import java.util.Locale;
import java.util.Objects;

/**
 * A token bucket: {@code rate} packets (or bytes, {@link LimitType#PKT_BYTES}) per {@code unit} seconds with
 * {@code burst}; flags NFT_LIMIT_F_INV ({@link #F_INV}) for {@code over}. Equivalent to nft's
 * {@code limit rate 10/second}: {@code [ limit rate 10/second burst 5 type packets flags 0x0 ]}.
 */
public record Limit(long rate, long unit, int burst, LimitType type, int flags) implements Expr {

    // linux/netfilter/nf_tables.h: enum nft_limit_attributes, enum nft_limit_flags
    static final int NFTA_LIMIT_RATE = 1;
    static final int NFTA_LIMIT_UNIT = 2;
    static final int NFTA_LIMIT_BURST = 3;
    static final int NFTA_LIMIT_TYPE = 4;
    static final int NFTA_LIMIT_FLAGS = 5;
    /** NFT_LIMIT_F_INV: match when over the rate. */
    public static final int F_INV = 1;

    static final String NAME = "limit";

    public Limit {
        Wire.checkNonNegative("limit burst", burst);
        Objects.requireNonNull(type, "type");
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void encodeData(MessageWriter w) {
        w.u64be(NFTA_LIMIT_RATE, rate);
        w.u64be(NFTA_LIMIT_UNIT, unit);
        w.u32be(NFTA_LIMIT_BURST, burst);
        w.u32be(NFTA_LIMIT_TYPE, type.code());
        w.u32be(NFTA_LIMIT_FLAGS, flags);
    }

    @Override
    public String debug() {
        String u = switch ((int) Math.min(unit, Integer.MAX_VALUE)) {
            case 1 -> "second";
            case 60 -> "minute";
            case 3600 -> "hour";
            case 86400 -> "day";
            case 604800 -> "week";
            default -> "error";
        };
        return Wire.line(NAME, "rate " + Long.toUnsignedString(rate) + "/" + u + " burst "
                + Integer.toUnsignedString(burst) + " type " + type.debugName() + " flags 0x"
                + Integer.toHexString(flags).toLowerCase(Locale.ROOT) + " ");
    }

    static Limit decode(AttributeReader a) {
        Fields f = Fields.read(NAME, a, NFTA_LIMIT_RATE, NFTA_LIMIT_UNIT, NFTA_LIMIT_BURST, NFTA_LIMIT_TYPE,
                NFTA_LIMIT_FLAGS);
        return new Limit(f.u64(NFTA_LIMIT_RATE), f.u64(NFTA_LIMIT_UNIT), f.u32(NFTA_LIMIT_BURST),
                LimitType.of(f.u32(NFTA_LIMIT_TYPE)), f.u32(NFTA_LIMIT_FLAGS));
    }
}
