package io.jnetlink.nftables.expr;

import io.jnetlink.core.codec.AttributeReader;
import io.jnetlink.core.codec.MessageWriter;

/**
 * Rejects the packet: {@code type} {@link #ICMP_UNREACH} (code an ICMP/ICMPv6 unreachable code),
 * {@link #TCP_RST}, or {@link #ICMPX_UNREACH} (code NFT_REJECT_ICMPX_*: NO_ROUTE 0, PORT_UNREACH 1,
 * HOST_UNREACH 2, ADMIN_PROHIBITED 3). Equivalent to nft's {@code reject with tcp reset}.
 */
public record Reject(int type, int code) implements Expr {

    // linux/netfilter/nf_tables.h: enum nft_reject_attributes, enum nft_reject_types
    static final int NFTA_REJECT_TYPE = 1;
    static final int NFTA_REJECT_ICMP_CODE = 2;
    public static final int ICMP_UNREACH = 0;
    public static final int TCP_RST = 1;
    public static final int ICMPX_UNREACH = 2;

    static final String NAME = "reject";

    public Reject {
        if (code < 0 || code > 0xFF) {
            throw new IllegalArgumentException("reject code: " + code + " is outside 0..255");
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void encodeData(MessageWriter w) {
        w.u32be(NFTA_REJECT_TYPE, type);
        w.u8(NFTA_REJECT_ICMP_CODE, code);
    }

    @Override
    public String debug() {
        return Wire.line(NAME, "type " + Integer.toUnsignedString(type) + " code " + code + " ");
    }

    static Reject decode(AttributeReader a) {
        Fields f = Fields.read(NAME, a, NFTA_REJECT_TYPE, NFTA_REJECT_ICMP_CODE);
        // the kernel dumps no code for TCP_RST; nft sends 0
        return new Reject(f.u32(NFTA_REJECT_TYPE), f.optU8(NFTA_REJECT_ICMP_CODE).orElse(0));
    }
}
