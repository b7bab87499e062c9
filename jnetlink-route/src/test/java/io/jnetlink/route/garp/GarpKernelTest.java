package io.jnetlink.route.garp;

import io.jnetlink.oracles.Tcpdump;
import io.jnetlink.core.error.Errno;
import io.jnetlink.core.error.KernelException;
import io.jnetlink.core.error.SyscallException;
import io.jnetlink.oracles.Ip;
import io.jnetlink.oracles.Oracle;
import io.jnetlink.testkit.NetnsTest;
import io.jnetlink.testkit.TestNamespace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Announcements sent on veth0 and captured by tcpdump on its peer veth1; every field of the captured frame is
 * read from the pcap file here, and tcpdump's own decoding (-vv) is checked too, which verifies the ICMPv6
 * checksum independently.
 */
@NetnsTest
class GarpKernelTest {

    private static final String MAC = "02:aa:bb:cc:dd:01";
    private static final byte[] MAC_BYTES = HexFormat.ofDelimiter(":").parseHex(MAC);
    private static final byte[] BROADCAST = {-1, -1, -1, -1, -1, -1};

    @TempDir
    Path tmp;

    private static Ip vethPair(TestNamespace ns) {
        Ip ip = Ip.in(ns.name());
        ip.run("link", "add", "veth0", "address", MAC, "type", "veth", "peer", "name", "veth1");
        ip.run("link", "set", "veth0", "up");
        ip.run("link", "set", "veth1", "up");
        assertEquals(MAC, ip.json("link", "show", "dev", "veth0").get(0).path("address").asText(), "oracle: veth0's MAC");
        return ip;
    }

    private static byte[] slice(byte[] b, int from, int length) {
        return Arrays.copyOfRange(b, from, from + length);
    }

    /** tcpdump's reading of the capture: {@code tcpdump -r FILE -nn -e -vv}. */
    private static String decoded(Path pcap) {
        return Oracle.stdout("tcpdump", "-r", pcap.toString(), "-nn", "-e", "-vv");
    }

    @Test
    void gratuitousArpOnTheWireIsArpingMinusU(TestNamespace ns) throws Exception {
        vethPair(ns);
        Path pcap = tmp.resolve("arp.pcap");
        Tcpdump capture = Tcpdump.start(ns.name(), "veth1", pcap, "arp");
        byte[] f = capture.firstFrame(() -> Garp.announce(ns.netns(), "veth0", "192.0.2.10"));

        byte[] ip = InetAddress.getByName("192.0.2.10").getAddress();
        ByteBuffer b = ByteBuffer.wrap(f);
        assertEquals(42, f.length, "Ethernet header and ARP packet, no padding on a veth");
        assertArrayEquals(BROADCAST, slice(f, 0, 6), "destination MAC");
        assertArrayEquals(MAC_BYTES, slice(f, 6, 6), "source MAC");
        assertEquals(0x0806, b.getShort(12) & 0xFFFF, "EtherType ARP");
        assertEquals(1, b.getShort(14) & 0xFFFF, "htype Ethernet");
        assertEquals(0x0800, b.getShort(16) & 0xFFFF, "ptype IPv4");
        assertEquals(6, f[18], "hlen");
        assertEquals(4, f[19], "plen");
        assertEquals(1, b.getShort(20) & 0xFFFF, "op request");
        assertArrayEquals(MAC_BYTES, slice(f, 22, 6), "sha");
        assertArrayEquals(ip, slice(f, 28, 4), "spa");
        assertArrayEquals(BROADCAST, slice(f, 32, 6), "tha, as arping -U writes it");
        assertArrayEquals(ip, slice(f, 38, 4), "tpa");

        String text = decoded(pcap);
        assertTrue(text.contains(MAC + " > ff:ff:ff:ff:ff:ff, ethertype ARP (0x0806), length 42"), text);
        assertTrue(text.contains("Request who-has 192.0.2.10") && text.contains("tell 192.0.2.10"), text);
    }

