package io.jnetlink.nftables.expr;

import io.jnetlink.core.codec.AttributeReader;
import io.jnetlink.core.codec.MessageWriter;

import java.util.Objects;
import java.util.OptionalInt;

/**
 * Source or destination NAT ({@code type} {@link #SNAT} or {@link #DNAT}) for address {@code family}
 * (NFPROTO_IPV4 2, NFPROTO_IPV6 10) to the addresses and ports held in the given registers; {@code flags}
 * NF_NAT_RANGE_* (MAP_IPS 1, PROTO_SPECIFIED 2, PROTO_RANDOM 4, PERSISTENT 8, PROTO_RANDOM_FULLY 0x10,
 * NETMAP 0x40). Equivalent to nft's {@code dnat to 10.0.0.1:80}.
 */
public record Nat(int type, int family, OptionalInt regAddrMin, OptionalInt regAddrMax, OptionalInt regProtoMin,
                  OptionalInt regProtoMax, OptionalInt flags) implements Expr {

    // linux/netfilter/nf_tables.h: enum nft_nat_attributes, enum nft_nat_types
    static final int NFTA_NAT_TYPE = 1;
    static final int NFTA_NAT_FAMILY = 2;
    static final int NFTA_NAT_REG_ADDR_MIN = 3;
    static final int NFTA_NAT_REG_ADDR_MAX = 4;
    static final int NFTA_NAT_REG_PROTO_MIN = 5;
    static final int NFTA_NAT_REG_PROTO_MAX = 6;
    static final int NFTA_NAT_FLAGS = 7;
    public static final int SNAT = 0;
    public static final int DNAT = 1;

    static final String NAME = "nat";

    public Nat {
        Objects.requireNonNull(regAddrMin, "regAddrMin");
        Objects.requireNonNull(regAddrMax, "regAddrMax");
        Objects.requireNonNull(regProtoMin, "regProtoMin");
        Objects.requireNonNull(regProtoMax, "regProtoMax");
        Objects.requireNonNull(flags, "flags");
        regAddrMin.ifPresent(r -> Wire.checkReg("nat addr min", r));
        regAddrMax.ifPresent(r -> Wire.checkReg("nat addr max", r));
        regProtoMin.ifPresent(r -> Wire.checkReg("nat proto min", r));
        regProtoMax.ifPresent(r -> Wire.checkReg("nat proto max", r));
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void encodeData(MessageWriter w) {
        w.u32be(NFTA_NAT_TYPE, type);
        w.u32be(NFTA_NAT_FAMILY, family);
        regAddrMin.ifPresent(r -> w.u32be(NFTA_NAT_REG_ADDR_MIN, r));
        regAddrMax.ifPresent(r -> w.u32be(NFTA_NAT_REG_ADDR_MAX, r));
        regProtoMin.ifPresent(r -> w.u32be(NFTA_NAT_REG_PROTO_MIN, r));
        regProtoMax.ifPresent(r -> w.u32be(NFTA_NAT_REG_PROTO_MAX, r));
        flags.ifPresent(f -> w.u32be(NFTA_NAT_FLAGS, f));
    }

    @Override
    public String debug() {
        StringBuilder sb = new StringBuilder();
        sb.append(switch (type) {
            case SNAT -> "snat ";
            case DNAT -> "dnat ";
            default -> "";
        });
        sb.append(familyName(family)).append(' ');
        regAddrMin.ifPresent(r -> sb.append("addr_min reg ").append(r).append(' '));
        regAddrMax.ifPresent(r -> sb.append("addr_max reg ").append(r).append(' '));
        regProtoMin.ifPresent(r -> sb.append("proto_min reg ").append(r).append(' '));
        regProtoMax.ifPresent(r -> sb.append("proto_max reg ").append(r).append(' '));
        flags.ifPresent(f -> sb.append("flags 0x").append(Integer.toHexString(f)).append(' '));
        return Wire.line(NAME, sb.toString());
    }

    /** libnftnl's nftnl_family2str. */
    static String familyName(int family) {
        return switch (family) {
            case 1 -> "inet";
            case 2 -> "ip";
            case 3 -> "arp";
            case 5 -> "netdev";
            case 7 -> "bridge";
            case 10 -> "ip6";
            default -> "unknown";
        };
    }

    static Nat decode(AttributeReader a) {
        Fields f = Fields.read(NAME, a, NFTA_NAT_TYPE, NFTA_NAT_FAMILY, NFTA_NAT_REG_ADDR_MIN, NFTA_NAT_REG_ADDR_MAX,
                NFTA_NAT_REG_PROTO_MIN, NFTA_NAT_REG_PROTO_MAX, NFTA_NAT_FLAGS);
        return new Nat(f.u32(NFTA_NAT_TYPE), f.u32(NFTA_NAT_FAMILY), f.optU32(NFTA_NAT_REG_ADDR_MIN),
                f.optU32(NFTA_NAT_REG_ADDR_MAX), f.optU32(NFTA_NAT_REG_PROTO_MIN), f.optU32(NFTA_NAT_REG_PROTO_MAX),
                f.optU32(NFTA_NAT_FLAGS));
    }
}
