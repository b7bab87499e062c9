package io.jnetlink.genl.wireguard;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * A change to a WireGuard device in {@link WireGuard#set}: {@code wg set DEV [private-key FILE] [listen-port
 * PORT] [fwmark MARK] [peer ...]...}, or with {@code replacePeers} what {@code wg setconf DEV FILE} does. Empty
 * fields leave the device's setting as it is.
 *
 * @param privateKey   WGDEVICE_A_PRIVATE_KEY; {@link Key#zero()} removes it
 * @param listenPort   WGDEVICE_A_LISTEN_PORT, 0 to 65535; 0 lets the kernel choose
 * @param fwmark       WGDEVICE_A_FWMARK; 0 turns it off
 * @param replacePeers WGDEVICE_F_REPLACE_PEERS: remove every peer not listed in {@code peers} first
 * @param peers        changes to peers, applied in order
 */
public record DeviceConfig(Optional<Key> privateKey, OptionalInt listenPort, OptionalInt fwmark, boolean replacePeers,
                           List<PeerConfig> peers) {

    /** The largest port: the attribute is a u16. */
    static final int MAX_PORT = 0xFFFF;

    /**
     * @throws IllegalArgumentException naming the field and value for a port outside 0..65535 or a peer listed
     *                                  twice
     */
    public DeviceConfig {
        Objects.requireNonNull(privateKey, "privateKey");
        Objects.requireNonNull(listenPort, "listenPort");
        Objects.requireNonNull(fwmark, "fwmark");
        peers = List.copyOf(peers);
        if (listenPort.isPresent() && (listenPort.getAsInt() < 0 || listenPort.getAsInt() > MAX_PORT)) {
            throw new IllegalArgumentException("invalid listenPort " + listenPort.getAsInt() + ": must be 0.." + MAX_PORT);
        }
        Set<Key> seen = new HashSet<>();
        for (PeerConfig p : peers) {
            if (!seen.add(p.publicKey())) {
                throw new IllegalArgumentException("invalid peers: peer " + p.publicKey() + " is listed twice");
            }
        }
    }

    /** No change at all; add what should change with the withers. */
    public static DeviceConfig empty() {
        return new DeviceConfig(Optional.empty(), OptionalInt.empty(), OptionalInt.empty(), false, List.of());
    }

    public DeviceConfig withPrivateKey(Key key) {
        return new DeviceConfig(Optional.of(key), listenPort, fwmark, replacePeers, peers);
    }

    public DeviceConfig withListenPort(int port) {
        return new DeviceConfig(privateKey, OptionalInt.of(port), fwmark, replacePeers, peers);
    }

    /** Sets the mark; the kernel takes it as an unsigned 32-bit value. */
    public DeviceConfig withFwmark(int mark) {
        return new DeviceConfig(privateKey, listenPort, OptionalInt.of(mark), replacePeers, peers);
    }

    /** Makes {@code peers} the complete list: every other peer is removed first (WGDEVICE_F_REPLACE_PEERS). */
    public DeviceConfig withReplacePeers() {
        return new DeviceConfig(privateKey, listenPort, fwmark, true, peers);
    }

    /** Appends peer changes. */
    public DeviceConfig withPeers(PeerConfig... more) {
        List<PeerConfig> all = new ArrayList<>(peers);
        all.addAll(List.of(more));
        return new DeviceConfig(privateKey, listenPort, fwmark, replacePeers, all);
    }

    /** Appends peer changes. */
    public DeviceConfig withPeers(List<PeerConfig> more) {
        return withPeers(more.toArray(PeerConfig[]::new));
    }

    /** Hides the private key. */
    @Override
    public String toString() {
        return "DeviceConfig[privateKey=" + privateKey.map(k -> k.isZero() ? "(remove)" : "(hidden)").orElse("unchanged")
                + ", listenPort=" + listenPort + ", fwmark=" + fwmark + ", replacePeers=" + replacePeers + ", peers="
                + peers + "]";
    }
}
