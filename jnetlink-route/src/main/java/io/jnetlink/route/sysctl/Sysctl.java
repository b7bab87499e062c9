package io.jnetlink.route.sysctl;

import io.jnetlink.core.NetlinkProtocol;
import io.jnetlink.core.NetlinkSocket;
import io.jnetlink.core.error.Errno;
import io.jnetlink.core.error.KernelException;
import io.jnetlink.core.error.SyscallException;
import io.jnetlink.core.ns.NetNs;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * sysctl for one network namespace, without running {@code sysctl}: {@link #get(String)} and
 * {@link #set(String, String)} of net.* keys in sysctl's dotted form, each going the way that behaves exactly as
 * {@code ip netns exec NS sysctl -w KEY=VALUE} does:
 *
 * <ul>
 *   <li>{@link Transport#RTNETLINK} for {@code net.ipv4.conf.DEV.NAME} of a real interface when writing NAME
 *       through /proc/sys does nothing but store the value ({@code arp_notify}, {@code arp_ignore},
 *       {@code send_redirects}, ...): RTM_NEWLINK with IFLA_INET_CONF, read back from the link's IFLA_AF_SPEC;</li>
 *   <li>{@link Transport#PROCFS} for everything else: global keys ({@code net.ipv4.ip_forward}), the
 *       {@code all} and {@code default} entries, IPv6 (the kernel takes no IPv6 setting over rtnetlink), and the
 *       IPv4 settings whose /proc/sys handler does more than store the value ({@code forwarding}, {@code rp_filter},
 *       {@code proxy_arp}, ...: see {@link Ipv4DevConf#sysctlSideEffects()}).</li>
 * </ul>
 * docs/sysctl.md has the table and the reasons.
 *
 * <p>The namespace handle must stay open while this is used; {@link #close()} closes the rtnetlink socket only.
 */
public final class Sysctl implements AutoCloseable {

    /** How a key is read and written. */
    public enum Transport {
        /** RTM_GETLINK/RTM_NEWLINK with IFLA_AF_SPEC { AF_INET { IFLA_INET_CONF } }. */
        RTNETLINK,
        /** The file under /proc/sys/net, opened on the namespace's thread. */
        PROCFS
    }

    private final NetlinkSocket socket;
    private final Ipv4DevConfs ipv4;
    private final ProcSys procSys;

    private Sysctl(NetNs netns, NetlinkSocket socket) {
        this.socket = socket;
        this.ipv4 = new Ipv4DevConfs(socket);
        this.procSys = new ProcSys(netns);
    }

    /** sysctl inside {@code netns}; {@code NetNs.current()} for the caller's own namespace. */
    public static Sysctl open(NetNs netns) {
        Objects.requireNonNull(netns, "netns");
        return new Sysctl(netns, netns.openSocket(NetlinkProtocol.ROUTE));
    }

    /**
     * How {@code key} is read and written.
     *
     * @throws IllegalArgumentException when the key is malformed or not below net
     */
    public static Transport transportOf(String key) {
        return ipv4Setting(SysctlKey.parse(key)).isPresent() ? Transport.RTNETLINK : Transport.PROCFS;
    }

    /**
     * The value of {@code key} as {@code sysctl -n KEY} prints it, or empty when the namespace has no such key
     * (no such interface, IPv4 or IPv6 off on it, a module such as br_netfilter not loaded). Equivalent to:
     * {@code ip netns exec NS sysctl -n KEY}.
     *
     * @throws IllegalArgumentException when the key is malformed or not below net
     * @throws SyscallException         with EACCES for a write-only key
     */
    public Optional<String> get(String key) {
        SysctlKey k = SysctlKey.parse(key);
        Optional<Rtnetlink> rt = ipv4Setting(k);
        if (rt.isPresent()) {
            Map<Ipv4DevConf, Integer> all;
            try {
                all = ipv4.get(rt.get().device());
            } catch (KernelException e) {
                if (e.errno().equals(Errno.ENODEV)) {
                    return Optional.empty();
                }
                throw e;
            }
            return Optional.ofNullable(all.get(rt.get().setting())).map(String::valueOf);
        }
        return procSys.read(k);
    }

    /**
     * Sets {@code key} to {@code value}. Equivalent to: {@code ip netns exec NS sysctl -w KEY=VALUE}. A value
     * going over rtnetlink must be one integer, written as /proc/sys accepts it (decimal, 0x hex or 0 octal,
     * optionally negative); checked before anything is sent.
     *
     * @throws IllegalArgumentException when the key is malformed or the value is not acceptable
     * @throws SyscallException         (/proc/sys) with ENOENT when the namespace has no such key, EACCES when it
     *                                  is read-only, EINVAL when the kernel refuses the value
     * @throws KernelException          (rtnetlink) with ENODEV when there is no such interface, EAFNOSUPPORT when
     *                                  it has no IPv4, EINVAL or ERANGE when the kernel refuses the value
     */
    public void set(String key, String value) {
        SysctlKey k = SysctlKey.parse(key);
        ProcSys.checkValue(k, value);
        Optional<Rtnetlink> rt = ipv4Setting(k);
        if (rt.isPresent()) {
            ipv4.set(rt.get().device(), rt.get().setting(), parseInt(k, value));
        } else {
            procSys.write(k, value);
        }
    }

    /** Closes the rtnetlink socket; the namespace handle stays the caller's. */
    @Override
    public void close() {
        socket.close();
    }

    /** net.ipv4.conf.DEV.NAME of a real interface, with NAME a known setting that is safe over rtnetlink. */
    private record Rtnetlink(String device, Ipv4DevConf setting) {
    }

    private static Optional<Rtnetlink> ipv4Setting(SysctlKey key) {
        List<String> c = key.components();
        if (c.size() != 5 || !c.get(1).equals("ipv4") || !c.get(2).equals("conf")) {
            return Optional.empty();
        }
        String device = c.get(3);
        if (device.equals("all") || device.equals("default") || !Ipv4DevConfCodec.isInterfaceName(device)) {
            return Optional.empty();
        }
        return Ipv4DevConf.byName(c.get(4))
                .filter(s -> !s.isReadOnly() && s.sysctlSideEffects().isEmpty())
                .map(s -> new Rtnetlink(device, s));
    }

    /** An int as the kernel's proc_dointvec parses it: optional sign, then decimal, 0x hex or 0 octal. */
    static int parseInt(SysctlKey key, String value) {
        String v = value.strip();
        boolean negative = v.startsWith("-");
        String digits = negative ? v.substring(1) : v;
        int radix = 10;
        if (digits.startsWith("0x") || digits.startsWith("0X")) {
            radix = 16;
            digits = digits.substring(2);
        } else if (digits.length() > 1 && digits.startsWith("0")) {
            radix = 8;
            digits = digits.substring(1);
        }
        try {
            if (digits.isEmpty() || !Character.isLetterOrDigit(digits.charAt(0))) {
                throw new NumberFormatException(value);
            }
            long parsed = Long.parseLong(digits, radix);
            long signed = negative ? -parsed : parsed;
            if (signed < Integer.MIN_VALUE || signed > Integer.MAX_VALUE) {
                throw new NumberFormatException(value);
            }
            return (int) signed;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid value '" + value + "' for " + key
                    + ": must be one integer from " + Integer.MIN_VALUE + " to " + Integer.MAX_VALUE);
        }
    }
}
