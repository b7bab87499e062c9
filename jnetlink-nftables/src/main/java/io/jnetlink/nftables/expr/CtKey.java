package io.jnetlink.nftables.expr;

import java.util.List;

/**
 * Key of ct load and ct set (enum nft_ct_keys, NFT_CT_*), named as in the header;
 * {@link #debugName()} is libnftnl's name ("state", "proto_dst", "event").
 * An open enumeration: {@link #of(int)} never fails; a key a newer kernel adds comes back named
 * {@code CT_<n>} and prints as libnftnl prints keys it does not know ({@code unknown}).
 */
public final class CtKey {

    // linux/netfilter/nf_tables.h
    public static final CtKey STATE = new CtKey(0, "STATE", "state");
    public static final CtKey DIRECTION = new CtKey(1, "DIRECTION", "direction");
    public static final CtKey STATUS = new CtKey(2, "STATUS", "status");
    public static final CtKey MARK = new CtKey(3, "MARK", "mark");
    public static final CtKey SECMARK = new CtKey(4, "SECMARK", "secmark");
    public static final CtKey EXPIRATION = new CtKey(5, "EXPIRATION", "expiration");
    public static final CtKey HELPER = new CtKey(6, "HELPER", "helper");
    public static final CtKey L3PROTOCOL = new CtKey(7, "L3PROTOCOL", "l3protocol");
    public static final CtKey SRC = new CtKey(8, "SRC", "src");
    public static final CtKey DST = new CtKey(9, "DST", "dst");
    public static final CtKey PROTOCOL = new CtKey(10, "PROTOCOL", "protocol");
    public static final CtKey PROTO_SRC = new CtKey(11, "PROTO_SRC", "proto_src");
    public static final CtKey PROTO_DST = new CtKey(12, "PROTO_DST", "proto_dst");
    public static final CtKey LABELS = new CtKey(13, "LABELS", "label");
    public static final CtKey PKTS = new CtKey(14, "PKTS", "packets");
    public static final CtKey BYTES = new CtKey(15, "BYTES", "bytes");
    public static final CtKey AVGPKT = new CtKey(16, "AVGPKT", "avgpkt");
    public static final CtKey ZONE = new CtKey(17, "ZONE", "zone");
    public static final CtKey EVENTMASK = new CtKey(18, "EVENTMASK", "event");
    public static final CtKey SRC_IP = new CtKey(19, "SRC_IP", "src_ip");
    public static final CtKey DST_IP = new CtKey(20, "DST_IP", "dst_ip");
    public static final CtKey SRC_IP6 = new CtKey(21, "SRC_IP6", "src_ip6");
    public static final CtKey DST_IP6 = new CtKey(22, "DST_IP6", "dst_ip6");
    /** libnftnl 1.2.4 (nft 1.0.6) has no name for it and prints {@code unknown}. */
    public static final CtKey ID = new CtKey(23, "ID", "unknown");

    private static final List<CtKey> KNOWN = List.of(
            STATE, DIRECTION, STATUS, MARK, SECMARK, EXPIRATION, HELPER, L3PROTOCOL, SRC, DST, PROTOCOL,
            PROTO_SRC, PROTO_DST, LABELS, PKTS, BYTES, AVGPKT, ZONE, EVENTMASK, SRC_IP, DST_IP, SRC_IP6,
            DST_IP6, ID);

    private final int value;
    private final String name;
    private final String debugName;

    private CtKey(int value, String name, String debugName) {
        this.value = value;
        this.name = name;
        this.debugName = debugName;
    }

    /** The key for a kernel value; values without a name come back as {@code CT_<n>}. */
    public static CtKey of(int value) {
        if (value >= 0 && value < KNOWN.size()) {
            return KNOWN.get(value);
        }
        return new CtKey(value, "CT_" + Integer.toUnsignedString(value), "unknown");
    }

    /** All keys with a name, in kernel order. */
    public static List<CtKey> known() {
        return KNOWN;
    }

    /** The kernel's number. */
    public int value() {
        return value;
    }

    /** The header's name without the {@code NFT_CT_} prefix, e.g. {@code PROTO_DST}. */
    public String name() {
        return name;
    }

    /** The name libnftnl prints in {@code nft --debug=netlink} output. */
    public String debugName() {
        return debugName;
    }

    /** Whether this is one of the named keys. */
    public boolean isKnown() {
        return value >= 0 && value < KNOWN.size();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CtKey k && k.value == value;
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
