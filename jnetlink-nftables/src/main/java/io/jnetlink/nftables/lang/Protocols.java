package io.jnetlink.nftables.lang;

import io.jnetlink.nftables.expr.PayloadBase;
import io.jnetlink.nftables.proto.Datatype;
import io.jnetlink.nftables.proto.Endian;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The compiler's view of header fields, meta keys and ct keys. Header layouts (protocol, field, base, bit
 * offset and length, datatype) are read from {@code io.jnetlink.nftables.proto.Protocols}, shared with the
 * renderer; this class adds what only compilation needs: nft's proto_desc ids and template indexes for typeof
 * userdata, and which network protocol a transport header implies (icmp: ip). Meta and ct keys are listed here
 * with the sizes nft's meta.c and ct.c give them.
 */
final class Protocols {

    enum Layer { LINK, NETWORK, TRANSPORT }

    /**
     * A protocol header. {@code number}: the value that identifies it one layer down (ether type for network
     * protocols, IP protocol for transport ones, 0 when irrelevant). {@code descId}: nft's enum proto_desc_id,
     * stored in typeof set userdata. {@code needs}: "ip"/"ip6" when the transport header only exists there
     * (icmp, icmpv6, igmp).
     */
    record Proto(String name, Layer layer, PayloadBase base, int baseOffsetBits, int number, int descId,
                 Optional<String> needs, Map<String, Field> fields) {
    }

    /** {@code index} is the field's position in nft's proto description (typeof userdata). */
    record Field(Proto proto, String name, int offsetBits, int lenBits, Datatype type, int index) {
        int absOffsetBits() {
            return proto.baseOffsetBits() + offsetBits;
        }
    }

    private static final Map<String, Proto> PROTOS = new LinkedHashMap<>();

    // enum proto_desc_id of nftables 1.0.6 (include/proto.h): stored in typeof set userdata
    static final int DESC_AH = 1, DESC_ESP = 2, DESC_COMP = 3, DESC_ICMP = 4, DESC_IGMP = 5, DESC_UDP = 6,
            DESC_UDPLITE = 7, DESC_TCP = 8, DESC_DCCP = 9, DESC_SCTP = 10, DESC_TH = 11, DESC_IP = 12,
            DESC_IP6 = 13, DESC_ICMPV6 = 14, DESC_ARP = 15, DESC_VLAN = 16, DESC_ETHER = 17;

    private static final Map<String, Integer> DESC_IDS = Map.ofEntries(Map.entry("ah", DESC_AH),
            Map.entry("esp", DESC_ESP), Map.entry("comp", DESC_COMP), Map.entry("icmp", DESC_ICMP),
            Map.entry("igmp", DESC_IGMP), Map.entry("udp", DESC_UDP), Map.entry("udplite", DESC_UDPLITE),
            Map.entry("tcp", DESC_TCP), Map.entry("dccp", DESC_DCCP), Map.entry("sctp", DESC_SCTP),
            Map.entry("th", DESC_TH), Map.entry("ip", DESC_IP), Map.entry("ip6", DESC_IP6),
            Map.entry("icmpv6", DESC_ICMPV6), Map.entry("arp", DESC_ARP), Map.entry("vlan", DESC_VLAN),
            Map.entry("ether", DESC_ETHER));

    /** Transport headers that only exist over one network protocol (nft adds that dependency in inet). */
    private static final Map<String, String> NEEDS = Map.of("icmp", "ip", "icmpv6", "ip6", "igmp", "ip");

    static {
        // Header layouts come from io.jnetlink.nftables.proto (shared with the renderer). A field's position in
        // the protocol's list is nft's template index, which typeof userdata records (1-based).
        for (io.jnetlink.nftables.proto.Protocol pr : io.jnetlink.nftables.proto.Protocols.all()) {
            Layer layer = switch (pr.base()) {
                case LL -> Layer.LINK;
                case NETWORK -> Layer.NETWORK;
                default -> Layer.TRANSPORT;
            };
            PayloadBase base = PayloadBase.of(pr.base().code());
            int number = layer == Layer.TRANSPORT ? pr.l4proto().orElse(0) : pr.etherType().orElse(0);
            Map<String, Field> fields = new LinkedHashMap<>();
            Proto p = new Proto(pr.name(), layer, base, 0, number, DESC_IDS.getOrDefault(pr.name(), 0),
                    Optional.ofNullable(NEEDS.get(pr.name())), fields);
            int index = 1;
            for (io.jnetlink.nftables.proto.ProtoField f : pr.fields()) {
                fields.put(f.name(), new Field(p, f.name(), f.offsetBits(), f.lengthBits(), f.type(), index++));
            }
            PROTOS.put(pr.name(), p);
        }
    }

    private Protocols() {
    }

    static Optional<Proto> proto(String name) {
        return Optional.ofNullable(PROTOS.get(name));
    }

    static Optional<Proto> byDescId(int id) {
        return PROTOS.values().stream().filter(p -> p.descId() == id).findFirst();
    }

    /** A meta key as nft's meta.c describes it: name, kernel key, datatype and length in bits. */
    record MetaDef(String name, int key, Datatype type, int bits) {
    }

    /** A ct key as nft's ct.c describes it. {@code directional}: may be prefixed by original/reply. */
    record CtDef(String name, int key, Datatype type, int bits, boolean directional) {
    }

    private static final Map<String, MetaDef> META = new LinkedHashMap<>();
    private static final Map<String, CtDef> CT = new LinkedHashMap<>();

