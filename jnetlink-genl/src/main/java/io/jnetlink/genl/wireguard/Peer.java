package io.jnetlink.genl.wireguard;

import io.jnetlink.core.codec.RawAttribute;
import io.jnetlink.core.net.IpPrefix;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A peer of a WireGuard device as the kernel reports it (WGPEER_A_* of WG_CMD_GET_DEVICE): one peer of
 * {@code wg show DEV}.
 *
 * @param publicKey           WGPEER_A_PUBLIC_KEY
 * @param presharedKey        WGPEER_A_PRESHARED_KEY; empty when none (the kernel reports zeros)
 * @param endpoint            WGPEER_A_ENDPOINT; empty until configured or learnt from a handshake
 * @param allowedIps          WGPEER_A_ALLOWEDIPS, in kernel order, merged over every message that carried them
 * @param persistentKeepalive WGPEER_A_PERSISTENT_KEEPALIVE_INTERVAL; empty when off (the kernel reports 0)
 * @param lastHandshake       WGPEER_A_LAST_HANDSHAKE_TIME; empty when there was none (the kernel reports 0)
 * @param rxBytes             WGPEER_A_RX_BYTES
 * @param txBytes             WGPEER_A_TX_BYTES
 * @param protocolVersion     WGPEER_A_PROTOCOL_VERSION
 * @param unknown             attributes not modelled here, raw
 */
public record Peer(Key publicKey, Optional<Key> presharedKey, Optional<InetSocketAddress> endpoint,
                   List<IpPrefix> allowedIps, Optional<Duration> persistentKeepalive, Optional<Instant> lastHandshake,
                   long rxBytes, long txBytes, int protocolVersion, List<RawAttribute> unknown) {

    public Peer {
        Objects.requireNonNull(publicKey, "publicKey");
        Objects.requireNonNull(presharedKey, "presharedKey");
        Objects.requireNonNull(endpoint, "endpoint");
        allowedIps = List.copyOf(allowedIps);
        Objects.requireNonNull(persistentKeepalive, "persistentKeepalive");
        Objects.requireNonNull(lastHandshake, "lastHandshake");
        unknown = List.copyOf(unknown);
    }

    /** Hides the preshared key, as {@code wg show} does. */
    @Override
    public String toString() {
        return "Peer[publicKey=" + publicKey + ", presharedKey=" + presharedKey.map(k -> "(hidden)").orElse("none")
                + ", endpoint=" + endpoint.map(Object::toString).orElse("none") + ", allowedIps=" + allowedIps
                + ", persistentKeepalive=" + persistentKeepalive.map(Object::toString).orElse("off")
                + ", lastHandshake=" + lastHandshake.map(Object::toString).orElse("never") + ", rxBytes=" + rxBytes
                + ", txBytes=" + txBytes + ", protocolVersion=" + protocolVersion + ", unknown=" + unknown + "]";
    }
}
