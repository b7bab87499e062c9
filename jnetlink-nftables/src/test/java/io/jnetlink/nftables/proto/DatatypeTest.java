package io.jnetlink.nftables.proto;

import io.jnetlink.nftables.model.Family;
import org.junit.jupiter.api.Test;

import java.nio.ByteOrder;
import java.util.HexFormat;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Datatype parse/format round trips against the bytes and text nft 1.0.6 uses. */
class DatatypeTest {

    private static byte[] hex(String h) {
        return HexFormat.of().parseHex(h);
    }

    private static void roundTrip(Datatype t, String text, String bytesHex) {
        byte[] b = t.parse(text);
        assertEquals(bytesHex, HexFormat.of().formatHex(b), t.name() + " parse " + text);
        assertEquals(text, t.format(b), t.name() + " format");
    }

    @Test
    void networkOrderTypes() {
        roundTrip(Datatype.IPV4_ADDR, "10.0.0.1", "0a000001");
        roundTrip(Datatype.INET_SERVICE, "22", "0016");
        roundTrip(Datatype.ETHER_TYPE, "ip6", "86dd");
        roundTrip(Datatype.ETHER_ADDR, "02:00:00:00:00:01", "020000000001");
        roundTrip(Datatype.INET_PROTO, "tcp", "06");
        roundTrip(Datatype.INET_PROTO, "ipv6-icmp", "3a");
        roundTrip(Datatype.ICMP_TYPE, "echo-request", "08");
        roundTrip(Datatype.ICMPV6_TYPE, "nd-neighbor-solicit", "87");
        roundTrip(Datatype.ICMP_CODE, "port-unreachable", "03");
        roundTrip(Datatype.ARP_OP, "request", "0001");
        roundTrip(Datatype.DSCP, "cs1", "08");
    }

    @Test
    void hostOrderTypesFollowTheMachine() {
        boolean le = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN;
        byte[] mark = Datatype.MARK.parse("0x10");
        assertArrayEquals(le ? hex("10000000") : hex("00000010"), mark);
        assertEquals("0x00000010", Datatype.MARK.format(mark));
        byte[] st = Datatype.CT_STATE.parse("established,related");
        assertEquals(6, Datatype.CT_STATE.toLong(st));
        assertEquals("established,related", Datatype.CT_STATE.format(st));
        assertEquals("ipv4", Datatype.NFPROTO.format(Datatype.NFPROTO.parse("ipv4")));
        assertEquals("host", Datatype.PKTTYPE.format(new byte[]{0}));
        assertEquals("exists", Datatype.BOOLEAN.format(new byte[]{1}));
    }

    @Test
    void flagsFormatInBitOrder() {
        assertEquals("fin,syn,rst,ack", Datatype.TCP_FLAG.formatBits(new byte[]{0x17}, ","));
        assertEquals("syn | ack", Datatype.TCP_FLAG.formatBits(new byte[]{0x12}, " | "));
        assertEquals(0x12, Datatype.TCP_FLAG.parseBits("syn|ack"));
        assertEquals("snat,dnat", Datatype.CT_STATUS.format(Datatype.CT_STATUS.toBytes(0x30, 4)));
    }

    @Test
    void interfaceNamesArePaddedAndWildcardsArePrefixes() {
        byte[] b = Datatype.IFNAME.parse("\"eth0\"");
        assertEquals(16, b.length);
        assertEquals("\"eth0\"", Datatype.IFNAME.format(b));
        assertArrayEquals("eth".getBytes(), Datatype.IFNAME.parse("\"eth*\""));
    }

    @Test
    void ipv6FormatsLikeInetNtop() {
        assertEquals("::1", Datatype.formatIpv6(Datatype.parseIpv6("::1")));
        assertEquals("::", Datatype.formatIpv6(new byte[16]));
        assertEquals("2001:db8::1", Datatype.formatIpv6(Datatype.parseIpv6("2001:0db8:0:0::1")));
        assertEquals("2001:db8:0:1:1:1:1:1", Datatype.formatIpv6(Datatype.parseIpv6("2001:db8:0:1:1:1:1:1")));
        assertEquals("::ffff:1.2.3.4", Datatype.formatIpv6(Datatype.parseIpv6("::ffff:1.2.3.4")));
        assertEquals("ff02::1:ff00:0", Datatype.formatIpv6(Datatype.parseIpv6("ff02::1:ff00:0")));
        assertEquals("fe80::", Datatype.formatIpv6(Datatype.parseIpv6("fe80::")));
    }