    private static void meta(String name, int key, Datatype type, int bits) {
        META.put(name, new MetaDef(name, key, type.bits() == bits ? type : type.withSize(bits, type.endian()), bits));
    }

    private static void ct(String name, int key, Datatype type, int bits, boolean dir) {
        CT.put(name, new CtDef(name, key, type.bits() == bits ? type : type.withSize(bits, type.endian()), bits,
                dir));
    }

    static {
        // linux/netfilter/nf_tables.h enum nft_meta_keys; types and sizes from nftables src/meta.c
        meta("length", 0, Datatype.INTEGER, 32);
        meta("protocol", 1, Datatype.ETHER_TYPE, 16);
        meta("priority", 2, Datatype.CLASSID, 32);
        meta("mark", 3, Datatype.MARK, 32);
        meta("iif", 4, Datatype.IFACE_INDEX, 32);
        meta("oif", 5, Datatype.IFACE_INDEX, 32);
        meta("iifname", 6, Datatype.IFNAME, 128);
        meta("oifname", 7, Datatype.IFNAME, 128);
        meta("iiftype", 8, Datatype.IFACE_TYPE, 16);
        meta("oiftype", 9, Datatype.IFACE_TYPE, 16);
        meta("skuid", 10, Datatype.UID, 32);
        meta("skgid", 11, Datatype.GID, 32);
        meta("nftrace", 12, Datatype.INTEGER, 1);
        meta("rtclassid", 13, Datatype.REALM, 32);
        meta("secmark", 14, Datatype.INTEGER, 32);
        meta("nfproto", 15, Datatype.NFPROTO, 8);
        meta("l4proto", 16, Datatype.INET_PROTO, 8);
        meta("ibrname", 17, Datatype.IFNAME, 128);
        meta("obrname", 18, Datatype.IFNAME, 128);
        meta("pkttype", 19, Datatype.PKTTYPE, 8);
        meta("cpu", 20, Datatype.INTEGER, 32);
        meta("iifgroup", 21, Datatype.DEVGROUP, 32);
        meta("oifgroup", 22, Datatype.DEVGROUP, 32);
        meta("cgroup", 23, Datatype.INTEGER, 32);
        meta("random", 24, Datatype.INTEGER.withSize(32, Endian.BIG), 32);
        meta("secpath", 25, Datatype.BOOLEAN, 1);
        meta("iifkind", 26, Datatype.IFNAME, 128);
        meta("oifkind", 27, Datatype.IFNAME, 128);
        meta("ibrpvid", 28, Datatype.INTEGER, 16);
        meta("ibrvproto", 29, Datatype.ETHER_TYPE, 16);
        meta("time", 30, Datatype.DATE, 64);
        meta("day", 31, Datatype.DAY, 8);
        meta("hour", 32, Datatype.HOUR, 32);
        meta("sdif", 33, Datatype.IFACE_INDEX, 32);
        meta("sdifname", 34, Datatype.IFNAME, 128);

        // enum nft_ct_keys; nftables src/ct.c
        ct("state", 0, Datatype.CT_STATE, 32, false);
        ct("direction", 1, Datatype.CT_DIR, 8, false);
        ct("status", 2, Datatype.CT_STATUS, 32, false);
        ct("mark", 3, Datatype.MARK, 32, false);
        ct("secmark", 4, Datatype.INTEGER, 32, false);
        ct("expiration", 5, Datatype.TIME, 32, false);
        ct("helper", 6, Datatype.STRING, 128, false);
        ct("l3proto", 7, Datatype.NFPROTO, 8, true);
        ct("saddr", 8, Datatype.IPV4_ADDR, 32, true);
        ct("daddr", 9, Datatype.IPV4_ADDR, 32, true);
        ct("protocol", 10, Datatype.INET_PROTO, 8, true);
        ct("proto-src", 11, Datatype.INET_SERVICE, 16, true);
        ct("proto-dst", 12, Datatype.INET_SERVICE, 16, true);
        ct("label", 13, Datatype.CT_LABEL, 128, false);
        ct("packets", 14, Datatype.INTEGER, 64, true);
        ct("bytes", 15, Datatype.INTEGER, 64, true);
        ct("avgpkt", 16, Datatype.INTEGER, 64, true);
        ct("zone", 17, Datatype.INTEGER, 16, true);
        ct("event", 18, Datatype.CT_EVENT, 32, false);
        ct("id", 23, Datatype.INTEGER.withSize(32, Endian.BIG), 32, false);
    }

    /** Keys usable without the "meta" keyword (nft's unqualified meta keys). */
    static final java.util.Set<String> UNQUALIFIED_META = java.util.Set.of("mark", "iif", "oif", "iifname",
            "oifname", "iiftype", "oiftype", "skuid", "skgid", "nftrace", "rtclassid", "ibrname", "obrname",
            "pkttype", "cpu", "iifgroup", "oifgroup", "cgroup", "priority", "random", "ipsec", "iifkind",
            "oifkind");

    static Optional<MetaDef> meta(String name) {
        if (name.equals("ibriport")) {
            name = "ibrname";
        } else if (name.equals("obriport")) {
            name = "obrname";
        } else if (name.equals("ipsec")) {
            // nft 1.0.6 names NFT_META_SECPATH "ipsec" (and still reads the older "secpath")
            name = "secpath";
        }
        return Optional.ofNullable(META.get(name));
    }

    static Optional<CtDef> ct(String name) {
        return Optional.ofNullable(CT.get(name));
    }
}
