package io.jnetlink.route.garp;

import io.jnetlink.core.net.InetAddresses;
import io.jnetlink.core.net.MacAddress;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * The Ethernet frames that announce an address, built byte for byte (network order throughout):
 *
 * <ul>
 *   <li>{@link #arpAnnouncement}: exactly what {@code arping -U -c 1 -I DEV IP} (iputils) sends, an ARP request
 *       whose sender and target protocol address are both IP, to the broadcast address, target hardware address
 *       the broadcast address too. (The kernel's own announcement with arp_notify leaves the target hardware
 *       address zero; receivers ignore it in a request. {@code arping -A} would send a reply instead, which some
 *       hosts do not take as an update unless they asked.)</li>
 *   <li>{@link #neighbourAdvertisement}: an unsolicited neighbour advertisement as the kernel sends it with
 *       ndisc_notify (RFC 4861 7.2.6): from the address itself to all nodes (ff02::1), hop limit 255, Override
 *       set, Solicited and Router clear, with the target link-layer address option.</li>
 * </ul>
 * Frames carry no padding or FCS; the driver adds them where the medium needs them.
 */
public final class GarpFrames {

    private GarpFrames() {
    }

    // linux/if_ether.h
    static final int ETH_ALEN = 6;
    static final int ETH_HLEN = 14;
    static final int ETH_P_IP = 0x0800;
    static final int ETH_P_ARP = 0x0806;
    static final int ETH_P_IPV6 = 0x86DD;
    // linux/if_arp.h
    static final int ARPHRD_ETHER = 1;
    static final int ARPOP_REQUEST = 1;
    /** sizeof(struct arphdr) + 2 * (ETH_ALEN + 4). */
    static final int ARP_LEN = 28;
    // linux/ipv6.h, linux/in6.h
    static final int IPV6_HLEN = 40;
    static final int IPPROTO_ICMPV6 = 58;
    /** RFC 4861: neighbour discovery messages travel with hop limit 255 so that receivers can tell they are on-link. */
    static final int ND_HOP_LIMIT = 255;
    // net/ndisc.h (RFC 4861 4.4, 4.6.1)
    static final int NDISC_NEIGHBOUR_ADVERTISEMENT = 136;
    static final int ND_OPT_TARGET_LL_ADDR = 2;
    /** linux/icmpv6.h struct icmp6hdr: the Override bit of an advertisement's flags word. */
    static final int NA_FLAG_OVERRIDE = 0x2000_0000;
    /** Type, code, checksum, flags, target. */
    static final int NA_LEN = 24;
    /** Type, length (in 8-byte units), the link-layer address. */
    static final int TLLA_OPTION_LEN = 8;

    /** ff:ff:ff:ff:ff:ff. */
    static final byte[] BROADCAST = {-1, -1, -1, -1, -1, -1};
    /** ff02::1, all nodes on the link. */
    static final byte[] ALL_NODES = {(byte) 0xff, 0x02, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1};
    /** 33:33 followed by the low 32 bits of ff02::1 (RFC 2464 7). */
    static final byte[] ALL_NODES_MAC = {0x33, 0x33, 0, 0, 0, 1};

    /**
     * The gratuitous ARP of {@code arping -U}: 42 bytes.
     *
     * @throws IllegalArgumentException when the MAC is not a 6-byte unicast address or the address is the
     *                                  unspecified address, multicast or the broadcast address
     */
    public static byte[] arpAnnouncement(MacAddress mac, Inet4Address address) {
        byte[] sha = checkMac(mac);
        byte[] ip = checkAddress(address);
        if (address.getHostAddress().equals("255.255.255.255")) {
            throw new IllegalArgumentException("invalid address 255.255.255.255: the broadcast address is nobody's");
        }
        ByteBuffer b = ByteBuffer.allocate(ETH_HLEN + ARP_LEN);
        b.put(BROADCAST).put(sha).putShort((short) ETH_P_ARP);
        b.putShort((short) ARPHRD_ETHER).putShort((short) ETH_P_IP).put((byte) ETH_ALEN).put((byte) 4)
                .putShort((short) ARPOP_REQUEST);
        b.put(sha).put(ip).put(BROADCAST).put(ip);
        return b.array();
    }

    /**
     * The unsolicited neighbour advertisement for {@code address}: 86 bytes.
     *
     * @throws IllegalArgumentException when the MAC is not a 6-byte unicast address or the address is the
     *                                  unspecified address or multicast
     */
    public static byte[] neighbourAdvertisement(MacAddress mac, Inet6Address address) {
        byte[] lladdr = checkMac(mac);
        byte[] target = checkAddress(address);
        ByteBuffer icmp = ByteBuffer.allocate(NA_LEN + TLLA_OPTION_LEN);
        icmp.put((byte) NDISC_NEIGHBOUR_ADVERTISEMENT).put((byte) 0).putShort((short) 0)
                .putInt(NA_FLAG_OVERRIDE).put(target)
                .put((byte) ND_OPT_TARGET_LL_ADDR).put((byte) (TLLA_OPTION_LEN / 8)).put(lladdr);
        byte[] message = icmp.array();
        int checksum = icmpv6Checksum(target, ALL_NODES, message);
        message[2] = (byte) (checksum >>> 8);
        message[3] = (byte) checksum;

        ByteBuffer b = ByteBuffer.allocate(ETH_HLEN + IPV6_HLEN + message.length);
        b.put(ALL_NODES_MAC).put(lladdr).putShort((short) ETH_P_IPV6);
        b.putInt(6 << 28) // version 6, traffic class 0, flow label 0
                .putShort((short) message.length).put((byte) IPPROTO_ICMPV6).put((byte) ND_HOP_LIMIT)
                .put(target).put(ALL_NODES);
        b.put(message);
        return b.array();
    }

    /**
     * The ICMPv6 checksum (RFC 4443 2.3): the ones' complement of the ones' complement sum over the pseudo-header
     * of RFC 8200 8.1 (source, destination, upper-layer length, three zero bytes, next header 58) and the message
     * with its checksum field zero.
     */
    static int icmpv6Checksum(byte[] source, byte[] destination, byte[] message) {
        long sum = 0;
        sum += sum16(source);
        sum += sum16(destination);
        sum += (message.length >>> 16) + (message.length & 0xFFFF);
        sum += IPPROTO_ICMPV6;
        byte[] zeroed = message.clone();
        zeroed[2] = 0;
        zeroed[3] = 0;
        sum += sum16(zeroed);
        while ((sum >>> 16) != 0) {
            sum = (sum & 0xFFFF) + (sum >>> 16);
        }
        return (int) (~sum & 0xFFFF);
    }

    private static long sum16(byte[] b) {
        long sum = 0;
        for (int i = 0; i < b.length; i += 2) {
            int hi = b[i] & 0xFF;
            int lo = i + 1 < b.length ? b[i + 1] & 0xFF : 0;
            sum += (hi << 8) | lo;
        }
        return sum;
    }

    private static byte[] checkMac(MacAddress mac) {
        Objects.requireNonNull(mac, "mac");
        byte[] b = mac.bytes();
        if (b.length != ETH_ALEN || mac.isMulticast() || mac.equals(MacAddress.ZERO)) {
            throw new IllegalArgumentException("invalid mac " + mac + ": must be a 6-byte unicast Ethernet address");
        }
        return b;
    }

    private static byte[] checkAddress(InetAddress address) {
        Objects.requireNonNull(address, "address");
        if (address.isAnyLocalAddress() || address.isMulticastAddress()) {
            throw new IllegalArgumentException("invalid address " + InetAddresses.toString(address)
                    + ": the unspecified address and multicast addresses cannot be announced");
        }
        return address.getAddress();
    }
}
