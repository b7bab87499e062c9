/**
 * WireGuard over generic netlink (linux/wireguard.h): a device's key, port, fwmark and peers. {@link
 * io.jnetlink.genl.wireguard.WireGuard} holds the operations ({@code wg show}, {@code wg set}, {@code wg setconf});
 * {@link io.jnetlink.genl.wireguard.WireGuardCodec} the requests (split over several messages when large) and the
 * decoder that merges a multi-message dump, with the WG* constants; the model is {@link
 * io.jnetlink.genl.wireguard.Device} and {@link io.jnetlink.genl.wireguard.Peer} as read, {@link
 * io.jnetlink.genl.wireguard.DeviceConfig} and {@link io.jnetlink.genl.wireguard.PeerConfig} as written, and the
 * 32-byte {@link io.jnetlink.genl.wireguard.Key}.
 */
package io.jnetlink.genl.wireguard;
