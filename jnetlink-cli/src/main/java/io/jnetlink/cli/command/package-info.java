/**
 * One class per {@code jnl} object: link (with the kind options of {@code LinkKindOptions}), addr, route, neigh,
 * fdb, bridge, tap, sysctl, garp, ethtool, wg, monitor, netns, and the demo. Syntax follows ip(8), bridge(8) and
 * wg(8); {@code Keywords} turns every mistake into a usage error naming the keyword and the value.
 */
package io.jnetlink.cli.command;
