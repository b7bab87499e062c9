package io.jnetlink.nftables.expr;

import java.util.List;

/**
 * Key of meta load and meta set (enum nft_meta_keys, NFT_META_*), named as in the header;
 * {@link #debugName()} is libnftnl's name ("l4proto", "iifname", "time").
 * An open enumeration: {@link #of(int)} never fails; a key a newer kernel adds comes back named
 * {@code META_<n>} and prints as libnftnl prints keys it does not know ({@code unknown}).
 */
public final class MetaKey {

    // linux/netfilter/nf_tables.h
    public static final MetaKey LEN = new MetaKey(0, "LEN", "len");
    public static final MetaKey PROTOCOL = new MetaKey(1, "PROTOCOL", "protocol");
    public static final MetaKey PRIORITY = new MetaKey(2, "PRIORITY", "priority");
    public static final MetaKey MARK = new MetaKey(3, "MARK", "mark");
    public static final MetaKey IIF = new MetaKey(4, "IIF", "iif");
    public static final MetaKey OIF = new MetaKey(5, "OIF", "oif");
    public static final MetaKey IIFNAME = new MetaKey(6, "IIFNAME", "iifname");
    public static final MetaKey OIFNAME = new MetaKey(7, "OIFNAME", "oifname");
    public static final MetaKey IIFTYPE = new MetaKey(8, "IIFTYPE", "iiftype");
    public static final MetaKey OIFTYPE = new MetaKey(9, "OIFTYPE", "oiftype");
    public static final MetaKey SKUID = new MetaKey(10, "SKUID", "skuid");
    public static final MetaKey SKGID = new MetaKey(11, "SKGID", "skgid");
    public static final MetaKey NFTRACE = new MetaKey(12, "NFTRACE", "nftrace");
    public static final MetaKey RTCLASSID = new MetaKey(13, "RTCLASSID", "rtclassid");
    public static final MetaKey SECMARK = new MetaKey(14, "SECMARK", "secmark");
    public static final MetaKey NFPROTO = new MetaKey(15, "NFPROTO", "nfproto");
    public static final MetaKey L4PROTO = new MetaKey(16, "L4PROTO", "l4proto");
    public static final MetaKey BRI_IIFNAME = new MetaKey(17, "BRI_IIFNAME", "bri_iifname");
    public static final MetaKey BRI_OIFNAME = new MetaKey(18, "BRI_OIFNAME", "bri_oifname");
    public static final MetaKey PKTTYPE = new MetaKey(19, "PKTTYPE", "pkttype");
    public static final MetaKey CPU = new MetaKey(20, "CPU", "cpu");
    public static final MetaKey IIFGROUP = new MetaKey(21, "IIFGROUP", "iifgroup");
    public static final MetaKey OIFGROUP = new MetaKey(22, "OIFGROUP", "oifgroup");
    public static final MetaKey CGROUP = new MetaKey(23, "CGROUP", "cgroup");
    public static final MetaKey PRANDOM = new MetaKey(24, "PRANDOM", "prandom");
    public static final MetaKey SECPATH = new MetaKey(25, "SECPATH", "secpath");
    public static final MetaKey IIFKIND = new MetaKey(26, "IIFKIND", "iifkind");
    public static final MetaKey OIFKIND = new MetaKey(27, "OIFKIND", "oifkind");
    public static final MetaKey BRI_IIFPVID = new MetaKey(28, "BRI_IIFPVID", "bri_iifpvid");
    public static final MetaKey BRI_IIFVPROTO = new MetaKey(29, "BRI_IIFVPROTO", "bri_iifvproto");
    public static final MetaKey TIME_NS = new MetaKey(30, "TIME_NS", "time");
    public static final MetaKey TIME_DAY = new MetaKey(31, "TIME_DAY", "day");
    public static final MetaKey TIME_HOUR = new MetaKey(32, "TIME_HOUR", "hour");
    public static final MetaKey SDIF = new MetaKey(33, "SDIF", "sdif");
    public static final MetaKey SDIFNAME = new MetaKey(34, "SDIFNAME", "sdifname");
    /** 35 is __NFT_META_IIFTYPE, a placeholder the kernel never accepts. */
    private static final MetaKey RESERVED_35 = new MetaKey(35, "META_35", "unknown");
    public static final MetaKey BRI_BROUTE = new MetaKey(36, "BRI_BROUTE", "broute");

    private static final List<MetaKey> KNOWN = List.of(
            LEN, PROTOCOL, PRIORITY, MARK, IIF, OIF, IIFNAME, OIFNAME, IIFTYPE, OIFTYPE, SKUID, SKGID,
            NFTRACE, RTCLASSID, SECMARK, NFPROTO, L4PROTO, BRI_IIFNAME, BRI_OIFNAME, PKTTYPE, CPU, IIFGROUP,
            OIFGROUP, CGROUP, PRANDOM, SECPATH, IIFKIND, OIFKIND, BRI_IIFPVID, BRI_IIFVPROTO, TIME_NS,
            TIME_DAY, TIME_HOUR, SDIF, SDIFNAME, RESERVED_35, BRI_BROUTE);

    private final int value;
    private final String name;
    private final String debugName;

    private MetaKey(int value, String name, String debugName) {
        this.value = value;
        this.name = name;
        this.debugName = debugName;
    }

    /** The key for a kernel value; values without a name come back as {@code META_<n>}. */
    public static MetaKey of(int value) {
        if (value >= 0 && value < KNOWN.size()) {
            return KNOWN.get(value);
        }
        return new MetaKey(value, "META_" + Integer.toUnsignedString(value), "unknown");
    }

    /** All keys with a name, in kernel order. */
    public static List<MetaKey> known() {
        return KNOWN.stream().filter(MetaKey::isKnown).toList();
    }

    /** The kernel's number. */
    public int value() {
        return value;
    }

    /** The header's name without the {@code NFT_META_} prefix, e.g. {@code L4PROTO}. */
    public String name() {
        return name;
    }

    /** The name libnftnl prints in {@code nft --debug=netlink} output. */
    public String debugName() {
        return debugName;
    }

    /** Whether this is one of the named keys. */
    public boolean isKnown() {
        return value >= 0 && value < KNOWN.size() && value != 35;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MetaKey k && k.value == value;
    }

    @Override
    public int hashCode() {
        return value;
    }

    @Override
    public String toString() {
        return name;
    }
}
