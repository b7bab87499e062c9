package io.jnetlink.route.route;

import java.util.Locale;
import java.util.Objects;

/**
 * The type of a route (rtm_type, RTN_* of linux/rtnetlink.h): what happens to matching packets. An open
 * enumeration: {@link #of(int)} never fails; a value without a name prints as its number.
 *
 * @param value the kernel's value, 0 to 255
 */
public record RouteType(int value) {

    /** RTN_UNSPEC; {@code ip} prints it {@code none}. In a delete request: any type. */
    public static final RouteType UNSPEC = new RouteType(0);
    /** RTN_UNICAST: a gateway or direct route. */
    public static final RouteType UNICAST = new RouteType(1);
    /** RTN_LOCAL: accept locally. */
    public static final RouteType LOCAL = new RouteType(2);
    /** RTN_BROADCAST: accept locally as broadcast, send as broadcast. */
    public static final RouteType BROADCAST = new RouteType(3);
    /** RTN_ANYCAST: accept locally as broadcast, send as unicast. */
    public static final RouteType ANYCAST = new RouteType(4);
    /** RTN_MULTICAST. */
    public static final RouteType MULTICAST = new RouteType(5);
    /** RTN_BLACKHOLE: drop silently. */
    public static final RouteType BLACKHOLE = new RouteType(6);
    /** RTN_UNREACHABLE: drop, answer ICMP unreachable. */
    public static final RouteType UNREACHABLE = new RouteType(7);
    /** RTN_PROHIBIT: drop, answer ICMP administratively prohibited. */
    public static final RouteType PROHIBIT = new RouteType(8);
    /** RTN_THROW: continue the lookup in the next table of the policy rules. */
    public static final RouteType THROW = new RouteType(9);
    /** RTN_NAT: translate this address (IPv4, obsolete). */
    public static final RouteType NAT = new RouteType(10);
    /** RTN_XRESOLVE: use an external resolver. */
    public static final RouteType XRESOLVE = new RouteType(11);

    private static final RouteType[] KNOWN = {UNSPEC, UNICAST, LOCAL, BROADCAST, ANYCAST, MULTICAST, BLACKHOLE,
            UNREACHABLE, PROHIBIT, THROW, NAT, XRESOLVE};
    // rtnl_rtntype_n2a of iproute2 (lib/rt_names.c) prints RTN_UNSPEC as "none".
    private static final String[] NAMES = {"none", "unicast", "local", "broadcast", "anycast", "multicast",
            "blackhole", "unreachable", "prohibit", "throw", "nat", "xresolve"};

    public RouteType {
        if (value < 0 || value > 0xFF) {
            throw new IllegalArgumentException("route type " + value + " is outside 0..255");
        }
    }

    /** The type with this value, named or not; never throws for 0..255. */
    public static RouteType of(int value) {
        return value >= 0 && value < KNOWN.length ? KNOWN[value] : new RouteType(value);
    }

    /**
     * Parses a name {@code ip} prints or accepts ({@code unicast}, {@code blackhole}, ..., {@code none} or
     * {@code unspec} for 0) or a number.
     *
     * @throws IllegalArgumentException naming the text when it is neither
     */
    public static RouteType parse(String text) {
        Objects.requireNonNull(text, "type");
        String t = text.toLowerCase(Locale.ROOT);
        if (t.equals("unspec")) {
            return UNSPEC;
        }
        for (int i = 0; i < NAMES.length; i++) {
            if (NAMES[i].equals(t)) {
                return KNOWN[i];
            }
        }
        try {
            return of(Integer.parseInt(text));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid route type '" + text + "'");
        }
    }

    /** Whether the value has a name. */
    public boolean isKnown() {
        return value < KNOWN.length;
    }

    /**
     * Whether packets matching the route are dropped (blackhole, unreachable, prohibit) or sent to the next
     * table (throw): such routes have no next hop.
     */
    public boolean isReject() {
        return equals(BLACKHOLE) || equals(UNREACHABLE) || equals(PROHIBIT) || equals(THROW);
    }

    /** The name {@code ip} prints: {@code unicast}, {@code blackhole}, ..., or the number. */
    public String name() {
        return value < NAMES.length ? NAMES[value] : Integer.toString(value);
    }

    @Override
    public String toString() {
        return name();
    }
}
