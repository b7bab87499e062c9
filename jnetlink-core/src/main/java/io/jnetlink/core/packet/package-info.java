/**
 * Raw link-layer access: {@link io.jnetlink.core.packet.PacketSocket}, an AF_PACKET socket bound to one
 * interface of a network namespace that sends and receives whole Ethernet frames.
 */
package io.jnetlink.core.packet;
