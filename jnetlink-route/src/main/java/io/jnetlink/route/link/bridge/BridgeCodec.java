package io.jnetlink.route.link.bridge;

import io.jnetlink.core.Message;
import io.jnetlink.core.Request;
import io.jnetlink.core.codec.AttributeNames;
import io.jnetlink.core.codec.AttributeReader;
import io.jnetlink.core.codec.MessageWriter;
import io.jnetlink.core.codec.RawAttribute;
import io.jnetlink.core.error.DecodeException;
import io.jnetlink.route.Rtm;
import io.jnetlink.route.link.Link;

import java.lang.invoke.MethodHandles;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Encodes the AF_BRIDGE link requests of the {@code bridge} tool (port settings and VLAN entries) and decodes
 * the AF_BRIDGE link dump. Requests address links by index, as the kernel's bridge handlers require
 * (rtnl_bridge_setlink and rtnl_bridge_dellink look up ifi_index only); {@link BridgePorts} and
 * {@link BridgeVlans} resolve names first, as {@code bridge} does.
 */
public final class BridgeCodec {

    private BridgeCodec() {
    }

    // ---- linux/rtnetlink.h: struct ifinfomsg { u8 family; u8 pad; u16 type; s32 index; u32 flags; u32 change; }
    static final int IFINFOMSG_SIZE = 16;
    private static final int IFI_INDEX = 4;

    // ---- linux/if_link.h: the top-level IFLA_* of AF_BRIDGE link messages (the link package's codec has them
    // all; it is not a dependency of this package's encoders)
    static final int IFLA_IFNAME = 3;
    static final int IFLA_MASTER = 10;
    static final int IFLA_PROTINFO = 12;
    static final int IFLA_AF_SPEC = 26;
    static final int IFLA_EXT_MASK = 29;

    static final AttributeNames IFLA_NAMES = AttributeNames.fromConstants(MethodHandles.lookup(), "IFLA_");

    /** linux/if_link.h: enum IFLA_BRPORT_*, the children of IFLA_PROTINFO and of a port's IFLA_INFO_SLAVE_DATA. */
    static final class Port {
        private Port() {
        }

        static final int IFLA_BRPORT_STATE = 1;
        static final int IFLA_BRPORT_PRIORITY = 2;
        static final int IFLA_BRPORT_COST = 3;
        static final int IFLA_BRPORT_MODE = 4;
        static final int IFLA_BRPORT_LEARNING = 8;
        static final int IFLA_BRPORT_UNICAST_FLOOD = 9;
        static final int IFLA_BRPORT_MCAST_FLOOD = 27;
        static final int IFLA_BRPORT_BCAST_FLOOD = 30;
        static final int IFLA_BRPORT_NEIGH_SUPPRESS = 32;
        static final int IFLA_BRPORT_ISOLATED = 33;

        static final AttributeNames NAMES = AttributeNames.fromConstants(MethodHandles.lookup(), "IFLA_BRPORT_");
    }

    /** linux/if_bridge.h: the children of IFLA_AF_SPEC in AF_BRIDGE messages, and their flags. */
    static final class Spec {
        private Spec() {
        }

        static final int IFLA_BRIDGE_FLAGS = 0;
        static final int IFLA_BRIDGE_VLAN_INFO = 2;

        /** IFLA_BRIDGE_FLAGS: the request is for the device itself, not for its master bridge. */
        static final int BRIDGE_FLAGS_SELF = 2;

        // struct bridge_vlan_info { __u16 flags; __u16 vid; }
        static final int VLAN_INFO_SIZE = 4;
        static final int BRIDGE_VLAN_INFO_PVID = 1 << 1;
        static final int BRIDGE_VLAN_INFO_UNTAGGED = 1 << 2;
        static final int BRIDGE_VLAN_INFO_RANGE_BEGIN = 1 << 3;
        static final int BRIDGE_VLAN_INFO_RANGE_END = 1 << 4;

        static final AttributeNames NAMES = AttributeNames.fromConstants(MethodHandles.lookup(), "IFLA_BRIDGE_");
    }

    // linux/rtnetlink.h: RTEXT_FILTER_* bits of IFLA_EXT_MASK
    static final int RTEXT_FILTER_BRVLAN = 1 << 1;
    static final int RTEXT_FILTER_BRVLAN_COMPRESSED = 1 << 2;