    @Test
    void unsolicitedNeighbourAdvertisementOnTheWire(TestNamespace ns) throws Exception {
        vethPair(ns);
        Path pcap = tmp.resolve("na.pcap");
        Tcpdump capture = Tcpdump.start(ns.name(), "veth1", pcap, "icmp6", "and", "ip6[40]", "==", "136");
        byte[] f = capture.firstFrame(() -> Garp.announce(ns.netns(), "veth0", "2001:db8::10"));

        byte[] ip = InetAddress.getByName("2001:db8::10").getAddress();
        ByteBuffer b = ByteBuffer.wrap(f);
        assertEquals(14 + 40 + 32, f.length);
        assertArrayEquals(new byte[]{0x33, 0x33, 0, 0, 0, 1}, slice(f, 0, 6), "destination MAC of ff02::1");
        assertArrayEquals(MAC_BYTES, slice(f, 6, 6), "source MAC");
        assertEquals(0x86DD, b.getShort(12) & 0xFFFF, "EtherType IPv6");
        int versionClassFlow = b.getInt(14);
        assertEquals(6, versionClassFlow >>> 28, "IP version");
        assertEquals(0, versionClassFlow & 0x0FFF_FFFF, "traffic class and flow label");
        assertEquals(32, b.getShort(18) & 0xFFFF, "payload length");
        assertEquals(58, f[20] & 0xFF, "next header ICMPv6");
        assertEquals(255, f[21] & 0xFF, "hop limit");
        assertArrayEquals(ip, slice(f, 22, 16), "source: the announced address");
        assertArrayEquals(InetAddress.getByName("ff02::1").getAddress(), slice(f, 38, 16), "destination: all nodes");
        assertEquals(136, f[54] & 0xFF, "ICMPv6 type neighbour advertisement");
        assertEquals(0, f[55], "code");
        assertEquals(0xFFFF, GarpFramesTest.onesComplementSumWithPseudoHeader(f), "checksum");
        assertEquals(0x2000_0000, b.getInt(58), "flags: Override only (not Router, not Solicited)");
        assertArrayEquals(ip, slice(f, 62, 16), "target");
        assertEquals(2, f[78], "option type: target link-layer address");
        assertEquals(1, f[79], "option length in units of 8 bytes");
        assertArrayEquals(MAC_BYTES, slice(f, 80, 6), "option: the link-layer address");

        String text = decoded(pcap);
        assertTrue(text.contains("[icmp6 sum ok]"), "tcpdump verified the checksum: " + text);
        assertTrue(text.contains("neighbor advertisement, length 32, tgt is 2001:db8::10, Flags [override]"), text);
        assertTrue(text.contains("(hlim 255, next-header ICMPv6 (58) payload length: 32) 2001:db8::10 > ff02::1"), text);
    }

    @Test
    void devicesThatCannotAnnounceAreRefused(TestNamespace ns) {
        Ip ip = vethPair(ns);
        IllegalArgumentException lo = assertThrows(IllegalArgumentException.class,
                () -> Garp.announce(ns.netns(), "lo", "192.0.2.10"));
        assertTrue(lo.getMessage().startsWith("invalid device 'lo': not an Ethernet device (ARPHRD 772"), lo.getMessage());

        KernelException missing = assertThrows(KernelException.class, () -> Garp.announce(ns.netns(), "nosuch0", "192.0.2.10"));
        assertEquals(Errno.ENODEV, missing.errno());

        ip.run("link", "set", "veth0", "arp", "off");
        IllegalArgumentException noArp = assertThrows(IllegalArgumentException.class,
                () -> Garp.announce(ns.netns(), "veth0", "192.0.2.10"));
        assertTrue(noArp.getMessage().startsWith("invalid device 'veth0': it does not do ARP"), noArp.getMessage());

        ip.run("link", "set", "veth0", "arp", "on");
        ip.run("link", "set", "veth0", "down");
        SyscallException down = assertThrows(SyscallException.class, () -> Garp.announce(ns.netns(), "veth0", "2001:db8::10"));
        assertEquals(Errno.ENETDOWN, down.errno());
    }
}
