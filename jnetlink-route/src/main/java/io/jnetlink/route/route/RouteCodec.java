package io.jnetlink.route.route;

import io.jnetlink.route.Scope;
import io.jnetlink.core.Message;
import io.jnetlink.core.Request;
import io.jnetlink.core.codec.AttributeNames;
import io.jnetlink.core.codec.AttributeReader;
import io.jnetlink.core.codec.MessageWriter;
import io.jnetlink.core.codec.Nl;
import io.jnetlink.core.codec.RawAttribute;
import io.jnetlink.core.error.DecodeException;
import io.jnetlink.core.net.InetAddresses;
import io.jnetlink.core.net.IpPrefix;
import io.jnetlink.route.Rtm;

import java.lang.invoke.MethodHandles;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Encodes route requests (RTM_NEWROUTE, RTM_DELROUTE, RTM_GETROUTE dumps) and decodes RTM_NEWROUTE messages.
 * The request builders validate their input and throw {@link IllegalArgumentException} before anything can
 * be sent; their bytes match what {@code ip route} sends for the same command.
 */
public final class RouteCodec {

    private RouteCodec() {
    }

    // struct rtmsg, linux/rtnetlink.h: family, dst_len, src_len, tos, table, protocol, scope, type (u8 each),
    // flags (u32)
    static final int RTMSG_SIZE = 12;
    /** rtm_table is a u8; larger table ids travel in RTA_TABLE with rtm_table RT_TABLE_UNSPEC. */
    static final int RTM_TABLE_MAX = 0xFF;

    // enum rtattr_type_t, linux/rtnetlink.h
    static final int RTA_DST = 1;
    static final int RTA_SRC = 2;
    static final int RTA_IIF = 3;
    static final int RTA_OIF = 4;
    static final int RTA_GATEWAY = 5;
    static final int RTA_PRIORITY = 6;
    static final int RTA_PREFSRC = 7;
    static final int RTA_METRICS = 8;
    static final int RTA_MULTIPATH = 9;
    static final int RTA_FLOW = 11;
    static final int RTA_CACHEINFO = 12;
    static final int RTA_TABLE = 15;
    static final int RTA_MARK = 16;
    static final int RTA_MFC_STATS = 17;
    static final int RTA_VIA = 18;
    static final int RTA_NEWDST = 19;
    static final int RTA_PREF = 20;
    static final int RTA_ENCAP_TYPE = 21;
    static final int RTA_ENCAP = 22;
    static final int RTA_EXPIRES = 23;
    static final int RTA_PAD = 24;
    static final int RTA_UID = 25;
    static final int RTA_TTL_PROPAGATE = 26;
    static final int RTA_IP_PROTO = 27;
    static final int RTA_SPORT = 28;
    static final int RTA_DPORT = 29;
    static final int RTA_NH_ID = 30;

    /** RTA_* names, for decode errors. */
    public static final AttributeNames NAMES = AttributeNames.fromConstants(MethodHandles.lookup(), "RTA_");

    // ---- requests ----

    /**
     * Adds a route; fails with EEXIST when one with the same destination, table, tos and metric exists
     * (NLM_F_CREATE|NLM_F_EXCL). Equivalent to: {@code ip route add 10.1.0.0/16 via 10.0.0.254 dev veth0}.
     *
     * @throws IllegalArgumentException when the route cannot be added as described (a unicast route without
     *                                  gateway or device, a blackhole with a gateway, ...)
     */
    public static Request add(Route route) {
        return modify("add", Nl.NLM_F_CREATE | Nl.NLM_F_EXCL, route);
    }

    /**
     * Adds a route, or replaces the one with the same destination, table, tos and metric
     * (NLM_F_CREATE|NLM_F_REPLACE). Equivalent to: {@code ip route replace 10.1.0.0/16 via 10.0.0.253}.
     */
    public static Request replace(Route route) {
        return modify("replace", Nl.NLM_F_CREATE | Nl.NLM_F_REPLACE, route);
    }

    /**
     * Removes a route, matched like {@code ip route del} matches it: by table, destination, tos, type, and by
     * metric, gateway, output link and preferred source when they are set; scope and protocol are wildcards.
     * Equivalent to: {@code ip route del 10.1.0.0/16 via 10.0.0.254 dev veth0}.
     */
    public static Request delete(Route route) {
        Objects.requireNonNull(route, "route");
        return new Request(() -> "delete route " + describe(route), Rtm.RTM_DELROUTE, 0,
                w -> encode(w, route, Scope.NOWHERE, RouteProtocol.UNSPEC));
    }