    /** The IFLA_INFO_SLAVE_KIND of a bridge port (net/bridge/br_netlink.c). */
    static final String SLAVE_KIND_BRIDGE = "bridge";

    private static int checkIndex(int index) {
        if (index <= 0) {
            throw new IllegalArgumentException("invalid link index " + index + ": must be positive");
        }
        return index;
    }

    /** struct ifinfomsg with family AF_BRIDGE. */
    private static void ifinfomsg(MessageWriter w, int index) {
        w.put8(Rtm.AF_BRIDGE).put8(0).put16(0).put32(index).put32(0).put32(0);
    }

    // ---- port settings ----

    /**
     * Changes the settings of a bridge port; only those present in {@code change} are sent. Equivalent to:
     * {@code bridge link set dev PORT [hairpin on|off] [flood on|off] [mcast_flood on|off] [bcast_flood on|off]
     * [learning on|off] [cost N] [priority N] [state S] [neigh_suppress on|off] [isolated on|off]}, byte for byte
     * (attributes in that order). RTM_SETLINK with IFLA_PROTINFO, which must carry NLA_F_NESTED (without it the
     * kernel reads a single state byte, the old RSTP interface).
     *
     * @param label how errors name the port (its name)
     * @throws IllegalArgumentException when {@code change} holds no setting
     */
    public static Request setPort(int index, String label, BridgePort change) {
        checkIndex(index);
        Objects.requireNonNull(change, "change");
        if (change.isEmpty()) {
            throw new IllegalArgumentException("invalid change " + change + ": no setting to send");
        }
        return new Request("set bridge port " + label, Rtm.RTM_SETLINK, 0, w -> {
            ifinfomsg(w, index);
            w.nested(IFLA_PROTINFO, p -> {
                flag(p, Port.IFLA_BRPORT_MODE, change.hairpin());
                flag(p, Port.IFLA_BRPORT_UNICAST_FLOOD, change.unicastFlood());
                flag(p, Port.IFLA_BRPORT_MCAST_FLOOD, change.multicastFlood());
                flag(p, Port.IFLA_BRPORT_BCAST_FLOOD, change.broadcastFlood());
                flag(p, Port.IFLA_BRPORT_LEARNING, change.learning());
                change.cost().ifPresent(c -> p.u32(Port.IFLA_BRPORT_COST, c));
                change.priority().ifPresent(pr -> p.u16(Port.IFLA_BRPORT_PRIORITY, pr));
                change.state().ifPresent(s -> p.u8(Port.IFLA_BRPORT_STATE, s.value()));
                flag(p, Port.IFLA_BRPORT_NEIGH_SUPPRESS, change.neighSuppress());
                flag(p, Port.IFLA_BRPORT_ISOLATED, change.isolated());
            });
        });
    }

    private static void flag(MessageWriter w, int type, Optional<Boolean> value) {
        value.ifPresent(on -> w.u8(type, on ? 1 : 0));
    }

    /** Dumps every bridge port with its settings. Equivalent to: {@code bridge -d link show}. */
    public static Request listPorts() {
        return new Request("list bridge ports", Rtm.RTM_GETLINK, 0, w -> ifinfomsg(w, 0));
    }

    /**
     * Decodes one message of {@link #listPorts()}: empty for an AF_BRIDGE link message without IFLA_PROTINFO
     * (the bridge device itself).
     */
    public static Optional<BridgePortEntry> decodePort(Message m) {
        Header h = header(m);
        String name = null;
        OptionalInt master = OptionalInt.empty();
        BridgePort settings = null;
        AttributeReader a = m.attributes(IFINFOMSG_SIZE, IFLA_NAMES);
        while (a.next()) {
            switch (a.type()) {
                case IFLA_IFNAME -> name = a.string();
                case IFLA_MASTER -> master = OptionalInt.of(a.u32());
                case IFLA_PROTINFO -> settings = decodePortAttributes(a.nested(Port.NAMES));
                default -> {
                }
            }
        }
        if (settings == null) {
            return Optional.empty();
        }
        return Optional.of(new BridgePortEntry(h.index(), required(name, h), master, settings));
    }

