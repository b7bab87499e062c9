package io.jnetlink.route.neigh;

import io.jnetlink.core.Message;
import io.jnetlink.core.Request;
import io.jnetlink.core.codec.AttributeNames;
import io.jnetlink.core.codec.AttributeReader;
import io.jnetlink.core.codec.MessageWriter;
import io.jnetlink.core.codec.Nl;
import io.jnetlink.core.codec.RawAttribute;
import io.jnetlink.core.error.DecodeException;
import io.jnetlink.core.net.InetAddresses;
import io.jnetlink.core.net.MacAddress;
import io.jnetlink.route.Rtm;
import io.jnetlink.route.route.RouteProtocol;
import io.jnetlink.route.route.RouteType;

import java.lang.invoke.MethodHandles;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Supplier;

/**
 * Encodes neighbour requests (RTM_NEWNEIGH, RTM_DELNEIGH, RTM_GETNEIGH dumps) and decodes RTM_NEWNEIGH
 * messages of the IPv4 and IPv6 neighbour tables. The request builders validate their input and throw
 * {@link IllegalArgumentException} before anything can be sent; their bytes match what {@code ip neigh} sends
 * for the same command. The NDA_* constants are public because the bridge FDB ({@code io.jnetlink.route.fdb})
 * speaks the same message with family AF_BRIDGE.
 */
public final class NeighbourCodec {

    private NeighbourCodec() {
    }

    /**
     * sizeof(struct ndmsg), linux/neighbour.h: family u8, pad1 u8, pad2 u16, ifindex s32, state u16, flags u8,
     * type u8.
     */
    public static final int NDMSG_SIZE = 12;

    // enum NDA_*, linux/neighbour.h
    public static final int NDA_DST = 1;
    public static final int NDA_LLADDR = 2;
    public static final int NDA_CACHEINFO = 3;
    public static final int NDA_PROBES = 4;
    public static final int NDA_VLAN = 5;
    public static final int NDA_PORT = 6;
    public static final int NDA_VNI = 7;
    public static final int NDA_IFINDEX = 8;
    public static final int NDA_MASTER = 9;
    public static final int NDA_LINK_NETNSID = 10;
    public static final int NDA_SRC_VNI = 11;
    public static final int NDA_PROTOCOL = 12;
    public static final int NDA_NH_ID = 13;
    public static final int NDA_FDB_EXT_ATTRS = 14;
    public static final int NDA_FLAGS_EXT = 15;
    public static final int NDA_NDM_STATE_MASK = 16;
    public static final int NDA_NDM_FLAGS_MASK = 17;

    /** NDA_* names, for decode errors. */
    public static final AttributeNames NAMES = AttributeNames.fromConstants(MethodHandles.lookup(), "NDA_");

    /** MAX_ADDR_LEN of linux/netdevice.h: the longest link-layer address. */
    private static final int MAX_ADDR_LEN = 32;

    // ---- requests ----

    /**
     * Adds a neighbour; fails with EEXIST if there is one for the address on the link
     * (NLM_F_CREATE|NLM_F_EXCL). Equivalent to:
     * {@code ip neigh add 10.0.0.2 lladdr 02:00:00:00:00:02 dev veth0 nud permanent}.
     */
    public static Request add(Neighbour neighbour) {
        return add(neighbour, null);
    }

    /** As {@link #add(Neighbour)}; {@code device} is the link's name, used only in the operation text. */
    public static Request add(Neighbour neighbour, String device) {
        return modify("add", Nl.NLM_F_CREATE | Nl.NLM_F_EXCL, neighbour, device);
    }

    /**
     * Adds a neighbour or overrides the existing one's link-layer address, state and flags
     * (NLM_F_CREATE|NLM_F_REPLACE). Equivalent to:
     * {@code ip neigh replace 10.0.0.2 lladdr 02:00:00:00:00:03 dev veth0 nud stale}.
     */
    public static Request replace(Neighbour neighbour) {
        return replace(neighbour, null);
    }

    /** As {@link #replace(Neighbour)}; {@code device} is used only in the operation text. */
    public static Request replace(Neighbour neighbour, String device) {
        return modify("replace", Nl.NLM_F_CREATE | Nl.NLM_F_REPLACE, neighbour, device);
    }

    /**
     * Removes a neighbour (or, with {@link NeighbourFlags#PROXY}, a proxy entry), matched by address and link.
     * Equivalent to: {@code ip neigh del 10.0.0.2 dev veth0} ({@code ip neigh del proxy 10.0.0.9 dev veth0}).
     */
    public static Request delete(Neighbour neighbour) {
        return delete(neighbour, null);
    }

