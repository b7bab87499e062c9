package io.jnetlink.route.fdb;

import io.jnetlink.core.codec.RawAttribute;
import io.jnetlink.core.net.MacAddress;
import io.jnetlink.route.neigh.CacheInfo;
import io.jnetlink.route.neigh.NeighbourFlags;
import io.jnetlink.route.neigh.NeighbourState;

import java.net.InetAddress;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A bridge forwarding database entry as {@code bridge fdb} shows it: a MAC address on a device (a bridge port,
 * the bridge itself, or a VXLAN device), with the VXLAN remote it maps to. Decoded from the kernel by
 * {@link FdbCodec#decode}, or built with {@link #builder(int, MacAddress)} to add one.
 *
 * <p>The kernel reports some fields only when they differ from the device's defaults: a VXLAN device omits
 * NDA_VNI equal to its own VNI and NDA_PORT equal to its destination port, and reports NDA_SRC_VNI only in
 * external (collect-metadata) mode. ndm_type is not modelled: it carries no information for the bridge
 * (always 0) or VXLAN (always unicast) and the kernel ignores it in requests.
 *
 * @param index     the device (ndm_ifindex): a bridge port, a bridge, or a VXLAN device
 * @param mac       the Ethernet address (NDA_LLADDR); 00:00:00:00:00:00 on a VXLAN device is the flood entry
 *                  that sends broadcast, unknown unicast and multicast to each of its remotes
 * @param dst       the VXLAN remote (NDA_DST), IPv4 or IPv6
 * @param vni       the VNI to send with, when not the device's (NDA_VNI), 0 to 2^24-1
 * @param port      the remote UDP port, when not the device's (NDA_PORT, big-endian on the wire)
 * @param ifindex   the device to reach the remote through (NDA_IFINDEX, {@code bridge fdb ... via DEV})
 * @param srcVni    the VNI the entry belongs to on an external VXLAN device (NDA_SRC_VNI)
 * @param vlan      the VLAN of a bridge entry (NDA_VLAN), 1 to 4094
 * @param master    the bridge whose table holds the entry (NDA_MASTER); the kernel reports it and ignores it
 *                  in requests, where it picks the table when {@code flags} name none (see {@link FdbCodec})
 * @param flags     ndm_flags and NDA_FLAGS_EXT: {@link NeighbourFlags#SELF} (the device's own table),
 *                  {@link NeighbourFlags#MASTER} (its bridge's table), {@link NeighbourFlags#EXTERN_LEARN},
 *                  {@link NeighbourFlags#STICKY}, {@link NeighbourFlags#ROUTER} ...
 * @param state     ndm_state: see {@link #PERMANENT}, {@link #STATIC}, {@link #DYNAMIC}
 * @param cacheInfo ages and reference count (NDA_CACHEINFO, kernel state)
 * @param unknown   attributes this model does not decode (NDA_NH_ID, NDA_FDB_EXT_ATTRS, ...), kept and
 *                  re-encoded as received
 */
public record FdbEntry(int index, MacAddress mac, Optional<InetAddress> dst, OptionalInt vni, OptionalInt port,
                       OptionalInt ifindex, OptionalInt srcVni, OptionalInt vlan, OptionalInt master,
                       NeighbourFlags flags, NeighbourState state, Optional<CacheInfo> cacheInfo,
                       List<RawAttribute> unknown) {

    /**
     * A permanent entry: {@code NUD_NOARP|NUD_PERMANENT}, what {@code bridge fdb add} sends by default and for
     * {@code permanent} (or {@code local}). On a bridge it is local: frames to the MAC are delivered to the
     * host. The bridge reports such entries as plain {@link NeighbourState#PERMANENT}; a VXLAN device reports
     * the state as it was set.
     */
    public static final NeighbourState PERMANENT = NeighbourState.NOARP.with(NeighbourState.PERMANENT);
    /**
     * A static entry: {@code NUD_NOARP|NUD_REACHABLE}, what {@code bridge fdb add ... static} sends. The
     * bridge takes NOARP (forward, never age); a VXLAN device, which refuses NOARP alone, takes REACHABLE.
     * The bridge reports such entries as plain {@link NeighbourState#NOARP}.
     */
    public static final NeighbourState STATIC = NeighbourState.NOARP.with(NeighbourState.REACHABLE);
    /** A dynamic entry that ages out: {@code NUD_REACHABLE}, what {@code bridge fdb add ... dynamic} sends. */
    public static final NeighbourState DYNAMIC = NeighbourState.REACHABLE;

    /** ETH_ALEN of linux/if_ether.h: FDB entries are Ethernet addresses. */
    static final int ETH_ALEN = 6;
    /** VNIs are 24 bits: VXLAN_VID_MASK of include/net/vxlan.h (RFC 7348). */
    static final int VNI_MAX = (1 << 24) - 1;
    /** VLAN_VID_MASK of linux/if_vlan.h: 4095 is reserved, 0 means none. */
    static final int VLAN_MAX = 4094;
    private static final int PORT_MAX = 0xFFFF;

    public FdbEntry {
        Objects.requireNonNull(mac, "mac");
        Objects.requireNonNull(dst, "dst");
        Objects.requireNonNull(vni, "vni");
        Objects.requireNonNull(port, "port");
        Objects.requireNonNull(ifindex, "ifindex");
        Objects.requireNonNull(srcVni, "srcVni");
        Objects.requireNonNull(vlan, "vlan");
        Objects.requireNonNull(master, "master");
        Objects.requireNonNull(flags, "flags");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(cacheInfo, "cacheInfo");
        unknown = List.copyOf(unknown);
        if (index < 1) {
            throw new IllegalArgumentException("index " + index + " of FDB entry " + mac
                    + " must be a link index (at least 1)");
        }
        if (mac.bytes().length != ETH_ALEN) {
            throw new IllegalArgumentException("mac " + mac + " must be an Ethernet address of " + ETH_ALEN
                    + " bytes, has " + mac.bytes().length);
        }
        range("vni", vni, 0, VNI_MAX);
        range("srcVni", srcVni, 0, VNI_MAX);
        range("port", port, 1, PORT_MAX);
        range("ifindex", ifindex, 1, Integer.MAX_VALUE);
        range("master", master, 1, Integer.MAX_VALUE);
        range("vlan", vlan, 1, VLAN_MAX);
    }

    private static void range(String field, OptionalInt v, int min, int max) {
        if (v.isPresent() && (v.getAsInt() < min || v.getAsInt() > max)) {
            throw new IllegalArgumentException(field + " " + Integer.toUnsignedString(v.getAsInt()) + " is outside "
                    + min + ".." + max);
        }
    }

    /**
     * A builder for the entry {@code mac} on the device {@code index}, by default as {@code bridge fdb add}
     * assumes: {@link NeighbourFlags#SELF} and {@link #PERMANENT}.
     */
    public static Builder builder(int index, MacAddress mac) {
        return new Builder(index, mac);
    }

    /**
     * A builder for a VXLAN flood entry: 00:00:00:00:00:00 to {@code remote} on the device {@code index}.
     * Equivalent to the entry of {@code bridge fdb append 00:00:00:00:00:00 dev vx0 dst REMOTE}.
     */
    public static Builder flood(int index, InetAddress remote) {
        return new Builder(index, MacAddress.ZERO).dst(remote);
    }

    /** A builder starting from this entry, e.g. to delete or replace it. */
    public Builder toBuilder() {
        Builder b = new Builder(index, mac);
        b.dst = dst.orElse(null);
        b.vni = vni;
        b.port = port;
        b.ifindex = ifindex;
        b.srcVni = srcVni;
        b.vlan = vlan;
        b.master = master;
        b.flags = flags;
        b.state = state;
        b.unknown = unknown;
        return b;
    }

    /** Whether this is a VXLAN flood entry (MAC 00:00:00:00:00:00). */
    public boolean isFlood() {
        return mac.equals(MacAddress.ZERO);
    }

    /** Whether all of {@code flag} is set. */
    public boolean hasFlag(NeighbourFlags flag) {
        return flags.contains(flag);
    }

    /** Whether the entry is permanent (NUD_PERMANENT): local on a bridge, never ages. */
    public boolean isPermanent() {
        return state.contains(NeighbourState.PERMANENT);
    }

    /** Whether the entry is static (NUD_NOARP without NUD_PERMANENT): forwards, never ages. */
    public boolean isStatic() {
        return !isPermanent() && state.contains(NeighbourState.NOARP);
    }

    /** Whether the entry ages out (neither permanent nor static): learned, or added {@code dynamic}. */
    public boolean isDynamic() {
        return !isPermanent() && !isStatic();
    }

    /**
     * The state as {@code bridge -j fdb} prints it: {@code permanent}, {@code static}, {@code stale}, the empty
     * string for a reachable (dynamic) entry, else the value in hex ({@code 0x8}).
     */
    public String stateName() {
        if (isPermanent()) {
            return "permanent";
        }
        if (isStatic()) {
            return "static";
        }
        if (state.contains(NeighbourState.STALE)) {
            return "stale";
        }
        if (state.contains(NeighbourState.REACHABLE)) {
            return "";
        }
        return "0x" + Integer.toHexString(state.value());
    }

    /** Builds an {@link FdbEntry}; {@link #build()} validates. */
    public static final class Builder {
        private final int index;
        private final MacAddress mac;
        private InetAddress dst;
        private OptionalInt vni = OptionalInt.empty();
        private OptionalInt port = OptionalInt.empty();
        private OptionalInt ifindex = OptionalInt.empty();
        private OptionalInt srcVni = OptionalInt.empty();
        private OptionalInt vlan = OptionalInt.empty();
        private OptionalInt master = OptionalInt.empty();
        private NeighbourFlags flags = NeighbourFlags.SELF;
        private NeighbourState state = PERMANENT;
        private List<RawAttribute> unknown = List.of();

        private Builder(int index, MacAddress mac) {
            this.index = index;
            this.mac = Objects.requireNonNull(mac, "mac");
        }

        /** The VXLAN remote ({@code dst 10.0.0.2}). */
        public Builder dst(InetAddress dst) {
            this.dst = Objects.requireNonNull(dst, "dst");
            return this;
        }

        /** The VNI to send with ({@code vni 100}). */
        public Builder vni(int vni) {
            this.vni = OptionalInt.of(vni);
            return this;
        }

        /** The remote UDP port ({@code port 4790}). */
        public Builder port(int port) {
            this.port = OptionalInt.of(port);
            return this;
        }

        /** The device to reach the remote through, by index ({@code via eth0}). */
        public Builder via(int ifindex) {
            this.ifindex = OptionalInt.of(ifindex);
            return this;
        }

        /** The VNI of the entry on an external VXLAN device ({@code src_vni 100}). */
        public Builder srcVni(int srcVni) {
            this.srcVni = OptionalInt.of(srcVni);
            return this;
        }

        /** The VLAN of a bridge entry ({@code vlan 10}). */
        public Builder vlan(int vlan) {
            this.vlan = OptionalInt.of(vlan);
            return this;
        }

        /**
         * NDA_MASTER, the bridge's index, as the kernel reports it; with neither {@link #self()} nor
         * {@link #master()} it picks the table a request goes to (see {@link FdbCodec}).
         */
        public Builder masterIndex(int bridgeIndex) {
            this.master = OptionalInt.of(bridgeIndex);
            return this;
        }

        /** Replaces the flags. */
        public Builder flags(NeighbourFlags flags) {
            this.flags = Objects.requireNonNull(flags, "flags");
            return this;
        }

        /** Adds flags ({@code extern_learn}, {@code sticky}, {@code router}) to those already set. */
        public Builder addFlags(NeighbourFlags flags) {
            this.flags = this.flags.with(Objects.requireNonNull(flags, "flags"));
            return this;
        }

        /** The device's own table ({@code self}, the default), instead of its bridge's. */
        public Builder self() {
            this.flags = flags.without(NeighbourFlags.MASTER).with(NeighbourFlags.SELF);
            return this;
        }

        /** The table of the bridge the device is a port of ({@code master}), instead of the device's own. */
        public Builder master() {
            this.flags = flags.without(NeighbourFlags.SELF).with(NeighbourFlags.MASTER);
            return this;
        }

        /** Replaces the state. */
        public Builder state(NeighbourState state) {
            this.state = Objects.requireNonNull(state, "state");
            return this;
        }

        /** {@link FdbEntry#PERMANENT} ({@code permanent}), the default. */
        public Builder permanent() {
            return state(PERMANENT);
        }

        /** {@link FdbEntry#STATIC} ({@code static}). */
        public Builder asStatic() {
            return state(STATIC);
        }

        /** {@link FdbEntry#DYNAMIC} ({@code dynamic}). */
        public Builder dynamic() {
            return state(DYNAMIC);
        }

        /** Raw attributes to send as they are. */
        public Builder unknown(List<RawAttribute> unknown) {
            this.unknown = List.copyOf(unknown);
            return this;
        }

        /**
         * The entry.
         *
         * @throws IllegalArgumentException naming the field and value when one is out of range
         */
        public FdbEntry build() {
            return new FdbEntry(index, mac, Optional.ofNullable(dst), vni, port, ifindex, srcVni, vlan, master, flags,
                    state, Optional.empty(), unknown);
        }
    }
}
