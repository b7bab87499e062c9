package io.jnetlink.route.link;

import io.jnetlink.core.Message;
import io.jnetlink.core.Request;
import io.jnetlink.core.codec.AttributeNames;
import io.jnetlink.core.codec.AttributeReader;
import io.jnetlink.core.codec.MessageWriter;
import io.jnetlink.core.codec.Nl;
import io.jnetlink.core.codec.RawAttribute;
import io.jnetlink.core.error.DecodeException;
import io.jnetlink.core.net.MacAddress;
import io.jnetlink.core.ns.NetNs;
import io.jnetlink.route.Rtm;
import io.jnetlink.route.link.kind.LinkKind;
import io.jnetlink.route.link.kind.Macvlan;
import io.jnetlink.route.link.kind.Vlan;

import java.lang.invoke.MethodHandles;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Consumer;
import java.util.function.ToIntFunction;

/**
 * Encodes link requests (RTM_NEWLINK, RTM_DELLINK, RTM_GETLINK) and decodes RTM_NEWLINK into {@link Link}.
 *
 * <p>Every request builder is public so that callers can mix link changes with other requests in one
 * {@code NetlinkSocket.batch(...)}. Changes use RTM_NEWLINK with no create flags, as {@code ip link set}
 * does. Builders taking an {@code int index} produce the bytes iproute2 sends once it has resolved the name;
 * builders taking a name address the link by IFLA_IFNAME (IFLA_ALT_IFNAME for names longer than 15 bytes),
 * which saves the lookup round trip.
 */
public final class LinkCodec {

    private LinkCodec() {
    }

    // ---- linux/rtnetlink.h: struct ifinfomsg { u8 family; u8 pad; u16 type; s32 index; u32 flags; u32 change; }
    static final int IFINFOMSG_SIZE = 16;
    private static final int IFI_TYPE = 2;
    private static final int IFI_INDEX = 4;
    private static final int IFI_FLAGS = 8;

    // ---- linux/if_link.h: enum IFLA_* (top-level link attributes)
    static final int IFLA_ADDRESS = 1;
    static final int IFLA_BROADCAST = 2;
    static final int IFLA_IFNAME = 3;
    static final int IFLA_MTU = 4;
    static final int IFLA_LINK = 5;
    static final int IFLA_QDISC = 6;
    static final int IFLA_STATS = 7;
    static final int IFLA_MASTER = 10;
    static final int IFLA_PROTINFO = 12;
    static final int IFLA_TXQLEN = 13;
    static final int IFLA_MAP = 14;
    static final int IFLA_OPERSTATE = 16;
    static final int IFLA_LINKMODE = 17;
    static final int IFLA_LINKINFO = 18;
    static final int IFLA_NET_NS_PID = 19;
    static final int IFLA_IFALIAS = 20;
    static final int IFLA_NUM_VF = 21;
    static final int IFLA_VFINFO_LIST = 22;
    static final int IFLA_STATS64 = 23;
    static final int IFLA_AF_SPEC = 26;
    static final int IFLA_GROUP = 27;
    static final int IFLA_NET_NS_FD = 28;
    static final int IFLA_EXT_MASK = 29;
    static final int IFLA_PROMISCUITY = 30;
    static final int IFLA_NUM_TX_QUEUES = 31;
    static final int IFLA_NUM_RX_QUEUES = 32;
    static final int IFLA_CARRIER = 33;
    static final int IFLA_CARRIER_CHANGES = 35;
    static final int IFLA_LINK_NETNSID = 37;
    static final int IFLA_PROTO_DOWN = 39;
    static final int IFLA_GSO_MAX_SEGS = 40;
    static final int IFLA_GSO_MAX_SIZE = 41;
    static final int IFLA_XDP = 43;
    static final int IFLA_CARRIER_UP_COUNT = 47;
    static final int IFLA_CARRIER_DOWN_COUNT = 48;
    static final int IFLA_MIN_MTU = 50;
    static final int IFLA_MAX_MTU = 51;
    static final int IFLA_PROP_LIST = 52;
    static final int IFLA_ALT_IFNAME = 53;
    static final int IFLA_PERM_ADDRESS = 54;
    static final int IFLA_PARENT_DEV_NAME = 56;
    static final int IFLA_PARENT_DEV_BUS_NAME = 57;
    static final int IFLA_GRO_MAX_SIZE = 58;
    static final int IFLA_TSO_MAX_SIZE = 59;
    static final int IFLA_TSO_MAX_SEGS = 60;
    static final int IFLA_ALLMULTI = 61;
    static final int IFLA_GSO_IPV4_MAX_SIZE = 63;
    static final int IFLA_GRO_IPV4_MAX_SIZE = 64;

