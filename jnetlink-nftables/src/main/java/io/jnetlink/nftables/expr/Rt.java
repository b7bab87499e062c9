package io.jnetlink.nftables.expr;

import io.jnetlink.core.codec.AttributeReader;
import io.jnetlink.core.codec.MessageWriter;

/**
 * Loads routing information {@code key} NFT_RT_* ({@link #CLASSID}, {@link #NEXTHOP4}, {@link #NEXTHOP6},
 * {@link #TCPMSS}, {@link #XFRM}) into {@code dreg}. Equivalent to nft's {@code rt mtu}:
 * {@code [ rt load tcpmss => reg 1 ]}.
 */
public record Rt(int key, int dreg) implements Expr {

    // linux/netfilter/nf_tables.h: enum nft_rt_attributes, enum nft_rt_keys
    static final int NFTA_RT_DREG = 1;
    static final int NFTA_RT_KEY = 2;
    public static final int CLASSID = 0;
    public static final int NEXTHOP4 = 1;
    public static final int NEXTHOP6 = 2;
    public static final int TCPMSS = 3;
    public static final int XFRM = 4;

    static final String NAME = "rt";

    public Rt {
        Wire.checkReg("rt dreg", dreg);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void encodeData(MessageWriter w) {
        w.u32be(NFTA_RT_KEY, key);
        w.u32be(NFTA_RT_DREG, dreg);
    }

    @Override
    public String debug() {
        String k = switch (key) {
            case CLASSID -> "classid";
            case NEXTHOP4 -> "nexthop4";
            case NEXTHOP6 -> "nexthop6";
            case TCPMSS -> "tcpmss";
            case XFRM -> "ipsec";
            default -> "unknown";
        };
        return Wire.line(NAME, "load " + k + " => reg " + dreg + " ");
    }

    static Rt decode(AttributeReader a) {
        Fields f = Fields.read(NAME, a, NFTA_RT_DREG, NFTA_RT_KEY);
        return new Rt(f.u32(NFTA_RT_KEY), f.u32(NFTA_RT_DREG));
    }
}
