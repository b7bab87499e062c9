package io.jnetlink.nftables.proto;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A conntrack key (enum nft_ct_keys in linux/netfilter/nf_tables.h) with nft's keyword, datatype and register
 * length (ct.c ct_templates). {@code directional} keys may carry {@code original}/{@code reply}
 * (NFTA_CT_DIRECTION) and print as {@code ct original ip saddr}. The address keys NFT_CT_SRC/DST have no
 * fixed type: their type follows {@code ct l3proto} (nft prints them as {@code ct original saddr}).
 *
 * @param name   nft keyword; for the typed address keys "ip saddr", "ip6 daddr"
 * @param code   NFT_CT_* number
 * @param length bytes loaded into the register (0 when it depends on the family)
 */
public record CtKeyInfo(String name, int code, Datatype type, int length, boolean directional) {

    public CtKeyInfo {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
    }

    private static CtKeyInfo k(String name, int code, Datatype type, int length, boolean dir) {
        return new CtKeyInfo(name, code, type, length, dir);
    }

    public static final CtKeyInfo STATE = k("state", 0, Datatype.CT_STATE, 4, false);
    public static final CtKeyInfo DIRECTION = k("direction", 1, Datatype.CT_DIR, 1, false);
    public static final CtKeyInfo STATUS = k("status", 2, Datatype.CT_STATUS, 4, false);
    public static final CtKeyInfo MARK = k("mark", 3, Datatype.MARK, 4, false);
    public static final CtKeyInfo SECMARK = k("secmark", 4, Datatype.INTEGER.withSize(32, Endian.HOST), 4, false);
    public static final CtKeyInfo EXPIRATION = k("expiration", 5, Datatype.TIME.withSize(32, Endian.HOST), 4, false);
    public static final CtKeyInfo HELPER = k("helper", 6, Datatype.STRING.withSize(128, Endian.HOST), 16, false);
    public static final CtKeyInfo L3PROTOCOL = k("l3proto", 7, Datatype.NFPROTO, 1, true);
    public static final CtKeyInfo SRC = k("saddr", 8, Datatype.INVALID, 0, true);
    public static final CtKeyInfo DST = k("daddr", 9, Datatype.INVALID, 0, true);
    public static final CtKeyInfo PROTOCOL = k("protocol", 10, Datatype.INET_PROTO, 1, true);
    public static final CtKeyInfo PROTO_SRC = k("proto-src", 11, Datatype.INET_SERVICE, 2, true);
    public static final CtKeyInfo PROTO_DST = k("proto-dst", 12, Datatype.INET_SERVICE, 2, true);
    public static final CtKeyInfo LABELS = k("label", 13, Datatype.CT_LABEL, 16, false);
    public static final CtKeyInfo PKTS = k("packets", 14, Datatype.INTEGER.withSize(64, Endian.HOST), 8, true);
    public static final CtKeyInfo BYTES = k("bytes", 15, Datatype.INTEGER.withSize(64, Endian.HOST), 8, true);
    public static final CtKeyInfo AVGPKT = k("avgpkt", 16, Datatype.INTEGER.withSize(64, Endian.HOST), 8, true);
    public static final CtKeyInfo ZONE = k("zone", 17, Datatype.INTEGER.withSize(16, Endian.HOST), 2, true);
    public static final CtKeyInfo EVENTMASK = k("event", 18, Datatype.CT_EVENT, 4, false);
    public static final CtKeyInfo SRC_IP = k("ip saddr", 19, Datatype.IPV4_ADDR, 4, true);
    public static final CtKeyInfo DST_IP = k("ip daddr", 20, Datatype.IPV4_ADDR, 4, true);
    public static final CtKeyInfo SRC_IP6 = k("ip6 saddr", 21, Datatype.IPV6_ADDR, 16, true);
    public static final CtKeyInfo DST_IP6 = k("ip6 daddr", 22, Datatype.IPV6_ADDR, 16, true);
    public static final CtKeyInfo ID = k("id", 23, Datatype.INTEGER.withSize(32, Endian.BIG), 4, false);

    private static final List<CtKeyInfo> ALL = List.of(STATE, DIRECTION, STATUS, MARK, SECMARK, EXPIRATION, HELPER,
            L3PROTOCOL, SRC, DST, PROTOCOL, PROTO_SRC, PROTO_DST, LABELS, PKTS, BYTES, AVGPKT, ZONE, EVENTMASK,
            SRC_IP, DST_IP, SRC_IP6, DST_IP6, ID);

    public static List<CtKeyInfo> all() {
        return ALL;
    }

    /** By NFT_CT_* number. */
    public static Optional<CtKeyInfo> of(int code) {
        return ALL.stream().filter(k -> k.code == code).findFirst();
    }

    /** By nft keyword ("state", "mark", "ip saddr", "proto-dst"). */
    public static Optional<CtKeyInfo> byName(String name) {
        return ALL.stream().filter(k -> k.name.equals(name)).findFirst();
    }
}