    static final AttributeNames IFLA_NAMES = AttributeNames.fromConstants(MethodHandles.lookup(), "IFLA_");

    /** linux/if_link.h: enum IFLA_INFO_*, the children of IFLA_LINKINFO. */
    static final class Info {
        private Info() {
        }

        static final int IFLA_INFO_KIND = 1;
        static final int IFLA_INFO_DATA = 2;
        static final int IFLA_INFO_XSTATS = 3;
        static final int IFLA_INFO_SLAVE_KIND = 4;
        static final int IFLA_INFO_SLAVE_DATA = 5;

        static final AttributeNames NAMES = AttributeNames.fromConstants(MethodHandles.lookup(), "IFLA_INFO_");
    }

    /** linux/veth.h: enum VETH_INFO_*, the children of a veth's IFLA_INFO_DATA. */
    static final class Veth {
        private Veth() {
        }

        static final int VETH_INFO_PEER = 1;
    }

    // linux/rtnetlink.h: RTEXT_FILTER_* bits of IFLA_EXT_MASK
    static final int RTEXT_FILTER_VF = 1;
    static final int RTEXT_FILTER_SKIP_STATS = 1 << 3;
    /** What ip asks for: VF information, no statistics (they make every message larger and are not modelled). */
    static final int EXT_MASK = RTEXT_FILTER_VF | RTEXT_FILTER_SKIP_STATS;

    /** IFLA_MASTER 0 releases a link from its master (net/core/rtnetlink.c do_set_master). */
    static final int NO_MASTER = 0;

    /** MAX_ADDR_LEN (linux/netdevice.h): the longest link-layer address. */
    static final int MAX_ADDR_LEN = 32;

    /** The IFLA_INFO_KIND of a veth (drivers/net/veth.c). */
    static final String KIND_VETH = "veth";

    // ---- requests ----

    /**
     * How a request names its link: by index (ifi_index) or by name (IFLA_IFNAME, or IFLA_ALT_IFNAME when
     * longer than IFNAMSIZ - 1). {@code label} is how the operation text names it.
     */
    private record Target(int index, String name, String label) {

        static Target byIndex(int index) {
            return new Target(checkIndex(index), null, "ifindex " + index);
        }

        static Target byName(String name) {
            return new Target(0, LinkNames.checkLookup(name), name);
        }

        /** An index resolved from {@code name}: sent by index, reported by name. */
        static Target resolved(int index, String name) {
            return new Target(checkIndex(index), null, name);
        }

        void write(MessageWriter w, int flags, int change) {
            ifinfomsg(w, index, flags, change);
            if (name != null) {
                w.string(LinkNames.needsAltName(name) ? IFLA_ALT_IFNAME : IFLA_IFNAME, name);
            }
        }
    }

    private static int checkIndex(int index) {
        if (index <= 0) {
            throw new IllegalArgumentException("invalid link index " + index + ": must be positive");
        }
        return index;
    }

    /** struct ifinfomsg with family AF_UNSPEC. */
    private static void ifinfomsg(MessageWriter w, int index, int flags, int change) {
        w.put8(Rtm.AF_UNSPEC).put8(0).put16(0).put32(index).put32(flags).put32(change);
    }

    /**
     * Dumps every link of the namespace with RTEXT_FILTER_VF | RTEXT_FILTER_SKIP_STATS. Send it with
     * {@code NetlinkSocket.dump}. Equivalent to: {@code ip -d link show}.
     */
    public static Request dump() {
        return new Request("list links", Rtm.RTM_GETLINK, 0, w -> {
            ifinfomsg(w, 0, 0, 0);
            w.u32(IFLA_EXT_MASK, EXT_MASK);
        });
    }

