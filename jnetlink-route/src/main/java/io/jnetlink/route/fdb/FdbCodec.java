package io.jnetlink.route.fdb;

import io.jnetlink.core.Message;
import io.jnetlink.core.Request;
import io.jnetlink.core.codec.AttributeReader;
import io.jnetlink.core.codec.MessageWriter;
import io.jnetlink.core.codec.Nl;
import io.jnetlink.core.codec.RawAttribute;
import io.jnetlink.core.error.DecodeException;
import io.jnetlink.core.net.InetAddresses;
import io.jnetlink.core.net.MacAddress;
import io.jnetlink.route.Rtm;
import io.jnetlink.route.neigh.CacheInfo;
import io.jnetlink.route.neigh.NeighbourFlags;
import io.jnetlink.route.neigh.NeighbourState;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Supplier;

import static io.jnetlink.route.neigh.NeighbourCodec.NAMES;
import static io.jnetlink.route.neigh.NeighbourCodec.NDA_CACHEINFO;
import static io.jnetlink.route.neigh.NeighbourCodec.NDA_DST;
import static io.jnetlink.route.neigh.NeighbourCodec.NDA_FLAGS_EXT;
import static io.jnetlink.route.neigh.NeighbourCodec.NDA_IFINDEX;
import static io.jnetlink.route.neigh.NeighbourCodec.NDA_LLADDR;
import static io.jnetlink.route.neigh.NeighbourCodec.NDA_MASTER;
import static io.jnetlink.route.neigh.NeighbourCodec.NDA_PORT;
import static io.jnetlink.route.neigh.NeighbourCodec.NDA_SRC_VNI;
import static io.jnetlink.route.neigh.NeighbourCodec.NDA_VLAN;
import static io.jnetlink.route.neigh.NeighbourCodec.NDA_VNI;
import static io.jnetlink.route.neigh.NeighbourCodec.NDMSG_SIZE;

/**
 * Encodes bridge FDB requests (RTM_NEWNEIGH, RTM_DELNEIGH, RTM_GETNEIGH dumps of family AF_BRIDGE, with the
 * NDA_* attributes of linux/neighbour.h, see {@code NeighbourCodec}) and decodes the entries. The request
 * builders validate their input and throw {@link IllegalArgumentException} before anything can be sent; their
 * bytes match what {@code bridge fdb} sends for the same command.
 *
 * <p>Which table a request goes to is ndm_flags: NTF_SELF the device's own (a VXLAN device, a bridge itself),
 * NTF_MASTER the bridge the device is a port of; with no flag at all, the kernel uses the bridge for a port and
 * refuses anything else, and with other flags but neither of these two it refuses. The bridge reports the
 * entries of its table with neither flag (and NDA_MASTER naming it), also those of the bridge device itself,
 * which only NTF_SELF reaches. So a request for an entry with neither flag but with NDA_MASTER carries
 * NTF_SELF when NDA_MASTER is its own device and NTF_MASTER otherwise: whatever a dump returned can be
 * deleted or re-added as it is.
 */
public final class FdbCodec {

    private FdbCodec() {
    }

    /** sizeof(struct nda_cacheinfo), linux/neighbour.h: four u32. */
    private static final int CACHEINFO_SIZE = 16;

    // ---- requests ----

    /**
     * Adds an entry; fails with EEXIST if the MAC is there (NLM_F_CREATE|NLM_F_EXCL).
     * Equivalent to: {@code bridge fdb add 02:00:00:00:00:01 dev vx0 dst 10.0.0.2}.
     */
    public static Request add(FdbEntry entry) {
        return add(entry, null);
    }

    /** As {@link #add(FdbEntry)}; {@code device} is the device's name, used only in the operation text. */
    public static Request add(FdbEntry entry, String device) {
        return modify("add", Nl.NLM_F_CREATE | Nl.NLM_F_EXCL, entry, device);
    }

