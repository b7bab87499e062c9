/**
 * Bridge ports and bridge VLAN tables, the rtnetlink side of the {@code bridge} tool: port settings
 * (IFLA_BRPORT_* in IFLA_PROTINFO, {@code bridge link set}) in {@link io.jnetlink.route.link.bridge.BridgePorts},
 * VLAN entries (IFLA_BRIDGE_VLAN_INFO in IFLA_AF_SPEC, {@code bridge vlan}) in
 * {@link io.jnetlink.route.link.bridge.BridgeVlans}. Both speak AF_BRIDGE link messages, encoded and decoded by
 * {@link io.jnetlink.route.link.bridge.BridgeCodec}. Bridges themselves are links of kind
 * {@link io.jnetlink.route.link.kind.Bridge}.
 */
package io.jnetlink.route.link.bridge;