    /** Gets one link by name or alternative name. Equivalent to: {@code ip -d link show dev NAME}. */
    public static Request get(String name) {
        LinkNames.checkLookup(name);
        // ext mask before the name, as iproute2's ll_link_get writes it
        return new Request("get link " + name, Rtm.RTM_GETLINK, 0, w -> {
            ifinfomsg(w, 0, 0, 0);
            w.u32(IFLA_EXT_MASK, EXT_MASK);
            w.string(LinkNames.needsAltName(name) ? IFLA_ALT_IFNAME : IFLA_IFNAME, name);
        });
    }

    /** Gets one link by index. Equivalent to: {@code ip -d link show} filtered to that index. */
    public static Request get(int index) {
        checkIndex(index);
        return new Request("get link ifindex " + index, Rtm.RTM_GETLINK, 0, w -> {
            ifinfomsg(w, index, 0, 0);
            w.u32(IFLA_EXT_MASK, EXT_MASK);
        });
    }

    /**
     * Creates a veth pair. Equivalent to: {@code ip link add NAME [address MAC] [mtu MTU] type veth peer name
     * PEER [address MAC] [mtu MTU] [netns NS]}, byte for byte (attributes in that order).
     */
    public static Request addVeth(VethSpec spec) {
        Objects.requireNonNull(spec, "spec");
        String op = "add link " + spec.name() + " type veth peer name " + spec.peerName()
                + spec.peerNamespace().map(ns -> " netns " + label(ns)).orElse("");
        return new Request(op, Rtm.RTM_NEWLINK, Nl.NLM_F_CREATE | Nl.NLM_F_EXCL, w -> {
            ifinfomsg(w, 0, 0, 0);
            spec.address().ifPresent(a -> w.bytes(IFLA_ADDRESS, a.bytes()));
            spec.mtu().ifPresent(m -> w.u32(IFLA_MTU, m));
            w.string(IFLA_IFNAME, spec.name());
            // iproute2 nests without NLA_F_NESTED and writes the kind without its NUL; the same bytes keep
            // golden tests exact, and the kernel accepts both forms.
            w.nestedWithoutFlag(IFLA_LINKINFO, info -> {
                info.bytes(Info.IFLA_INFO_KIND, KIND_VETH.getBytes(StandardCharsets.US_ASCII));
                info.nestedWithoutFlag(Info.IFLA_INFO_DATA, data ->
                        data.nestedWithoutFlag(Veth.VETH_INFO_PEER, peer -> {
                            // VETH_INFO_PEER carries a whole ifinfomsg followed by the peer's IFLA_* attributes
                            ifinfomsg(peer, 0, 0, 0);
                            spec.peerAddress().ifPresent(a -> peer.bytes(IFLA_ADDRESS, a.bytes()));
                            spec.mtu().ifPresent(m -> peer.u32(IFLA_MTU, m));
                            spec.peerNamespace().ifPresent(ns -> ns.writeFdAttribute(peer, IFLA_NET_NS_FD));
                            peer.string(IFLA_IFNAME, spec.peerName());
                        }));
            });
        });
    }

    /**
     * Creates a link of any kind. Equivalent to: {@code ip link add NAME [address MAC] [mtu MTU] [master MASTER]
     * [link PARENT] type KIND [kind options]}, byte for byte when ip is given the options in the order the
     * kind writes them (see each kind's {@code writeData}).
     *
     * @param indexOf resolves the spec's master and parent names to link indexes (IFLA_MASTER and IFLA_LINK
     *                carry indexes); called while this method runs, never while sending. {@code Links.add}
     *                passes a lookup in the socket's namespace; a caller batching requests can pass a map's
     *                {@code get} from a dump taken before.
     * @throws IllegalArgumentException when a macvlan or vlan has no parent
     */
    public static Request add(LinkSpec spec, ToIntFunction<String> indexOf) {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(indexOf, "indexOf");
        LinkKind kind = spec.kind();
        if ((kind instanceof Macvlan || kind instanceof Vlan) && spec.parent().isEmpty()) {
            throw new IllegalArgumentException("invalid parent <none>: a link of kind " + kind.kind()
                    + " needs the device it sits on (ip's link DEV)");
        }
        OptionalInt master = resolve(spec.master(), "master", indexOf);
        OptionalInt parent = resolve(spec.parent(), "parent", indexOf);
        String op = "add link " + spec.name() + spec.master().map(m -> " master " + m).orElse("")
                + spec.parent().map(p -> " link " + p).orElse("") + " type " + kind.kind();
        return new Request(op, Rtm.RTM_NEWLINK, Nl.NLM_F_CREATE | Nl.NLM_F_EXCL, w -> {
            ifinfomsg(w, 0, 0, 0);
            spec.address().ifPresent(a -> w.bytes(IFLA_ADDRESS, a.bytes()));
            spec.mtu().ifPresent(m -> w.u32(IFLA_MTU, m));
            master.ifPresent(m -> w.u32(IFLA_MASTER, m));
            parent.ifPresent(p -> w.u32(IFLA_LINK, p));
            w.string(IFLA_IFNAME, spec.name());
            linkInfo(w, kind);
        });
    }

