/**
 * NFLOG: packets logged with {@code log group N}, received in-process over nfnetlink_log
 * (NETLINK_NETFILTER, NFNL_SUBSYS_ULOG). {@link io.jnetlink.nftables.log.Nflog} binds a group and receives
 * {@link io.jnetlink.nftables.log.NflogRecord}s; {@link io.jnetlink.nftables.log.NflogCodec} holds the
 * linux/netfilter/nfnetlink_log.h constants, the bind request and the packet decoder;
 * {@link io.jnetlink.nftables.log.PacketHeaders} decodes the copied IPv4/IPv6 and TCP/UDP/ICMP/ICMPv6
 * headers without ever throwing on a truncated packet.
 */
package io.jnetlink.nftables.log;
