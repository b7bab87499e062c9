package io.jnetlink.route.neigh;

import io.jnetlink.core.codec.RawAttribute;
import io.jnetlink.core.net.InetAddresses;
import io.jnetlink.core.net.MacAddress;
import io.jnetlink.route.Rtm;
import io.jnetlink.route.route.RouteProtocol;
import io.jnetlink.route.route.RouteType;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * An ARP (IPv4) or NDP (IPv6) neighbour entry, or a proxy entry, as {@code ip neigh} shows it. Decoded from
 * the kernel by {@link NeighbourCodec#decode}, or built with {@link #builder(int, InetAddress)} to add one.
 *
 * @param index       the link's index (ndm_ifindex); 0 only for a proxy entry that applies to every link
 * @param destination the neighbour's IP address (NDA_DST); its class gives the family
 * @param lladdr      its link-layer address (NDA_LLADDR); empty while unresolved, for proxy entries, and on
 *                    links without link-layer addresses
 * @param state       ndm_state, one of the {@link NeighbourState} values for a kernel entry
 * @param flags       ndm_flags and NDA_FLAGS_EXT ({@link NeighbourFlags#ROUTER}, {@link NeighbourFlags#PROXY},
 *                    {@link NeighbourFlags#EXTERN_LEARN}, ...)
 * @param type        ndm_type: the address type the kernel derived (unicast, multicast, ...); requests send
 *                    {@link RouteType#UNSPEC}, as ip does, and the kernel ignores it
 * @param protocol    who installed the entry (NDA_PROTOCOL, {@code ip neigh add ... protocol zebra})
 * @param probes      solicitations sent for the current resolution (NDA_PROBES, kernel state)
 * @param cacheInfo   ages and reference count (NDA_CACHEINFO, kernel state)
 * @param unknown     attributes this model does not decode, kept and re-encoded as received
 */
public record Neighbour(int index, InetAddress destination, Optional<MacAddress> lladdr, NeighbourState state,
                        NeighbourFlags flags, RouteType type, Optional<RouteProtocol> protocol, OptionalInt probes,
                        Optional<CacheInfo> cacheInfo, List<RawAttribute> unknown) {

    public Neighbour {
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(lladdr, "lladdr");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(flags, "flags");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(probes, "probes");
        Objects.requireNonNull(cacheInfo, "cacheInfo");
        unknown = List.copyOf(unknown);
        if (index < 0 || (index == 0 && !flags.contains(NeighbourFlags.PROXY))) {
            throw new IllegalArgumentException("index " + index + " of neighbour " + InetAddresses.toString(destination)
                    + ": must be a link index (at least 1); only a proxy entry may have none (0)");
        }
        if (probes.isPresent() && probes.getAsInt() < 0) {
            throw new IllegalArgumentException("probes " + Integer.toUnsignedString(probes.getAsInt())
                    + " is outside 0.." + Integer.MAX_VALUE);
        }
    }

    /**
     * A builder for the neighbour {@code destination} on the link {@code index}, by default
     * {@link NeighbourState#PERMANENT} as with {@code ip neigh add}.
     */
    public static Builder builder(int index, InetAddress destination) {
        return new Builder(index, destination);
    }

    /**
     * A builder for a proxy entry: the host answers ARP/NDP for {@code destination} on the link {@code index}
     * (0: on every link). Equivalent to {@code ip neigh add proxy DESTINATION dev DEV}.
     */
    public static Builder proxy(int index, InetAddress destination) {
        return new Builder(index, destination).flags(NeighbourFlags.PROXY);
    }

    /** A builder starting from this entry, e.g. to replace it with another state. */
    public Builder toBuilder() {
        Builder b = new Builder(index, destination);
        b.lladdr = lladdr.orElse(null);
        b.state = state;
        b.flags = flags;
        b.type = type;
        b.protocol = protocol.orElse(null);
        b.unknown = unknown;
        return b;
    }

    /** AF_INET or AF_INET6 (ndm_family). */
    public int family() {
        return destination instanceof Inet4Address ? Rtm.AF_INET : Rtm.AF_INET6;
    }

    /** Whether this is a proxy entry (NTF_PROXY), as {@code ip neigh show proxy} lists them. */
    public boolean isProxy() {
        return flags.contains(NeighbourFlags.PROXY);
    }

    /** Builds a {@link Neighbour}; {@link #build()} validates. */
    public static final class Builder {
        private final int index;
        private final InetAddress destination;
        private MacAddress lladdr;
        private NeighbourState state = NeighbourState.PERMANENT;
        private NeighbourFlags flags = NeighbourFlags.NONE;
        private RouteType type = RouteType.UNSPEC;
        private RouteProtocol protocol;
        private List<RawAttribute> unknown = List.of();

        private Builder(int index, InetAddress destination) {
            this.index = index;
            this.destination = Objects.requireNonNull(destination, "destination");
        }

        /** The link-layer address ({@code lladdr 02:00:00:00:00:01}). */
        public Builder lladdr(MacAddress lladdr) {
            this.lladdr = Objects.requireNonNull(lladdr, "lladdr");
            return this;
        }

        /** The state ({@code nud reachable}); {@link NeighbourState#PERMANENT} unless set. */
        public Builder state(NeighbourState state) {
            this.state = Objects.requireNonNull(state, "state");
            return this;
        }

        /** Replaces the flags. */
        public Builder flags(NeighbourFlags flags) {
            this.flags = Objects.requireNonNull(flags, "flags");
            return this;
        }

        /** Adds flags ({@code router}, {@code extern_learn}, {@code managed}) to those already set. */
        public Builder addFlags(NeighbourFlags flags) {
            this.flags = this.flags.with(Objects.requireNonNull(flags, "flags"));
            return this;
        }

        /** ndm_type; the kernel derives it and ignores what a request says. */
        public Builder type(RouteType type) {
            this.type = Objects.requireNonNull(type, "type");
            return this;
        }

        /** Who installs the entry ({@code protocol zebra}). */
        public Builder protocol(RouteProtocol protocol) {
            this.protocol = Objects.requireNonNull(protocol, "protocol");
            return this;
        }

        /** Raw attributes to send as they are. */
        public Builder unknown(List<RawAttribute> unknown) {
            this.unknown = List.copyOf(unknown);
            return this;
        }

        /**
         * The neighbour.
         *
         * @throws IllegalArgumentException naming the field and value when the combination is invalid
         */
        public Neighbour build() {
            return new Neighbour(index, destination, Optional.ofNullable(lladdr), state, flags, type,
                    Optional.ofNullable(protocol), OptionalInt.empty(), Optional.empty(), unknown);
        }
    }
}