    /**
     * The bridge port settings of a link from its IFLA_INFO_SLAVE_DATA ({@code ip -d link show dev PORT}); empty
     * when the link is not a bridge port.
     */
    public static Optional<BridgePort> port(Link link) {
        if (!link.slaveKind().equals(Optional.of(SLAVE_KIND_BRIDGE)) || link.slaveData().isEmpty()) {
            return Optional.empty();
        }
        RawAttribute data = link.slaveData().get();
        return Optional.of(decodePortAttributes(AttributeReader.of(data.payload(), Port.NAMES)));
    }

    private static BridgePort decodePortAttributes(AttributeReader p) {
        BridgePort b = BridgePort.of();
        while (p.next()) {
            try {
                b = switch (p.type()) {
                    case Port.IFLA_BRPORT_STATE -> b.withState(BridgePortState.of(p.u8()));
                    case Port.IFLA_BRPORT_PRIORITY -> b.withPriority(p.u16());
                    case Port.IFLA_BRPORT_COST -> b.withCost(p.u32());
                    case Port.IFLA_BRPORT_MODE -> b.withHairpin(p.u8() != 0);
                    case Port.IFLA_BRPORT_UNICAST_FLOOD -> b.withUnicastFlood(p.u8() != 0);
                    case Port.IFLA_BRPORT_MCAST_FLOOD -> b.withMulticastFlood(p.u8() != 0);
                    case Port.IFLA_BRPORT_BCAST_FLOOD -> b.withBroadcastFlood(p.u8() != 0);
                    case Port.IFLA_BRPORT_LEARNING -> b.withLearning(p.u8() != 0);
                    case Port.IFLA_BRPORT_NEIGH_SUPPRESS -> b.withNeighSuppress(p.u8() != 0);
                    case Port.IFLA_BRPORT_ISOLATED -> b.withIsolated(p.u8() != 0);
                    default -> b;
                };
            } catch (IllegalArgumentException e) {
                throw new DecodeException(p.name() + ": " + e.getMessage());
            }
        }
        return b;
    }

    // ---- VLAN entries ----

    /**
     * Adds a VLAN entry (or range) to a bridge port. Equivalent to: {@code bridge vlan add dev PORT vid N[-M]
     * [pvid] [untagged]}, byte for byte. RTM_SETLINK AF_BRIDGE with IFLA_AF_SPEC { IFLA_BRIDGE_VLAN_INFO };
     * a range travels as two entries flagged RANGE_BEGIN and RANGE_END.
     */
    public static Request addVlan(int index, String label, BridgeVlan vlan) {
        return vlan(Rtm.RTM_SETLINK, "add", index, label, vlan, false);
    }

    /**
     * Adds a VLAN entry to a device's own table (for a bridge device, the bridge's own membership). Equivalent
     * to: {@code bridge vlan add dev DEV vid N[-M] [pvid] [untagged] self}.
     */
    public static Request addSelfVlan(int index, String label, BridgeVlan vlan) {
        return vlan(Rtm.RTM_SETLINK, "add", index, label, vlan, true);
    }

    /** Removes a VLAN entry (or range) from a bridge port. Equivalent to: {@code bridge vlan del dev PORT vid N[-M]}. */
    public static Request deleteVlan(int index, String label, BridgeVlan vlan) {
        return vlan(Rtm.RTM_DELLINK, "delete", index, label, vlan, false);
    }

    /** Equivalent to: {@code bridge vlan del dev DEV vid N[-M] self}. */
    public static Request deleteSelfVlan(int index, String label, BridgeVlan vlan) {
        return vlan(Rtm.RTM_DELLINK, "delete", index, label, vlan, true);
    }

    private static Request vlan(int type, String verb, int index, String label, BridgeVlan vlan, boolean self) {
        checkIndex(index);
        Objects.requireNonNull(vlan, "vlan");
        int flags = (vlan.pvid() ? Spec.BRIDGE_VLAN_INFO_PVID : 0)
                | (vlan.untagged() ? Spec.BRIDGE_VLAN_INFO_UNTAGGED : 0);
        String op = verb + " bridge vlan " + vlan + " dev " + label + (self ? " self" : "");
        // bridge nests IFLA_AF_SPEC without NLA_F_NESTED; the kernel accepts both
        return new Request(op, type, 0, w -> {
            ifinfomsg(w, index);
            w.nestedWithoutFlag(IFLA_AF_SPEC, s -> {
                if (self) {
                    s.u16(Spec.IFLA_BRIDGE_FLAGS, Spec.BRIDGE_FLAGS_SELF);
                }
                if (vlan.isRange()) {
                    vlanInfo(s, flags | Spec.BRIDGE_VLAN_INFO_RANGE_BEGIN, vlan.vid());
                    vlanInfo(s, flags | Spec.BRIDGE_VLAN_INFO_RANGE_END, vlan.vidEnd());
                } else {
                    vlanInfo(s, flags, vlan.vid());
                }
            });
        });
    }

