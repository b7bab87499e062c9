package io.jnetlink.core.net;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Objects;

/**
 * An IP address with a prefix length: {@code 10.0.0.1/24} (an interface address, host bits kept) or
 * {@code 10.0.0.0/24} (a route destination). {@link #parse(String)} accepts a bare address as /32 or /128.
 */
public record IpPrefix(InetAddress address, int length) {

    public IpPrefix {
        Objects.requireNonNull(address, "address");
        int max = maxLength(address);
        if (length < 0 || length > max) {
            throw new IllegalArgumentException("prefix length " + length + " is outside 0.." + max
                    + " for " + address.getHostAddress());
        }
    }

    /**
     * Parses {@code ADDRESS[/LEN]}; also {@code default} (0.0.0.0/0) and {@code default6} (::/0).
     *
     * @throws IllegalArgumentException naming the text when it is not a prefix
     */
    public static IpPrefix parse(String text) {
        Objects.requireNonNull(text, "prefix");
        if (text.equals("default")) {
            return new IpPrefix(InetAddresses.parse("0.0.0.0"), 0);
        }
        if (text.equals("default6")) {
            return new IpPrefix(InetAddresses.parse("::"), 0);
        }
        int slash = text.indexOf('/');
        InetAddress a = InetAddresses.parse(slash < 0 ? text : text.substring(0, slash));
        if (slash < 0) {
            return new IpPrefix(a, maxLength(a));
        }
        String len = text.substring(slash + 1);
        try {
            return new IpPrefix(a, Integer.parseInt(len));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid prefix length '" + len + "' in '" + text + "'");
        }
    }

    /** 32 for IPv4, 128 for IPv6. */
    public static int maxLength(InetAddress a) {
        return a instanceof Inet4Address ? 32 : 128;
    }

    public boolean isIpv4() {
        return address instanceof Inet4Address;
    }

    public boolean isIpv6() {
        return address instanceof Inet6Address;
    }

    /** AF_INET (2) or AF_INET6 (10). */
    public int family() {
        return InetAddresses.family(address);
    }

    /** The same prefix with host bits cleared: {@code 10.0.0.1/24} becomes {@code 10.0.0.0/24}. */
    public IpPrefix network() {
        byte[] b = address.getAddress();
        for (int bit = length; bit < b.length * 8; bit++) {
            b[bit / 8] &= (byte) ~(0x80 >>> (bit % 8));
        }
        return new IpPrefix(InetAddresses.fromBytes(b), length);
    }

    /** {@code 10.0.0.1/24}; IPv6 in compressed form. */
    @Override
    public String toString() {
        return InetAddresses.toString(address) + "/" + length;
    }
}
