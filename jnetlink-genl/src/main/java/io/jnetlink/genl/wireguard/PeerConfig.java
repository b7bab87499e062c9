package io.jnetlink.genl.wireguard;

import io.jnetlink.core.net.IpPrefix;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A change to one peer in {@link WireGuard#set}: {@code wg set DEV peer KEY [remove] [preshared-key FILE]
 * [endpoint IP:PORT] [persistent-keepalive SECONDS] [allowed-ips PREFIX,...]}. Empty fields leave the peer's
 * setting as it is.
 *
 * @param publicKey           the peer, by its public key (WGPEER_A_PUBLIC_KEY)
 * @param remove              WGPEER_F_REMOVE_ME: the peer must not exist afterwards
 * @param updateOnly          WGPEER_F_UPDATE_ONLY: change the peer only if it exists, never create it
 * @param presharedKey        WGPEER_A_PRESHARED_KEY; {@link Key#zero()} removes it
 * @param endpoint            WGPEER_A_ENDPOINT, an IP address and port (no host names: jnetlink does no DNS)
 * @param persistentKeepalive WGPEER_A_PERSISTENT_KEEPALIVE_INTERVAL, whole seconds up to 65535; zero turns it off
 * @param replaceAllowedIps   WGPEER_F_REPLACE_ALLOWEDIPS: drop the peer's allowed IPs before adding
 *                            {@code allowedIps} (with an empty list: remove them all)
 * @param allowedIps          WGPEER_A_ALLOWEDIPS to add (the kernel clears host bits: 10.0.0.1/24 is 10.0.0.0/24)
 */
public record PeerConfig(Key publicKey, boolean remove, boolean updateOnly, Optional<Key> presharedKey,
                         Optional<InetSocketAddress> endpoint, Optional<Duration> persistentKeepalive,
                         boolean replaceAllowedIps, List<IpPrefix> allowedIps) {

    /** The largest keepalive interval: the attribute is a u16 of seconds. */
    static final long MAX_KEEPALIVE_SECONDS = 0xFFFF;

    /**
     * @throws IllegalArgumentException naming the field and value for an unresolved endpoint or a keepalive that
     *                                  is negative, above 65535 s or not whole seconds
     */
    public PeerConfig {
        Objects.requireNonNull(publicKey, "publicKey");
        Objects.requireNonNull(presharedKey, "presharedKey");
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(persistentKeepalive, "persistentKeepalive");
        allowedIps = List.copyOf(allowedIps);
        endpoint.ifPresent(e -> {
            if (e.isUnresolved() || e.getAddress() == null) {
                throw new IllegalArgumentException("invalid endpoint '" + e + "' of peer " + publicKey
                        + ": must be an IP address and port (jnetlink resolves no host names)");
            }
        });
        persistentKeepalive.ifPresent(k -> {
            if (k.isNegative() || k.getNano() != 0 || k.getSeconds() > MAX_KEEPALIVE_SECONDS) {
                throw new IllegalArgumentException("invalid persistentKeepalive " + k + " of peer " + publicKey
                        + ": must be whole seconds from 0 (off) to " + MAX_KEEPALIVE_SECONDS);
            }
        });
    }

    /** Adds or updates the peer with this public key; nothing else changes until set with the withers. */
    public static PeerConfig of(Key publicKey) {
        return new PeerConfig(publicKey, false, false, Optional.empty(), Optional.empty(), Optional.empty(), false,
                List.of());
    }

    /** Removes the peer. Equivalent to: {@code wg set DEV peer KEY remove}. */
    public static PeerConfig removal(Key publicKey) {
        return of(publicKey).withRemove();
    }

    public PeerConfig withRemove() {
        return new PeerConfig(publicKey, true, updateOnly, presharedKey, endpoint, persistentKeepalive,
                replaceAllowedIps, allowedIps);
    }

    public PeerConfig withUpdateOnly() {
        return new PeerConfig(publicKey, remove, true, presharedKey, endpoint, persistentKeepalive,
                replaceAllowedIps, allowedIps);
    }

    public PeerConfig withPresharedKey(Key key) {
        return new PeerConfig(publicKey, remove, updateOnly, Optional.of(key), endpoint, persistentKeepalive,
                replaceAllowedIps, allowedIps);
    }

    public PeerConfig withEndpoint(InetSocketAddress address) {
        return new PeerConfig(publicKey, remove, updateOnly, presharedKey, Optional.of(address), persistentKeepalive,
                replaceAllowedIps, allowedIps);
    }

    public PeerConfig withPersistentKeepalive(Duration interval) {
        return new PeerConfig(publicKey, remove, updateOnly, presharedKey, endpoint, Optional.of(interval),
                replaceAllowedIps, allowedIps);
    }

    /** Replaces the peer's allowed IPs with {@code allowedIps} (WGPEER_F_REPLACE_ALLOWEDIPS). */
    public PeerConfig withReplaceAllowedIps() {
        return new PeerConfig(publicKey, remove, updateOnly, presharedKey, endpoint, persistentKeepalive, true,
                allowedIps);
    }

    /** Adds allowed IPs to those this change sends. */
    public PeerConfig withAllowedIps(List<IpPrefix> more) {
        List<IpPrefix> all = new ArrayList<>(allowedIps);
        all.addAll(more);
        return new PeerConfig(publicKey, remove, updateOnly, presharedKey, endpoint, persistentKeepalive,
                replaceAllowedIps, all);
    }

    /** Adds allowed IPs given as text, {@code 10.0.0.0/24} or {@code fd00::/64}. */
    public PeerConfig withAllowedIps(String... prefixes) {
        List<IpPrefix> parsed = new ArrayList<>();
        for (String p : prefixes) {
            parsed.add(IpPrefix.parse(p));
        }
        return withAllowedIps(parsed);
    }

    /** Hides the preshared key. */
    @Override
    public String toString() {
        return "PeerConfig[publicKey=" + publicKey + ", remove=" + remove + ", updateOnly=" + updateOnly
                + ", presharedKey=" + presharedKey.map(k -> k.isZero() ? "(remove)" : "(hidden)").orElse("unchanged")
                + ", endpoint=" + endpoint + ", persistentKeepalive=" + persistentKeepalive + ", replaceAllowedIps="
                + replaceAllowedIps + ", allowedIps=" + allowedIps + "]";
    }
}
