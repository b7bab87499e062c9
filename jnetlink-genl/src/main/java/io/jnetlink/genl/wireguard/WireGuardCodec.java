package io.jnetlink.genl.wireguard;

import io.jnetlink.core.Message;
import io.jnetlink.core.Request;
import io.jnetlink.core.codec.AttributeNames;
import io.jnetlink.core.codec.AttributeReader;
import io.jnetlink.core.codec.MessageWriter;
import io.jnetlink.core.codec.Nl;
import io.jnetlink.core.codec.RawAttribute;
import io.jnetlink.core.error.DecodeException;
import io.jnetlink.core.genl.GenericNetlink;
import io.jnetlink.core.net.InetAddresses;
import io.jnetlink.core.net.IpPrefix;

import java.lang.invoke.MethodHandles;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * Encodes WireGuard requests (WG_CMD_GET_DEVICE, WG_CMD_SET_DEVICE) and decodes the device dump, in the layout of
 * linux/wireguard.h. Attributes are written in the order {@code wg} (wireguard-tools) writes them; every request
 * takes the id of the {@code wireguard} generic netlink family, which {@link WireGuard} resolves.
 *
 * <p><b>Message size.</b> A configuration with many peers or allowed IPs does not fit one message: {@link #set}
 * splits it the way {@code wg} does, into messages of at most {@link #MAX_MESSAGE_BYTES} bytes. The first message
 * carries the device attributes and WGDEVICE_F_REPLACE_PEERS; later ones name the device and carry more peers. A
 * peer whose allowed IPs overflow a message continues in the next one with only its public key, its
 * WGPEER_F_REMOVE_ME / WGPEER_F_UPDATE_ONLY flags and the remaining allowed IPs (never WGPEER_F_REPLACE_ALLOWEDIPS
 * again, which would drop what the previous message added).
 */
public final class WireGuardCodec {

    private WireGuardCodec() {
    }

    // ---- linux/wireguard.h

    /** WG_GENL_NAME. */
    public static final String FAMILY_NAME = "wireguard";
    /** WG_GENL_VERSION, sent in every genlmsghdr. */
    static final int WG_GENL_VERSION = 1;

    // enum wg_cmd
    static final int WG_CMD_GET_DEVICE = 0;
    static final int WG_CMD_SET_DEVICE = 1;

    // enum wgdevice_flag
    static final int WGDEVICE_F_REPLACE_PEERS = 1;

    // enum wgpeer_flag
    static final int WGPEER_F_REMOVE_ME = 1;
    static final int WGPEER_F_REPLACE_ALLOWEDIPS = 1 << 1;
    static final int WGPEER_F_UPDATE_ONLY = 1 << 2;

    /** enum wgdevice_attribute. */
    static final class DeviceAttr {
        private DeviceAttr() {
        }

        static final int WGDEVICE_A_UNSPEC = 0;
        static final int WGDEVICE_A_IFINDEX = 1;
        static final int WGDEVICE_A_IFNAME = 2;
        static final int WGDEVICE_A_PRIVATE_KEY = 3;
        static final int WGDEVICE_A_PUBLIC_KEY = 4;
        static final int WGDEVICE_A_FLAGS = 5;
        static final int WGDEVICE_A_LISTEN_PORT = 6;
        static final int WGDEVICE_A_FWMARK = 7;
        static final int WGDEVICE_A_PEERS = 8;

        static final AttributeNames NAMES = AttributeNames.fromConstants(MethodHandles.lookup(), "WGDEVICE_A_");
    }

    /** enum wgpeer_attribute. */
    static final class PeerAttr {
        private PeerAttr() {
        }

        static final int WGPEER_A_UNSPEC = 0;
        static final int WGPEER_A_PUBLIC_KEY = 1;
        static final int WGPEER_A_PRESHARED_KEY = 2;
        static final int WGPEER_A_FLAGS = 3;
        static final int WGPEER_A_ENDPOINT = 4;
        static final int WGPEER_A_PERSISTENT_KEEPALIVE_INTERVAL = 5;
        static final int WGPEER_A_LAST_HANDSHAKE_TIME = 6;
        static final int WGPEER_A_RX_BYTES = 7;
        static final int WGPEER_A_TX_BYTES = 8;
        static final int WGPEER_A_ALLOWEDIPS = 9;
        static final int WGPEER_A_PROTOCOL_VERSION = 10;

        static final AttributeNames NAMES = AttributeNames.fromConstants(MethodHandles.lookup(), "WGPEER_A_");
    }

    /** enum wgallowedip_attribute. */
    static final class AllowedIpAttr {
        private AllowedIpAttr() {
        }

        static final int WGALLOWEDIP_A_UNSPEC = 0;
        static final int WGALLOWEDIP_A_FAMILY = 1;
        static final int WGALLOWEDIP_A_IPADDR = 2;
        static final int WGALLOWEDIP_A_CIDR_MASK = 3;

        static final AttributeNames NAMES = AttributeNames.fromConstants(MethodHandles.lookup(), "WGALLOWEDIP_A_");
    }

    /** Peers and allowed IPs are list entries: nests of type 0 (with NLA_F_NESTED), as the kernel and wg write them. */
    static final int LIST_ENTRY = 0;

    /** IFNAMSIZ (linux/if.h): WGDEVICE_A_IFNAME is at most 15 bytes. */
    static final int IFNAMSIZ = 16;

    /** sizeof(struct sockaddr_in) (linux/in.h): family, port, address, 8 bytes of zero. */
    static final int SOCKADDR_IN_SIZE = 16;
    /** sizeof(struct sockaddr_in6) (linux/in6.h): family, port, flowinfo, address, scope id. */
    static final int SOCKADDR_IN6_SIZE = 28;
    /** sizeof(struct __kernel_timespec) (linux/time_types.h): s64 seconds, s64 nanoseconds. */
    static final int KERNEL_TIMESPEC_SIZE = 16;
    /** Offsets within struct sockaddr_in / sockaddr_in6. */
    private static final int SIN_PORT = 2;
    private static final int SIN_ADDR = 4;
    private static final int SIN6_FLOWINFO = 4;
    private static final int SIN6_ADDR = 8;
    private static final int SIN6_SCOPE_ID = 24;
    private static final int IPV4_BYTES = 4;
    private static final int IPV6_BYTES = 16;

    /**
     * The largest WG_CMD_SET_DEVICE message {@link #set} builds: 8 KiB, the most {@code wg} itself ever sends
     * (its buffer is the page size, capped at 8192). The kernel takes any message the socket's send buffer
     * holds, but the WGDEVICE_A_PEERS nest has a 16-bit length, so a single message could never carry more than
     * 64 KiB of peers anyway; 8 KiB holds about 80 peers with one endpoint and one allowed IP each.
     */
    public static final int MAX_MESSAGE_BYTES = 8192;

    /** The smallest limit {@link #set(int, String, DeviceConfig, int)} accepts: room for the largest single peer entry. */
    static final int MIN_MESSAGE_BYTES = 512;

    // ---- requests

    /**
     * Dumps one device: send it with {@code NetlinkSocket.dump} (WG_CMD_GET_DEVICE may only be dumped) and decode
     * every message with {@link #decode(List)}. Equivalent to: {@code wg show DEV}.
     */
    public static Request get(int familyId, String dev) {
        checkDevice(dev);
        return new Request("get wireguard device " + dev, checkFamily(familyId), 0, w -> {
            GenericNetlink.header(w, WG_CMD_GET_DEVICE, WG_GENL_VERSION);
            w.string(DeviceAttr.WGDEVICE_A_IFNAME, dev);
        });
    }

    /**
     * Configures a device: one WG_CMD_SET_DEVICE message, or several when the configuration is larger than
     * {@link #MAX_MESSAGE_BYTES} (see the class comment); send them in order, each acknowledged before the next.
     * Equivalent to: {@code wg set DEV ...}, or with {@link DeviceConfig#replacePeers()} {@code wg setconf DEV FILE}.
     *
     * @throws IllegalArgumentException naming the value when the device name is not 1 to 15 bytes
     */
    public static List<Request> set(int familyId, String dev, DeviceConfig config) {
        return set(familyId, dev, config, MAX_MESSAGE_BYTES);
    }

    /** As {@link #set(int, String, DeviceConfig)} with another message size limit (tests of the splitting). */
    static List<Request> set(int familyId, String dev, DeviceConfig config, int maxMessageBytes) {
        checkDevice(dev);
        checkFamily(familyId);
        Objects.requireNonNull(config, "config");
        if (maxMessageBytes < MIN_MESSAGE_BYTES) {
            throw new IllegalArgumentException("maxMessageBytes " + maxMessageBytes + " is below " + MIN_MESSAGE_BYTES);
        }
        List<List<PeerPart>> messages = plan(dev, config, maxMessageBytes);
        List<Request> out = new ArrayList<>(messages.size());
        for (int i = 0; i < messages.size(); i++) {
            boolean first = i == 0;
            List<PeerPart> parts = messages.get(i);
            String op = "set wireguard device " + dev
                    + (messages.size() > 1 ? " (message " + (i + 1) + " of " + messages.size() + ")" : "");
            out.add(new Request(op, familyId, 0, w -> {
                GenericNetlink.header(w, WG_CMD_SET_DEVICE, WG_GENL_VERSION);
                w.string(DeviceAttr.WGDEVICE_A_IFNAME, dev);
                if (first) {
                    writeDevice(w, config);
                }
                if (!parts.isEmpty()) {
                    w.nested(DeviceAttr.WGDEVICE_A_PEERS, list -> {
                        for (PeerPart part : parts) {
                            list.nested(LIST_ENTRY, p -> writePeer(p, part));
                        }
                    });
                }
            }));
        }
        return out;
    }

    /** One message's share of a peer: its first share carries the peer's settings, every share some allowed IPs. */
    private record PeerPart(PeerConfig peer, boolean first, int fromIp, int toIp) {
    }

    /** Cuts the configuration into messages of at most {@code max} bytes, as wg does; sizes mirror the writers. */
    private static List<List<PeerPart>> plan(String dev, DeviceConfig config, int max) {
        int header = Nl.NLMSG_HDRLEN + GenericNetlink.GENL_HDRLEN + attr(dev.getBytes(StandardCharsets.UTF_8).length + 1);
        List<List<PeerPart>> messages = new ArrayList<>();
        List<PeerPart> current = new ArrayList<>();
        int size = header + deviceBytes(config) + Nl.NLA_HDRLEN;
        for (PeerConfig peer : config.peers()) {
            List<IpPrefix> ips = peer.allowedIps();
            int from = 0;
            boolean first = true;
            while (true) {
                int needed = peerBytes(peer, first) + (from < ips.size() ? Nl.NLA_HDRLEN + ipBytes(ips.get(from)) : 0);
                if (size + needed > max) {
                    if (current.isEmpty() && !messages.isEmpty()) {
                        throw new IllegalStateException("peer " + peer.publicKey() + " does not fit " + max + " bytes");
                    }
                    messages.add(current);
                    current = new ArrayList<>();
                    size = header + Nl.NLA_HDRLEN;
                    continue;
                }
                size += peerBytes(peer, first);
                int to = from;
                if (from < ips.size()) {
                    size += Nl.NLA_HDRLEN;
                    while (to < ips.size() && size + ipBytes(ips.get(to)) <= max) {
                        size += ipBytes(ips.get(to));
                        to++;
                    }
                }
                current.add(new PeerPart(peer, first, from, to));
                if (to == ips.size()) {
                    break;
                }
                messages.add(current);
                current = new ArrayList<>();
                size = header + Nl.NLA_HDRLEN;
                from = to;
                first = false;
            }
        }
        messages.add(current);
        return messages;
    }

    /** Bytes of an attribute with this payload, padding included. */
    private static int attr(int payload) {
        return Nl.align(Nl.NLA_HDRLEN + payload);
    }

    private static int deviceBytes(DeviceConfig c) {
        return (c.privateKey().isPresent() ? attr(Key.LENGTH) : 0)
                + (c.listenPort().isPresent() ? attr(Short.BYTES) : 0)
                + (c.fwmark().isPresent() ? attr(Integer.BYTES) : 0)
                + (c.replacePeers() ? attr(Integer.BYTES) : 0);
    }

    /** A peer entry without its allowed IPs. */
    private static int peerBytes(PeerConfig p, boolean first) {
        int n = Nl.NLA_HDRLEN + attr(Key.LENGTH) + (peerFlags(p, first) != 0 ? attr(Integer.BYTES) : 0);
        if (first) {
            n += p.presharedKey().isPresent() ? attr(Key.LENGTH) : 0;
            n += p.endpoint().map(e -> attr(e.getAddress() instanceof Inet4Address ? SOCKADDR_IN_SIZE : SOCKADDR_IN6_SIZE))
                    .orElse(0);
            n += p.persistentKeepalive().isPresent() ? attr(Short.BYTES) : 0;
        }
        return n;
    }

    private static int ipBytes(IpPrefix ip) {
        return Nl.NLA_HDRLEN + attr(Short.BYTES) + attr(ip.isIpv4() ? IPV4_BYTES : IPV6_BYTES) + attr(Byte.BYTES);
    }

    private static int peerFlags(PeerConfig p, boolean first) {
        return (p.remove() ? WGPEER_F_REMOVE_ME : 0)
                | (first && p.replaceAllowedIps() ? WGPEER_F_REPLACE_ALLOWEDIPS : 0)
                | (p.updateOnly() ? WGPEER_F_UPDATE_ONLY : 0);
    }

    private static void writeDevice(MessageWriter w, DeviceConfig c) {
        c.privateKey().ifPresent(k -> w.bytes(DeviceAttr.WGDEVICE_A_PRIVATE_KEY, k.bytes()));
        c.listenPort().ifPresent(port -> w.u16(DeviceAttr.WGDEVICE_A_LISTEN_PORT, port));
        c.fwmark().ifPresent(mark -> w.u32(DeviceAttr.WGDEVICE_A_FWMARK, mark));
        if (c.replacePeers()) {
            w.u32(DeviceAttr.WGDEVICE_A_FLAGS, WGDEVICE_F_REPLACE_PEERS);
        }
    }

    private static void writePeer(MessageWriter w, PeerPart part) {
        PeerConfig p = part.peer();
        w.bytes(PeerAttr.WGPEER_A_PUBLIC_KEY, p.publicKey().bytes());
        if (part.first()) {
            p.presharedKey().ifPresent(k -> w.bytes(PeerAttr.WGPEER_A_PRESHARED_KEY, k.bytes()));
            p.endpoint().ifPresent(e -> w.bytes(PeerAttr.WGPEER_A_ENDPOINT, sockaddr(e)));
            p.persistentKeepalive().ifPresent(k ->
                    w.u16(PeerAttr.WGPEER_A_PERSISTENT_KEEPALIVE_INTERVAL, (int) k.getSeconds()));
        }
        int flags = peerFlags(p, part.first());
        if (flags != 0) {
            w.u32(PeerAttr.WGPEER_A_FLAGS, flags);
        }
        if (part.toIp() > part.fromIp()) {
            w.nested(PeerAttr.WGPEER_A_ALLOWEDIPS, list -> {
                for (IpPrefix ip : p.allowedIps().subList(part.fromIp(), part.toIp())) {
                    list.nested(LIST_ENTRY, a -> {
                        a.u16(AllowedIpAttr.WGALLOWEDIP_A_FAMILY, ip.family());
                        a.bytes(AllowedIpAttr.WGALLOWEDIP_A_IPADDR, ip.address().getAddress());
                        a.u8(AllowedIpAttr.WGALLOWEDIP_A_CIDR_MASK, ip.length());
                    });
                }
            });
        }
    }

    /** struct sockaddr_in or sockaddr_in6: family in host order, port and flowinfo in network order. */
    static byte[] sockaddr(InetSocketAddress e) {
        InetAddress a = e.getAddress();
        boolean v4 = a instanceof Inet4Address;
        ByteBuffer b = ByteBuffer.allocate(v4 ? SOCKADDR_IN_SIZE : SOCKADDR_IN6_SIZE).order(ByteOrder.nativeOrder());
        b.putShort(0, (short) (v4 ? InetAddresses.AF_INET : InetAddresses.AF_INET6));
        b.order(ByteOrder.BIG_ENDIAN).putShort(SIN_PORT, (short) e.getPort());
        if (v4) {
            b.put(SIN_ADDR, a.getAddress());
        } else {
            b.putInt(SIN6_FLOWINFO, 0);
            b.put(SIN6_ADDR, a.getAddress());
            b.order(ByteOrder.nativeOrder()).putInt(SIN6_SCOPE_ID, ((Inet6Address) a).getScopeId());
        }
        return b.array();
    }

    private static int checkFamily(int familyId) {
        if (familyId < Nl.NLMSG_MIN_TYPE || familyId > 0xFFFF) {
            throw new IllegalArgumentException("invalid generic netlink family id " + familyId
                    + ": must be 16..65535 (resolve \"" + FAMILY_NAME + "\" first)");
        }
        return familyId;
    }

    /** WGDEVICE_A_IFNAME: NLA_NUL_STRING of at most IFNAMSIZ - 1 bytes. */
    static String checkDevice(String dev) {
        Objects.requireNonNull(dev, "dev");
        int bytes = dev.getBytes(StandardCharsets.UTF_8).length;
        if (bytes == 0 || bytes >= IFNAMSIZ || dev.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("invalid dev '" + dev + "': must be 1 to " + (IFNAMSIZ - 1)
                    + " bytes without NUL, is " + bytes + " bytes");
        }
        return dev;
    }

    // ---- decoding

    /**
     * Decodes the messages of a WG_CMD_GET_DEVICE dump into one device. The kernel puts the device attributes in
     * the first message and continues the peer list in later ones; a peer whose allowed IPs did not fit is
     * repeated at the start of the next message with only its public key and more allowed IPs. Adjacent entries
     * with the same public key are merged, as linux/wireguard.h asks of receivers.
     *
     * @throws DecodeException when there is no message, a required attribute is missing, or any attribute is
     *                         malformed
     */
    public static Device decode(List<Message> messages) {
        if (messages.isEmpty()) {
            throw new DecodeException("WG_CMD_GET_DEVICE dump without any message");
        }
        OptionalInt ifindex = OptionalInt.empty();
        Optional<String> name = Optional.empty();
        Optional<Key> privateKey = Optional.empty();
        Optional<Key> publicKey = Optional.empty();
        OptionalInt listenPort = OptionalInt.empty();
        OptionalInt fwmark = OptionalInt.empty();
        List<RawAttribute> unknown = new ArrayList<>();
        List<PeerBuilder> peers = new ArrayList<>();
        for (Message m : messages) {
            int cmd = Byte.toUnsignedInt(m.header(GenericNetlink.GENL_HDRLEN, "genlmsghdr").get(0));
            if (cmd != WG_CMD_GET_DEVICE) {
                throw new DecodeException("expected WG_CMD_GET_DEVICE (command 0), got command " + cmd);
            }
            AttributeReader a = m.attributes(GenericNetlink.GENL_HDRLEN, DeviceAttr.NAMES);
            while (a.next()) {
                switch (a.type()) {
                    case DeviceAttr.WGDEVICE_A_IFINDEX -> ifindex = OptionalInt.of(a.u32());
                    case DeviceAttr.WGDEVICE_A_IFNAME -> name = Optional.of(a.string());
                    case DeviceAttr.WGDEVICE_A_PRIVATE_KEY -> privateKey = Optional.of(new Key(a.bytes(Key.LENGTH)));
                    case DeviceAttr.WGDEVICE_A_PUBLIC_KEY -> publicKey = Optional.of(new Key(a.bytes(Key.LENGTH)));
                    case DeviceAttr.WGDEVICE_A_LISTEN_PORT -> listenPort = OptionalInt.of(a.u16());
                    case DeviceAttr.WGDEVICE_A_FWMARK -> fwmark = OptionalInt.of(a.u32());
                    case DeviceAttr.WGDEVICE_A_PEERS -> decodePeers(a.nested(PeerAttr.NAMES), peers);
                    case DeviceAttr.WGDEVICE_A_UNSPEC -> {
                        // padding the kernel may insert before a 64-bit attribute
                    }
                    default -> unknown.add(a.raw());
                }
            }
        }
        String what = "WG_CMD_GET_DEVICE" + name.map(n -> " " + n).orElse("");
        int index = required(ifindex, what, DeviceAttr.WGDEVICE_A_IFINDEX);
        String ifname = name.orElseThrow(() -> missing(what, DeviceAttr.NAMES, DeviceAttr.WGDEVICE_A_IFNAME));
        int port = required(listenPort, what, DeviceAttr.WGDEVICE_A_LISTEN_PORT);
        int mark = required(fwmark, what, DeviceAttr.WGDEVICE_A_FWMARK);
        List<Peer> built = new ArrayList<>(peers.size());
        for (PeerBuilder p : peers) {
            built.add(p.build(what));
        }
        return new Device(index, ifname, privateKey, publicKey, port,
                mark == 0 ? OptionalInt.empty() : OptionalInt.of(mark), built, unknown);
    }

    private static void decodePeers(AttributeReader list, List<PeerBuilder> peers) {
        while (list.next()) {
            AttributeReader p = list.nested(PeerAttr.NAMES);
            PeerBuilder entry = new PeerBuilder();
            while (p.next()) {
                switch (p.type()) {
                    case PeerAttr.WGPEER_A_PUBLIC_KEY -> entry.publicKey = new Key(p.bytes(Key.LENGTH));
                    case PeerAttr.WGPEER_A_PRESHARED_KEY -> {
                        Key k = new Key(p.bytes(Key.LENGTH));
                        entry.presharedKey = k.isZero() ? Optional.empty() : Optional.of(k);
                    }
                    case PeerAttr.WGPEER_A_ENDPOINT -> entry.endpoint = Optional.of(endpoint(p));
                    case PeerAttr.WGPEER_A_PERSISTENT_KEEPALIVE_INTERVAL -> {
                        int seconds = p.u16();
                        entry.keepalive = seconds == 0 ? Optional.empty() : Optional.of(Duration.ofSeconds(seconds));
                    }
                    case PeerAttr.WGPEER_A_LAST_HANDSHAKE_TIME -> entry.lastHandshake = handshake(p);
                    case PeerAttr.WGPEER_A_RX_BYTES -> entry.rxBytes = OptionalLong.of(p.u64());
                    case PeerAttr.WGPEER_A_TX_BYTES -> entry.txBytes = OptionalLong.of(p.u64());
                    case PeerAttr.WGPEER_A_PROTOCOL_VERSION -> entry.protocolVersion = OptionalInt.of(p.u32());
                    case PeerAttr.WGPEER_A_ALLOWEDIPS -> decodeAllowedIps(p.nested(AllowedIpAttr.NAMES), entry.allowedIps);
                    case PeerAttr.WGPEER_A_UNSPEC -> {
                        // padding the kernel may insert before WGPEER_A_RX_BYTES / WGPEER_A_TX_BYTES
                    }
                    default -> entry.unknown.add(p.raw());
                }
            }
            if (entry.publicKey == null) {
                throw missing("WGDEVICE_A_PEERS entry", PeerAttr.NAMES, PeerAttr.WGPEER_A_PUBLIC_KEY);
            }
            PeerBuilder last = peers.isEmpty() ? null : peers.getLast();
            if (last != null && last.publicKey.equals(entry.publicKey)) {
                last.merge(entry);
            } else {
                peers.add(entry);
            }
        }
    }

    private static void decodeAllowedIps(AttributeReader list, List<IpPrefix> out) {
        while (list.next()) {
            AttributeReader a = list.nested(AllowedIpAttr.NAMES);
            OptionalInt family = OptionalInt.empty();
            byte[] address = null;
            OptionalInt cidr = OptionalInt.empty();
            while (a.next()) {
                switch (a.type()) {
                    case AllowedIpAttr.WGALLOWEDIP_A_FAMILY -> family = OptionalInt.of(a.u16());
                    case AllowedIpAttr.WGALLOWEDIP_A_IPADDR -> address = a.bytes();
                    case AllowedIpAttr.WGALLOWEDIP_A_CIDR_MASK -> cidr = OptionalInt.of(a.u8());
                    default -> {
                    }
                }
            }
            String what = "WGPEER_A_ALLOWEDIPS entry";
            int f = required(family, what, AllowedIpAttr.WGALLOWEDIP_A_FAMILY, AllowedIpAttr.NAMES);
            int length = required(cidr, what, AllowedIpAttr.WGALLOWEDIP_A_CIDR_MASK, AllowedIpAttr.NAMES);
            if (address == null) {
                throw missing(what, AllowedIpAttr.NAMES, AllowedIpAttr.WGALLOWEDIP_A_IPADDR);
            }
            int expected = f == InetAddresses.AF_INET ? IPV4_BYTES : f == InetAddresses.AF_INET6 ? IPV6_BYTES : -1;
            if (expected < 0) {
                throw new DecodeException(what + ": WGALLOWEDIP_A_FAMILY " + f + " is neither AF_INET nor AF_INET6");
            }
            if (address.length != expected) {
                throw new DecodeException.AttributeSize("WGALLOWEDIP_A_IPADDR", expected + " bytes for family " + f,
                        expected, address.length);
            }
            InetAddress ip = InetAddresses.fromBytes(address);
            if (length > IpPrefix.maxLength(ip)) {
                throw new DecodeException(what + ": WGALLOWEDIP_A_CIDR_MASK " + length + " exceeds "
                        + IpPrefix.maxLength(ip) + " for " + InetAddresses.toString(ip));
            }
            out.add(new IpPrefix(ip, length));
        }
    }

    /** WGPEER_A_ENDPOINT: a struct sockaddr_in or sockaddr_in6, by its family. */
    private static InetSocketAddress endpoint(AttributeReader a) {
        ByteBuffer b = a.struct(Short.BYTES, "struct sockaddr");
        int family = Short.toUnsignedInt(b.order(ByteOrder.nativeOrder()).getShort(0));
        int size = family == InetAddresses.AF_INET ? SOCKADDR_IN_SIZE
                : family == InetAddresses.AF_INET6 ? SOCKADDR_IN6_SIZE : -1;
        if (size < 0) {
            throw new DecodeException("WGPEER_A_ENDPOINT: sa_family " + family + " is neither AF_INET nor AF_INET6");
        }
        if (a.length() != size) {
            throw new DecodeException.AttributeSize(a.name(), size + " bytes (struct sockaddr_in"
                    + (size == SOCKADDR_IN6_SIZE ? "6)" : ")"), size, a.length());
        }
        int port = Short.toUnsignedInt(b.order(ByteOrder.BIG_ENDIAN).getShort(SIN_PORT));
        if (family == InetAddresses.AF_INET) {
            byte[] addr = new byte[IPV4_BYTES];
            b.get(SIN_ADDR, addr);
            return new InetSocketAddress(InetAddresses.fromBytes(addr), port);
        }
        byte[] addr = new byte[IPV6_BYTES];
        b.get(SIN6_ADDR, addr);
        int scope = b.order(ByteOrder.nativeOrder()).getInt(SIN6_SCOPE_ID);
        try {
            InetAddress ip = scope == 0 ? InetAddresses.fromBytes(addr) : Inet6Address.getByAddress(null, addr, scope);
            return new InetSocketAddress(ip, port);
        } catch (UnknownHostException e) {
            throw new DecodeException("WGPEER_A_ENDPOINT: " + e.getMessage());
        }
    }

    /** WGPEER_A_LAST_HANDSHAKE_TIME: a struct __kernel_timespec of wall-clock time; zero means never. */
    private static Optional<Instant> handshake(AttributeReader a) {
        if (a.length() != KERNEL_TIMESPEC_SIZE) {
            throw new DecodeException.AttributeSize(a.name(), KERNEL_TIMESPEC_SIZE + " bytes (struct __kernel_timespec)",
                    KERNEL_TIMESPEC_SIZE, a.length());
        }
        ByteBuffer b = a.payload().order(ByteOrder.nativeOrder());
        long seconds = b.getLong(0);
        long nanos = b.getLong(Long.BYTES);
        if (seconds == 0 && nanos == 0) {
            return Optional.empty();
        }
        if (nanos < 0 || nanos >= Duration.ofSeconds(1).toNanos()) {
            throw new DecodeException("WGPEER_A_LAST_HANDSHAKE_TIME: tv_nsec " + nanos + " is outside 0..999999999");
        }
        return Optional.of(Instant.ofEpochSecond(seconds, nanos));
    }

    private static int required(OptionalInt value, String what, int attribute) {
        return required(value, what, attribute, DeviceAttr.NAMES);
    }

    private static int required(OptionalInt value, String what, int attribute, AttributeNames names) {
        return value.orElseThrow(() -> missing(what, names, attribute));
    }

    private static DecodeException missing(String what, AttributeNames names, int attribute) {
        return new DecodeException(what + ": required attribute " + names.name(attribute) + " is missing");
    }

    /** A peer being assembled from one or more dump entries. */
    private static final class PeerBuilder {
        Key publicKey;
        Optional<Key> presharedKey = Optional.empty();
        Optional<InetSocketAddress> endpoint = Optional.empty();
        Optional<Duration> keepalive = Optional.empty();
        Optional<Instant> lastHandshake = Optional.empty();
        OptionalLong rxBytes = OptionalLong.empty();
        OptionalLong txBytes = OptionalLong.empty();
        OptionalInt protocolVersion = OptionalInt.empty();
        final List<IpPrefix> allowedIps = new ArrayList<>();
        final List<RawAttribute> unknown = new ArrayList<>();

        /** A continuation entry: more allowed IPs (and, should a kernel send them again, fresher values). */
        void merge(PeerBuilder next) {
            presharedKey = next.presharedKey.or(() -> presharedKey);
            endpoint = next.endpoint.or(() -> endpoint);
            keepalive = next.keepalive.or(() -> keepalive);
            lastHandshake = next.lastHandshake.or(() -> lastHandshake);
            rxBytes = next.rxBytes.isPresent() ? next.rxBytes : rxBytes;
            txBytes = next.txBytes.isPresent() ? next.txBytes : txBytes;
            protocolVersion = next.protocolVersion.isPresent() ? next.protocolVersion : protocolVersion;
            allowedIps.addAll(next.allowedIps);
            unknown.addAll(next.unknown);
        }

        Peer build(String what) {
            String peer = what + " peer " + publicKey;
            return new Peer(publicKey, presharedKey, endpoint, allowedIps, keepalive, lastHandshake,
                    rxBytes.orElseThrow(() -> missing(peer, PeerAttr.NAMES, PeerAttr.WGPEER_A_RX_BYTES)),
                    txBytes.orElseThrow(() -> missing(peer, PeerAttr.NAMES, PeerAttr.WGPEER_A_TX_BYTES)),
                    protocolVersion.orElseThrow(() -> missing(peer, PeerAttr.NAMES, PeerAttr.WGPEER_A_PROTOCOL_VERSION)),
                    unknown);
        }
    }
}
