package io.jnetlink.route.link;

import java.util.ArrayList;
import java.util.List;

/**
 * The device flags of {@code ifinfomsg.ifi_flags} ({@code enum net_device_flags}, linux/if.h), and their
 * names as iproute2 prints them.
 */
public final class LinkFlags {

    private LinkFlags() {
    }

    // linux/if.h: enum net_device_flags
    public static final int IFF_UP = 1;
    public static final int IFF_BROADCAST = 1 << 1;
    public static final int IFF_DEBUG = 1 << 2;
    public static final int IFF_LOOPBACK = 1 << 3;
    public static final int IFF_POINTOPOINT = 1 << 4;
    public static final int IFF_NOTRAILERS = 1 << 5;
    public static final int IFF_RUNNING = 1 << 6;
    public static final int IFF_NOARP = 1 << 7;
    public static final int IFF_PROMISC = 1 << 8;
    public static final int IFF_ALLMULTI = 1 << 9;
    public static final int IFF_MASTER = 1 << 10;
    public static final int IFF_SLAVE = 1 << 11;
    public static final int IFF_MULTICAST = 1 << 12;
    public static final int IFF_PORTSEL = 1 << 13;
    public static final int IFF_AUTOMEDIA = 1 << 14;
    public static final int IFF_DYNAMIC = 1 << 15;
    public static final int IFF_LOWER_UP = 1 << 16;
    public static final int IFF_DORMANT = 1 << 17;
    public static final int IFF_ECHO = 1 << 18;

    /** The name ip prints for an up link that has no carrier. */
    public static final String NO_CARRIER = "NO-CARRIER";

    private record Named(int bit, String name) {
    }

    /** print_link_flags (iproute2 ip/ipaddress.c) prints the flags in this order, not in bit order. */
    private static final List<Named> PRINT_ORDER = List.of(
            new Named(IFF_LOOPBACK, "LOOPBACK"),
            new Named(IFF_BROADCAST, "BROADCAST"),
            new Named(IFF_POINTOPOINT, "POINTOPOINT"),
            new Named(IFF_MULTICAST, "MULTICAST"),
            new Named(IFF_NOARP, "NOARP"),
            new Named(IFF_ALLMULTI, "ALLMULTI"),
            new Named(IFF_PROMISC, "PROMISC"),
            new Named(IFF_MASTER, "MASTER"),
            new Named(IFF_SLAVE, "SLAVE"),
            new Named(IFF_DEBUG, "DEBUG"),
            new Named(IFF_DYNAMIC, "DYNAMIC"),
            new Named(IFF_AUTOMEDIA, "AUTOMEDIA"),
            new Named(IFF_PORTSEL, "PORTSEL"),
            new Named(IFF_NOTRAILERS, "NOTRAILERS"),
            new Named(IFF_UP, "UP"),
            new Named(IFF_LOWER_UP, "LOWER_UP"),
            new Named(IFF_DORMANT, "DORMANT"),
            new Named(IFF_ECHO, "ECHO"));

    /**
     * The names of {@code flags} exactly as {@code ip -j link} lists them under "flags": NO-CARRIER first
     * when the link is UP but not RUNNING, RUNNING itself never, then the named flags in iproute2's order,
     * then any bits without a name as one lower-case hex string (as ip does). ip appends "M-DOWN" to the same
     * list when the link's IFLA_LINK peer in the same namespace is down; that depends on another link and is
     * not part of this list.
     */
    public static List<String> names(int flags) {
        List<String> out = new ArrayList<>();
        if ((flags & IFF_UP) != 0 && (flags & IFF_RUNNING) == 0) {
            out.add(NO_CARRIER);
        }
        int rest = flags & ~IFF_RUNNING;
        for (Named n : PRINT_ORDER) {
            if ((rest & n.bit()) != 0) {
                rest &= ~n.bit();
                out.add(n.name());
            }
        }
        if (rest != 0) {
            out.add(Integer.toHexString(rest));
        }
        return List.copyOf(out);
    }
}
