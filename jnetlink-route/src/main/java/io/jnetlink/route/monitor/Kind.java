package io.jnetlink.route.monitor;

import io.jnetlink.route.Rtm;

/**
 * A kind of rtnetlink object a {@link Monitor} follows, with the multicast group (enum rtnetlink_groups of
 * linux/rtnetlink.h) that announces its changes. The names follow {@code ip monitor link|address|route|neigh}.
 */
public enum Kind {

    /** Links: RTM_NEWLINK/RTM_DELLINK on RTNLGRP_LINK ({@code ip monitor link}). */
    LINKS(Rtm.RTNLGRP_LINK),
    /** IPv4 addresses: RTM_NEWADDR/RTM_DELADDR on RTNLGRP_IPV4_IFADDR ({@code ip -4 monitor address}). */
    ADDRESSES_V4(Rtm.RTNLGRP_IPV4_IFADDR),
    /** IPv6 addresses: RTM_NEWADDR/RTM_DELADDR on RTNLGRP_IPV6_IFADDR ({@code ip -6 monitor address}). */
    ADDRESSES_V6(Rtm.RTNLGRP_IPV6_IFADDR),
    /** IPv4 routes of every table: RTM_NEWROUTE/RTM_DELROUTE on RTNLGRP_IPV4_ROUTE ({@code ip -4 monitor route}). */
    ROUTES_V4(Rtm.RTNLGRP_IPV4_ROUTE),
    /** IPv6 routes of every table: RTM_NEWROUTE/RTM_DELROUTE on RTNLGRP_IPV6_ROUTE ({@code ip -6 monitor route}). */
    ROUTES_V6(Rtm.RTNLGRP_IPV6_ROUTE),
    /**
     * ARP and NDP neighbours: RTM_NEWNEIGH/RTM_DELNEIGH on RTNLGRP_NEIGH ({@code ip monitor neigh}). The group
     * also carries bridge FDB entries (family AF_BRIDGE), which arrive as {@link Event.Raw}.
     */
    NEIGHBOURS(Rtm.RTNLGRP_NEIGH);

    private final int group;

    Kind(int group) {
        this.group = group;
    }

    /** The RTNLGRP_* multicast group number that announces changes of this kind. */
    public int group() {
        return group;
    }
}
