package io.jnetlink.route.route;

import io.jnetlink.route.Scope;
import io.jnetlink.core.codec.RawAttribute;
import io.jnetlink.core.net.InetAddresses;
import io.jnetlink.core.net.IpPrefix;

import java.net.InetAddress;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A route as {@code ip route} shows it. Decoded from the kernel by {@link RouteCodec#decode}, or built with
 * {@link #builder(IpPrefix)} to add one.
 *
 * @param family          AF_INET or AF_INET6 (rtm_family), the destination's family
 * @param destination     the destination prefix (RTA_DST, rtm_dst_len); {@code 0.0.0.0/0} or {@code ::/0} for
 *                        the default route. Host bits are never set.
 * @param gateway         the next hop (RTA_GATEWAY)
 * @param outputIndex     the output link's index (RTA_OIF)
 * @param table           the routing table, an unsigned 32-bit id (RTA_TABLE, falling back to rtm_table);
 *                        {@link #TABLE_MAIN} unless told otherwise
 * @param metric          the priority (RTA_PRIORITY); IPv4 routes without one have metric 0, IPv6 routes
 *                        always have one (the kernel picks 1024 for user routes)
 * @param scope           rtm_scope
 * @param protocol        rtm_protocol: who installed the route
 * @param type            rtm_type
 * @param preferredSource the source address preferred for packets to the destination (RTA_PREFSRC)
 * @param flags           rtm_flags: {@link RouteFlags}
 * @param tos             rtm_tos, the type of service (IPv4 only; 0 for IPv6)
 * @param unknown         attributes this model does not decode (RTA_METRICS, RTA_MULTIPATH, RTA_CACHEINFO,
 *                        RTA_PREF, ...), kept and re-encoded as received
 */
public record Route(int family, IpPrefix destination, Optional<InetAddress> gateway, OptionalInt outputIndex,
                    int table, OptionalInt metric, Scope scope, RouteProtocol protocol, RouteType type,
                    Optional<InetAddress> preferredSource, int flags, int tos, List<RawAttribute> unknown) {

    // enum rt_class_t, linux/rtnetlink.h
    /** RT_TABLE_UNSPEC: not a table; never the table of a route. */
    static final int TABLE_UNSPEC = 0;
    /** RT_TABLE_DEFAULT: {@code ip route show table default}. */
    public static final int TABLE_DEFAULT = 253;
    /** RT_TABLE_MAIN: {@code ip route show}, where routes go unless told otherwise. */
    public static final int TABLE_MAIN = 254;
    /** RT_TABLE_LOCAL: local and broadcast addresses, maintained by the kernel. */
    public static final int TABLE_LOCAL = 255;

    // linux/socket.h
    private static final int AF_INET = InetAddresses.AF_INET;
    private static final int AF_INET6 = InetAddresses.AF_INET6;
    private static final int MAX_TOS = 0xFF;

    public Route {
        if (family != AF_INET && family != AF_INET6) {
            throw new IllegalArgumentException("family " + family + " is neither AF_INET (2) nor AF_INET6 (10)");
        }
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(gateway, "gateway");
        Objects.requireNonNull(outputIndex, "outputIndex");
        Objects.requireNonNull(metric, "metric");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(preferredSource, "preferredSource");
        unknown = List.copyOf(unknown);
        if (destination.family() != family) {
            throw new IllegalArgumentException("destination " + destination + " is not of family " + family);
        }
        if (!destination.network().equals(destination)) {
            throw new IllegalArgumentException("destination " + destination + " has host bits set; the prefix is "
                    + destination.network());
        }
        gateway.ifPresent(g -> sameFamily("gateway", g, destination));
        preferredSource.ifPresent(s -> sameFamily("preferredSource", s, destination));
        if (outputIndex.isPresent() && outputIndex.getAsInt() < 1) {
            throw new IllegalArgumentException("outputIndex must be a link index (at least 1), got "
                    + outputIndex.getAsInt());
        }
        if (table == TABLE_UNSPEC) {
            throw new IllegalArgumentException("table 0 (RT_TABLE_UNSPEC) is not a table; main is "
                    + TABLE_MAIN);
        }
        if (tos < 0 || tos > MAX_TOS) {
            throw new IllegalArgumentException("tos " + tos + " is outside 0.." + MAX_TOS);
        }
        if (tos != 0 && family == AF_INET6) {
            throw new IllegalArgumentException("tos " + tos + ": IPv6 routes have no type of service");
        }
    }

    private static void sameFamily(String field, InetAddress a, IpPrefix destination) {
        if (InetAddresses.family(a) != destination.family()) {
            throw new IllegalArgumentException(field + " " + InetAddresses.toString(a)
                    + " is not of the same family as destination " + destination);
        }
    }

    /**
     * A builder for a route to {@code destination}; defaults as {@code ip route add}: type unicast, table
     * main, protocol boot, scope derived from type and gateway.
     */
    public static Builder builder(IpPrefix destination) {
        return new Builder(destination);
    }

    /** As {@link #builder(IpPrefix)} from text such as {@code 10.0.0.0/8}, {@code default} or {@code default6}. */
    public static Builder builder(String destination) {
        return new Builder(IpPrefix.parse(destination));
    }

    /** A builder starting from this route (scope kept as it is), e.g. to replace it with another metric. */
    public Builder toBuilder() {
        Builder b = new Builder(destination);
        b.gateway = gateway.orElse(null);
        b.outputIndex = outputIndex;
        b.table = table;
        b.metric = metric;
        b.scope = scope;
        b.protocol = protocol;
        b.type = type;
        b.preferredSource = preferredSource.orElse(null);
        b.flags = flags;
        b.tos = tos;
        b.unknown = unknown;
        return b;
    }

    /** Whether this is a default route (prefix length 0). */
    public boolean isDefault() {
        return destination.length() == 0;
    }

    /** Whether all bits of {@code flag} (a {@link RouteFlags} value) are set. */
    public boolean hasFlag(int flag) {
        return (flags & flag) == flag;
    }

    /** The name {@code ip} uses for a table: {@code main}, {@code local}, {@code default}, or the number. */
    public static String tableName(int table) {
        return switch (table) {
            case TABLE_MAIN -> "main";
            case TABLE_LOCAL -> "local";
            case TABLE_DEFAULT -> "default";
            default -> Integer.toUnsignedString(table);
        };
    }

    /** Builds a {@link Route}; {@link #build()} validates. */
    public static final class Builder {
        private final IpPrefix destination;
        private InetAddress gateway;
        private OptionalInt outputIndex = OptionalInt.empty();
        private int table = TABLE_MAIN;
        private OptionalInt metric = OptionalInt.empty();
        private Scope scope;
        private RouteProtocol protocol = RouteProtocol.BOOT;
        private RouteType type = RouteType.UNICAST;
        private InetAddress preferredSource;
        private int flags;
        private int tos;
        private List<RawAttribute> unknown = List.of();

        private Builder(IpPrefix destination) {
            this.destination = Objects.requireNonNull(destination, "destination");
        }

        /** The next hop ({@code via 10.0.0.254}). */
        public Builder gateway(InetAddress gateway) {
            this.gateway = Objects.requireNonNull(gateway, "gateway");
            return this;
        }

        /** The next hop from text ({@code via 10.0.0.254}). */
        public Builder gateway(String gateway) {
            return gateway(InetAddresses.parse(gateway));
        }

        /** The output link by index ({@code dev veth0}). */
        public Builder outputIndex(int index) {
            this.outputIndex = OptionalInt.of(index);
            return this;
        }

        /** The table ({@code table 100}); main by default. */
        public Builder table(int table) {
            this.table = table;
            return this;
        }

        /** The metric ({@code metric 100}). */
        public Builder metric(int metric) {
            this.metric = OptionalInt.of(metric);
            return this;
        }

        /**
         * The scope ({@code scope link}). Without one, like {@code ip}: IPv6 routes are global; IPv4 local and
         * nat routes host; broadcast, multicast and anycast routes link; unicast routes without a gateway
         * link; the rest global.
         */
        public Builder scope(Scope scope) {
            this.scope = Objects.requireNonNull(scope, "scope");
            return this;
        }

        /** The protocol ({@code proto static}); boot by default, as with {@code ip}. */
        public Builder protocol(RouteProtocol protocol) {
            this.protocol = Objects.requireNonNull(protocol, "protocol");
            return this;
        }

        /** The type ({@code blackhole}, {@code local}, ...); unicast by default. */
        public Builder type(RouteType type) {
            this.type = Objects.requireNonNull(type, "type");
            return this;
        }

        /** The preferred source address ({@code src 10.0.0.1}). */
        public Builder preferredSource(InetAddress source) {
            this.preferredSource = Objects.requireNonNull(source, "preferredSource");
            return this;
        }

        /** The preferred source address from text ({@code src 10.0.0.1}). */
        public Builder preferredSource(String source) {
            return preferredSource(InetAddresses.parse(source));
        }

        /** rtm_flags, e.g. {@link RouteFlags#ONLINK}. */
        public Builder flags(int flags) {
            this.flags = flags;
            return this;
        }

        /** The type of service ({@code tos 0x10}), IPv4 only. */
        public Builder tos(int tos) {
            this.tos = tos;
            return this;
        }

        /** Raw attributes to send as they are. */
        public Builder unknown(List<RawAttribute> unknown) {
            this.unknown = List.copyOf(unknown);
            return this;
        }

        /**
         * The route.
         *
         * @throws IllegalArgumentException naming the field and value when the combination is invalid
         */
        public Route build() {
            Scope s = scope != null ? scope : defaultScope();
            return new Route(destination.family(), destination, Optional.ofNullable(gateway), outputIndex, table,
                    metric, s, protocol, type, Optional.ofNullable(preferredSource), flags, tos, unknown);
        }

        // The choice iproute2 makes in iproute_modify when no scope is given.
        private Scope defaultScope() {
            if (destination.isIpv6()) {
                return Scope.GLOBAL;
            }
            if (type.equals(RouteType.LOCAL) || type.equals(RouteType.NAT)) {
                return Scope.HOST;
            }
            if (type.equals(RouteType.BROADCAST) || type.equals(RouteType.MULTICAST)
                    || type.equals(RouteType.ANYCAST)) {
                return Scope.LINK;
            }
            if ((type.equals(RouteType.UNICAST) || type.equals(RouteType.UNSPEC)) && gateway == null) {
                return Scope.LINK;
            }
            return Scope.GLOBAL;
        }
    }
}