    /**
     * As {@link #add(LinkSpec, ToIntFunction)} for a spec that names no master and no parent.
     *
     * @throws IllegalArgumentException when the spec names a master or a parent (their indexes are needed)
     */
    public static Request add(LinkSpec spec) {
        return add(spec, name -> {
            throw new IllegalArgumentException("cannot resolve link '" + name
                    + "' to an index here: use add(spec, indexOf) or Links.add(spec)");
        });
    }

    private static OptionalInt resolve(Optional<String> name, String field, ToIntFunction<String> indexOf) {
        if (name.isEmpty()) {
            return OptionalInt.empty();
        }
        int index = indexOf.applyAsInt(name.get());
        if (index <= 0) {
            throw new IllegalArgumentException("invalid " + field + " '" + name.get() + "': resolved to index "
                    + index + ", must be positive");
        }
        return OptionalInt.of(index);
    }

    /** IFLA_LINKINFO { IFLA_INFO_KIND, IFLA_INFO_DATA } as ip writes it: no NLA_F_NESTED, the kind without NUL. */
    private static void linkInfo(MessageWriter w, LinkKind kind) {
        w.nestedWithoutFlag(IFLA_LINKINFO, info -> {
            info.bytes(Info.IFLA_INFO_KIND, kind.kind().getBytes(StandardCharsets.UTF_8));
            kind.writeData(info);
        });
    }

    /**
     * Changes kind-specific settings of an existing link; the kind must be the link's own. Equivalent to:
     * {@code ip link set dev NAME type KIND [kind options]} (for a bridge, e.g. {@code type bridge stp_state 1}).
     * Only the settings present in {@code change} are sent.
     */
    public static Request modify(String name, LinkKind change) {
        return modify(Target.byName(name), change);
    }

    /** As {@link #modify(String, LinkKind)}, by index as ip sends it. */
    public static Request modify(int index, LinkKind change) {
        return modify(Target.byIndex(index), change);
    }

    private static Request modify(Target t, LinkKind change) {
        Objects.requireNonNull(change, "change");
        return change(t, "type " + change.kind(), 0, 0, w -> linkInfo(w, change));
    }

    /**
     * Enslaves a link to a bridge (or bond, VRF, ...). Equivalent to: {@code ip link set dev NAME master MASTER},
     * with the master's index as ip resolves it.
     */
    public static Request setMaster(String name, int masterIndex) {
        return setMaster(Target.byName(name), masterIndex, "ifindex " + masterIndex);
    }

    /** As {@link #setMaster(String, int)}, by index as ip sends it. */
    public static Request setMaster(int index, int masterIndex) {
        return setMaster(Target.byIndex(index), masterIndex, "ifindex " + masterIndex);
    }

    /** As {@link #setMaster(String, int)}, with errors naming the master by name. */
    static Request setMaster(String name, int masterIndex, String masterName) {
        return setMaster(Target.byName(name), masterIndex, masterName);
    }

    private static Request setMaster(Target t, int masterIndex, String masterLabel) {
        checkIndex(masterIndex);
        return change(t, "master " + masterLabel, 0, 0, w -> w.u32(IFLA_MASTER, masterIndex));
    }

    /** Releases a link from its master. Equivalent to: {@code ip link set dev NAME nomaster} (IFLA_MASTER 0). */
    public static Request setNoMaster(String name) {
        return setNoMaster(Target.byName(name));
    }