    /**
     * Adds a remote to an entry, creating it if needed (NLM_F_CREATE|NLM_F_APPEND): a VXLAN flood entry
     * (00:00:00:00:00:00) or multicast entry holds a list of remotes, one message each in a dump.
     * Equivalent to: {@code bridge fdb append 00:00:00:00:00:00 dev vx0 dst 10.0.0.2}.
     */
    public static Request append(FdbEntry entry) {
        return append(entry, null);
    }

    /** As {@link #append(FdbEntry)}; {@code device} is used only in the operation text. */
    public static Request append(FdbEntry entry, String device) {
        return modify("append", Nl.NLM_F_CREATE | Nl.NLM_F_APPEND, entry, device);
    }

    /**
     * Adds an entry or changes the existing one for the MAC (NLM_F_CREATE|NLM_F_REPLACE); a VXLAN device
     * replaces only unicast entries. Equivalent to: {@code bridge fdb replace 02:00:00:00:00:01 dev vx0 dst 10.0.0.3}.
     */
    public static Request replace(FdbEntry entry) {
        return replace(entry, null);
    }

    /** As {@link #replace(FdbEntry)}; {@code device} is used only in the operation text. */
    public static Request replace(FdbEntry entry, String device) {
        return modify("replace", Nl.NLM_F_CREATE | Nl.NLM_F_REPLACE, entry, device);
    }

    /**
     * Removes an entry; on a VXLAN device with NDA_DST, only that remote (with its port, VNI and via device;
     * absent ones mean the device's defaults) of the MAC's list. The kernel answers ENOENT when the MAC has no
     * entry, but succeeds without change when the MAC's entry lacks that remote. Equivalent to:
     * {@code bridge fdb del 00:00:00:00:00:00 dev vx0 dst 10.0.0.2}.
     */
    public static Request delete(FdbEntry entry) {
        return delete(entry, null);
    }

    /** As {@link #delete(FdbEntry)}; {@code device} is used only in the operation text. */
    public static Request delete(FdbEntry entry, String device) {
        Objects.requireNonNull(entry, "entry");
        Supplier<String> operation = () -> "delete fdb " + describe(entry, device);
        return new Request(operation, Rtm.RTM_DELNEIGH, 0, w -> {
            header(w, entry);
            identity(w, entry);
        });
    }

    /** Dumps every FDB entry of every device. Equivalent to: {@code bridge fdb show}. */
    public static Request dump() {
        return dumpRequest("list fdb", 0, 0);
    }

    /**
     * Dumps the entries of one device (NDA_IFINDEX; for a bridge port, those of the port in its bridge's table
     * too). The kernel filters (strict checking). Equivalent to: {@code bridge fdb show dev vx0}.
     */
    public static Request dump(int index) {
        requireIndex("index", index);
        return dumpRequest("list fdb ifindex " + index, index, 0);
    }

    /**
     * Dumps the entries of a bridge and its ports (NDA_MASTER). The kernel filters (strict checking).
     * Equivalent to: {@code bridge fdb show br br0}.
     */
    public static Request dumpBridge(int bridgeIndex) {
        requireIndex("bridgeIndex", bridgeIndex);
        return dumpRequest("list fdb of bridge ifindex " + bridgeIndex, 0, bridgeIndex);
    }

    private static Request dumpRequest(String operation, int index, int bridgeIndex) {
        return new Request(operation, Rtm.RTM_GETNEIGH, 0, w -> {
            // Strict checking refuses a non-zero state, flags or type in the header of an FDB dump.
            w.put8(Rtm.AF_BRIDGE).put8(0).put16(0).put32(0).put16(0).put8(0).put8(0);
            if (index > 0) {
                w.u32(NDA_IFINDEX, index);
            }
            if (bridgeIndex > 0) {
                w.u32(NDA_MASTER, bridgeIndex);
            }
        });
    }