    /** As {@link #delete(Neighbour)}; {@code device} is used only in the operation text. */
    public static Request delete(Neighbour neighbour, String device) {
        Objects.requireNonNull(neighbour, "neighbour");
        Supplier<String> operation = () -> "delete neighbour " + (neighbour.isProxy() ? "proxy " : "")
                + InetAddresses.toString(neighbour.destination()) + " " + dev(neighbour.index(), device);
        return new Request(operation, Rtm.RTM_DELNEIGH, 0, w -> {
            header(w, neighbour);
            w.bytes(NDA_DST, neighbour.destination().getAddress());
        });
    }

    /** Dumps the IPv4 and IPv6 neighbours of every link. Equivalent to: {@code ip neigh show nud all}. */
    public static Request dump() {
        return dump(Rtm.AF_UNSPEC, 0);
    }

    /**
     * Dumps neighbours, filtered by the kernel (strict checking): {@code family} AF_INET, AF_INET6 or AF_UNSPEC
     * for both, {@code index} a link or 0 for all. Equivalent to: {@code ip -4 neigh show dev veth0 nud all}.
     */
    public static Request dump(int family, int index) {
        return dumpRequest("list neighbours", family, index, 0);
    }

    /**
     * Dumps proxy entries, filtered as {@link #dump(int, int)}. Equivalent to:
     * {@code ip neigh show proxy dev veth0}.
     */
    public static Request dumpProxies(int family, int index) {
        return dumpRequest("list proxy neighbours", family, index, NeighbourFlags.NTF_PROXY);
    }

    private static Request dumpRequest(String what, int family, int index, int ndmFlags) {
        if (family != Rtm.AF_UNSPEC && family != Rtm.AF_INET && family != Rtm.AF_INET6) {
            throw new IllegalArgumentException("family " + family + " is none of AF_UNSPEC (0), AF_INET (2), AF_INET6 (10)");
        }
        if (index < 0) {
            throw new IllegalArgumentException("index " + index + " must be a link index, or 0 for every link");
        }
        String operation = what + (index > 0 ? " ifindex " + index : "");
        return new Request(operation, Rtm.RTM_GETNEIGH, 0, w -> {
            // Strict checking refuses a non-zero ifindex, state or type in the header: the link filter is NDA_IFINDEX.
            w.put8(family).put8(0).put16(0).put32(0).put16(NeighbourState.NUD_NONE).put8(ndmFlags).put8(0);
            if (index > 0) {
                w.u32(NDA_IFINDEX, index);
            }
        });
    }

    private static Request modify(String verb, int flags, Neighbour n, String device) {
        Objects.requireNonNull(n, "neighbour");
        if (Integer.bitCount(n.state().value()) > 1) {
            throw new IllegalArgumentException("state " + n.state() + " of neighbour "
                    + InetAddresses.toString(n.destination()) + ": a neighbour is in one state at a time");
        }
        Supplier<String> operation = () -> verb + " neighbour " + describe(n, device);
        return new Request(operation, Rtm.RTM_NEWNEIGH, flags, w -> {
            header(w, n);
            // Attribute order as ip sends it, so that golden bytes compare equal.
            w.bytes(NDA_DST, n.destination().getAddress());
            n.lladdr().ifPresent(l -> w.bytes(NDA_LLADDR, l.bytes()));
            if (n.flags().extended() != 0) {
                w.u32(NDA_FLAGS_EXT, n.flags().extended());
            }
            n.protocol().ifPresent(p -> w.u8(NDA_PROTOCOL, p.value()));
            for (RawAttribute a : n.unknown()) {
                w.raw(a);
            }
        });
    }

    private static void header(MessageWriter w, Neighbour n) {
        w.put8(n.family()).put8(0).put16(0).put32(n.index()).put16(n.state().value()).put8(n.flags().header())
                .put8(n.type().value());
    }

    /** {@code 10.0.0.2 lladdr 02:00:00:00:00:02 nud permanent router dev veth0}, as errors name the entry. */
    static String describe(Neighbour n, String device) {
        StringBuilder sb = new StringBuilder();
        if (n.isProxy()) {
            sb.append("proxy ");
        }
        sb.append(InetAddresses.toString(n.destination()));
        n.lladdr().ifPresent(l -> sb.append(" lladdr ").append(l));
        if (!n.isProxy()) {
            sb.append(" nud ").append(n.state().toString().toLowerCase(Locale.ROOT));
        }
        for (String f : n.flags().without(NeighbourFlags.PROXY).names()) {
            sb.append(' ').append(f);
        }
        return sb.append(' ').append(dev(n.index(), device)).toString();
    }

    private static String dev(int index, String device) {
        return device != null ? "dev " + device : index == 0 ? "on every link" : "ifindex " + index;
    }

    // ---- decoding ----