    /** As {@link #setNoMaster(String)}, by index as ip sends it. */
    public static Request setNoMaster(int index) {
        return setNoMaster(Target.byIndex(index));
    }

    private static Request setNoMaster(Target t) {
        return change(t, "nomaster", 0, 0, w -> w.u32(IFLA_MASTER, NO_MASTER));
    }

    /** Equivalent to: {@code ip link delete dev NAME}. */
    public static Request delete(String name) {
        return delete(Target.byName(name));
    }

    /** Equivalent to: {@code ip link delete dev NAME}, by index as ip sends it. */
    public static Request delete(int index) {
        return delete(Target.byIndex(index));
    }

    private static Request delete(Target t) {
        return new Request("delete link " + t.label(), Rtm.RTM_DELLINK, 0, w -> t.write(w, 0, 0));
    }

    /** Equivalent to: {@code ip link set dev NAME up}. */
    public static Request setUp(String name) {
        return setUp(Target.byName(name));
    }

    /** Equivalent to: {@code ip link set dev NAME up}, by index as ip sends it. */
    public static Request setUp(int index) {
        return setUp(Target.byIndex(index));
    }

    private static Request setUp(Target t) {
        return change(t, "up", LinkFlags.IFF_UP, LinkFlags.IFF_UP, w -> {
        });
    }

    /** Equivalent to: {@code ip link set dev NAME down}. */
    public static Request setDown(String name) {
        return setDown(Target.byName(name));
    }

    /** Equivalent to: {@code ip link set dev NAME down}, by index as ip sends it. */
    public static Request setDown(int index) {
        return setDown(Target.byIndex(index));
    }

    private static Request setDown(Target t) {
        return change(t, "down", 0, LinkFlags.IFF_UP, w -> {
        });
    }

    /** Equivalent to: {@code ip link set dev NAME mtu MTU}. */
    public static Request setMtu(String name, int mtu) {
        return setMtu(Target.byName(name), mtu);
    }

    /** Equivalent to: {@code ip link set dev NAME mtu MTU}, by index as ip sends it. */
    public static Request setMtu(int index, int mtu) {
        return setMtu(Target.byIndex(index), mtu);
    }

    private static Request setMtu(Target t, int mtu) {
        if (mtu <= 0) {
            throw new IllegalArgumentException("invalid mtu " + mtu + ": must be positive");
        }
        return change(t, "mtu " + mtu, 0, 0, w -> w.u32(IFLA_MTU, mtu));
    }

    /** Equivalent to: {@code ip link set dev NAME address MAC}. */
    public static Request setAddress(String name, MacAddress address) {
        return setAddress(Target.byName(name), address);
    }

    /** Equivalent to: {@code ip link set dev NAME address MAC}, by index as ip sends it. */
    public static Request setAddress(int index, MacAddress address) {
        return setAddress(Target.byIndex(index), address);
    }

    private static Request setAddress(Target t, MacAddress address) {
        byte[] bytes = Objects.requireNonNull(address, "address").bytes();
        return change(t, "address " + address, 0, 0, w -> w.bytes(IFLA_ADDRESS, bytes));
    }

    /**
     * Equivalent to: {@code ip link set dev NAME name NEWNAME}. Renaming needs the index: IFLA_IFNAME
     * carries the new name. The kernel refuses to rename a link that is up (EBUSY).
     */
    public static Request rename(int index, String newName) {
        return rename(Target.byIndex(index), newName);
    }

    /** As {@link #rename(int, String)}, with errors naming the link by its current name. */
    static Request rename(int index, String currentName, String newName) {
        return rename(Target.resolved(index, currentName), newName);
    }

    private static Request rename(Target t, String newName) {
        LinkNames.check("newName", newName);
        return change(t, "name " + newName, 0, 0, w -> w.string(IFLA_IFNAME, newName));
    }

    /**
     * Equivalent to: {@code ip link set dev NAME alias ALIAS}; an empty alias clears it, as
     * {@code alias ""} does.
     */
    public static Request setAlias(String name, String alias) {
        return setAlias(Target.byName(name), alias);
    }

