/**
 * Gratuitous ARP and IPv6 unsolicited neighbour advertisements: {@link io.jnetlink.route.garp.Garp} announces an
 * address on an interface (after a failover, a MAC change, a VIP move) with frames built by
 * {@link io.jnetlink.route.garp.GarpFrames} and sent through a packet socket.
 */
package io.jnetlink.route.garp;
