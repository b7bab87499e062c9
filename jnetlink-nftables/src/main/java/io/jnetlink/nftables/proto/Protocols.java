package io.jnetlink.nftables.proto;

import io.jnetlink.nftables.model.Family;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The protocol headers nft knows (proto.c of nftables 1.0.6) and the dependencies nft adds in front of their
 * fields, as {@code nft --debug=netlink} shows them on this machine:
 * <ul>
 *   <li>transport fields (tcp, udp, udplite, sctp, dccp, ah, esp, comp, icmp, icmpv6): {@code meta l4proto N}
 *       in every family; icmp (and igmp) additionally need IPv4 and icmpv6 IPv6 in families that carry both,
 *       before the l4proto match: inet {@code meta nfproto ipv4}, bridge {@code ether type ip} (a payload
 *       match), netdev {@code meta protocol ip};</li>
 *   <li>{@code th} (raw transport ports): no dependency;</li>
 *   <li>network fields: ip, ip6 need nothing in their own family, {@code meta nfproto ipv4|ipv6} in inet,
 *       {@code meta protocol ip|ip6} in bridge and netdev; arp needs nothing in arp, {@code ether type arp}
 *       in bridge, {@code meta protocol arp} in netdev;</li>
 *   <li>ether: nothing in bridge, {@code meta iiftype ether} elsewhere (netdev included); vlan: ether's plus
 *       {@code ether type 8021q}.</li>
 * </ul>
 * Observed once and not modelled: in a bridge base chain nft 1.0.6 emitted {@code ether type ip} (not
 * {@code meta protocol ip}) before {@code ip daddr 224.0.0.0/4}; the renderer accepts both forms.
 */
public final class Protocols {

    private Protocols() {
    }

    /**
     * The one ICMP or ICMPv6 type a header field exists in (nft's icmp_dep), or -1: icmp mtu in
     * destination-unreachable (3), gateway in redirect (5); icmpv6 mtu in packet-too-big (2), parameter-problem in
     * parameter-problem (4), max-delay in mld-listener-query (130). nft matches that type before the field, and
     * hides the match when it lists the rule.
     */
    public static int icmpTypeOf(String protocol, String field) {
        return switch (protocol + " " + field) {
            case "icmp mtu" -> 3;
            case "icmp gateway" -> 5;
            case "icmpv6 mtu" -> 2;
            case "icmpv6 parameter-problem" -> 4;
            case "icmpv6 max-delay" -> 130;
            default -> -1;
        };
    }

    private static ProtoField f(String proto, String name, HeaderBase base, int off, int len, Datatype type) {
        return new ProtoField(proto, name, base, off, len, type);
    }

    private static Datatype beInt(int bits) {
        return Datatype.INTEGER.withSize(bits, Endian.BIG);
    }

    private static final HeaderBase LL = HeaderBase.LL;
    private static final HeaderBase NH = HeaderBase.NETWORK;
    private static final HeaderBase TH = HeaderBase.TRANSPORT;

    public static final Protocol ETHER = new Protocol("ether", LL, List.of(
            f("ether", "daddr", LL, 0, 48, Datatype.ETHER_ADDR),
            f("ether", "saddr", LL, 48, 48, Datatype.ETHER_ADDR),
            f("ether", "type", LL, 96, 16, Datatype.ETHER_TYPE)),
            OptionalInt.empty(), OptionalInt.empty(), OptionalInt.empty());

    /** 802.1Q header fields, counted from the link-layer header (after 14 bytes of Ethernet). */
    public static final Protocol VLAN = new Protocol("vlan", LL, List.of(
            f("vlan", "pcp", LL, 112, 3, beInt(3)),
            f("vlan", "dei", LL, 115, 1, beInt(1)),
            // "cfi" is the old name of "dei"; nft keeps both (typeof userdata numbers fields by position)
            f("vlan", "cfi", LL, 115, 1, beInt(1)),
            f("vlan", "id", LL, 116, 12, beInt(12)),
            f("vlan", "type", LL, 128, 16, Datatype.ETHER_TYPE)),
            OptionalInt.empty(), OptionalInt.of(0x8100), OptionalInt.empty());

