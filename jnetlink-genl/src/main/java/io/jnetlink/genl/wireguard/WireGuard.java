package io.jnetlink.genl.wireguard;

import io.jnetlink.core.Message;
import io.jnetlink.core.NetlinkProtocol;
import io.jnetlink.core.NetlinkSocket;
import io.jnetlink.core.Request;
import io.jnetlink.core.error.KernelException;
import io.jnetlink.core.genl.GenericNetlink;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * WireGuard over generic netlink, in the socket's namespace: read and configure devices and their peers, each
 * operation equivalent to a {@code wg} command. The device itself is a link ({@code ip link add wg0 type
 * wireguard}); this configures its keys, port, mark and peers.
 * <pre>{@code
 * WireGuard wg = WireGuard.over(socket).orElseThrow();        // a NETLINK_GENERIC socket
 * wg.set("wg0", DeviceConfig.empty().withPrivateKey(key).withListenPort(51820)
 *         .withPeers(PeerConfig.of(peerKey).withEndpoint(new InetSocketAddress(ip, 51820))
 *                 .withAllowedIps("10.0.0.2/32")));
 * Device d = wg.get("wg0");
 * }</pre>
 */
public final class WireGuard {

    private final NetlinkSocket socket;
    private final int familyId;

    private WireGuard(NetlinkSocket socket, int familyId) {
        this.socket = socket;
        this.familyId = familyId;
    }

    /**
     * WireGuard over a NETLINK_GENERIC socket the caller owns, or empty when the kernel has no {@code wireguard}
     * family (built without CONFIG_WIREGUARD, or the module cannot be loaded): a normal answer, not an error.
     *
     * @throws IllegalArgumentException when the socket is not NETLINK_GENERIC
     */
    public static Optional<WireGuard> over(NetlinkSocket socket) {
        Objects.requireNonNull(socket, "socket");
        if (socket.protocol() != NetlinkProtocol.GENERIC) {
            throw new IllegalArgumentException("socket must be NETLINK_GENERIC, is " + socket.protocol());
        }
        return GenericNetlink.resolve(socket, WireGuardCodec.FAMILY_NAME).map(f -> new WireGuard(socket, f.id()));
    }

    /** The id of the {@code wireguard} family, for building requests with {@link WireGuardCodec}. */
    public int familyId() {
        return familyId;
    }

    /**
     * The device's configuration, peers and their statistics, from one consistent dump (peers spread over
     * several messages are merged). Equivalent to: {@code wg show DEV}.
     *
     * @throws KernelException with ENODEV when there is no such device, EOPNOTSUPP when it is not WireGuard
     */
    public Device get(String dev) {
        List<Message> replies = new ArrayList<>();
        for (Message m : socket.dump(WireGuardCodec.get(familyId, dev))) {
            if (m.type() == familyId) {
                replies.add(m);
            }
        }
        return WireGuardCodec.decode(replies);
    }

    /**
     * Applies a configuration. Large ones go as several messages (see {@link WireGuardCodec}), all encoded and
     * checked before the first is sent, then sent one at a time, each acknowledged before the next, as {@code wg}
     * does. Equivalent to: {@code wg set DEV ...}; with {@link DeviceConfig#withReplacePeers()}, {@code wg setconf
     * DEV FILE}.
     *
     * @throws IllegalArgumentException naming the value when the device name is invalid, before sending
     * @throws KernelException          when the kernel refuses a message; the messages before it were applied
     *                                  (the operation text says which message of how many failed)
     */
    public void set(String dev, DeviceConfig config) {
        for (Request r : WireGuardCodec.set(familyId, dev, config)) {
            socket.request(r);
        }
    }

    /** Removes one peer. Equivalent to: {@code wg set DEV peer KEY remove}. */
    public void removePeer(String dev, Key publicKey) {
        set(dev, DeviceConfig.empty().withPeers(PeerConfig.removal(publicKey)));
    }

    @Override
    public String toString() {
        return "WireGuard[family " + familyId + ", " + socket + "]";
    }
}
