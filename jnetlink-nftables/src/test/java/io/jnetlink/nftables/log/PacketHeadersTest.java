package io.jnetlink.nftables.log;

import org.junit.jupiter.api.Test;

import java.util.HexFormat;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Header decoding of logged packets, including every truncation of a real packet. */
class PacketHeadersTest {

    // IPv4 10.0.0.1 -> 10.0.0.2 ttl 64, TCP 40000 -> 22 SYN (captured layout, checksums zero)
    static final byte[] TCP_SYN = HexFormat.of().parseHex(
            "4500003c1c4640004006000" + "00a0000010a000002"
                    + "9c400016" + "00000001" + "00000000" + "a002faf0" + "00000000"
                    + "020405b40402080a0000000000000000");

    // IPv6 fe80::1 -> ff02::1 hop limit 255, hop-by-hop header, then ICMPv6 type 143 code 0
    static final byte[] ICMP6_BEHIND_HBH = HexFormat.of().parseHex(
            "6000000000100" + "0ff"
                    + "fe800000000000000000000000000001" + "ff020000000000000000000000000001"
                    + "3a00050200000100" + "8f00000000000001");

    @Test
    void decodesIpv4Tcp() {
        PacketHeaders h = PacketHeaders.decode(TCP_SYN, 0x0800);
        PacketHeaders.Ipv4 ip = (PacketHeaders.Ipv4) h.network().orElseThrow();
        assertEquals("10.0.0.1", ip.source().getHostAddress());
        assertEquals("10.0.0.2", ip.destination().getHostAddress());
        assertEquals(6, ip.protocol());
        assertEquals(64, ip.ttl());
        assertEquals(60, ip.totalLength());
        assertEquals(new PacketHeaders.Tcp(40000, 22, OptionalInt.of(0x02)), h.transport().orElseThrow());
    }

    @Test
    void walksIpv6ExtensionHeaders() {
        PacketHeaders h = PacketHeaders.decode(ICMP6_BEHIND_HBH, 0x86DD);
        PacketHeaders.Ipv6 ip = (PacketHeaders.Ipv6) h.network().orElseThrow();
        assertEquals(0, ip.nextHeader());
        assertEquals(58, ip.protocol());
        assertEquals(255, ip.hopLimit());
        assertEquals(Optional.of(new PacketHeaders.Icmpv6(143, 0)), h.transport());
    }

    @Test
    void ipv4MappedAddressesStayIpv6() {
        byte[] p = ICMP6_BEHIND_HBH.clone();
        byte[] mapped = HexFormat.of().parseHex("00000000000000000000ffff0a000001");
        System.arraycopy(mapped, 0, p, 8, 16);
        PacketHeaders.Ipv6 ip = (PacketHeaders.Ipv6) PacketHeaders.decode(p, 0x86DD).network().orElseThrow();
        assertEquals(16, ip.source().getAddress().length);
    }

    @Test
    void nonFirstFragmentHasNoTransport() {
        byte[] p = TCP_SYN.clone();
        p[6] = 0x00;
        p[7] = 0x10; // fragment offset 16 * 8 bytes
        PacketHeaders h = PacketHeaders.decode(p, 0x0800);
        assertTrue(h.network().isPresent());
        assertTrue(h.transport().isEmpty());
    }

    @Test
    void everyTruncationDecodesWhatIsPresentWithoutThrowing() {
        for (byte[] full : new byte[][]{TCP_SYN, ICMP6_BEHIND_HBH}) {
            for (int n = 0; n <= full.length; n++) {
                byte[] cut = java.util.Arrays.copyOf(full, n);
                PacketHeaders h = PacketHeaders.decode(cut, 0);
                boolean v4 = full == TCP_SYN;
                assertEquals(n >= (v4 ? 20 : 40), h.network().isPresent(), "network header with " + n + " bytes");
                if (v4 && n >= 24) {
                    PacketHeaders.Tcp t = (PacketHeaders.Tcp) h.transport().orElseThrow();
                    assertEquals(22, t.destinationPort());
                    assertEquals(n >= 34, t.flags().isPresent(), "flags with " + n + " bytes");
                }
            }
        }
    }

    @Test
    void randomBytesNeverThrow() {
        Random r = new Random(42);
        for (int i = 0; i < 20_000; i++) {
            byte[] b = new byte[r.nextInt(80)];
            r.nextBytes(b);
            PacketHeaders.decode(b, r.nextBoolean() ? 0 : (r.nextBoolean() ? 0x0800 : 0x86DD));
        }
    }
}
