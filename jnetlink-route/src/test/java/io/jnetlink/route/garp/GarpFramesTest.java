package io.jnetlink.route.garp;

import io.jnetlink.core.net.InetAddresses;
import io.jnetlink.core.net.MacAddress;
import io.jnetlink.oracles.HexDiff;
import org.junit.jupiter.api.Test;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.util.HexFormat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The announcement frames byte for byte; the checksum also verified by an independent summation. */
class GarpFramesTest {

    private static final MacAddress MAC = MacAddress.parse("02:aa:bb:cc:dd:01");

    private static byte[] hex(String text) {
        return HexFormat.of().parseHex(text.replaceAll("#[^\\n]*", "").replaceAll("[\\s|]", ""));
    }

    @Test
    void arpAnnouncementIsWhatArpingMinusUSends() {
        byte[] frame = GarpFrames.arpAnnouncement(MAC, (Inet4Address) InetAddresses.parse("192.0.2.10"));
        HexDiff.assertBytes("gratuitous ARP", hex("""
                ff ff ff ff ff ff   # destination: broadcast
                02 aa bb cc dd 01   # source: the interface
                08 06               # EtherType ARP
                00 01 08 00 06 04   # htype Ethernet, ptype IPv4, hlen 6, plen 4
                00 01               # op request
                02 aa bb cc dd 01   # sha
                c0 00 02 0a         # spa 192.0.2.10
                ff ff ff ff ff ff   # tha: broadcast, as arping -U writes it
                c0 00 02 0a         # tpa 192.0.2.10
                """), frame);
    }

    @Test
    void unsolicitedNeighbourAdvertisementIsWhatTheKernelSendsWithNdiscNotify() {
        byte[] frame = GarpFrames.neighbourAdvertisement(MAC, (Inet6Address) InetAddresses.parse("2001:db8::1"));
        HexDiff.assertBytes("unsolicited NA", hex("""
                33 33 00 00 00 01 02 aa bb cc dd 01 86 dd   # to 33:33:00:00:00:01, EtherType IPv6
                60 00 00 00 00 20 3a ff                     # version 6, payload 32, next header ICMPv6, hop limit 255
                20 01 0d b8 00 00 00 00 00 00 00 00 00 00 00 01   # source 2001:db8::1
                ff 02 00 00 00 00 00 00 00 00 00 00 00 00 00 01   # destination ff02::1
                88 00 5f b3                                 # type 136, code 0, checksum 0x5fb3
                20 00 00 00                                 # flags: Override
                20 01 0d b8 00 00 00 00 00 00 00 00 00 00 00 01   # target
                02 01 02 aa bb cc dd 01                     # target link-layer address option
                """), frame);
        assertEquals(0xFFFF, onesComplementSumWithPseudoHeader(frame), "checksum verifies (RFC 4443 2.3)");
    }

    /**
     * Written apart from GarpFrames: the 16-bit ones' complement sum over source, destination, the upper-layer
     * length as 32 bits, next header as 32 bits, and the ICMPv6 message including its checksum; 0xffff when valid.
     */
    static int onesComplementSumWithPseudoHeader(byte[] frame) {
        int ipv6 = 14;
        int payloadLength = ((frame[ipv6 + 4] & 0xFF) << 8) | (frame[ipv6 + 5] & 0xFF);
        int nextHeader = frame[ipv6 + 6] & 0xFF;
        long sum = 0;
        for (int i = ipv6 + 8; i < ipv6 + 40; i += 2) {
            sum += ((frame[i] & 0xFF) << 8) | (frame[i + 1] & 0xFF);
        }
        sum += payloadLength + nextHeader;
        int icmp = ipv6 + 40;
        for (int i = 0; i < payloadLength; i += 2) {
            int hi = frame[icmp + i] & 0xFF;
            int lo = i + 1 < payloadLength ? frame[icmp + i + 1] & 0xFF : 0;
            sum += (hi << 8) | lo;
        }
        while (sum > 0xFFFF) {
            sum = (sum & 0xFFFF) + (sum >> 16);
        }
        return (int) sum;
    }

    @Test
    void addressesThatCannotBeAnnouncedAreRefused() {
        assertEquals("invalid address 0.0.0.0: the unspecified address and multicast addresses cannot be announced",
                assertThrows(IllegalArgumentException.class, () -> GarpFrames.arpAnnouncement(MAC,
                        (Inet4Address) InetAddresses.parse("0.0.0.0"))).getMessage());
        assertThrows(IllegalArgumentException.class, () -> GarpFrames.arpAnnouncement(MAC,
                (Inet4Address) InetAddresses.parse("224.0.0.1")));
        assertThrows(IllegalArgumentException.class, () -> GarpFrames.arpAnnouncement(MAC,
                (Inet4Address) InetAddresses.parse("255.255.255.255")));
        assertEquals("invalid address ff02::1: the unspecified address and multicast addresses cannot be announced",
                assertThrows(IllegalArgumentException.class, () -> GarpFrames.neighbourAdvertisement(MAC,
                        (Inet6Address) InetAddresses.parse("ff02::1"))).getMessage());
        assertThrows(IllegalArgumentException.class, () -> GarpFrames.neighbourAdvertisement(MAC,
                (Inet6Address) InetAddresses.parse("::")));
    }

    @Test
    void macsThatCannotSendAreRefused() {
        Inet4Address ip = (Inet4Address) InetAddresses.parse("192.0.2.10");
        assertEquals("invalid mac 01:00:5e:00:00:01: must be a 6-byte unicast Ethernet address",
                assertThrows(IllegalArgumentException.class,
                        () -> GarpFrames.arpAnnouncement(MacAddress.parse("01:00:5e:00:00:01"), ip)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> GarpFrames.arpAnnouncement(MacAddress.ZERO, ip));
        assertThrows(IllegalArgumentException.class,
                () -> GarpFrames.arpAnnouncement(MacAddress.parse("00:11:22:33:44:55:66:77"), ip));
    }
}
