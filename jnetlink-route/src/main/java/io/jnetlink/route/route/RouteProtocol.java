package io.jnetlink.route.route;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Who installed a route (rtm_protocol, RTPROT_* of linux/rtnetlink.h). The kernel interprets only values up
 * to {@link #STATIC}; routing daemons claim the others. An open enumeration: {@link #of(int)} never fails;
 * a value without a name prints as its number, as {@code ip} prints it.
 *
 * @param value the kernel's value, 0 to 255
 */
public record RouteProtocol(int value) {

    /** RTPROT_UNSPEC; in a delete request: any protocol. */
    public static final RouteProtocol UNSPEC = new RouteProtocol(0);
    /** RTPROT_REDIRECT: from an ICMP redirect. */
    public static final RouteProtocol REDIRECT = new RouteProtocol(1);
    /** RTPROT_KERNEL: installed by the kernel (prefix routes of addresses). */
    public static final RouteProtocol KERNEL = new RouteProtocol(2);
    /** RTPROT_BOOT: installed during boot; what {@code ip route add} uses unless told otherwise. */
    public static final RouteProtocol BOOT = new RouteProtocol(3);
    /** RTPROT_STATIC: installed by the administrator. */
    public static final RouteProtocol STATIC = new RouteProtocol(4);
    /** RTPROT_GATED. */
    public static final RouteProtocol GATED = new RouteProtocol(8);
    /** RTPROT_RA: router advertisements. */
    public static final RouteProtocol RA = new RouteProtocol(9);
    /** RTPROT_MRT. */
    public static final RouteProtocol MRT = new RouteProtocol(10);
    /** RTPROT_ZEBRA. */
    public static final RouteProtocol ZEBRA = new RouteProtocol(11);
    /** RTPROT_BIRD. */
    public static final RouteProtocol BIRD = new RouteProtocol(12);
    /** RTPROT_DNROUTED. */
    public static final RouteProtocol DNROUTED = new RouteProtocol(13);
    /** RTPROT_XORP. */
    public static final RouteProtocol XORP = new RouteProtocol(14);
    /** RTPROT_NTK. */
    public static final RouteProtocol NTK = new RouteProtocol(15);
    /** RTPROT_DHCP: a DHCP client. */
    public static final RouteProtocol DHCP = new RouteProtocol(16);
    /** RTPROT_KEEPALIVED. */
    public static final RouteProtocol KEEPALIVED = new RouteProtocol(18);
    /** RTPROT_BABEL. */
    public static final RouteProtocol BABEL = new RouteProtocol(42);
    /** RTPROT_OPENR. */
    public static final RouteProtocol OPENR = new RouteProtocol(99);
    /** RTPROT_BGP. */
    public static final RouteProtocol BGP = new RouteProtocol(186);
    /** RTPROT_ISIS. */
    public static final RouteProtocol ISIS = new RouteProtocol(187);
    /** RTPROT_OSPF. */
    public static final RouteProtocol OSPF = new RouteProtocol(188);
    /** RTPROT_RIP. */
    public static final RouteProtocol RIP = new RouteProtocol(189);
    /** RTPROT_EIGRP. */
    public static final RouteProtocol EIGRP = new RouteProtocol(192);

    // Names as iproute2 prints them (its built-in table and /etc/iproute2/rt_protos).
    private static final Map<Integer, String> NAMES = new TreeMap<>(Map.ofEntries(
            Map.entry(0, "unspec"), Map.entry(1, "redirect"), Map.entry(2, "kernel"), Map.entry(3, "boot"),
            Map.entry(4, "static"), Map.entry(8, "gated"), Map.entry(9, "ra"), Map.entry(10, "mrt"),
            Map.entry(11, "zebra"), Map.entry(12, "bird"), Map.entry(13, "dnrouted"), Map.entry(14, "xorp"),
            Map.entry(15, "ntk"), Map.entry(16, "dhcp"), Map.entry(18, "keepalived"), Map.entry(42, "babel"),
            Map.entry(99, "openr"), Map.entry(186, "bgp"), Map.entry(187, "isis"), Map.entry(188, "ospf"),
            Map.entry(189, "rip"), Map.entry(192, "eigrp")));

    public RouteProtocol {
        if (value < 0 || value > 0xFF) {
            throw new IllegalArgumentException("route protocol " + value + " is outside 0..255");
        }
    }

    /** The protocol with this value, named or not; never throws for 0..255. */
    public static RouteProtocol of(int value) {
        return switch (value) {
            case 0 -> UNSPEC;
            case 1 -> REDIRECT;
            case 2 -> KERNEL;
            case 3 -> BOOT;
            case 4 -> STATIC;
            case 16 -> DHCP;
            default -> new RouteProtocol(value);
        };
    }

    /**
     * Parses a name {@code ip} prints ({@code kernel}, {@code boot}, {@code static}, {@code bgp}, ...) or a
     * number.
     *
     * @throws IllegalArgumentException naming the text when it is neither
     */
    public static RouteProtocol parse(String text) {
        Objects.requireNonNull(text, "protocol");
        String t = text.toLowerCase(Locale.ROOT);
        for (Map.Entry<Integer, String> e : NAMES.entrySet()) {
            if (e.getValue().equals(t)) {
                return of(e.getKey());
            }
        }
        try {
            return of(Integer.parseInt(text));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid route protocol '" + text + "'");
        }
    }

    /** Whether the value has a name. */
    public boolean isKnown() {
        return NAMES.containsKey(value);
    }

    /** The name {@code ip} prints: {@code kernel}, {@code boot}, ..., or the number. */
    public String name() {
        return NAMES.getOrDefault(value, Integer.toString(value));
    }

    @Override
    public String toString() {
        return name();
    }
}