    /** As {@link #setAlias(String, String)}, by index as ip sends it. */
    public static Request setAlias(int index, String alias) {
        return setAlias(Target.byIndex(index), alias);
    }

    private static Request setAlias(Target t, String alias) {
        // ip sends the alias without its NUL, and an empty payload to clear it
        byte[] bytes = LinkNames.checkAlias(alias).getBytes(StandardCharsets.UTF_8);
        return change(t, "alias \"" + alias + "\"", 0, 0, w -> w.bytes(IFLA_IFALIAS, bytes));
    }

    /**
     * Moves the link into another namespace. Equivalent to: {@code ip link set dev NAME netns NS}. The
     * handle must stay open until the request was sent.
     */
    public static Request moveToNamespace(String name, NetNs target) {
        return moveToNamespace(Target.byName(name), target);
    }

    /** As {@link #moveToNamespace(String, NetNs)}, by index as ip sends it. */
    public static Request moveToNamespace(int index, NetNs target) {
        return moveToNamespace(Target.byIndex(index), target);
    }

    private static Request moveToNamespace(Target t, NetNs target) {
        Objects.requireNonNull(target, "target");
        return change(t, "netns " + label(target), 0, 0, w -> target.writeFdAttribute(w, IFLA_NET_NS_FD));
    }

    /** RTM_NEWLINK without NLM_F_CREATE: changes an existing link, as {@code ip link set} does. */
    private static Request change(Target t, String what, int flags, int change, Consumer<MessageWriter> attrs) {
        return new Request("set link " + t.label() + " " + what, Rtm.RTM_NEWLINK, 0, w -> {
            t.write(w, flags, change);
            attrs.accept(w);
        });
    }

    private static String label(NetNs ns) {
        return ns.name().orElseGet(ns::toString);
    }

    // ---- decoding ----

    /**
     * Decodes an RTM_NEWLINK (or RTM_DELLINK) message. Strict about sizes: a fixed-size attribute of the
     * wrong size, a truncated header or a missing IFLA_IFNAME, IFLA_MTU, IFLA_TXQLEN or IFLA_OPERSTATE (the
     * kernel always sends them) throws {@link DecodeException}. Tolerant of everything else: attributes not
     * modelled are kept raw in {@link Link#unknown()}.
     */
    /**
     * Only the link index of an RTM_NEWLINK or RTM_DELLINK message (from its ifinfomsg), for lookups that need
     * nothing else: cheaper than {@link #decode}.
     */
    public static int index(Message m) {
        if (m.type() != Rtm.RTM_NEWLINK && m.type() != Rtm.RTM_DELLINK) {
            throw new DecodeException("expected RTM_NEWLINK or RTM_DELLINK, got " + Rtm.name(m.type()));
        }
        return m.header(IFINFOMSG_SIZE, "ifinfomsg").getInt(IFI_INDEX);
    }