    /**
     * Dumps the IPv4 and IPv6 routes of every table. Equivalent to: {@code ip route show table all} and
     * {@code ip -6 route show table all}.
     */
    public static Request dump() {
        return new Request("list routes", Rtm.RTM_GETROUTE, 0, w -> dumpHeader(w, Route.TABLE_UNSPEC));
    }

    /**
     * Dumps the IPv4 and IPv6 routes of one table: with strict checking the kernel filters by RTA_TABLE (and
     * answers NLM_F_DUMP_FILTERED). Equivalent to: {@code ip route show table 100}.
     */
    public static Request dump(int table) {
        if (table == Route.TABLE_UNSPEC) {
            throw new IllegalArgumentException("table 0 (RT_TABLE_UNSPEC) is not a table; dump() lists all");
        }
        return new Request("list routes table " + Route.tableName(table), Rtm.RTM_GETROUTE, 0, w -> {
            dumpHeader(w, table);
            w.u32(RTA_TABLE, table);
        });
    }

    private static void dumpHeader(MessageWriter w, int table) {
        // Strict checking: dst_len, src_len, tos and scope must be zero; table, protocol and type filter.
        w.put8(Rtm.AF_UNSPEC).put8(0).put8(0).put8(0).put8(headerTable(table)).put8(0).put8(0).put8(0).put32(0);
    }

    private static Request modify(String verb, int flags, Route route) {
        Objects.requireNonNull(route, "route");
        validateForAdd(route);
        return new Request(() -> verb + " route " + describe(route), Rtm.RTM_NEWROUTE, flags,
                w -> encode(w, route, route.scope(), route.protocol()));
    }

    /** What the kernel would refuse, said before anything is sent. */
    private static void validateForAdd(Route r) {
        if (r.type().isReject() && r.gateway().isPresent()) {
            throw new IllegalArgumentException("gateway " + InetAddresses.toString(r.gateway().get()) + ": a "
                    + r.type() + " route to " + r.destination() + " has no next hop");
        }
        if (r.type().isReject() && r.family() == InetAddresses.AF_INET && r.outputIndex().isPresent()) {
            throw new IllegalArgumentException("outputIndex " + r.outputIndex().getAsInt() + ": an IPv4 "
                    + r.type() + " route to " + r.destination() + " has no output device");
        }
        if (r.type().equals(RouteType.UNICAST) && r.gateway().isEmpty() && r.outputIndex().isEmpty()
                && !hasNextHops(r)) {
            throw new IllegalArgumentException("route " + r.destination()
                    + ": a unicast route needs a gateway or an outputIndex");
        }
    }

    /** Multipath routes and nexthop objects carry their next hops in attributes this model keeps raw. */
    private static boolean hasNextHops(Route r) {
        return r.unknown().stream().anyMatch(a -> a.type() == RTA_MULTIPATH || a.type() == RTA_NH_ID
                || a.type() == RTA_VIA);
    }

    private static void encode(MessageWriter w, Route r, Scope scope, RouteProtocol protocol) {
        w.put8(r.family()).put8(r.destination().length()).put8(0).put8(r.tos())
                .put8(headerTable(r.table())).put8(protocol.value()).put8(scope.value()).put8(r.type().value())
                .put32(r.flags() & ~RouteFlags.KERNEL_STATE);
        // Attribute order as ip sends it, so that golden bytes compare equal.
        if (r.destination().length() > 0) {
            w.bytes(RTA_DST, r.destination().address().getAddress());
        }
        r.gateway().ifPresent(g -> w.bytes(RTA_GATEWAY, g.getAddress()));
        r.metric().ifPresent(m -> w.u32(RTA_PRIORITY, m));
        r.preferredSource().ifPresent(s -> w.bytes(RTA_PREFSRC, s.getAddress()));
        if (Integer.compareUnsigned(r.table(), RTM_TABLE_MAX) > 0) {
            w.u32(RTA_TABLE, r.table());
        }
        r.outputIndex().ifPresent(i -> w.u32(RTA_OIF, i));
        for (RawAttribute a : r.unknown()) {
            w.raw(a);
        }
    }

    private static int headerTable(int table) {
        return Integer.compareUnsigned(table, RTM_TABLE_MAX) <= 0 ? table : Route.TABLE_UNSPEC;
    }