    private static void requireIndex(String field, int index) {
        if (index < 1) {
            throw new IllegalArgumentException(field + " " + index + " must be a link index (at least 1)");
        }
    }

    private static Request modify(String verb, int flags, FdbEntry e, String device) {
        Objects.requireNonNull(e, "entry");
        Supplier<String> operation = () -> verb + " fdb " + describe(e, device);
        return new Request(operation, Rtm.RTM_NEWNEIGH, flags, w -> {
            header(w, e);
            identity(w, e);
            e.master().ifPresent(m -> w.u32(NDA_MASTER, m));
            if (e.flags().extended() != 0) {
                w.u32(NDA_FLAGS_EXT, e.flags().extended());
            }
            for (RawAttribute a : e.unknown()) {
                w.raw(a);
            }
        });
    }

    private static void header(MessageWriter w, FdbEntry e) {
        w.put8(Rtm.AF_BRIDGE).put8(0).put16(0).put32(e.index()).put16(e.state().value()).put8(requestFlags(e))
                .put8(0);
    }

    /** What identifies the entry (and, on VXLAN, the remote), in the order bridge sends it. */
    private static void identity(MessageWriter w, FdbEntry e) {
        w.bytes(NDA_LLADDR, e.mac().bytes());
        e.dst().ifPresent(d -> w.bytes(NDA_DST, d.getAddress()));
        e.vlan().ifPresent(v -> w.u16(NDA_VLAN, v));
        e.port().ifPresent(p -> w.u16be(NDA_PORT, p));
        e.vni().ifPresent(v -> w.u32(NDA_VNI, v));
        e.srcVni().ifPresent(v -> w.u32(NDA_SRC_VNI, v));
        e.ifindex().ifPresent(i -> w.u32(NDA_IFINDEX, i));
    }

    private static int requestFlags(FdbEntry e) {
        int flags = e.flags().header();
        int tables = NeighbourFlags.SELF.header() | NeighbourFlags.MASTER.header();
        if ((flags & tables) == 0 && e.master().isPresent()) {
            // reported by a bridge: an entry of the bridge device itself, or of a port in the bridge's table
            flags |= e.master().getAsInt() == e.index() ? NeighbourFlags.SELF.header() : NeighbourFlags.MASTER.header();
        }
        return flags;
    }

    /** {@code 00:00:00:00:00:00 dev vx0 dst 10.0.0.2 vni 100 self permanent}, as errors name the entry. */
    static String describe(FdbEntry e, String device) {
        StringBuilder sb = new StringBuilder(e.mac().toString());
        sb.append(device != null ? " dev " + device : " ifindex " + e.index());
        e.dst().ifPresent(d -> sb.append(" dst ").append(InetAddresses.toString(d)));
        e.vlan().ifPresent(v -> sb.append(" vlan ").append(v));
        e.port().ifPresent(p -> sb.append(" port ").append(p));
        e.vni().ifPresent(v -> sb.append(" vni ").append(v));
        e.srcVni().ifPresent(v -> sb.append(" src_vni ").append(v));
        e.ifindex().ifPresent(i -> sb.append(" via ifindex ").append(i));
        for (String f : e.flags().names()) {
            sb.append(' ').append(f);
        }
        String state = e.stateName();
        return sb.append(' ').append(state.isEmpty() ? "dynamic" : state).toString();
    }

    // ---- decoding ----

    /** Whether {@code m} is an RTM_NEWNEIGH/RTM_DELNEIGH of family AF_BRIDGE, which {@link #decode} understands. */
    public static boolean isFdb(Message m) {
        return (m.type() == Rtm.RTM_NEWNEIGH || m.type() == Rtm.RTM_DELNEIGH) && m.payload().remaining() >= 1
                && Byte.toUnsignedInt(m.payload().get(0)) == Rtm.AF_BRIDGE;
    }