    public static Link decode(Message m) {
        if (m.type() != Rtm.RTM_NEWLINK && m.type() != Rtm.RTM_DELLINK) {
            throw new DecodeException("expected RTM_NEWLINK or RTM_DELLINK, got " + Rtm.name(m.type()));
        }
        ByteBuffer h = m.header(IFINFOMSG_SIZE, "ifinfomsg");
        int type = Short.toUnsignedInt(h.getShort(IFI_TYPE));
        int index = h.getInt(IFI_INDEX);
        int flags = h.getInt(IFI_FLAGS);

        String name = null;
        Integer mtu = null;
        Integer txQueueLength = null;
        OperState operState = null;
        Optional<MacAddress> address = Optional.empty();
        Optional<MacAddress> broadcast = Optional.empty();
        OptionalInt master = OptionalInt.empty();
        OptionalInt link = OptionalInt.empty();
        OptionalInt linkNetnsId = OptionalInt.empty();
        Optional<String> alias = Optional.empty();
        Optional<String> qdisc = Optional.empty();
        OptionalInt minMtu = OptionalInt.empty();
        OptionalInt maxMtu = OptionalInt.empty();
        LinkInfo info = LinkInfo.NONE;
        List<String> altNames = new ArrayList<>();
        List<RawAttribute> unknown = new ArrayList<>();

        AttributeReader a = m.attributes(IFINFOMSG_SIZE, IFLA_NAMES);
        while (a.next()) {
            switch (a.type()) {
                case IFLA_IFNAME -> name = a.string();
                case IFLA_MTU -> mtu = a.u32();
                case IFLA_TXQLEN -> txQueueLength = a.u32();
                case IFLA_OPERSTATE -> operState = OperState.of(a.u8());
                case IFLA_ADDRESS -> address = Optional.of(linkLayerAddress(a));
                case IFLA_BROADCAST -> broadcast = Optional.of(linkLayerAddress(a));
                case IFLA_MASTER -> master = OptionalInt.of(a.u32());
                case IFLA_LINK -> link = OptionalInt.of(a.s32());
                case IFLA_LINK_NETNSID -> linkNetnsId = OptionalInt.of(a.s32());
                case IFLA_IFALIAS -> alias = Optional.of(a.string());
                case IFLA_QDISC -> qdisc = Optional.of(a.string());
                case IFLA_MIN_MTU -> minMtu = OptionalInt.of(a.u32());
                case IFLA_MAX_MTU -> maxMtu = OptionalInt.of(a.u32());
                case IFLA_LINKINFO -> {
                    info = LinkInfo.decode(a);
                    if (!info.complete()) {
                        unknown.add(a.raw());
                    }
                }
                case IFLA_PROP_LIST -> {
                    if (!decodePropList(a, altNames)) {
                        unknown.add(a.raw());
                    }
                }
                default -> unknown.add(a.raw());
            }
        }
        String what = "RTM_NEWLINK ifindex " + index;
        return new Link(index, required(name, what, IFLA_IFNAME), info.kind(), flags,
                required(mtu, what, IFLA_MTU), address, broadcast, master, link, linkNetnsId,
                required(operState, what, IFLA_OPERSTATE), alias, altNames, type,
                required(txQueueLength, what, IFLA_TXQLEN), qdisc, minMtu, maxMtu, info.data(), info.slaveKind(),
                info.slaveData(), unknown);
    }

    private static <T> T required(T value, String what, int attribute) {
        if (value == null) {
            throw new DecodeException(what + ": required attribute " + IFLA_NAMES.name(attribute) + " is missing");
        }
        return value;
    }

    private static MacAddress linkLayerAddress(AttributeReader a) {
        int n = a.length();
        if (n < 1 || n > MAX_ADDR_LEN) {
            throw new DecodeException.AttributeSize(a.name(), "1 to " + MAX_ADDR_LEN + " bytes", 1, n);
        }
        return new MacAddress(a.bytes());
    }

    /** Adds the IFLA_ALT_IFNAME entries to {@code out}; returns false when the list held anything else. */
    private static boolean decodePropList(AttributeReader a, List<String> out) {
        boolean complete = true;
        AttributeReader p = a.nested(IFLA_NAMES);
        while (p.next()) {
            if (p.type() == IFLA_ALT_IFNAME) {
                out.add(p.string());
            } else {
                complete = false;
            }
        }
        return complete;
    }

    /** The modelled children of IFLA_LINKINFO; {@code complete} is false when it held others too. */
    private record LinkInfo(Optional<String> kind, Optional<RawAttribute> data, Optional<String> slaveKind,
                            Optional<RawAttribute> slaveData, boolean complete) {

        static final LinkInfo NONE = new LinkInfo(Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), true);

        static LinkInfo decode(AttributeReader a) {
            Optional<String> kind = Optional.empty();
            Optional<RawAttribute> data = Optional.empty();
            Optional<String> slaveKind = Optional.empty();
            Optional<RawAttribute> slaveData = Optional.empty();
            boolean complete = true;
            AttributeReader i = a.nested(Info.NAMES);
            while (i.next()) {
                switch (i.type()) {
                    case Info.IFLA_INFO_KIND -> kind = Optional.of(i.string());
                    case Info.IFLA_INFO_DATA -> data = Optional.of(i.raw());
                    case Info.IFLA_INFO_SLAVE_KIND -> slaveKind = Optional.of(i.string());
                    case Info.IFLA_INFO_SLAVE_DATA -> slaveData = Optional.of(i.raw());
                    default -> complete = false;
                }
            }
            return new LinkInfo(kind, data, slaveKind, slaveData, complete);
        }
    }
}
