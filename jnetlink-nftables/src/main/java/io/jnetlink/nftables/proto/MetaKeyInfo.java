package io.jnetlink.nftables.proto;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A meta key (enum nft_meta_keys in linux/netfilter/nf_tables.h) with nft's keyword, datatype and the
 * register length nft uses (meta.c meta_templates). {@code unqualified} keys print without the
 * {@code meta} keyword: {@code iifname "eth0"}, while others print as {@code meta l4proto tcp}.
 *
 * @param code   NFT_META_* number
 * @param length bytes loaded into the register
 */
public record MetaKeyInfo(String name, int code, Datatype type, int length, boolean unqualified) {

    public MetaKeyInfo {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
    }

    /** {@code "meta l4proto"} or {@code "iifname"}. */
    public String nftText() {
        return unqualified ? name : "meta " + name;
    }

    private static MetaKeyInfo k(String name, int code, Datatype type, int length, boolean unq) {
        return new MetaKeyInfo(name, code, type, length, unq);
    }

    public static final MetaKeyInfo LEN = k("length", 0, Datatype.INTEGER.withSize(32, Endian.HOST), 4, false);
    public static final MetaKeyInfo PROTOCOL = k("protocol", 1, Datatype.ETHER_TYPE, 2, false);
    public static final MetaKeyInfo PRIORITY = k("priority", 2, Datatype.CLASSID, 4, false);
    public static final MetaKeyInfo MARK = k("mark", 3, Datatype.MARK, 4, false);
    public static final MetaKeyInfo IIF = k("iif", 4, Datatype.IFACE_INDEX, 4, true);
    public static final MetaKeyInfo OIF = k("oif", 5, Datatype.IFACE_INDEX, 4, true);
    public static final MetaKeyInfo IIFNAME = k("iifname", 6, Datatype.IFNAME, 16, true);
    public static final MetaKeyInfo OIFNAME = k("oifname", 7, Datatype.IFNAME, 16, true);
    public static final MetaKeyInfo IIFTYPE = k("iiftype", 8, Datatype.IFACE_TYPE, 2, false);
    public static final MetaKeyInfo OIFTYPE = k("oiftype", 9, Datatype.IFACE_TYPE, 2, false);
    public static final MetaKeyInfo SKUID = k("skuid", 10, Datatype.UID, 4, false);
    public static final MetaKeyInfo SKGID = k("skgid", 11, Datatype.GID, 4, false);
    public static final MetaKeyInfo NFTRACE = k("nftrace", 12, Datatype.INTEGER.withSize(1, Endian.HOST), 1, false);
    public static final MetaKeyInfo RTCLASSID = k("rtclassid", 13, Datatype.REALM, 4, false);
    public static final MetaKeyInfo SECMARK = k("secmark", 14, Datatype.INTEGER.withSize(32, Endian.HOST), 4, false);
    public static final MetaKeyInfo NFPROTO = k("nfproto", 15, Datatype.NFPROTO, 1, false);
    public static final MetaKeyInfo L4PROTO = k("l4proto", 16, Datatype.INET_PROTO, 1, false);
    public static final MetaKeyInfo BRI_IIFNAME = k("ibrname", 17, Datatype.IFNAME, 16, false);
    public static final MetaKeyInfo BRI_OIFNAME = k("obrname", 18, Datatype.IFNAME, 16, false);
    public static final MetaKeyInfo PKTTYPE = k("pkttype", 19, Datatype.PKTTYPE, 1, false);
    public static final MetaKeyInfo CPU = k("cpu", 20, Datatype.INTEGER.withSize(32, Endian.HOST), 4, false);
    public static final MetaKeyInfo IIFGROUP = k("iifgroup", 21, Datatype.DEVGROUP, 4, true);
    public static final MetaKeyInfo OIFGROUP = k("oifgroup", 22, Datatype.DEVGROUP, 4, true);
    public static final MetaKeyInfo CGROUP = k("cgroup", 23, Datatype.INTEGER.withSize(32, Endian.HOST), 4, false);
    public static final MetaKeyInfo PRANDOM = k("random", 24, Datatype.INTEGER.withSize(32, Endian.BIG), 4, false);
    public static final MetaKeyInfo SECPATH = k("ipsec", 25, Datatype.BOOLEAN, 1, false);
    public static final MetaKeyInfo IIFKIND = k("iifkind", 26, Datatype.IFNAME, 16, false);
    public static final MetaKeyInfo OIFKIND = k("oifkind", 27, Datatype.IFNAME, 16, false);
    public static final MetaKeyInfo BRI_IIFPVID = k("ibrpvid", 28, Datatype.INTEGER.withSize(16, Endian.HOST), 2, false);
    public static final MetaKeyInfo BRI_IIFVPROTO = k("ibrvproto", 29, Datatype.ETHER_TYPE, 2, false);
    public static final MetaKeyInfo TIME_NS = k("time", 30, Datatype.DATE, 8, false);
    public static final MetaKeyInfo TIME_DAY = k("day", 31, Datatype.DAY, 1, false);
    public static final MetaKeyInfo TIME_HOUR = k("hour", 32, Datatype.HOUR, 4, false);
    public static final MetaKeyInfo SDIF = k("sdif", 33, Datatype.IFACE_INDEX, 4, false);
    public static final MetaKeyInfo SDIFNAME = k("sdifname", 34, Datatype.IFNAME, 16, false);
    public static final MetaKeyInfo BRI_BROUTE = k("broute", 36, Datatype.BOOLEAN, 1, false); // 35 is __NFT_META_IIFTYPE (reserved)

    private static final List<MetaKeyInfo> ALL = List.of(LEN, PROTOCOL, PRIORITY, MARK, IIF, OIF, IIFNAME, OIFNAME,
            IIFTYPE, OIFTYPE, SKUID, SKGID, NFTRACE, RTCLASSID, SECMARK, NFPROTO, L4PROTO, BRI_IIFNAME, BRI_OIFNAME,
            PKTTYPE, CPU, IIFGROUP, OIFGROUP, CGROUP, PRANDOM, SECPATH, IIFKIND, OIFKIND, BRI_IIFPVID, BRI_IIFVPROTO,
            TIME_NS, TIME_DAY, TIME_HOUR, SDIF, SDIFNAME, BRI_BROUTE);

    public static List<MetaKeyInfo> all() {
        return ALL;
    }

    /** By NFT_META_* number. */
    public static Optional<MetaKeyInfo> of(int code) {
        return ALL.stream().filter(k -> k.code == code).findFirst();
    }

    /** By nft keyword ("l4proto", "mark", "iifname"; "secpath" is accepted for "ipsec"). */
    public static Optional<MetaKeyInfo> byName(String name) {
        String n = name.equals("secpath") ? "ipsec" : name;
        return ALL.stream().filter(k -> k.name.equals(n)).findFirst();
    }
}