    public static final Protocol ARP = new Protocol("arp", NH, List.of(
            f("arp", "htype", NH, 0, 16, beInt(16)),
            f("arp", "ptype", NH, 16, 16, Datatype.ETHER_TYPE),
            f("arp", "hlen", NH, 32, 8, beInt(8)),
            f("arp", "plen", NH, 40, 8, beInt(8)),
            f("arp", "operation", NH, 48, 16, Datatype.ARP_OP),
            f("arp", "saddr ether", NH, 64, 48, Datatype.ETHER_ADDR),
            f("arp", "saddr ip", NH, 112, 32, Datatype.IPV4_ADDR),
            f("arp", "daddr ether", NH, 144, 48, Datatype.ETHER_ADDR),
            f("arp", "daddr ip", NH, 192, 32, Datatype.IPV4_ADDR)),
            OptionalInt.empty(), OptionalInt.of(0x0806), OptionalInt.empty());

    public static final Protocol IP = new Protocol("ip", NH, List.of(
            f("ip", "version", NH, 0, 4, beInt(4)),
            f("ip", "hdrlength", NH, 4, 4, beInt(4)),
            f("ip", "dscp", NH, 8, 6, Datatype.DSCP),
            f("ip", "ecn", NH, 14, 2, Datatype.ECN),
            f("ip", "length", NH, 16, 16, beInt(16)),
            f("ip", "id", NH, 32, 16, beInt(16)),
            f("ip", "frag-off", NH, 48, 16, beInt(16)),
            f("ip", "ttl", NH, 64, 8, beInt(8)),
            f("ip", "protocol", NH, 72, 8, Datatype.INET_PROTO),
            f("ip", "checksum", NH, 80, 16, beInt(16)),
            f("ip", "saddr", NH, 96, 32, Datatype.IPV4_ADDR),
            f("ip", "daddr", NH, 128, 32, Datatype.IPV4_ADDR)),
            OptionalInt.of(4), OptionalInt.of(0x0800), OptionalInt.of(2));

    public static final Protocol IP6 = new Protocol("ip6", NH, List.of(
            f("ip6", "version", NH, 0, 4, beInt(4)),
            f("ip6", "dscp", NH, 4, 6, Datatype.DSCP),
            f("ip6", "ecn", NH, 10, 2, Datatype.ECN),
            f("ip6", "flowlabel", NH, 12, 20, beInt(20)),
            f("ip6", "length", NH, 32, 16, beInt(16)),
            f("ip6", "nexthdr", NH, 48, 8, Datatype.INET_PROTO),
            f("ip6", "hoplimit", NH, 56, 8, beInt(8)),
            f("ip6", "saddr", NH, 64, 128, Datatype.IPV6_ADDR),
            f("ip6", "daddr", NH, 192, 128, Datatype.IPV6_ADDR)),
            OptionalInt.of(41), OptionalInt.of(0x86dd), OptionalInt.of(10));

    public static final Protocol TCP = new Protocol("tcp", TH, List.of(
            f("tcp", "sport", TH, 0, 16, Datatype.INET_SERVICE),
            f("tcp", "dport", TH, 16, 16, Datatype.INET_SERVICE),
            f("tcp", "sequence", TH, 32, 32, beInt(32)),
            f("tcp", "ackseq", TH, 64, 32, beInt(32)),
            f("tcp", "doff", TH, 96, 4, beInt(4)),
            f("tcp", "reserved", TH, 100, 4, beInt(4)),
            f("tcp", "flags", TH, 104, 8, Datatype.TCP_FLAG),
            f("tcp", "window", TH, 112, 16, beInt(16)),
            f("tcp", "checksum", TH, 128, 16, beInt(16)),
            f("tcp", "urgptr", TH, 144, 16, beInt(16))),
            OptionalInt.of(6), OptionalInt.empty(), OptionalInt.empty());

    public static final Protocol UDP = new Protocol("udp", TH, List.of(
            f("udp", "sport", TH, 0, 16, Datatype.INET_SERVICE),
            f("udp", "dport", TH, 16, 16, Datatype.INET_SERVICE),
            f("udp", "length", TH, 32, 16, beInt(16)),
            f("udp", "checksum", TH, 48, 16, beInt(16))),
            OptionalInt.of(17), OptionalInt.empty(), OptionalInt.empty());

    public static final Protocol UDPLITE = new Protocol("udplite", TH, List.of(
            f("udplite", "sport", TH, 0, 16, Datatype.INET_SERVICE),
            f("udplite", "dport", TH, 16, 16, Datatype.INET_SERVICE),
            f("udplite", "csumcov", TH, 32, 16, beInt(16)),
            f("udplite", "checksum", TH, 48, 16, beInt(16))),
            OptionalInt.of(136), OptionalInt.empty(), OptionalInt.empty());