    @Test
    void timesAsNftPrintsThem() {
        assertEquals("1d2h", Datatype.formatTime(Datatype.parseTime("1d2h")));
        assertEquals("30m", Datatype.formatTime(1_800_000));
        assertEquals("5s", Datatype.formatTime(5000));
        assertEquals(250, Datatype.parseTime("250ms"));
        assertEquals(60_000, Datatype.parseTime("60"));
    }

    @Test
    void badInputNamesTheTypeAndTheValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Datatype.IPV4_ADDR.parse("10.0.0.300"));
        assertTrue(e.getMessage().contains("10.0.0.300"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Datatype.CT_STATE.parse("establish"));
        assertTrue(e.getMessage().contains("ct_state") && e.getMessage().contains("establish"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Datatype.INET_SERVICE.parse("70000"));
    }

    @Test
    void formatNeverThrows() {
        assertEquals("0x0102", Datatype.IPV4_ADDR.format(new byte[]{1, 2}));
    }

    @Test
    void concatenatedKeyTypesPackSixBitsEach() {
        int packed = Datatype.concatPack(List.of(7, 13));
        assertEquals(7 << 6 | 13, packed);
        assertEquals(List.of(7, 13), Datatype.concatNumbers(packed));
        assertEquals("ipv4_addr", Datatype.of(7).orElseThrow().name());
        assertEquals(13, Datatype.byName("inet_service").orElseThrow().number());
    }

    @Test
    void headerFieldsLoadWholeBytesAndMask() {
        ProtoField dscp = Protocols.field("ip", "dscp").orElseThrow();
        assertEquals(1, dscp.loadOffset());
        assertEquals(1, dscp.loadLength());
        assertArrayEquals(hex("fc"), dscp.mask());
        assertEquals(2, dscp.shift());
        ProtoField vid = Protocols.field("vlan", "id").orElseThrow();
        assertEquals(14, vid.loadOffset());
        assertEquals(2, vid.loadLength());
        assertArrayEquals(hex("0fff"), vid.mask());
        ProtoField dport = Protocols.field("tcp", "dport").orElseThrow();
        assertTrue(dport.byteAligned());
        assertEquals(2, dport.loadOffset());
    }

    @Test
    void dependenciesAsNftEmitsThem() {
        assertEquals(List.of("meta l4proto tcp"), texts(Protocols.dependencies(Family.IP, Protocols.TCP)));
        assertEquals(List.of("meta nfproto ipv4"), texts(Protocols.dependencies(Family.INET, Protocols.IP)));
        assertEquals(List.of(), texts(Protocols.dependencies(Family.IP, Protocols.IP)));
        assertEquals(List.of("meta nfproto ipv6", "meta l4proto ipv6-icmp"),
                texts(Protocols.dependencies(Family.INET, Protocols.ICMPV6)));
        assertEquals(List.of("meta protocol ip"), texts(Protocols.dependencies(Family.NETDEV, Protocols.IP)));
        assertEquals(List.of("ether type arp"), texts(Protocols.dependencies(Family.BRIDGE, Protocols.ARP)));
        assertEquals(List.of("meta iiftype ether", "ether type 8021q"),
                texts(Protocols.dependencies(Family.INET, Protocols.VLAN)));
        assertEquals(List.of(), texts(Protocols.dependencies(Family.INET, Protocols.TH_)));
    }

    private static List<String> texts(List<Dependency> deps) {
        return deps.stream().map(Dependency::text).toList();
    }

    @Test
    void metaAndCtKeysByName() {
        assertEquals(16, MetaKeyInfo.byName("l4proto").orElseThrow().code());
        assertEquals("iifname", MetaKeyInfo.IIFNAME.nftText());
        assertEquals("meta mark", MetaKeyInfo.MARK.nftText());
        assertEquals(Datatype.CT_STATE, CtKeyInfo.byName("state").orElseThrow().type());
        assertEquals(19, CtKeyInfo.byName("ip saddr").orElseThrow().code());
    }
}
