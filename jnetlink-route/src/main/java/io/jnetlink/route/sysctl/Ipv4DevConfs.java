package io.jnetlink.route.sysctl;

import io.jnetlink.core.Message;
import io.jnetlink.core.NetlinkSocket;
import io.jnetlink.core.error.DecodeException;
import io.jnetlink.core.error.KernelException;
import io.jnetlink.route.Rtm;

import java.util.Map;
import java.util.Objects;

/**
 * Per-interface IPv4 settings ({@code net.ipv4.conf.DEV.*}) read and written over rtnetlink in the socket's
 * namespace: no /proc/sys needed, so it also works where /proc/sys is mounted read-only (containers), and all
 * settings of a link come in one message. Every IPV4_DEVCONF setting but mc_forwarding can be set this way;
 * the kernel then only stores the value: see {@link Ipv4DevConf#sysctlSideEffects()} for what a write through
 * /proc/sys would have done in addition, and {@link Sysctl} for a facade that behaves exactly as sysctl.
 */
public final class Ipv4DevConfs {

    private final NetlinkSocket socket;

    public Ipv4DevConfs(NetlinkSocket socket) {
        this.socket = Objects.requireNonNull(socket, "socket");
    }

    /**
     * Every per-interface IPv4 setting of {@code device}, by index; empty when the link has no IPv4.
     * Equivalent to: {@code sysctl net.ipv4.conf.DEV} (all of its keys at once).
     *
     * @throws KernelException with ENODEV when there is no such link
     */
    public Map<Ipv4DevConf, Integer> get(String device) {
        for (Message m : socket.request(Ipv4DevConfCodec.get(device))) {
            if (m.type() == Rtm.RTM_NEWLINK) {
                return Ipv4DevConfCodec.decode(m).orElse(Map.of());
            }
        }
        throw new DecodeException("get ipv4 conf of link " + device + ": the kernel acknowledged without sending the link");
    }

    /**
     * Sets {@code values} on {@code device} in one request: all are applied or none. Equivalent to:
     * {@code sysctl -w net.ipv4.conf.DEV.NAME=VALUE ...} without the extras listed by
     * {@link Ipv4DevConf#sysctlSideEffects()}.
     *
     * @throws IllegalArgumentException when a setting is read-only or the values are empty
     * @throws KernelException          with ENODEV when there is no such link, EAFNOSUPPORT when it has no IPv4,
     *                                  EINVAL (or ERANGE) when the kernel refuses an index or value
     */
    public void set(String device, Map<Ipv4DevConf, Integer> values) {
        socket.request(Ipv4DevConfCodec.set(device, values));
    }

    /** As {@link #set(String, Map)} for one setting. */
    public void set(String device, Ipv4DevConf setting, int value) {
        socket.request(Ipv4DevConfCodec.set(device, setting, value));
    }
}