    public static final Protocol SCTP = new Protocol("sctp", TH, List.of(
            f("sctp", "sport", TH, 0, 16, Datatype.INET_SERVICE),
            f("sctp", "dport", TH, 16, 16, Datatype.INET_SERVICE),
            f("sctp", "vtag", TH, 32, 32, beInt(32)),
            f("sctp", "checksum", TH, 64, 32, beInt(32))),
            OptionalInt.of(132), OptionalInt.empty(), OptionalInt.empty());

    public static final Protocol DCCP = new Protocol("dccp", TH, List.of(
            f("dccp", "sport", TH, 0, 16, Datatype.INET_SERVICE),
            f("dccp", "dport", TH, 16, 16, Datatype.INET_SERVICE),
            f("dccp", "type", TH, 67, 4, Datatype.DCCP_PKTTYPE)),
            OptionalInt.of(33), OptionalInt.empty(), OptionalInt.empty());

    public static final Protocol ICMP = new Protocol("icmp", TH, List.of(
            f("icmp", "type", TH, 0, 8, Datatype.ICMP_TYPE),
            f("icmp", "code", TH, 8, 8, Datatype.ICMP_CODE),
            f("icmp", "checksum", TH, 16, 16, beInt(16)),
            f("icmp", "id", TH, 32, 16, beInt(16)),
            f("icmp", "sequence", TH, 48, 16, beInt(16)),
            f("icmp", "gateway", TH, 32, 32, beInt(32)),
            f("icmp", "mtu", TH, 48, 16, beInt(16))),
            OptionalInt.of(1), OptionalInt.empty(), OptionalInt.empty());

    public static final Protocol ICMPV6 = new Protocol("icmpv6", TH, List.of(
            f("icmpv6", "type", TH, 0, 8, Datatype.ICMPV6_TYPE),
            f("icmpv6", "code", TH, 8, 8, Datatype.ICMPV6_CODE),
            f("icmpv6", "checksum", TH, 16, 16, beInt(16)),
            f("icmpv6", "parameter-problem", TH, 32, 32, beInt(32)),
            f("icmpv6", "mtu", TH, 32, 32, beInt(32)),
            f("icmpv6", "id", TH, 32, 16, beInt(16)),
            f("icmpv6", "sequence", TH, 48, 16, beInt(16)),
            f("icmpv6", "max-delay", TH, 32, 16, beInt(16))),
            OptionalInt.of(58), OptionalInt.empty(), OptionalInt.empty());

    public static final Protocol AH = new Protocol("ah", TH, List.of(
            f("ah", "nexthdr", TH, 0, 8, Datatype.INET_PROTO),
            f("ah", "hdrlength", TH, 8, 8, beInt(8)),
            f("ah", "reserved", TH, 16, 16, beInt(16)),
            f("ah", "spi", TH, 32, 32, beInt(32)),
            f("ah", "sequence", TH, 64, 32, beInt(32))),
            OptionalInt.of(51), OptionalInt.empty(), OptionalInt.empty());

    public static final Protocol ESP = new Protocol("esp", TH, List.of(
            f("esp", "spi", TH, 0, 32, beInt(32)),
            f("esp", "sequence", TH, 32, 32, beInt(32))),
            OptionalInt.of(50), OptionalInt.empty(), OptionalInt.empty());

    public static final Protocol COMP = new Protocol("comp", TH, List.of(
            f("comp", "nexthdr", TH, 0, 8, Datatype.INET_PROTO),
            f("comp", "flags", TH, 8, 8, beInt(8)),
            f("comp", "cpi", TH, 16, 16, beInt(16))),
            OptionalInt.of(108), OptionalInt.empty(), OptionalInt.empty());

    public static final Protocol IGMP = new Protocol("igmp", TH, List.of(
            f("igmp", "type", TH, 0, 8, Datatype.IGMP_TYPE),
            f("igmp", "mrt", TH, 8, 8, beInt(8)),
            f("igmp", "checksum", TH, 16, 16, beInt(16)),
            f("igmp", "group", TH, 32, 32, beInt(32))),
            OptionalInt.of(2), OptionalInt.empty(), OptionalInt.empty());

    /** Raw transport header: sport and dport of whatever transport protocol (no dependency). */
    public static final Protocol TH_ = new Protocol("th", TH, List.of(
            f("th", "sport", TH, 0, 16, Datatype.INET_SERVICE),
            f("th", "dport", TH, 16, 16, Datatype.INET_SERVICE)),
            OptionalInt.empty(), OptionalInt.empty(), OptionalInt.empty());

    private static final List<Protocol> ALL = List.of(ETHER, VLAN, ARP, IP, IP6, TCP, UDP, UDPLITE, SCTP, DCCP,
            ICMP, ICMPV6, AH, ESP, COMP, IGMP, TH_);

