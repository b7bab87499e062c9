package io.jnetlink.genl.wireguard;

import io.jnetlink.core.codec.RawAttribute;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A WireGuard device as the kernel reports it (WG_CMD_GET_DEVICE, merged over every message of the dump): what
 * {@code wg show DEV} prints.
 *
 * @param ifindex    WGDEVICE_A_IFINDEX
 * @param name       WGDEVICE_A_IFNAME
 * @param privateKey WGDEVICE_A_PRIVATE_KEY; empty when none is set (only CAP_NET_ADMIN callers see it)
 * @param publicKey  WGDEVICE_A_PUBLIC_KEY, derived by the kernel from the private key
 * @param listenPort WGDEVICE_A_LISTEN_PORT
 * @param fwmark     WGDEVICE_A_FWMARK; empty when off (the kernel reports 0)
 * @param peers      every peer, in kernel order; a peer split over several messages appears once
 * @param unknown    device attributes not modelled here, raw
 */
public record Device(int ifindex, String name, Optional<Key> privateKey, Optional<Key> publicKey, int listenPort,
                     OptionalInt fwmark, List<Peer> peers, List<RawAttribute> unknown) {

    public Device {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(privateKey, "privateKey");
        Objects.requireNonNull(publicKey, "publicKey");
        Objects.requireNonNull(fwmark, "fwmark");
        peers = List.copyOf(peers);
        unknown = List.copyOf(unknown);
    }

    /** The peer with this public key. */
    public Optional<Peer> peer(Key publicKey) {
        return peers.stream().filter(p -> p.publicKey().equals(publicKey)).findFirst();
    }

    /** Hides the private key, as {@code wg show} does. */
    @Override
    public String toString() {
        return "Device[ifindex=" + ifindex + ", name=" + name + ", privateKey="
                + privateKey.map(k -> "(hidden)").orElse("none") + ", publicKey=" + publicKey.map(Key::toString)
                .orElse("none") + ", listenPort=" + listenPort + ", fwmark=" + fwmark + ", peers=" + peers
                + ", unknown=" + unknown + "]";
    }
}
