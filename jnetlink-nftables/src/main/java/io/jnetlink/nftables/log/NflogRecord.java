package io.jnetlink.nftables.log;

import io.jnetlink.nftables.model.Family;
import io.jnetlink.nftables.model.Hook;

import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * One packet logged by a {@code log group N} rule, as nfnetlink_log delivered it (NFULNL_MSG_PACKET).
 * Optional fields are absent when the kernel did not send them: the uid and gid only for packets of a local
 * socket, the mark only when non-zero, the timestamp only when the packet has one, the payload only with
 * {@link Nflog.CopyMode#PACKET}.
 *
 * @param group       the log group (nfgenmsg res_id)
 * @param family      the packet's protocol family (NFPROTO_*: 2 ipv4, 10 ipv6, 7 bridge, 5 netdev, 3 arp); for
 *                    an inet table it is the packet's own family, not 1
 * @param hwProtocol  the packet's ethertype (0x0800 IPv4, 0x86dd IPv6), NFULA_PACKET_HDR
 * @param hookNumber  the netfilter hook number in {@code family} (NF_INET_LOCAL_IN is 1), NFULA_PACKET_HDR
 * @param prefix      the rule's log prefix (NFULA_PREFIX); empty string when the rule has none
 * @param uid         the socket owner's fsuid (NFULA_UID)
 * @param gid         the socket owner's fsgid (NFULA_GID)
 * @param mark        the packet mark (NFULA_MARK)
 * @param inDevice    input interface index (NFULA_IFINDEX_INDEV)
 * @param outDevice   output interface index (NFULA_IFINDEX_OUTDEV)
 * @param physInDevice  bridge port the packet came in on (NFULA_IFINDEX_PHYSINDEV)
 * @param physOutDevice bridge port the packet goes out of (NFULA_IFINDEX_PHYSOUTDEV)
 * @param hwAddress   the source link-layer address (NFULA_HWADDR), when the device has one
 * @param timestamp   the packet's receive timestamp (NFULA_TIMESTAMP)
 * @param sequence    the instance-local sequence number (NFULA_SEQ, with {@link Nflog.Options#sequence()})
 * @param globalSequence the global sequence number (NFULA_SEQ_GLOBAL)
 * @param payload     the copied bytes from the network header on (NFULA_PAYLOAD); empty without payload
 * @param headers     the decoded network and transport headers of {@code payload}
 */
public record NflogRecord(int group, int family, int hwProtocol, int hookNumber, String prefix, OptionalLong uid,
                          OptionalLong gid, OptionalLong mark, OptionalInt inDevice, OptionalInt outDevice,
                          OptionalInt physInDevice, OptionalInt physOutDevice, Optional<byte[]> hwAddress,
                          Optional<Instant> timestamp, OptionalLong sequence, OptionalLong globalSequence,
                          byte[] payload, PacketHeaders headers) {

    public NflogRecord {
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(headers, "headers");
        payload = payload.clone();
        hwAddress = hwAddress.map(byte[]::clone);
    }

    @Override
    public byte[] payload() {
        return payload.clone();
    }

    @Override
    public Optional<byte[]> hwAddress() {
        return hwAddress.map(byte[]::clone);
    }

    /** The hook by nft name, when {@link #family()} and {@link #hookNumber()} name one. */
    public Optional<Hook> hook() {
        int code = family;
        try {
            return Optional.of(Hook.of(Family.of(code), hookNumber));
        } catch (IllegalArgumentException unknown) {
            return Optional.empty();
        }
    }

    /** One line for humans: the hook, prefix, devices and headers, roughly as the kernel's LOG target prints. */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        sb.append("group ").append(group);
        sb.append(" hook ").append(hook().map(Hook::nftName).orElse(Integer.toString(hookNumber)));
        if (!prefix.isEmpty()) {
            sb.append(" prefix \"").append(prefix).append('"');
        }
        inDevice.ifPresent(i -> sb.append(" in ").append(i));
        outDevice.ifPresent(i -> sb.append(" out ").append(i));
        uid.ifPresent(u -> sb.append(" uid ").append(u));
        gid.ifPresent(g -> sb.append(" gid ").append(g));
        mark.ifPresent(m -> sb.append(" mark 0x").append(String.format("%08x", m)));
        headers.network().ifPresent(n -> {
            sb.append(n instanceof PacketHeaders.Ipv4 ? " ip" : " ip6");
            sb.append(" src ").append(n.source().getHostAddress()).append(" dst ").append(n.destination().getHostAddress());
            switch (n) {
                case PacketHeaders.Ipv4 v4 -> sb.append(" ttl ").append(v4.ttl()).append(" len ").append(v4.totalLength());
                case PacketHeaders.Ipv6 v6 -> sb.append(" hoplimit ").append(v6.hopLimit())
                        .append(" len ").append(v6.payloadLength() + 40);
            }
        });
        headers.transport().ifPresent(t -> {
            switch (t) {
                case PacketHeaders.Tcp tcp -> {
                    sb.append(" tcp sport ").append(tcp.sourcePort()).append(" dport ").append(tcp.destinationPort());
                    if (tcp.flags().isPresent()) {
                        sb.append(" flags ").append(String.join(",", tcp.flagNames()));
                    }
                }
                case PacketHeaders.Udp udp -> sb.append(" udp sport ").append(udp.sourcePort())
                        .append(" dport ").append(udp.destinationPort());
                case PacketHeaders.Icmp icmp -> sb.append(" icmp type ").append(icmp.type()).append(" code ").append(icmp.code());
                case PacketHeaders.Icmpv6 icmp -> sb.append(" icmpv6 type ").append(icmp.type()).append(" code ").append(icmp.code());
                case PacketHeaders.Other o -> sb.append(" proto ").append(o.protocol());
            }
        });
        if (headers.network().isEmpty() && payload.length > 0) {
            sb.append(" payload ").append(HexFormat.of().formatHex(payload, 0, Math.min(payload.length, 32)));
        }
        return sb.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NflogRecord r && group == r.group && family == r.family && hwProtocol == r.hwProtocol
                && hookNumber == r.hookNumber && prefix.equals(r.prefix) && uid.equals(r.uid) && gid.equals(r.gid)
                && mark.equals(r.mark) && inDevice.equals(r.inDevice) && outDevice.equals(r.outDevice)
                && physInDevice.equals(r.physInDevice) && physOutDevice.equals(r.physOutDevice)
                && hwAddress.isPresent() == r.hwAddress.isPresent()
                && (hwAddress.isEmpty() || Arrays.equals(hwAddress.get(), r.hwAddress.get()))
                && timestamp.equals(r.timestamp) && sequence.equals(r.sequence)
                && globalSequence.equals(r.globalSequence) && Arrays.equals(payload, r.payload)
                && headers.equals(r.headers);
    }

    @Override
    public int hashCode() {
        return Objects.hash(group, family, hookNumber, prefix, uid, mark, inDevice, outDevice, Arrays.hashCode(payload));
    }

    @Override
    public String toString() {
        return "NflogRecord[" + describe() + "]";
    }
}