    public static List<Protocol> all() {
        return ALL;
    }

    /** The protocol by nft keyword ("tcp", "ip6", "th"), or empty. */
    public static Optional<Protocol> byName(String name) {
        return ALL.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    /** The field {@code protocol field} ("tcp", "dport"), or empty. */
    public static Optional<ProtoField> field(String protocol, String field) {
        return byName(protocol).flatMap(p -> p.field(field));
    }

    /** The transport protocol with this IP protocol number (first of tcp, udp, ...), or empty. */
    public static Optional<Protocol> byL4proto(int number) {
        return ALL.stream().filter(p -> p.base() == HeaderBase.TRANSPORT && p.l4proto().isPresent()
                && p.l4proto().getAsInt() == number).findFirst();
    }

    /** The network or link protocol with this Ethernet type, or empty (0x0800 ip, 0x86dd ip6, 0x0806 arp, 0x8100 vlan). */
    public static Optional<Protocol> byEtherType(int etherType) {
        return ALL.stream().filter(p -> p.etherType().isPresent() && p.etherType().getAsInt() == etherType)
                .findFirst();
    }

    /** The network protocol with this NFPROTO number (2 ip, 10 ip6), or empty. */
    public static Optional<Protocol> byNfproto(int nfproto) {
        return ALL.stream().filter(p -> p.nfproto().isPresent() && p.nfproto().getAsInt() == nfproto).findFirst();
    }

    /**
     * The network protocol implied by the family itself (ip → ip, ip6 → ip6, arp → arp), or empty for
     * inet, bridge and netdev.
     */
    public static Optional<Protocol> familyNetwork(Family family) {
        return switch (family) {
            case IP -> Optional.of(IP);
            case IP6 -> Optional.of(IP6);
            case ARP -> Optional.of(ARP);
            default -> Optional.empty();
        };
    }

    /**
     * The matches nft emits before the first use of a field of {@code protocol} in a rule of {@code family}, in
     * order (an icmp field in inet: {@code meta nfproto ipv4} then {@code meta l4proto 1}). A compiler emits
     * each dependency once per rule, and not when the rule already matched the same thing.
     */
    public static List<Dependency> dependencies(Family family, Protocol protocol) {
        List<Dependency> out = new ArrayList<>();
        switch (protocol.base()) {
            case LL -> {
                if (family != Family.BRIDGE) {
                    out.add(meta(MetaKeyInfo.IIFTYPE, 1));
                }
                if (protocol == VLAN) {
                    out.add(new Dependency.Payload(ETHER.field("type").orElseThrow(),
                            Datatype.ETHER_TYPE.toBytes(0x8100, 2)));
                }
            }
            case NETWORK -> out.addAll(networkDependency(family, protocol));
            case TRANSPORT -> {
                if (protocol == TH_) {
                    break;
                }
                if (protocol == ICMP || protocol == IGMP) {
                    out.addAll(family == Family.BRIDGE ? etherTypeDependency(IP) : networkDependency(family, IP));
                } else if (protocol == ICMPV6) {
                    out.addAll(family == Family.BRIDGE ? etherTypeDependency(IP6) : networkDependency(family, IP6));
                }
                protocol.l4proto().ifPresent(n -> out.add(meta(MetaKeyInfo.L4PROTO, n)));
            }
            default -> {
                // inner/tunnel headers: nft needs no dependency the model knows about
            }
        }
        return out;
    }

    private static List<Dependency> networkDependency(Family family, Protocol network) {
        if (familyNetwork(family).isPresent()) {
            return List.of();
        }
        if (family == Family.INET && network.nfproto().isPresent()) {
            return List.of(meta(MetaKeyInfo.NFPROTO, network.nfproto().getAsInt()));
        }
        if (family == Family.BRIDGE && network == ARP) {
            return etherTypeDependency(ARP);
        }
        if (network.etherType().isPresent()) {
            return List.of(meta(MetaKeyInfo.PROTOCOL, network.etherType().getAsInt()));
        }
        return List.of();
    }

    private static List<Dependency> etherTypeDependency(Protocol network) {
        return List.of(new Dependency.Payload(ETHER.field("type").orElseThrow(),
                Datatype.ETHER_TYPE.toBytes(network.etherType().getAsInt(), 2)));
    }

    private static Dependency meta(MetaKeyInfo key, long value) {
        return new Dependency.Meta(key, key.type().toBytes(value, key.length()));
    }
}