    private static void vlanInfo(MessageWriter w, int flags, int vid) {
        w.bytes(Spec.IFLA_BRIDGE_VLAN_INFO, ByteBuffer.allocate(Spec.VLAN_INFO_SIZE)
                .order(ByteOrder.LITTLE_ENDIAN).putShort((short) flags).putShort((short) vid).array());
    }

    /**
     * Dumps the VLAN tables of every bridge port and bridge, ranges compressed by the kernel
     * (RTEXT_FILTER_BRVLAN_COMPRESSED). Equivalent to: {@code bridge vlan show}.
     */
    public static Request listVlans() {
        return new Request("list bridge vlans", Rtm.RTM_GETLINK, 0, w -> {
            ifinfomsg(w, 0);
            w.u32(IFLA_EXT_MASK, RTEXT_FILTER_BRVLAN_COMPRESSED);
        });
    }

    /**
     * Decodes one message of {@link #listVlans()}: empty when it carries no IFLA_AF_SPEC (a port without VLAN
     * table, as on a bridge without VLAN filtering).
     */
    public static Optional<PortVlans> decodeVlans(Message m) {
        Header h = header(m);
        String name = null;
        List<BridgeVlan> vlans = null;
        AttributeReader a = m.attributes(IFINFOMSG_SIZE, IFLA_NAMES);
        while (a.next()) {
            switch (a.type()) {
                case IFLA_IFNAME -> name = a.string();
                case IFLA_AF_SPEC -> vlans = decodeVlanInfo(a.nested(Spec.NAMES));
                default -> {
                }
            }
        }
        if (vlans == null) {
            return Optional.empty();
        }
        return Optional.of(new PortVlans(h.index(), required(name, h), vlans));
    }

    private static List<BridgeVlan> decodeVlanInfo(AttributeReader s) {
        List<BridgeVlan> out = new ArrayList<>();
        int rangeStart = -1;
        while (s.next()) {
            if (s.type() != Spec.IFLA_BRIDGE_VLAN_INFO) {
                continue;
            }
            ByteBuffer v = s.struct(Spec.VLAN_INFO_SIZE, "bridge_vlan_info");
            int flags = Short.toUnsignedInt(v.getShort(0));
            int vid = Short.toUnsignedInt(v.getShort(Short.BYTES));
            boolean pvid = (flags & Spec.BRIDGE_VLAN_INFO_PVID) != 0;
            boolean untagged = (flags & Spec.BRIDGE_VLAN_INFO_UNTAGGED) != 0;
            try {
                if ((flags & Spec.BRIDGE_VLAN_INFO_RANGE_BEGIN) != 0) {
                    rangeStart = vid;
                } else if ((flags & Spec.BRIDGE_VLAN_INFO_RANGE_END) != 0) {
                    if (rangeStart < 0) {
                        throw new DecodeException("IFLA_BRIDGE_VLAN_INFO: range end " + vid + " without a begin");
                    }
                    out.add(new BridgeVlan(rangeStart, vid, pvid, untagged));
                    rangeStart = -1;
                } else {
                    out.add(new BridgeVlan(vid, vid, pvid, untagged));
                }
            } catch (IllegalArgumentException e) {
                throw new DecodeException("IFLA_BRIDGE_VLAN_INFO: " + e.getMessage());
            }
        }
        return out;
    }

    // ---- shared decoding ----

    private record Header(int index) {
    }

    private static Header header(Message m) {
        if (m.type() != Rtm.RTM_NEWLINK) {
            throw new DecodeException("expected RTM_NEWLINK, got " + Rtm.name(m.type()));
        }
        ByteBuffer h = m.header(IFINFOMSG_SIZE, "ifinfomsg");
        return new Header(h.getInt(IFI_INDEX));
    }

    private static String required(String name, Header h) {
        if (name == null) {
            throw new DecodeException("AF_BRIDGE RTM_NEWLINK ifindex " + h.index()
                    + ": required attribute IFLA_IFNAME is missing");
        }
        return name;
    }
}
