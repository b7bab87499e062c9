package io.jnetlink.nftables.log;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The network and transport headers of a logged packet, decoded from the bytes NFLOG copied (which start at
 * the network header). Decoding never throws: a packet cut short by the copy range, or not IP at all, yields
 * whatever headers were completely present.
 *
 * @param network   the IPv4 or IPv6 header, when its fixed part was present
 * @param transport the TCP, UDP, ICMP or ICMPv6 header (or another protocol's number), when reachable: absent
 *                  for non-first fragments and when the copy ends before the first bytes of the header
 */
public record PacketHeaders(Optional<Network> network, Optional<Transport> transport) {

    /** No headers decoded. */
    public static final PacketHeaders NONE = new PacketHeaders(Optional.empty(), Optional.empty());

    /** A network-layer header. */
    public sealed interface Network permits Ipv4, Ipv6 {
        InetAddress source();

        InetAddress destination();

        /** The upper-layer protocol (IPPROTO_*): IPv4's protocol field, IPv6's after extension headers. */
        int protocol();
    }

    /**
     * An IPv4 header.
     *
     * @param protocol     the protocol field (6 tcp, 17 udp, 1 icmp)
     * @param ttl          time to live
     * @param totalLength  the total length field (the packet's length on the wire, not what was copied)
     * @param fragmentOffset fragment offset in 8-byte units; non-zero means no transport header follows
     */
    public record Ipv4(Inet4Address source, Inet4Address destination, int protocol, int ttl, int totalLength,
                       int fragmentOffset) implements Network {
    }

    /**
     * An IPv6 header.
     *
     * @param nextHeader  the fixed header's next header field (may name an extension header)
     * @param protocol    the upper-layer protocol after hop-by-hop, routing, fragment and destination options
     *                    headers, or the last next header value reached when the copy ended inside them
     * @param hopLimit    hop limit
     * @param payloadLength the payload length field
     */
    public record Ipv6(Inet6Address source, Inet6Address destination, int nextHeader, int protocol, int hopLimit,
                       int payloadLength) implements Network {
    }

    /** A transport-layer header. */
    public sealed interface Transport permits Tcp, Udp, Icmp, Icmpv6, Other {
    }

    /**
     * A TCP header.
     *
     * @param flags the flag bits (FIN 0x01, SYN 0x02, RST 0x04, PSH 0x08, ACK 0x10, URG 0x20, ECE 0x40, CWR 0x80),
     *              absent when the copy ended before them
     */
    public record Tcp(int sourcePort, int destinationPort, OptionalInt flags) implements Transport {
        public static final int FIN = 0x01;
        public static final int SYN = 0x02;
        public static final int RST = 0x04;
        public static final int PSH = 0x08;
        public static final int ACK = 0x10;
        public static final int URG = 0x20;
        public static final int ECE = 0x40;
        public static final int CWR = 0x80;

        private static final String[] NAMES = {"fin", "syn", "rst", "psh", "ack", "urg", "ecn", "cwr"};

        /** Whether every bit of {@code flag} is set (false when the flags were not copied). */
        public boolean has(int flag) {
            return flags.isPresent() && (flags.getAsInt() & flag) == flag;
        }

        /** The flags as nft names them ({@code syn,ack}), or empty when not copied. */
        public List<String> flagNames() {
            List<String> out = new ArrayList<>();
            if (flags.isPresent()) {
                for (int i = 0; i < NAMES.length; i++) {
                    if ((flags.getAsInt() & (1 << i)) != 0) {
                        out.add(NAMES[i]);
                    }
                }
            }
            return out;
        }
    }

    /** A UDP header; {@code length} is absent when the copy ended after the ports. */
    public record Udp(int sourcePort, int destinationPort, OptionalInt length) implements Transport {
    }

    /** An ICMP (IPv4) header's type and code. */
    public record Icmp(int type, int code) implements Transport {
    }

    /** An ICMPv6 header's type and code. */
    public record Icmpv6(int type, int code) implements Transport {
    }

    /** Any other protocol, or a TCP/UDP/ICMP header cut short before its first fields. */
    public record Other(int protocol) implements Transport {
    }

    // IP protocol numbers (linux/in.h, linux/in6.h)
    static final int IPPROTO_HOPOPTS = 0;
    static final int IPPROTO_ICMP = 1;
    static final int IPPROTO_TCP = 6;
    static final int IPPROTO_UDP = 17;
    static final int IPPROTO_ROUTING = 43;
    static final int IPPROTO_FRAGMENT = 44;
    static final int IPPROTO_ICMPV6 = 58;
    static final int IPPROTO_DSTOPTS = 60;
    static final int IPPROTO_UDPLITE = 136;

    // ethertypes (linux/if_ether.h)
    static final int ETH_P_IP = 0x0800;
    static final int ETH_P_IPV6 = 0x86DD;

    /**
     * Decodes the headers of {@code packet}, which starts at the network header. {@code hwProtocol} (the
     * packet's ethertype, 0 if unknown) chooses IPv4 or IPv6; without it the version nibble decides.
     */
    public static PacketHeaders decode(byte[] packet, int hwProtocol) {
        if (packet.length == 0) {
            return NONE;
        }
        int version = (packet[0] & 0xF0) >>> 4;
        boolean v4 = hwProtocol == ETH_P_IP || (hwProtocol != ETH_P_IPV6 && version == 4);
        boolean v6 = hwProtocol == ETH_P_IPV6 || (hwProtocol != ETH_P_IP && version == 6);
        if (v4 && version == 4) {
            return ipv4(packet);
        }
        if (v6 && version == 6) {
            return ipv6(packet);
        }
        return NONE;
    }

    private static PacketHeaders ipv4(byte[] p) {
        int ihl = (p[0] & 0x0F) * 4;
        if (p.length < 20 || ihl < 20) {
            return NONE;
        }
        Ipv4 ip = new Ipv4(v4(p, 12), v4(p, 16), u8(p, 9), u8(p, 8),
                u16(p, 2), u16(p, 6) & 0x1FFF);
        Optional<Transport> t = ip.fragmentOffset() != 0 ? Optional.empty() : transport(p, ihl, ip.protocol());
        return new PacketHeaders(Optional.of(ip), t);
    }

    private static PacketHeaders ipv6(byte[] p) {
        if (p.length < 40) {
            return NONE;
        }
        int next = u8(p, 6);
        int off = 40;
        boolean firstFragment = true;
        boolean complete = true;
        // Walk the extension headers nft's `meta l4proto` also skips, so ports are found behind them.
        while (next == IPPROTO_HOPOPTS || next == IPPROTO_ROUTING || next == IPPROTO_DSTOPTS
                || next == IPPROTO_FRAGMENT) {
            if (p.length < off + 8) {
                complete = false;
                break;
            }
            int following = u8(p, off);
            if (next == IPPROTO_FRAGMENT) {
                firstFragment = (u16(p, off + 2) & 0xFFF8) == 0;
                off += 8;
            } else {
                off += (u8(p, off + 1) + 1) * 8;
            }
            next = following;
        }
        Ipv6 ip = new Ipv6(v6(p, 8), v6(p, 24), u8(p, 6), next,
                u8(p, 7), u16(p, 4));
        Optional<Transport> t = complete && firstFragment ? transport(p, off, next) : Optional.empty();
        return new PacketHeaders(Optional.of(ip), t);
    }

    private static Optional<Transport> transport(byte[] p, int off, int protocol) {
        int have = p.length - off;
        if (have <= 0) {
            return Optional.empty();
        }
        return Optional.of(switch (protocol) {
            case IPPROTO_TCP -> have < 4 ? new Other(protocol)
                    : new Tcp(u16(p, off), u16(p, off + 2), have >= 14 ? OptionalInt.of(u8(p, off + 13)) : OptionalInt.empty());
            case IPPROTO_UDP, IPPROTO_UDPLITE -> have < 4 ? new Other(protocol)
                    : new Udp(u16(p, off), u16(p, off + 2), have >= 6 ? OptionalInt.of(u16(p, off + 4)) : OptionalInt.empty());
            case IPPROTO_ICMP -> have < 2 ? new Other(protocol) : new Icmp(u8(p, off), u8(p, off + 1));
            case IPPROTO_ICMPV6 -> have < 2 ? new Other(protocol) : new Icmpv6(u8(p, off), u8(p, off + 1));
            default -> new Other(protocol);
        });
    }

    private static int u8(byte[] p, int off) {
        return p[off] & 0xFF;
    }

    private static int u16(byte[] p, int off) {
        return (p[off] & 0xFF) << 8 | (p[off + 1] & 0xFF);
    }

    private static Inet4Address v4(byte[] p, int off) {
        try {
            return (Inet4Address) InetAddress.getByAddress(Arrays.copyOfRange(p, off, off + 4));
        } catch (UnknownHostException e) {
            throw new IllegalStateException("4-byte address rejected", e); // cannot happen: 4 bytes are valid
        }
    }

    /** Always an Inet6Address, also for IPv4-mapped addresses (which InetAddress.getByAddress turns into IPv4). */
    private static Inet6Address v6(byte[] p, int off) {
        try {
            return Inet6Address.getByAddress(null, Arrays.copyOfRange(p, off, off + 16), -1);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("16-byte address rejected", e); // cannot happen: 16 bytes are valid
        }
    }
}
