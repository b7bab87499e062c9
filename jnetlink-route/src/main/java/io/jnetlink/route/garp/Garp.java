package io.jnetlink.route.garp;

import io.jnetlink.core.error.KernelException;
import io.jnetlink.core.error.SyscallException;
import io.jnetlink.core.net.InetAddresses;
import io.jnetlink.core.net.MacAddress;
import io.jnetlink.core.ns.NetNs;
import io.jnetlink.core.packet.PacketSocket;
import io.jnetlink.route.Rtnetlink;
import io.jnetlink.route.link.Link;
import io.jnetlink.route.link.LinkFlags;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Objects;

/**
 * Announces that an address is now reachable at an interface's MAC address, so that neighbours update their ARP
 * and neighbour caches at once instead of after their entries time out: after a failover, a VIP move, a MAC
 * change. One call sends one frame; send a few, spaced out, where frames may be lost (keepalived sends five).
 *
 * <p>The address does not have to be configured on the interface (arping -U insists that it is configured
 * somewhere on the host). The MAC is the interface's own, read over rtnetlink just before sending.
 */
public final class Garp {

    /** ARPHRD_ETHER (linux/if_arp.h): the ifi_type of Ethernet-like links (veth, bridges, macvlan, tap, ...). */
    static final int ARPHRD_ETHER = 1;

    private Garp() {
    }

    /**
     * Sends a gratuitous ARP for an IPv4 address, or an unsolicited neighbour advertisement for an IPv6 address,
     * on {@code device} in {@code netns}. Equivalent to: {@code ip netns exec NS arping -U -c 1 -I DEV IP} for
     * IPv4 (the frame of {@link GarpFrames#arpAnnouncement}); for IPv6 the advertisement the kernel sends with
     * {@code ndisc_notify} ({@link GarpFrames#neighbourAdvertisement}).
     *
     * @throws IllegalArgumentException naming the value when the address cannot be announced, or the device is
     *                                  not an Ethernet device, or (IPv4) does no ARP (NOARP, loopback)
     * @throws KernelException          with ENODEV when there is no such device
     * @throws SyscallException         with ENETDOWN when the device is down
     */
    public static void announce(NetNs netns, String device, InetAddress address) {
        Objects.requireNonNull(netns, "netns");
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(address, "address");
        Link link;
        try (Rtnetlink rt = Rtnetlink.open(netns)) {
            link = rt.links().require(device);
        }
        MacAddress mac = link.address().orElseThrow(() -> notEthernet(device, link));
        if (link.type() != ARPHRD_ETHER || mac.bytes().length != GarpFrames.ETH_ALEN) {
            throw notEthernet(device, link);
        }
        byte[] frame;
        if (address instanceof Inet4Address v4) {
            if ((link.flags() & (LinkFlags.IFF_NOARP | LinkFlags.IFF_LOOPBACK)) != 0) {
                throw new IllegalArgumentException("invalid device '" + device + "': it does not do ARP (flags "
                        + link.flagNames() + ")");
            }
            frame = GarpFrames.arpAnnouncement(mac, v4);
        } else {
            frame = GarpFrames.neighbourAdvertisement(mac, (Inet6Address) address);
        }
        try (PacketSocket socket = PacketSocket.openForSending(netns, link.index())) {
            socket.send(frame);
        }
    }

    /** As {@link #announce(NetNs, String, InetAddress)} with the address as text (no DNS lookup). */
    public static void announce(NetNs netns, String device, String address) {
        announce(netns, device, InetAddresses.parse(address));
    }

    private static IllegalArgumentException notEthernet(String device, Link link) {
        return new IllegalArgumentException("invalid device '" + device + "': not an Ethernet device (ARPHRD "
                + link.type() + ", address " + link.address().map(MacAddress::toString).orElse("none") + ")");
    }
}