    /** {@code blackhole 10.0.0.0/8 via 10.0.0.254 ifindex 3 table 100 metric 5}, as errors name the route. */
    static String describe(Route r) {
        StringBuilder sb = new StringBuilder();
        if (!r.type().equals(RouteType.UNICAST)) {
            sb.append(r.type()).append(' ');
        }
        sb.append(r.isDefault() ? "default" : r.destination().toString());
        r.gateway().ifPresent(g -> sb.append(" via ").append(InetAddresses.toString(g)));
        r.outputIndex().ifPresent(i -> sb.append(" ifindex ").append(i));
        if (r.table() != Route.TABLE_MAIN) {
            sb.append(" table ").append(Route.tableName(r.table()));
        }
        r.metric().ifPresent(m -> sb.append(" metric ").append(Integer.toUnsignedString(m)));
        r.preferredSource().ifPresent(s -> sb.append(" src ").append(InetAddresses.toString(s)));
        if (r.family() == InetAddresses.AF_INET6 && r.isDefault()) {
            sb.append(" (IPv6)");
        }
        return sb.toString();
    }

    // ---- decoding ----

    /** Whether {@code m} is an RTM_NEWROUTE/RTM_DELROUTE of AF_INET or AF_INET6, which {@link #decode} reads. */
    public static boolean isIpRoute(Message m) {
        if ((m.type() != Rtm.RTM_NEWROUTE && m.type() != Rtm.RTM_DELROUTE) || m.payload().remaining() < 1) {
            return false;
        }
        int family = Byte.toUnsignedInt(m.payload().get(0));
        return family == Rtm.AF_INET || family == Rtm.AF_INET6;
    }

    /** Whether {@code m} is a route message marked RTM_F_CLONED (a cached exception, not a configured route). */
    static boolean isCloned(Message m) {
        return m.payload().remaining() >= RTMSG_SIZE && (m.payload().getInt(8) & RouteFlags.CLONED) != 0;
    }

    /**
     * Decodes an RTM_NEWROUTE (or RTM_DELROUTE notification) of family AF_INET or AF_INET6.
     *
     * @throws DecodeException when the message is truncated, an attribute has the wrong size or the family
     *                         is not IP
     */
    public static Route decode(Message m) {
        if (m.type() != Rtm.RTM_NEWROUTE && m.type() != Rtm.RTM_DELROUTE) {
            throw new DecodeException("expected RTM_NEWROUTE or RTM_DELROUTE, got " + Rtm.name(m.type()));
        }
        ByteBuffer h = m.header(RTMSG_SIZE, "rtmsg");
        int family = Byte.toUnsignedInt(h.get(0));
        int addressBytes = switch (family) {
            case Rtm.AF_INET -> 4;
            case Rtm.AF_INET6 -> 16;
            default -> throw new DecodeException("rtmsg: family " + family + " is neither AF_INET nor AF_INET6");
        };
        int dstLength = Byte.toUnsignedInt(h.get(1));
        int tos = Byte.toUnsignedInt(h.get(3));
        int table = Byte.toUnsignedInt(h.get(4));
        RouteProtocol protocol = RouteProtocol.of(Byte.toUnsignedInt(h.get(5)));
        Scope scope = Scope.of(Byte.toUnsignedInt(h.get(6)));
        RouteType type = RouteType.of(Byte.toUnsignedInt(h.get(7)));
        int flags = h.getInt(8);

        InetAddress dst = null;
        InetAddress gateway = null;
        InetAddress prefsrc = null;
        OptionalInt oif = OptionalInt.empty();
        OptionalInt metric = OptionalInt.empty();
        List<RawAttribute> unknown = new ArrayList<>(0);
        AttributeReader a = m.attributes(RTMSG_SIZE, NAMES);
        while (a.next()) {
            switch (a.type()) {
                case RTA_DST -> dst = InetAddresses.fromBytes(a.bytes(addressBytes));
                case RTA_GATEWAY -> gateway = InetAddresses.fromBytes(a.bytes(addressBytes));
                case RTA_PREFSRC -> prefsrc = InetAddresses.fromBytes(a.bytes(addressBytes));
                case RTA_OIF -> oif = OptionalInt.of(a.u32());
                case RTA_PRIORITY -> metric = OptionalInt.of(a.u32());
                case RTA_TABLE -> table = a.u32();
                default -> unknown.add(a.raw());
            }
        }
        if (dst == null) {
            dst = InetAddresses.fromBytes(new byte[addressBytes]);
        }
        try {
            return new Route(family, new IpPrefix(dst, dstLength), Optional.ofNullable(gateway), oif, table, metric,
                    scope, protocol, type, Optional.ofNullable(prefsrc), flags, tos, unknown);
        } catch (IllegalArgumentException e) {
            // Only a malformed message gets here (dst_len 40 for IPv4, host bits set, table 0, ...).
            throw new DecodeException("RTM_NEWROUTE: " + e.getMessage());
        }
    }
}