    /**
     * Decodes an RTM_NEWNEIGH (or RTM_DELNEIGH notification) of family AF_BRIDGE.
     *
     * @throws DecodeException when the message is truncated, an attribute has the wrong size, the family is
     *                         not AF_BRIDGE, NDA_LLADDR is missing or a value is out of range
     */
    public static FdbEntry decode(Message m) {
        if (!isFdb(m)) {
            int family = m.payload().remaining() >= 1 ? Byte.toUnsignedInt(m.payload().get(0)) : -1;
            throw new DecodeException("expected RTM_NEWNEIGH or RTM_DELNEIGH of family AF_BRIDGE, got "
                    + Rtm.name(m.type()) + " of family " + family);
        }
        ByteBuffer h = m.header(NDMSG_SIZE, "ndmsg");
        int index = h.getInt(4);
        int state = Short.toUnsignedInt(h.getShort(8));
        int flags = Byte.toUnsignedInt(h.get(10));

        MacAddress mac = null;
        InetAddress dst = null;
        OptionalInt vni = OptionalInt.empty();
        OptionalInt port = OptionalInt.empty();
        OptionalInt ifindex = OptionalInt.empty();
        OptionalInt srcVni = OptionalInt.empty();
        OptionalInt vlan = OptionalInt.empty();
        OptionalInt master = OptionalInt.empty();
        int flagsExt = 0;
        CacheInfo cacheInfo = null;
        List<RawAttribute> unknown = new ArrayList<>(0);
        AttributeReader a = m.attributes(NDMSG_SIZE, NAMES);
        while (a.next()) {
            switch (a.type()) {
                case NDA_LLADDR -> mac = new MacAddress(a.bytes(FdbEntry.ETH_ALEN));
                case NDA_DST -> dst = address(a);
                case NDA_VNI -> vni = OptionalInt.of(a.u32());
                case NDA_PORT -> port = OptionalInt.of(a.u16be());
                case NDA_IFINDEX -> ifindex = OptionalInt.of(a.u32());
                case NDA_SRC_VNI -> srcVni = OptionalInt.of(a.u32());
                case NDA_VLAN -> vlan = OptionalInt.of(a.u16());
                case NDA_MASTER -> master = OptionalInt.of(a.u32());
                case NDA_FLAGS_EXT -> flagsExt = a.u32();
                case NDA_CACHEINFO -> {
                    ByteBuffer ci = a.struct(CACHEINFO_SIZE, "nda_cacheinfo");
                    cacheInfo = CacheInfo.fromTicks(ci.getInt(0), ci.getInt(4), ci.getInt(8), ci.getInt(12));
                }
                default -> unknown.add(a.raw());
            }
        }
        if (mac == null) {
            throw new DecodeException("FDB entry on ifindex " + index + " has no NDA_LLADDR");
        }
        try {
            return new FdbEntry(index, mac, Optional.ofNullable(dst), vni, port, ifindex, srcVni, vlan, master,
                    NeighbourFlags.of(flags, flagsExt), NeighbourState.of(state), Optional.ofNullable(cacheInfo),
                    unknown);
        } catch (IllegalArgumentException e) {
            // Only a malformed message gets here (index 0, a VNI over 24 bits, VLAN 0 or 4095, port 0, ...).
            throw new DecodeException("FDB entry: " + e.getMessage());
        }
    }

    /**
     * NDA_DST of 4 or 16 bytes; sixteen always give an {@link Inet6Address}, also for an IPv4-mapped address,
     * so that the family survives a round trip.
     */
    private static InetAddress address(AttributeReader a) {
        int n = a.length();
        if (n != 4 && n != 16) {
            throw new DecodeException.AttributeSize(a.name(), "4 or 16 bytes (an IP address)", 4, n);
        }
        try {
            return n == 16 ? Inet6Address.getByAddress(null, a.bytes(), -1) : InetAddress.getByAddress(a.bytes());
        } catch (UnknownHostException e) {
            throw new DecodeException(a.name() + ": " + e.getMessage());
        }
    }
}
