package io.jnetlink.route.link.kind;

import io.jnetlink.core.codec.AttributeNames;
import io.jnetlink.core.codec.AttributeReader;
import io.jnetlink.core.codec.MessageWriter;
import io.jnetlink.core.error.DecodeException;
import io.jnetlink.core.net.InetAddresses;

import java.lang.invoke.MethodHandles;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A VXLAN tunnel ({@code ip link add NAME type vxlan ...}): the IFLA_VXLAN_* settings of linux/if_link.h
 * that are modelled. Every setting is optional; unset ones keep the kernel defaults. Most cannot be changed
 * once the link exists (the kernel answers "Cannot change ..."). Decoded from the kernel, every setting the
 * kernel reports is present.
 *
 * @param vni                 IFLA_VXLAN_ID ({@code id}), 0 to 16777215; not needed with {@code external}
 * @param local               IFLA_VXLAN_LOCAL or IFLA_VXLAN_LOCAL6 ({@code local}), by the address family
 * @param group               IFLA_VXLAN_GROUP or GROUP6 holding a multicast address ({@code group})
 * @param remote              IFLA_VXLAN_GROUP or GROUP6 holding a unicast address ({@code remote}); the
 *                            kernel has one attribute for both, so at most one of group and remote is set
 * @param device              IFLA_VXLAN_LINK ({@code dev}): the index of the underlying device
 * @param port                IFLA_VXLAN_PORT ({@code dstport}), the UDP destination port, sent big-endian
 * @param sourcePortRange     IFLA_VXLAN_PORT_RANGE ({@code srcport LOW HIGH}), sent big-endian; the kernel
 *                            reports 0-0 when unset
 * @param ttl                 IFLA_VXLAN_TTL ({@code ttl}), 0 to 255
 * @param tos                 IFLA_VXLAN_TOS ({@code tos}), 0 to 255; 1 means inherit
 * @param learning            IFLA_VXLAN_LEARNING ({@code [no]learning}); ip always sends it (on unless
 *                            {@code nolearning} or {@code external}), the kernel defaults it on too
 * @param proxy               IFLA_VXLAN_PROXY ({@code [no]proxy})
 * @param l2miss              IFLA_VXLAN_L2MISS ({@code [no]l2miss})
 * @param l3miss              IFLA_VXLAN_L3MISS ({@code [no]l3miss})
 * @param udpChecksum         IFLA_VXLAN_UDP_CSUM ({@code [no]udpcsum})
 * @param udp6ZeroChecksumTx  IFLA_VXLAN_UDP_ZERO_CSUM6_TX ({@code [no]udp6zerocsumtx})
 * @param udp6ZeroChecksumRx  IFLA_VXLAN_UDP_ZERO_CSUM6_RX ({@code [no]udp6zerocsumrx})
 * @param external            IFLA_VXLAN_COLLECT_METADATA ({@code [no]external}): tunnel metadata comes from
 *                            the packet (lightweight tunnels, tc, eBPF) instead of this link's settings
 * @param vniFilter           IFLA_VXLAN_VNIFILTER ({@code vnifilter}), only with {@code external}
 */