    /**
     * Whether {@code m} is an RTM_NEWNEIGH/RTM_DELNEIGH of the IPv4 or IPv6 table, which {@link #decode}
     * understands (bridge FDB entries have family AF_BRIDGE).
     */
    public static boolean isNeighbour(Message m) {
        if ((m.type() != Rtm.RTM_NEWNEIGH && m.type() != Rtm.RTM_DELNEIGH) || m.payload().remaining() < 1) {
            return false;
        }
        int family = Byte.toUnsignedInt(m.payload().get(0));
        return family == Rtm.AF_INET || family == Rtm.AF_INET6;
    }

    /**
     * Decodes an RTM_NEWNEIGH (or RTM_DELNEIGH notification) of family AF_INET or AF_INET6.
     *
     * @throws DecodeException when the message is truncated, an attribute has the wrong size, the family is
     *                         not IP, NDA_DST is missing or a value is out of range
     */
    public static Neighbour decode(Message m) {
        if (m.type() != Rtm.RTM_NEWNEIGH && m.type() != Rtm.RTM_DELNEIGH) {
            throw new DecodeException("expected RTM_NEWNEIGH or RTM_DELNEIGH, got " + Rtm.name(m.type()));
        }
        ByteBuffer h = m.header(NDMSG_SIZE, "ndmsg");
        int family = Byte.toUnsignedInt(h.get(0));
        int addressBytes = switch (family) {
            case Rtm.AF_INET -> 4;
            case Rtm.AF_INET6 -> 16;
            default -> throw new DecodeException("ndmsg: family " + family + " is neither AF_INET nor AF_INET6");
        };
        int index = h.getInt(4);
        int state = Short.toUnsignedInt(h.getShort(8));
        int flags = Byte.toUnsignedInt(h.get(10));
        int type = Byte.toUnsignedInt(h.get(11));

        InetAddress destination = null;
        MacAddress lladdr = null;
        int flagsExt = 0;
        RouteProtocol protocol = null;
        OptionalInt probes = OptionalInt.empty();
        CacheInfo cacheInfo = null;
        List<RawAttribute> unknown = new ArrayList<>(0);
        AttributeReader a = m.attributes(NDMSG_SIZE, NAMES);
        while (a.next()) {
            switch (a.type()) {
                case NDA_DST -> destination = address(a.bytes(addressBytes));
                case NDA_LLADDR -> lladdr = lladdr(a);
                case NDA_FLAGS_EXT -> flagsExt = a.u32();
                case NDA_PROTOCOL -> protocol = RouteProtocol.of(a.u8());
                case NDA_PROBES -> probes = OptionalInt.of(a.u32());
                case NDA_CACHEINFO -> cacheInfo = cacheInfo(a);
                default -> unknown.add(a.raw());
            }
        }
        if (destination == null) {
            throw new DecodeException("RTM_NEWNEIGH for ifindex " + index + " has no NDA_DST");
        }
        try {
            return new Neighbour(index, destination, Optional.ofNullable(lladdr), NeighbourState.of(state),
                    NeighbourFlags.of(flags, flagsExt), RouteType.of(type), Optional.ofNullable(protocol), probes,
                    Optional.ofNullable(cacheInfo), unknown);
        } catch (IllegalArgumentException e) {
            // Only a malformed message gets here (index 0 without NTF_PROXY, a negative probe count).
            throw new DecodeException("RTM_NEWNEIGH: " + e.getMessage());
        }
    }

    /** NDA_LLADDR: empty on links without link-layer addresses, where the kernel sends it with no payload. */
    private static MacAddress lladdr(AttributeReader a) {
        int n = a.length();
        if (n == 0) {
            return null;
        }
        if (n > MAX_ADDR_LEN) {
            throw new DecodeException.AttributeSize(a.name(), "0 to " + MAX_ADDR_LEN + " bytes", MAX_ADDR_LEN, n);
        }
        return new MacAddress(a.bytes());
    }

    private static CacheInfo cacheInfo(AttributeReader a) {
        ByteBuffer ci = a.struct(CacheInfo.SIZE, "nda_cacheinfo");
        return CacheInfo.fromTicks(ci.getInt(0), ci.getInt(4), ci.getInt(8), ci.getInt(12));
    }

    /**
     * An address of 4 or 16 bytes. Sixteen bytes always give an {@link Inet6Address}, also for an IPv4-mapped
     * address (which {@code InetAddress.getByAddress} would turn into IPv4), so that the family survives.
     */
    static InetAddress address(byte[] b) {
        try {
            return b.length == 16 ? Inet6Address.getByAddress(null, b, -1) : InetAddress.getByAddress(b);
        } catch (UnknownHostException e) {
            throw new DecodeException("an IP address has 4 or 16 bytes, got " + b.length);
        }
    }
}
