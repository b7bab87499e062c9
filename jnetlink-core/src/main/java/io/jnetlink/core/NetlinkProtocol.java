package io.jnetlink.core;

/** The netlink protocols jnetlink speaks (linux/netlink.h). */
public enum NetlinkProtocol {
    /** NETLINK_ROUTE: links, addresses, routes, neighbours, bridge FDB (rtnetlink). */
    ROUTE(0),
    /** NETLINK_NETFILTER: nftables, nfnetlink_log, conntrack. */
    NETFILTER(12),
    /** NETLINK_GENERIC: families resolved by name (ethtool, wireguard, ...). */
    GENERIC(16);

    private final int number;

    NetlinkProtocol(int number) {
        this.number = number;
    }

    /** The protocol number passed to socket(2). */
    public int number() {
        return number;
    }
}