public record Vxlan(OptionalInt vni, Optional<InetAddress> local, Optional<InetAddress> group,
                    Optional<InetAddress> remote, OptionalInt device, OptionalInt port,
                    Optional<PortRange> sourcePortRange, OptionalInt ttl, OptionalInt tos, Optional<Boolean> learning,
                    Optional<Boolean> proxy, Optional<Boolean> l2miss, Optional<Boolean> l3miss,
                    Optional<Boolean> udpChecksum, Optional<Boolean> udp6ZeroChecksumTx,
                    Optional<Boolean> udp6ZeroChecksumRx, Optional<Boolean> external,
                    Optional<Boolean> vniFilter) implements LinkKind {

    /** IFLA_INFO_KIND of a VXLAN link (drivers/net/vxlan). */
    public static final String KIND = "vxlan";

    // linux/if_link.h: enum IFLA_VXLAN_* (the modelled subset)
    static final int IFLA_VXLAN_ID = 1;
    static final int IFLA_VXLAN_GROUP = 2;
    static final int IFLA_VXLAN_LINK = 3;
    static final int IFLA_VXLAN_LOCAL = 4;
    static final int IFLA_VXLAN_TTL = 5;
    static final int IFLA_VXLAN_TOS = 6;
    static final int IFLA_VXLAN_LEARNING = 7;
    static final int IFLA_VXLAN_PORT_RANGE = 10;
    static final int IFLA_VXLAN_PROXY = 11;
    static final int IFLA_VXLAN_L2MISS = 13;
    static final int IFLA_VXLAN_L3MISS = 14;
    static final int IFLA_VXLAN_PORT = 15;
    static final int IFLA_VXLAN_GROUP6 = 16;
    static final int IFLA_VXLAN_LOCAL6 = 17;
    static final int IFLA_VXLAN_UDP_CSUM = 18;
    static final int IFLA_VXLAN_UDP_ZERO_CSUM6_TX = 19;
    static final int IFLA_VXLAN_UDP_ZERO_CSUM6_RX = 20;
    static final int IFLA_VXLAN_COLLECT_METADATA = 25;
    static final int IFLA_VXLAN_VNIFILTER = 30;

    private static final AttributeNames NAMES = AttributeNames.fromConstants(MethodHandles.lookup(), "IFLA_VXLAN_");

    /** struct ifla_vxlan_port_range { __be16 low; __be16 high; } (linux/if_link.h). */
    private static final int PORT_RANGE_SIZE = 4;
    private static final int IPV4_BYTES = 4;
    private static final int IPV6_BYTES = 16;
    /** VXLAN_N_VID - 1: a VNI has 24 bits. */
    private static final int VNI_MAX = (1 << 24) - 1;
    private static final int U8_MAX = 0xFF;
    private static final int U16_MAX = 0xFFFF;

    /**
     * A UDP source port range, both ends included.
     *
     * @param low  0 to 65535
     * @param high {@code low} to 65535
     */
    public record PortRange(int low, int high) {
        /** @throws IllegalArgumentException naming the field when a port is out of range or high is below low */
        public PortRange {
            Checks.range("sourcePortRange.low", low, 0, U16_MAX);
            Checks.range("sourcePortRange.high", high, 0, U16_MAX);
            if (high < low) {
                throw Checks.invalid("sourcePortRange", low + "-" + high, "high must not be below low");
            }
        }
    }

    /**
     * @throws IllegalArgumentException naming the field and value: a VNI beyond 24 bits; a group that is not
     *                                  multicast, a remote or local that is; both group and remote; local and
     *                                  group/remote of different families; a device index that is not
     *                                  positive; a port, TTL or TOS out of range
     */
    public Vxlan {
        Checks.range("vni", vni, 0, VNI_MAX);
        Objects.requireNonNull(local, "local");
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(remote, "remote");
        local.ifPresent(a -> {
            if (a.isMulticastAddress()) {
                throw Checks.invalid("local", InetAddresses.toString(a), "must be a unicast address");
            }
        });
        group.ifPresent(a -> {
            if (!a.isMulticastAddress()) {
                throw Checks.invalid("group", InetAddresses.toString(a), "must be a multicast address (use remote)");
            }
        });
        remote.ifPresent(a -> {
            if (a.isMulticastAddress()) {
                throw Checks.invalid("remote", InetAddresses.toString(a), "must be a unicast address (use group)");
            }
        });
        if (group.isPresent() && remote.isPresent()) {
            throw Checks.invalid("remote", InetAddresses.toString(remote.get()),
                    "group and remote share IFLA_VXLAN_GROUP: set one of them");
        }
        Optional<InetAddress> peer = group.or(() -> remote);
        if (local.isPresent() && peer.isPresent()
                && InetAddresses.family(local.get()) != InetAddresses.family(peer.get())) {
            throw Checks.invalid("local", InetAddresses.toString(local.get()),
                    "must be of the same address family as " + InetAddresses.toString(peer.get()));
        }
        Checks.range("device", device, 1, Integer.MAX_VALUE);
        Checks.range("port", port, 0, U16_MAX);
        Objects.requireNonNull(sourcePortRange, "sourcePortRange");
        Checks.range("ttl", ttl, 0, U8_MAX);
        Checks.range("tos", tos, 0, U8_MAX);
        Objects.requireNonNull(learning, "learning");
        Objects.requireNonNull(proxy, "proxy");
        Objects.requireNonNull(l2miss, "l2miss");
        Objects.requireNonNull(l3miss, "l3miss");
        Objects.requireNonNull(udpChecksum, "udpChecksum");
        Objects.requireNonNull(udp6ZeroChecksumTx, "udp6ZeroChecksumTx");
        Objects.requireNonNull(udp6ZeroChecksumRx, "udp6ZeroChecksumRx");
        Objects.requireNonNull(external, "external");
        Objects.requireNonNull(vniFilter, "vniFilter");
    }

    /** No setting at all; the kernel needs at least a VNI or {@code external}. */
    public static Vxlan of() {
        return new Vxlan(OptionalInt.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                OptionalInt.empty(), OptionalInt.empty(), Optional.empty(), OptionalInt.empty(), OptionalInt.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** {@code type vxlan id VNI}. */
    public static Vxlan of(int vni) {
        return of().withVni(vni);
    }

    @Override
    public String kind() {
        return KIND;
    }

    public Vxlan withVni(int v) {
        return new Vxlan(OptionalInt.of(v), local, group, remote, device, port, sourcePortRange, ttl, tos, learning,
                proxy, l2miss, l3miss, udpChecksum, udp6ZeroChecksumTx, udp6ZeroChecksumRx, external, vniFilter);
    }

    public Vxlan withLocal(InetAddress a) {
        return new Vxlan(vni, Optional.of(a), group, remote, device, port, sourcePortRange, ttl, tos, learning,
                proxy, l2miss, l3miss, udpChecksum, udp6ZeroChecksumTx, udp6ZeroChecksumRx, external, vniFilter);
    }

    /** A multicast group; clears any remote. */
    public Vxlan withGroup(InetAddress a) {
        return new Vxlan(vni, local, Optional.of(a), Optional.empty(), device, port, sourcePortRange, ttl, tos,
                learning, proxy, l2miss, l3miss, udpChecksum, udp6ZeroChecksumTx, udp6ZeroChecksumRx, external,
                vniFilter);
    }

    /** A unicast remote; clears any group. */
    public Vxlan withRemote(InetAddress a) {
        return new Vxlan(vni, local, Optional.empty(), Optional.of(a), device, port, sourcePortRange, ttl, tos,
                learning, proxy, l2miss, l3miss, udpChecksum, udp6ZeroChecksumTx, udp6ZeroChecksumRx, external,
                vniFilter);
    }

    /** The underlying device by index ({@code Links.indexOf(name)} finds it). */
    public Vxlan withDevice(int index) {
        return new Vxlan(vni, local, group, remote, OptionalInt.of(index), port, sourcePortRange, ttl, tos, learning,
                proxy, l2miss, l3miss, udpChecksum, udp6ZeroChecksumTx, udp6ZeroChecksumRx, external, vniFilter);
    }

    public Vxlan withPort(int p) {
        return new Vxlan(vni, local, group, remote, device, OptionalInt.of(p), sourcePortRange, ttl, tos, learning,
                proxy, l2miss, l3miss, udpChecksum, udp6ZeroChecksumTx, udp6ZeroChecksumRx, external, vniFilter);
    }

    public Vxlan withSourcePortRange(int low, int high) {
        return new Vxlan(vni, local, group, remote, device, port, Optional.of(new PortRange(low, high)), ttl, tos,
                learning, proxy, l2miss, l3miss, udpChecksum, udp6ZeroChecksumTx, udp6ZeroChecksumRx, external,
                vniFilter);
    }

    public Vxlan withTtl(int t) {
        return new Vxlan(vni, local, group, remote, device, port, sourcePortRange, OptionalInt.of(t), tos, learning,
                proxy, l2miss, l3miss, udpChecksum, udp6ZeroChecksumTx, udp6ZeroChecksumRx, external, vniFilter);
    }

    public Vxlan withTos(int t) {
        return new Vxlan(vni, local, group, remote, device, port, sourcePortRange, ttl, OptionalInt.of(t), learning,
                proxy, l2miss, l3miss, udpChecksum, udp6ZeroChecksumTx, udp6ZeroChecksumRx, external, vniFilter);
    }

    public Vxlan withLearning(boolean on) {
        return new Vxlan(vni, local, group, remote, device, port, sourcePortRange, ttl, tos, Optional.of(on), proxy,
                l2miss, l3miss, udpChecksum, udp6ZeroChecksumTx, udp6ZeroChecksumRx, external, vniFilter);
    }

    public Vxlan withProxy(boolean on) {
        return new Vxlan(vni, local, group, remote, device, port, sourcePortRange, ttl, tos, learning, Optional.of(on),
                l2miss, l3miss, udpChecksum, udp6ZeroChecksumTx, udp6ZeroChecksumRx, external, vniFilter);
    }

    public Vxlan withL2miss(boolean on) {
        return new Vxlan(vni, local, group, remote, device, port, sourcePortRange, ttl, tos, learning, proxy,
                Optional.of(on), l3miss, udpChecksum, udp6ZeroChecksumTx, udp6ZeroChecksumRx, external, vniFilter);
    }

    public Vxlan withL3miss(boolean on) {
        return new Vxlan(vni, local, group, remote, device, port, sourcePortRange, ttl, tos, learning, proxy, l2miss,
                Optional.of(on), udpChecksum, udp6ZeroChecksumTx, udp6ZeroChecksumRx, external, vniFilter);
    }

    public Vxlan withUdpChecksum(boolean on) {
        return new Vxlan(vni, local, group, remote, device, port, sourcePortRange, ttl, tos, learning, proxy, l2miss,
                l3miss, Optional.of(on), udp6ZeroChecksumTx, udp6ZeroChecksumRx, external, vniFilter);
    }

    public Vxlan withUdp6ZeroChecksumTx(boolean on) {
        return new Vxlan(vni, local, group, remote, device, port, sourcePortRange, ttl, tos, learning, proxy, l2miss,
                l3miss, udpChecksum, Optional.of(on), udp6ZeroChecksumRx, external, vniFilter);
    }

    public Vxlan withUdp6ZeroChecksumRx(boolean on) {
        return new Vxlan(vni, local, group, remote, device, port, sourcePortRange, ttl, tos, learning, proxy, l2miss,
                l3miss, udpChecksum, udp6ZeroChecksumTx, Optional.of(on), external, vniFilter);
    }

    public Vxlan withExternal(boolean on) {
        return new Vxlan(vni, local, group, remote, device, port, sourcePortRange, ttl, tos, learning, proxy, l2miss,
                l3miss, udpChecksum, udp6ZeroChecksumTx, udp6ZeroChecksumRx, Optional.of(on), vniFilter);
    }

    public Vxlan withVniFilter(boolean on) {
        return new Vxlan(vni, local, group, remote, device, port, sourcePortRange, ttl, tos, learning, proxy, l2miss,
                l3miss, udpChecksum, udp6ZeroChecksumTx, udp6ZeroChecksumRx, external, Optional.of(on));
    }

    /**
     * Writes the settings present in the order iproute2 6.1 emits them (its per-option attributes in the
     * order of its usage text, then id, local, group/remote, learning and dstport), so that requests compare
     * byte for byte with ip's.
     */
    @Override
    public void writeData(MessageWriter w) {
        if (this.equals(of())) {
            return;
        }
        LinkKinds.writeData(w, d -> {
            device.ifPresent(i -> d.u32(IFLA_VXLAN_LINK, i));
            ttl.ifPresent(t -> d.u8(IFLA_VXLAN_TTL, t));
            tos.ifPresent(t -> d.u8(IFLA_VXLAN_TOS, t));
            sourcePortRange.ifPresent(r -> d.bytes(IFLA_VXLAN_PORT_RANGE, ByteBuffer.allocate(PORT_RANGE_SIZE)
                    .putShort((short) r.low()).putShort((short) r.high()).array()));
            flag(d, IFLA_VXLAN_PROXY, proxy);
            flag(d, IFLA_VXLAN_L2MISS, l2miss);
            flag(d, IFLA_VXLAN_L3MISS, l3miss);
            flag(d, IFLA_VXLAN_UDP_CSUM, udpChecksum);
            flag(d, IFLA_VXLAN_UDP_ZERO_CSUM6_TX, udp6ZeroChecksumTx);
            flag(d, IFLA_VXLAN_UDP_ZERO_CSUM6_RX, udp6ZeroChecksumRx);
            flag(d, IFLA_VXLAN_COLLECT_METADATA, external);
            flag(d, IFLA_VXLAN_VNIFILTER, vniFilter);
            vni.ifPresent(v -> d.u32(IFLA_VXLAN_ID, v));
            local.ifPresent(a -> d.bytes(a instanceof Inet4Address ? IFLA_VXLAN_LOCAL : IFLA_VXLAN_LOCAL6,
                    a.getAddress()));
            group.or(() -> remote).ifPresent(a -> d.bytes(
                    a instanceof Inet4Address ? IFLA_VXLAN_GROUP : IFLA_VXLAN_GROUP6, a.getAddress()));
            flag(d, IFLA_VXLAN_LEARNING, learning);
            port.ifPresent(p -> d.u16be(IFLA_VXLAN_PORT, p));
        });
    }

    /** The kernel reads these u8 attributes as booleans (vxlan_nl2flag). */
    private static void flag(MessageWriter d, int type, Optional<Boolean> value) {
        value.ifPresent(on -> d.u8(type, on ? 1 : 0));
    }

    /** Decodes the payload of a VXLAN link's IFLA_INFO_DATA; attributes not modelled are skipped. */
    static Vxlan decode(byte[] data) {
        OptionalInt vni = OptionalInt.empty();
        Optional<InetAddress> local = Optional.empty();
        Optional<InetAddress> peer = Optional.empty();
        OptionalInt device = OptionalInt.empty();
        OptionalInt port = OptionalInt.empty();
        Optional<PortRange> range = Optional.empty();
        OptionalInt ttl = OptionalInt.empty();
        OptionalInt tos = OptionalInt.empty();
        Optional<Boolean> learning = Optional.empty();
        Optional<Boolean> proxy = Optional.empty();
        Optional<Boolean> l2miss = Optional.empty();
        Optional<Boolean> l3miss = Optional.empty();
        Optional<Boolean> udpCsum = Optional.empty();
        Optional<Boolean> zeroTx = Optional.empty();
        Optional<Boolean> zeroRx = Optional.empty();
        Optional<Boolean> external = Optional.empty();
        Optional<Boolean> vniFilter = Optional.empty();
        AttributeReader a = AttributeReader.of(data, NAMES);
        while (a.next()) {
            switch (a.type()) {
                case IFLA_VXLAN_ID -> vni = OptionalInt.of(a.u32());
                case IFLA_VXLAN_GROUP -> peer = Optional.of(InetAddresses.fromBytes(a.bytes(IPV4_BYTES)));
                case IFLA_VXLAN_GROUP6 -> peer = Optional.of(InetAddresses.fromBytes(a.bytes(IPV6_BYTES)));
                case IFLA_VXLAN_LOCAL -> local = Optional.of(InetAddresses.fromBytes(a.bytes(IPV4_BYTES)));
                case IFLA_VXLAN_LOCAL6 -> local = Optional.of(InetAddresses.fromBytes(a.bytes(IPV6_BYTES)));
                case IFLA_VXLAN_LINK -> device = OptionalInt.of(a.u32());
                case IFLA_VXLAN_PORT -> port = OptionalInt.of(a.u16be());
                case IFLA_VXLAN_PORT_RANGE -> {
                    ByteBuffer r = ByteBuffer.wrap(a.bytes(PORT_RANGE_SIZE)); // big-endian, as the kernel sends it
                    range = Optional.of(portRange(Short.toUnsignedInt(r.getShort(0)),
                            Short.toUnsignedInt(r.getShort(Short.BYTES))));
                }
                case IFLA_VXLAN_TTL -> ttl = OptionalInt.of(a.u8());
                case IFLA_VXLAN_TOS -> tos = OptionalInt.of(a.u8());
                case IFLA_VXLAN_LEARNING -> learning = Optional.of(a.u8() != 0);
                case IFLA_VXLAN_PROXY -> proxy = Optional.of(a.u8() != 0);
                case IFLA_VXLAN_L2MISS -> l2miss = Optional.of(a.u8() != 0);
                case IFLA_VXLAN_L3MISS -> l3miss = Optional.of(a.u8() != 0);
                case IFLA_VXLAN_UDP_CSUM -> udpCsum = Optional.of(a.u8() != 0);
                case IFLA_VXLAN_UDP_ZERO_CSUM6_TX -> zeroTx = Optional.of(a.u8() != 0);
                case IFLA_VXLAN_UDP_ZERO_CSUM6_RX -> zeroRx = Optional.of(a.u8() != 0);
                case IFLA_VXLAN_COLLECT_METADATA -> external = Optional.of(a.u8() != 0);
                case IFLA_VXLAN_VNIFILTER -> vniFilter = Optional.of(a.u8() != 0);
                default -> {
                }
            }
        }
        boolean multicast = peer.isPresent() && peer.get().isMulticastAddress();
        try {
            return new Vxlan(vni, local, multicast ? peer : Optional.empty(), multicast ? Optional.empty() : peer,
                    device, port, range, ttl, tos, learning, proxy, l2miss, l3miss, udpCsum, zeroTx, zeroRx, external,
                    vniFilter);
        } catch (IllegalArgumentException e) {
            throw Checks.undecodable(KIND, e);
        }
    }

    private static PortRange portRange(int low, int high) {
        try {
            return new PortRange(low, high);
        } catch (IllegalArgumentException e) {
            throw new DecodeException("IFLA_VXLAN_PORT_RANGE: " + e.getMessage());
        }
    }
}
