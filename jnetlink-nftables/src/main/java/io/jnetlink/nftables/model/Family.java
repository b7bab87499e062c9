package io.jnetlink.nftables.model;

import java.util.Locale;

/** nftables address families (NFPROTO_* in linux/netfilter.h), named as nft names them. */
public enum Family {
    INET(1, "inet"),
    IP(2, "ip"),
    ARP(3, "arp"),
    NETDEV(5, "netdev"),
    BRIDGE(7, "bridge"),
    IP6(10, "ip6");

    private final int code;
    private final String nftName;

    Family(int code, String nftName) {
        this.code = code;
        this.nftName = nftName;
    }

    /** The NFPROTO_* number carried in nfgenmsg.nfgen_family. */
    public int code() {
        return code;
    }

    /** The family keyword of the nft language ("ip", "inet", ...). */
    public String nftName() {
        return nftName;
    }

    /** @throws IllegalArgumentException naming the value when no family has this code */
    public static Family of(int code) {
        for (Family f : values()) {
            if (f.code == code) {
                return f;
            }
        }
        throw new IllegalArgumentException("family: no nftables family has code " + code);
    }

    /** Parses an nft family keyword. @throws IllegalArgumentException naming the value */
    public static Family parse(String name) {
        for (Family f : values()) {
            if (f.nftName.equals(name.toLowerCase(Locale.ROOT))) {
                return f;
            }
        }
        throw new IllegalArgumentException("family: unknown nftables family '" + name
                + "' (expected ip, ip6, inet, arp, bridge or netdev)");
    }

    @Override
    public String toString() {
        return nftName;
    }
}
