package io.jnetlink.nftables.proto;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * An nft datatype (src/datatype.c, include/datatype.h of nftables 1.0.6): its number (the value stored in
 * NFTA_SET_KEY_TYPE, 6 bits per field for concatenations), its name as written after {@code type} in a set
 * declaration, its byte order, its size, its symbol table, and the two directions between text and the
 * bytes the kernel compares:
 * <ul>
 *   <li>{@link #parse(String)} / {@link #parse(String, int)}: nft text to value bytes (used by the compiler);</li>
 *   <li>{@link #format(byte[])}: value bytes to the text {@code nft list ruleset} prints (used by the renderer).</li>
 * </ul>
 * Integers are read and written in the type's {@link #endian()} order (host order is the machine's native
 * order, as nft uses it). Bitmask types ({@code ct state}, {@code tcp flags}) format as symbol names joined by
 * {@code ","} (use {@link #formatBits(byte[], String)} for another separator). Instances are immutable.
 */
public final class Datatype {

    /** How values of a type are printed and parsed. */
    public enum Kind {
        /** Unsigned decimal. */
        INTEGER,
        /** Hex with 8 digits as nft prints marks: {@code 0x00000010}. */
        MARK,
        /** A symbol name when one matches, else decimal (or hex for ether types). */
        SYMBOLIC,
        /** Each set bit as its symbol name. */
        BITMASK,
        /** NUL-padded string, printed quoted. */
        STRING,
        IPV4,
        IPV6,
        /** Colon-separated hex bytes (ether_addr, ll_addr). */
        LLADDR,
        VERDICT,
        /** Relative time in milliseconds (ct expiration, set timeouts): {@code 1h30m}. */
        TIME,
        /** Nanoseconds since the epoch (meta time). */
        DATE,
        /** Seconds since midnight UTC (meta hour): {@code "10:00"}. */
        HOUR,
        BOOLEAN,
        /** tc handle {@code major:minor} (meta priority). */
        CLASSID,
        /** Interface index (meta iif/oif), printed as the interface name when a resolver knows it. */
        IFINDEX,
        /** Connection tracking label bit number. */
        CT_LABEL,
        /** An integer whose symbolic names come from a system file (realm, devgroup). */
        INTEGER_FILE,
        /** Nothing better known: hex bytes. */
        RAW
    }

    private static final Map<Integer, Datatype> BY_NUMBER = new HashMap<>();
    private static final Map<String, Datatype> BY_NAME = new LinkedHashMap<>();

    private final int number;
    private final String name;
    private final String description;
    private final Endian endian;
    private final int bits;
    private final Kind kind;
    private final List<Symbol> symbols;

    private Datatype(int number, String name, String description, Endian endian, int bits, Kind kind,
                     List<Symbol> symbols) {
        this.number = number;
        this.name = name;
        this.description = description;
        this.endian = endian;
        this.bits = bits;
        this.kind = kind;
        this.symbols = List.copyOf(symbols);
    }

    private static Datatype register(int number, String name, String description, Endian endian, int bits,
                                     Kind kind, List<Symbol> symbols) {
        Datatype t = new Datatype(number, name, description, endian, bits, kind, symbols);
        BY_NUMBER.put(number, t);
        BY_NAME.putIfAbsent(name, t);
        return t;
    }

    private static Datatype register(int number, String name, String description, Endian endian, int bits,
                                     Kind kind) {
        return register(number, name, description, endian, bits, kind, List.of());
    }

    private static List<Symbol> sym(Object... nameValue) {
        List<Symbol> out = new ArrayList<>();
        for (int i = 0; i < nameValue.length; i += 2) {
            out.add(new Symbol((String) nameValue[i], ((Number) nameValue[i + 1]).longValue()));
        }
        return out;
    }

    // The numbers are enum datatypes in nftables' include/datatype.h; names and sizes as in datatype.c,
    // proto.c, ct.c and meta.c of nftables 1.0.6.
    public static final Datatype INVALID = register(0, "invalid", "invalid", Endian.NONE, 0, Kind.RAW);
    public static final Datatype VERDICT = register(1, "verdict", "netfilter verdict", Endian.NONE, 0, Kind.VERDICT);
    public static final Datatype NFPROTO = register(2, "nf_proto", "netfilter protocol", Endian.HOST, 8,
            Kind.SYMBOLIC, sym("ipv4", 2, "ipv6", 10));
    public static final Datatype BITMASK = register(3, "bitmask", "bitmask", Endian.HOST, 0, Kind.INTEGER);
    public static final Datatype INTEGER = register(4, "integer", "integer", Endian.HOST, 0, Kind.INTEGER);
    public static final Datatype STRING = register(5, "string", "string", Endian.HOST, 0, Kind.STRING);
    public static final Datatype LLADDR = register(6, "ll_addr", "link layer address", Endian.BIG, 0, Kind.LLADDR);
    public static final Datatype IPV4_ADDR = register(7, "ipv4_addr", "IPv4 address", Endian.BIG, 32, Kind.IPV4);
    public static final Datatype IPV6_ADDR = register(8, "ipv6_addr", "IPv6 address", Endian.BIG, 128, Kind.IPV6);
    public static final Datatype ETHER_ADDR = register(9, "ether_addr", "Ethernet address", Endian.BIG, 48,
            Kind.LLADDR);
    public static final Datatype ETHER_TYPE = register(10, "ether_type", "Ethernet protocol", Endian.BIG, 16,
            Kind.SYMBOLIC, sym("ip", 0x0800, "arp", 0x0806, "ip6", 0x86dd, "8021q", 0x8100, "8021ad", 0x88a8,
                    "vlan", 0x8100));
    public static final Datatype ARP_OP = register(11, "arp_op", "ARP operation", Endian.BIG, 16, Kind.SYMBOLIC,
            sym("request", 1, "reply", 2, "rrequest", 3, "rreply", 4, "inrequest", 8, "inreply", 9, "nak", 10));
    public static final Datatype INET_PROTO = register(12, "inet_proto", "Internet protocol", Endian.BIG, 8,
            Kind.SYMBOLIC, SystemTables.protocols());
    public static final Datatype INET_SERVICE = register(13, "inet_service", "internet network service",
            Endian.BIG, 16, Kind.INTEGER);
    public static final Datatype ICMP_TYPE = register(14, "icmp_type", "ICMP type", Endian.BIG, 8, Kind.SYMBOLIC,
            sym("echo-reply", 0, "destination-unreachable", 3, "source-quench", 4, "redirect", 5,
                    "echo-request", 8, "router-advertisement", 9, "router-solicitation", 10, "time-exceeded", 11,
                    "parameter-problem", 12, "timestamp-request", 13, "timestamp-reply", 14, "info-request", 15,
                    "info-reply", 16, "address-mask-request", 17, "address-mask-reply", 18));
    public static final Datatype TCP_FLAG = register(15, "tcp_flag", "TCP flag", Endian.BIG, 8, Kind.BITMASK,
            sym("fin", 0x01, "syn", 0x02, "rst", 0x04, "psh", 0x08, "ack", 0x10, "urg", 0x20, "ecn", 0x40,
                    "cwr", 0x80));
    public static final Datatype DCCP_PKTTYPE = register(16, "dccp_pkttype", "DCCP packet type", Endian.HOST, 4,
            Kind.SYMBOLIC, sym("request", 0, "response", 1, "data", 2, "ack", 3, "dataack", 4, "closereq", 5,
                    "close", 6, "reset", 7, "sync", 8, "syncack", 9));
    public static final Datatype MH_TYPE = register(17, "mh_type", "Mobility Header Type", Endian.HOST, 8,
            Kind.SYMBOLIC, sym("binding-refresh-request", 0, "home-test-init", 1, "careof-test-init", 2,
                    "home-test", 3, "careof-test", 4, "binding-update", 5, "binding-acknowledgement", 6,
                    "binding-error", 7, "fast-binding-update", 8, "fast-binding-acknowledgement", 9,
                    "fast-binding-advertisement", 10, "experimental-mobility-header", 11, "home-agent-switch-message", 12));
    public static final Datatype TIME = register(18, "time", "relative time", Endian.HOST, 64, Kind.TIME);
    public static final Datatype MARK = register(19, "mark", "packet mark", Endian.HOST, 32, Kind.MARK);
    public static final Datatype IFACE_INDEX = register(20, "iface_index", "network interface index",
            Endian.HOST, 32, Kind.IFINDEX);
    public static final Datatype IFACE_TYPE = register(21, "iface_type", "network interface type", Endian.HOST,
            16, Kind.SYMBOLIC, sym("ether", 1, "ppp", 512, "ipip", 768, "ipip6", 769, "loopback", 772, "sit", 776,
                    "ipgre", 778));
    public static final Datatype REALM = register(22, "realm", "routing realm", Endian.HOST, 32, Kind.INTEGER_FILE,
            SystemTables.realms());
    public static final Datatype CLASSID = register(23, "classid", "TC classid", Endian.HOST, 32, Kind.CLASSID);
    public static final Datatype UID = register(24, "uid", "user ID", Endian.HOST, 32, Kind.INTEGER);
    public static final Datatype GID = register(25, "gid", "group ID", Endian.HOST, 32, Kind.INTEGER);
    public static final Datatype CT_STATE = register(26, "ct_state", "conntrack state", Endian.HOST, 32,
            Kind.BITMASK, sym("invalid", 1, "established", 2, "related", 4, "new", 8, "untracked", 64));
    public static final Datatype CT_DIR = register(27, "ct_dir", "conntrack direction", Endian.HOST, 8,
            Kind.SYMBOLIC, sym("original", 0, "reply", 1));
    public static final Datatype CT_STATUS = register(28, "ct_status", "conntrack status", Endian.HOST, 32,
            Kind.BITMASK, sym("expected", 1, "seen-reply", 2, "assured", 4, "confirmed", 8, "snat", 16, "dnat", 32,
                    "dying", 512));
    public static final Datatype ICMPV6_TYPE = register(29, "icmpv6_type", "ICMPv6 type", Endian.BIG, 8,
            Kind.SYMBOLIC, sym("destination-unreachable", 1, "packet-too-big", 2, "time-exceeded", 3,
                    "parameter-problem", 4, "echo-request", 128, "echo-reply", 129, "mld-listener-query", 130,
                    "mld-listener-report", 131, "mld-listener-done", 132, "mld-listener-reduction", 132,
                    "nd-router-solicit", 133, "nd-router-advert", 134, "nd-neighbor-solicit", 135,
                    "nd-neighbor-advert", 136, "nd-redirect", 137, "router-renumbering", 138,
                    "ind-neighbor-solicit", 141, "ind-neighbor-advert", 142, "mld2-listener-report", 143));
    public static final Datatype CT_LABEL = register(30, "ct_label", "conntrack label", Endian.HOST, 128,
            Kind.CT_LABEL);
    public static final Datatype PKTTYPE = register(31, "pkt_type", "packet type", Endian.HOST, 8, Kind.SYMBOLIC,
            sym("host", 0, "broadcast", 1, "multicast", 2, "other", 3));
    public static final Datatype ICMP_CODE = register(32, "icmp_code", "icmp code", Endian.BIG, 8, Kind.SYMBOLIC,
            sym("port-unreachable", 3, "net-unreachable", 0, "host-unreachable", 1, "prot-unreachable", 2,
                    "net-prohibited", 9, "host-prohibited", 10, "admin-prohibited", 13, "frag-needed", 4));
    public static final Datatype ICMPV6_CODE = register(33, "icmpv6_code", "icmpv6 code", Endian.BIG, 8,
            Kind.SYMBOLIC, sym("no-route", 0, "admin-prohibited", 1, "addr-unreachable", 3, "port-unreachable", 4,
                    "policy-fail", 5, "reject-route", 6));
    public static final Datatype ICMPX_CODE = register(34, "icmpx_code", "icmpx code", Endian.BIG, 8,
            Kind.SYMBOLIC, sym("port-unreachable", 1, "admin-prohibited", 3, "no-route", 0, "host-unreachable", 2));
    public static final Datatype DEVGROUP = register(35, "devgroup", "devgroup name", Endian.HOST, 32,
            Kind.INTEGER_FILE, SystemTables.devgroups());
    public static final Datatype DSCP = register(36, "dscp", "Differentiated Services Code Point", Endian.BIG, 6,
            Kind.SYMBOLIC, sym("cs0", 0x00, "cs1", 0x08, "cs2", 0x10, "cs3", 0x18, "cs4", 0x20, "cs5", 0x28,
                    "cs6", 0x30, "cs7", 0x38, "df", 0x00, "be", 0x00, "lephb", 0x01, "af11", 0x0a, "af12", 0x0c,
                    "af13", 0x0e, "af21", 0x12, "af22", 0x14, "af23", 0x16, "af31", 0x1a, "af32", 0x1c,
                    "af33", 0x1e, "af41", 0x22, "af42", 0x24, "af43", 0x26, "va", 0x2c, "ef", 0x2e));
    public static final Datatype ECN = register(37, "ecn", "Explicit Congestion Notification", Endian.BIG, 2,
            Kind.SYMBOLIC, sym("not-ect", 0, "ect1", 1, "ect0", 2, "ce", 3));
    public static final Datatype FIB_ADDR = register(38, "fib_addrtype", "fib address type", Endian.HOST, 32,
            Kind.SYMBOLIC, sym("unspec", 0, "unicast", 1, "local", 2, "broadcast", 3, "anycast", 4,
                    "multicast", 5, "blackhole", 6, "unreachable", 7, "prohibit", 8));
    public static final Datatype BOOLEAN = register(39, "boolean", "boolean type", Endian.HOST, 1, Kind.BOOLEAN,
            sym("exists", 1, "missing", 0));
    public static final Datatype CT_EVENT = register(40, "ct_event", "conntrack event bits", Endian.HOST, 32,
            Kind.BITMASK, sym("new", 1, "related", 2, "destroy", 4, "reply", 8, "assured", 16, "protoinfo", 32,
                    "helper", 64, "mark", 128, "seqadj", 256, "secmark", 512, "label", 1024));
    public static final Datatype IFNAME = register(41, "ifname", "network interface name", Endian.HOST, 128,
            Kind.STRING);
    public static final Datatype IGMP_TYPE = register(42, "igmp_type", "IGMP type", Endian.BIG, 8, Kind.SYMBOLIC,
            sym("membership-query", 0x11, "membership-report-v1", 0x12, "membership-report-v2", 0x16,
                    "membership-report-v3", 0x22, "leave-group", 0x17));
    public static final Datatype DATE = register(43, "time", "Relative time of packet reception", Endian.HOST, 64,
            Kind.DATE);
    public static final Datatype HOUR = register(44, "hour", "Hour of day of packet reception", Endian.HOST, 32,
            Kind.HOUR);
    public static final Datatype DAY = register(45, "day", "Day of week of packet reception", Endian.HOST, 8,
            Kind.SYMBOLIC, sym("Sunday", 0, "Monday", 1, "Tuesday", 2, "Wednesday", 3, "Thursday", 4, "Friday", 5,
                    "Saturday", 6));
    public static final Datatype CGROUPV2 = register(46, "cgroupsv2", "cgroupsv2 path", Endian.HOST, 64,
            Kind.INTEGER);

    /** Integer type of a fixed width and order, as header fields without a named type use (ip ttl, tcp window). */
    public static Datatype integer(int bits, Endian endian) {
        return new Datatype(INTEGER.number, INTEGER.name, INTEGER.description, endian, bits, Kind.INTEGER,
                List.of());
    }

    /** nft's TYPE_* number (datatype.h). */
    public int number() {
        return number;
    }

    /** The name used in set declarations: {@code type ipv4_addr}. */
    public String name() {
        return name;
    }

    /** nft's description, as {@code nft describe} prints it. */
    public String description() {
        return description;
    }

    public Endian endian() {
        return endian;
    }

    /** Size in bits; 0 for types whose size comes from the expression (integer, string, ll_addr, verdict). */
    public int bits() {
        return bits;
    }

    /** {@link #bits()} rounded up to whole bytes. */
    public int byteLength() {
        return (bits + 7) / 8;
    }

    public Kind kind() {
        return kind;
    }

    public List<Symbol> symbols() {
        return symbols;
    }

    /** This type with another size and order (an integer field 12 bits wide, a 2-byte host-order integer). */
    public Datatype withSize(int newBits, Endian newEndian) {
        return new Datatype(number, name, description, newEndian, newBits, kind, symbols);
    }

    /** The type with nft's number, or empty. */
    public static Optional<Datatype> of(int number) {
        return Optional.ofNullable(BY_NUMBER.get(number));
    }

    /** The type named as in {@code type ipv4_addr}, or empty. */
    public static Optional<Datatype> byName(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }

    /** Every registered type, in number order. */
    public static List<Datatype> all() {
        List<Datatype> out = new ArrayList<>(BY_NUMBER.values());
        out.sort((a, b) -> Integer.compare(a.number, b.number));
        return Collections.unmodifiableList(out);
    }

    /**
     * The types of a concatenation key as packed in NFTA_SET_KEY_TYPE (6 bits per field, first field in the
     * most significant used bits, as nft's concat_subtype_id does).
     */
    public static List<Integer> concatNumbers(int packed) {
        List<Integer> out = new ArrayList<>();
        int v = packed;
        while (v != 0) {
            out.addFirst(v & 0x3f);
            v >>>= 6;
        }
        return out;
    }

    /** Packs type numbers as NFTA_SET_KEY_TYPE does for a concatenation. */
    public static int concatPack(List<Integer> numbers) {
        int v = 0;
        for (int n : numbers) {
            v = (v << 6) | n;
        }
        return v;
    }

    /** A symbol's value by name, or empty. */
    public OptionalLong symbolValue(String symbol) {
        for (Symbol s : symbols) {
            if (s.name().equals(symbol)) {
                return OptionalLong.of(s.value());
            }
        }
        return OptionalLong.empty();
    }

    /** The first symbol naming {@code value}, or empty (nft prints the first table entry that matches). */
    public Optional<String> symbolName(long value) {
        for (Symbol s : symbols) {
            if (s.value() == value) {
                return Optional.of(s.name());
            }
        }
        return Optional.empty();
    }

    // ---------------------------------------------------------------------------------------------------
    // format

    /** Formats value bytes (as a cmp or set element holds them) the way {@code nft list ruleset} prints them. */
    public String format(byte[] value) {
        Objects.requireNonNull(value, "value");
        try {
            return switch (kind) {
                case INTEGER, INTEGER_FILE -> formatIntegerOrSymbol(value);
                case MARK -> formatMark(value);
                case SYMBOLIC -> formatSymbolic(value);
                case BITMASK -> formatBits(value, ",");
                case STRING -> "\"" + string(value) + "\"";
                case IPV4 -> formatIpv4(value);
                case IPV6 -> formatIpv6(value);
                case LLADDR -> formatLladdr(value);
                case VERDICT -> formatVerdictCode(value);
                case TIME -> formatTime(toLong(value));
                case DATE -> "\"" + formatDate(toLong(value)) + "\"";
                case HOUR -> "\"" + formatHour(toLong(value)) + "\"";
                case BOOLEAN -> toLong(value) != 0 ? "exists" : "missing";
                case CLASSID -> formatClassid(toLong(value));
                case IFINDEX -> Long.toUnsignedString(toLong(value));
                case CT_LABEL -> formatCtLabel(value);
                case RAW -> "0x" + java.util.HexFormat.of().formatHex(value);
            };
        } catch (RuntimeException e) {
            // Format never throws: a value nft would reject still prints faithfully as hex.
            return "0x" + java.util.HexFormat.of().formatHex(value);
        }
    }

    /** The unsigned value of {@code value} in this type's byte order (at most 8 significant bytes). */
    public long toLong(byte[] value) {
        return toBig(value).longValue();
    }

    /** The unsigned value of {@code value} in this type's byte order. */
    public BigInteger toBig(byte[] value) {
        byte[] be = value.clone();
        if (endian == Endian.HOST && java.nio.ByteOrder.nativeOrder() == java.nio.ByteOrder.LITTLE_ENDIAN) {
            reverse(be);
        }
        return new BigInteger(1, be);
    }

    /** {@code v} as {@code length} bytes in this type's byte order. */
    public byte[] toBytes(BigInteger v, int length) {
        byte[] mag = v.toByteArray();
        byte[] be = new byte[length];
        int n = Math.min(mag.length, length);
        System.arraycopy(mag, mag.length - n, be, length - n, n);
        if (endian == Endian.HOST && java.nio.ByteOrder.nativeOrder() == java.nio.ByteOrder.LITTLE_ENDIAN) {
            reverse(be);
        }
        return be;
    }

    /** {@code v} as {@code length} bytes in this type's byte order. */
    public byte[] toBytes(long v, int length) {
        return toBytes(new BigInteger(Long.toUnsignedString(v)), length);
    }

    private static void reverse(byte[] b) {
        for (int i = 0, j = b.length - 1; i < j; i++, j--) {
            byte t = b[i];
            b[i] = b[j];
            b[j] = t;
        }
    }

    private String formatIntegerOrSymbol(byte[] value) {
        BigInteger v = toBig(value);
        if (!symbols.isEmpty() && v.bitLength() < 63) {
            Optional<String> s = symbolName(v.longValue());
            if (s.isPresent()) {
                // names from iproute2 files print quoted, as nft's symbol table print does for them
                return kind == Kind.INTEGER_FILE ? "\"" + s.get() + "\"" : s.get();
            }
        }
        return v.toString();
    }

    private String formatMark(byte[] value) {
        BigInteger v = toBig(value);
        return String.format("0x%08x", v);
    }

    private String formatSymbolic(byte[] value) {
        BigInteger v = toBig(value);
        if (v.bitLength() < 63) {
            Optional<String> s = symbolName(v.longValue());
            if (s.isPresent()) {
                return number == 45 ? "\"" + s.get() + "\"" : s.get();
            }
        }
        if (this == ETHER_TYPE || number == ETHER_TYPE.number) {
            return String.format("0x%04x", v);
        }
        return v.toString();
    }

    /**
     * A bitmask value as its set bits' names in ascending bit order, joined by {@code separator}; bits
     * without a name print as hex, a zero value as the symbol for 0 or {@code 0x0}.
     */
    public String formatBits(byte[] value, String separator) {
        long v = toLong(value);
        if (v == 0) {
            return symbolName(0).orElse("0x0");
        }
        List<String> parts = new ArrayList<>();
        long rest = v;
        for (int bit = 0; bit < 64; bit++) {
            long m = 1L << bit;
            if ((v & m) != 0) {
                Optional<String> s = symbolName(m);
                if (s.isPresent()) {
                    parts.add(s.get());
                    rest &= ~m;
                }
            }
        }
        if (rest != 0) {
            parts.add("0x" + Long.toHexString(rest));
        }
        return String.join(separator, parts);
    }

    /** The string up to the first NUL. */
    public static String string(byte[] value) {
        int n = 0;
        while (n < value.length && value[n] != 0) {
            n++;
        }
        return new String(value, 0, n, StandardCharsets.UTF_8);
    }

    public static String formatIpv4(byte[] value) {
        if (value.length != 4) {
            throw new IllegalArgumentException("ipv4_addr: " + value.length + " bytes, expected 4");
        }
        return (value[0] & 0xff) + "." + (value[1] & 0xff) + "." + (value[2] & 0xff) + "." + (value[3] & 0xff);
    }

    /** RFC 5952 text as glibc's inet_ntop writes it (embedded IPv4 for ::ffff:a.b.c.d and ::a.b.c.d). */
    public static String formatIpv6(byte[] value) {
        if (value.length != 16) {
            throw new IllegalArgumentException("ipv6_addr: " + value.length + " bytes, expected 16");
        }
        int[] w = new int[8];
        for (int i = 0; i < 8; i++) {
            w[i] = ((value[2 * i] & 0xff) << 8) | (value[2 * i + 1] & 0xff);
        }
        int bestBase = -1;
        int bestLen = 0;
        int curBase = -1;
        int curLen = 0;
        for (int i = 0; i < 8; i++) {
            if (w[i] == 0) {
                if (curBase == -1) {
                    curBase = i;
                    curLen = 1;
                } else {
                    curLen++;
                }
            } else if (curBase != -1) {
                if (bestBase == -1 || curLen > bestLen) {
                    bestBase = curBase;
                    bestLen = curLen;
                }
                curBase = -1;
            }
        }
        if (curBase != -1 && (bestBase == -1 || curLen > bestLen)) {
            bestBase = curBase;
            bestLen = curLen;
        }
        if (bestBase != -1 && bestLen < 2) {
            bestBase = -1;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (bestBase != -1 && i >= bestBase && i < bestBase + bestLen) {
                if (i == bestBase) {
                    sb.append(':');
                }
                continue;
            }
            if (i != 0) {
                sb.append(':');
            }
            if (i == 6 && bestBase == 0 && (bestLen == 6 || (bestLen == 5 && w[5] == 0xffff))) {
                sb.append(value[12] & 0xff).append('.').append(value[13] & 0xff).append('.')
                        .append(value[14] & 0xff).append('.').append(value[15] & 0xff);
                return sb.toString();
            }
            sb.append(Integer.toHexString(w[i]));
        }
        if (bestBase != -1 && bestBase + bestLen == 8) {
            sb.append(':');
        }
        return sb.toString();
    }

    public static String formatLladdr(byte[] value) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < value.length; i++) {
            if (i > 0) {
                sb.append(':');
            }
            sb.append(String.format("%02x", value[i] & 0xff));
        }
        return sb.toString();
    }

    private static String formatVerdictCode(byte[] value) {
        int code = ByteBuffer.wrap(value).order(java.nio.ByteOrder.nativeOrder()).getInt();
        return verdictName(code);
    }

    /** nft's word for a verdict code (NF_DROP 0, NF_ACCEPT 1, NF_QUEUE 3, NFT_CONTINUE -1, ...). */
    public static String verdictName(int code) {
        return switch (code) {
            case 0 -> "drop";
            case 1 -> "accept";
            case 2 -> "stolen";
            case 3 -> "queue";
            case 4 -> "repeat";
            case -1 -> "continue";
            case -2 -> "break";
            case -3 -> "jump";
            case -4 -> "goto";
            case -5 -> "return";
            default -> "verdict " + code;
        };
    }

    /** Milliseconds as nft prints a relative time: {@code 1d2h3m4s5ms}, {@code 0s} for zero. */
    public static String formatTime(long ms) {
        if (ms == 0) {
            return "0s";
        }
        long days = ms / 86_400_000L;
        long rest = ms % 86_400_000L;
        long hours = rest / 3_600_000L;
        rest %= 3_600_000L;
        long minutes = rest / 60_000L;
        rest %= 60_000L;
        long seconds = rest / 1000L;
        long millis = rest % 1000L;
        StringBuilder sb = new StringBuilder();
        if (days > 0) {
            sb.append(days).append('d');
        }
        if (hours > 0) {
            sb.append(hours).append('h');
        }
        if (minutes > 0) {
            sb.append(minutes).append('m');
        }
        if (seconds > 0) {
            sb.append(seconds).append('s');
        }
        if (millis > 0) {
            sb.append(millis).append("ms");
        }
        return sb.toString();
    }

    /** Parses nft time text ({@code 1h30m}, {@code 5s}, {@code 250ms}, a bare number is seconds) to milliseconds. */
    public static long parseTime(String text) {
        String s = text.trim();
        if (s.isEmpty()) {
            throw new IllegalArgumentException("time: empty value");
        }
        if (s.chars().allMatch(Character::isDigit)) {
            return Long.parseLong(s) * 1000L;
        }
        long total = 0;
        int i = 0;
        boolean any = false;
        while (i < s.length()) {
            int start = i;
            while (i < s.length() && Character.isDigit(s.charAt(i))) {
                i++;
            }
            if (start == i) {
                throw new IllegalArgumentException("time: bad time value '" + text + "'");
            }
            long n = Long.parseLong(s.substring(start, i));
            int us = i;
            while (i < s.length() && Character.isLetter(s.charAt(i))) {
                i++;
            }
            String unit = s.substring(us, i);
            long mult = switch (unit) {
                case "d" -> 86_400_000L;
                case "h" -> 3_600_000L;
                case "m" -> 60_000L;
                case "s", "" -> 1000L;
                case "ms" -> 1L;
                default -> throw new IllegalArgumentException("time: bad unit '" + unit + "' in '" + text + "'");
            };
            total += n * mult;
            any = true;
        }
        if (!any) {
            throw new IllegalArgumentException("time: bad time value '" + text + "'");
        }
        return total;
    }

    private static final DateTimeFormatter DATE_FMT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    /** Nanoseconds since the epoch in the local time zone, as nft prints {@code meta time}. */
    public static String formatDate(long nanos) {
        LocalDateTime t = LocalDateTime.ofInstant(Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L)),
                ZoneId.systemDefault());
        return t.format(DATE_FMT);
    }

    /** Seconds since midnight UTC shown in local time as {@code HH:MM} (and {@code :SS} when not zero). */
    public static String formatHour(long seconds) {
        long offset = ZoneId.systemDefault().getRules().getOffset(Instant.now()).getTotalSeconds();
        long s = Math.floorMod(seconds + offset, 86400L);
        long h = s / 3600;
        long m = (s % 3600) / 60;
        long sec = s % 60;
        return sec == 0 ? String.format("%02d:%02d", h, m) : String.format("%02d:%02d:%02d", h, m, sec);
    }

    private static String formatClassid(long v) {
        if (v == 0xffffffffL) {
            return "root";
        }
        if (v == 0) {
            return "none";
        }
        return Long.toHexString(v >>> 16) + ":" + Long.toHexString(v & 0xffff);
    }

    private String formatCtLabel(byte[] value) {
        BigInteger v = toBig(value);
        if (v.bitCount() == 1) {
            return Integer.toString(v.getLowestSetBit());
        }
        return "0x" + v.toString(16);
    }

    // ---------------------------------------------------------------------------------------------------
    // parse

    /** Parses nft text to value bytes of {@link #byteLength()} bytes. */
    public byte[] parse(String text) {
        return parse(text, byteLength());
    }

    /**
     * Parses nft text to value bytes of {@code length} bytes (the length of the expression compared with,
     * needed for integer and string types whose size comes from the field).
     *
     * @throws IllegalArgumentException naming the type and the text when it does not parse
     */
    public byte[] parse(String text, int length) {
        Objects.requireNonNull(text, "text");
        String t = text.trim();
        try {
            return switch (kind) {
                case INTEGER, INTEGER_FILE, SYMBOLIC -> toBytes(checkFits(parseNumberOrSymbol(t), length, t), length);
                case MARK, IFINDEX -> toBytes(checkFits(parseNumber(t), length, t), length);
                case BITMASK -> toBytes(checkFits(BigInteger.valueOf(parseBits(t)), length, t), length);
                case STRING -> parseString(t, length);
                case IPV4 -> parseIpv4(t);
                case IPV6 -> parseIpv6(t);
                case LLADDR -> parseLladdr(t, length);
                case TIME -> toBytes(parseTime(unquote(t)), length == 0 ? 8 : length);
                case BOOLEAN -> toBytes(parseBoolean(t), Math.max(length, 1));
                case CLASSID -> toBytes(parseClassid(t), 4);
                case CT_LABEL -> toBytes(BigInteger.ONE.shiftLeft(parseNumber(t).intValueExact()), 16);
                case DATE -> toBytes(parseDate(unquote(t)), 8);
                case HOUR -> toBytes(parseHour(unquote(t)), 4);
                case VERDICT, RAW -> throw new IllegalArgumentException(name + ": cannot parse '" + text + "'");
            };
        } catch (NumberFormatException | ArithmeticException | DateTimeParseException e) {
            throw new IllegalArgumentException(name + ": cannot parse '" + text + "'", e);
        }
    }

    private BigInteger checkFits(BigInteger v, int length, String text) {
        if (length > 0 && v.bitLength() > length * 8) {
            throw new IllegalArgumentException(name + ": value '" + text + "' exceeds " + length * 8 + " bits");
        }
        if (bits > 0 && bits < length * 8 && v.bitLength() > bits) {
            throw new IllegalArgumentException(name + ": value '" + text + "' exceeds " + bits + " bits");
        }
        return v;
    }

    private BigInteger parseNumberOrSymbol(String t) {
        OptionalLong s = symbolValue(unquote(t));
        if (s.isPresent()) {
            return BigInteger.valueOf(s.getAsLong());
        }
        if (this.number == INET_SERVICE.number && !t.isEmpty() && !Character.isDigit(t.charAt(0))) {
            OptionalLong port = SystemTables.service(unquote(t));
            if (port.isPresent()) {
                return BigInteger.valueOf(port.getAsLong());
            }
        }
        if (!t.isEmpty() && !Character.isDigit(t.charAt(0))) {
            throw new IllegalArgumentException(name + ": unknown value '" + t + "'"
                    + (symbols.isEmpty() ? "" : " (known: " + String.join(", ", symbols.stream()
                    .map(Symbol::name).toList()) + ")"));
        }
        return parseNumber(t);
    }

    /** Decimal, {@code 0x} hex or {@code 0} octal as strtoull with base 0 reads it. */
    public static BigInteger parseNumber(String t) {
        String s = t.trim();
        if (s.startsWith("0x") || s.startsWith("0X")) {
            return new BigInteger(s.substring(2), 16);
        }
        BigInteger v = new BigInteger(s);
        if (v.signum() < 0) {
            throw new NumberFormatException("negative: " + s);
        }
        return v;
    }

    /** Bit names or numbers joined by {@code ,} or {@code |}. */
    public long parseBits(String t) {
        long v = 0;
        for (String part : t.split("[,|]")) {
            String p = part.trim();
            if (p.isEmpty()) {
                throw new IllegalArgumentException(name + ": empty flag in '" + t + "'");
            }
            OptionalLong s = symbolValue(p);
            if (s.isPresent()) {
                v |= s.getAsLong();
            } else if (Character.isDigit(p.charAt(0))) {
                v |= parseNumber(p).longValueExact();
            } else {
                throw new IllegalArgumentException(name + ": unknown flag '" + p + "' (known: "
                        + String.join(", ", symbols.stream().map(Symbol::name).toList()) + ")");
            }
        }
        return v;
    }

    private static String unquote(String t) {
        if (t.length() >= 2 && t.startsWith("\"") && t.endsWith("\"")) {
            return t.substring(1, t.length() - 1);
        }
        return t;
    }

    /**
     * A string padded with NULs to {@code length}; a trailing {@code *} (wildcard {@code "eth*"}) gives the
     * prefix bytes only, without NUL, as nft compares interface-name prefixes.
     */
    public byte[] parseString(String t, int length) {
        String s = unquote(t);
        if (s.endsWith("*") && !s.endsWith("\\*")) {
            return s.substring(0, s.length() - 1).getBytes(StandardCharsets.UTF_8);
        }
        byte[] raw = s.replace("\\*", "*").getBytes(StandardCharsets.UTF_8);
        int len = length == 0 ? raw.length + 1 : length;
        if (raw.length > len) {
            throw new IllegalArgumentException(name + ": '" + s + "' is longer than " + len + " bytes");
        }
        return Arrays.copyOf(raw, len);
    }

    public static byte[] parseIpv4(String t) {
        String[] p = t.split("\\.", -1);
        if (p.length != 4) {
            throw new IllegalArgumentException("ipv4_addr: '" + t + "' is not an IPv4 address");
        }
        byte[] out = new byte[4];
        for (int i = 0; i < 4; i++) {
            if (p[i].isEmpty() || p[i].length() > 3 || !p[i].chars().allMatch(Character::isDigit)) {
                throw new IllegalArgumentException("ipv4_addr: '" + t + "' is not an IPv4 address");
            }
            int v = Integer.parseInt(p[i]);
            if (v > 255) {
                throw new IllegalArgumentException("ipv4_addr: '" + t + "' is not an IPv4 address");
            }
            out[i] = (byte) v;
        }
        return out;
    }

    public static byte[] parseIpv6(String t) {
        String s = t.startsWith("[") && t.endsWith("]") ? t.substring(1, t.length() - 1) : t;
        if (s.isEmpty() || s.indexOf(':') < 0 || !s.chars().allMatch(c -> Character.digit(c, 16) >= 0
                || c == ':' || c == '.')) {
            throw new IllegalArgumentException("ipv6_addr: '" + t + "' is not an IPv6 address");
        }
        try {
            // A literal (checked above), so no name lookup happens.
            byte[] b = InetAddress.getByName(s).getAddress();
            if (b.length == 4) {
                byte[] mapped = new byte[16];
                mapped[10] = (byte) 0xff;
                mapped[11] = (byte) 0xff;
                System.arraycopy(b, 0, mapped, 12, 4);
                return mapped;
            }
            return b;
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("ipv6_addr: '" + t + "' is not an IPv6 address", e);
        }
    }

    private byte[] parseLladdr(String t, int length) {
        String[] p = t.split(":", -1);
        if (length > 0 && p.length != length) {
            throw new IllegalArgumentException(name + ": '" + t + "' does not have " + length + " bytes");
        }
        byte[] out = new byte[p.length];
        for (int i = 0; i < p.length; i++) {
            if (p[i].isEmpty() || p[i].length() > 2) {
                throw new IllegalArgumentException(name + ": '" + t + "' is not a link layer address");
            }
            out[i] = (byte) Integer.parseInt(p[i], 16);
        }
        return out;
    }

    private static long parseBoolean(String t) {
        return switch (t) {
            case "exists", "true" -> 1;
            case "missing", "false" -> 0;
            default -> throw new IllegalArgumentException("boolean: '" + t + "' is not exists/missing/true/false");
        };
    }

    private static long parseClassid(String t) {
        String s = unquote(t);
        if (s.equals("root")) {
            return 0xffffffffL;
        }
        if (s.equals("none")) {
            return 0;
        }
        int colon = s.indexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("classid: '" + t + "' is not major:minor");
        }
        long major = s.substring(0, colon).isEmpty() ? 0 : Long.parseLong(s.substring(0, colon), 16);
        long minor = s.substring(colon + 1).isEmpty() ? 0 : Long.parseLong(s.substring(colon + 1), 16);
        return (major << 16) | minor;
    }

    private static long parseDate(String s) {
        String full = s.length() == 10 ? s + " 00:00:00" : s;
        LocalDateTime t = LocalDateTime.parse(full, DATE_FMT);
        return t.atZone(ZoneId.systemDefault()).toEpochSecond() * 1_000_000_000L;
    }

    private static long parseHour(String s) {
        String[] p = s.split(":");
        if (p.length < 2 || p.length > 3) {
            throw new IllegalArgumentException("hour: '" + s + "' is not HH:MM[:SS]");
        }
        long secs = Long.parseLong(p[0]) * 3600 + Long.parseLong(p[1]) * 60 + (p.length == 3 ? Long.parseLong(p[2]) : 0);
        long offset = ZoneId.systemDefault().getRules().getOffset(Instant.now()).getTotalSeconds();
        return Math.floorMod(secs - offset, 86400L);
    }

    @Override
    public String toString() {
        return name + "(" + number + ", " + bits + " bits, " + endian.name().toLowerCase(Locale.ROOT) + ")";
    }
}
