package io.jnetlink.core.net;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Objects;

/**
 * IP address helpers that never touch DNS: parsing literals only, and printing IPv6 in the compressed
 * form {@code ip} uses (RFC 5952).
 */
public final class InetAddresses {

    /** AF_INET from linux/socket.h. */
    public static final int AF_INET = 2;
    /** AF_INET6 from linux/socket.h. */
    public static final int AF_INET6 = 10;

    private InetAddresses() {
    }

    /**
     * Parses an IPv4 or IPv6 literal.
     *
     * @throws IllegalArgumentException naming the text when it is not an IP literal (never a DNS lookup)
     */
    public static InetAddress parse(String text) {
        Objects.requireNonNull(text, "address");
        if (text.isEmpty() || !(isIpv4Literal(text) || (text.indexOf(':') >= 0 && text.matches("[0-9A-Fa-f:.]+")))) {
            throw new IllegalArgumentException("invalid IP address '" + text + "'");
        }
        try {
            InetAddress a = InetAddress.getByName(text);
            // getByName turns ::ffff:a.b.c.d into an Inet4Address; an IPv6 literal stays IPv6.
            return text.indexOf(':') >= 0 && a instanceof Inet4Address ? fromBytes(mapped(a.getAddress())) : a;
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("invalid IP address '" + text + "'");
        }
    }

    private static byte[] mapped(byte[] v4) {
        byte[] b = new byte[16];
        b[10] = (byte) 0xFF;
        b[11] = (byte) 0xFF;
        System.arraycopy(v4, 0, b, 12, 4);
        return b;
    }

    private static boolean isIpv4Literal(String s) {
        String[] parts = s.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (String p : parts) {
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(Character::isDigit) || Integer.parseInt(p) > 255) {
                return false;
            }
        }
        return true;
    }

    /**
     * An address from 4 or 16 bytes. 16 bytes always give an {@link Inet6Address}, IPv4-mapped ones
     * ({@code ::ffff:a.b.c.d}) included: {@code InetAddress.getByAddress} would silently make those IPv4.
     */
    public static InetAddress fromBytes(byte[] b) {
        try {
            return switch (b.length) {
                case 4 -> InetAddress.getByAddress(b);
                case 16 -> Inet6Address.getByAddress(null, b, -1);
                default -> throw new IllegalArgumentException("an IP address has 4 or 16 bytes, got " + b.length);
            };
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /** AF_INET or AF_INET6. */
    public static int family(InetAddress a) {
        return a instanceof Inet4Address ? AF_INET : AF_INET6;
    }

    /** Dotted quad, or compressed IPv6 as {@code ip} prints it (no zone, no brackets). */
    public static String toString(InetAddress a) {
        if (a instanceof Inet6Address) {
            return compress6(a.getAddress());
        }
        return a.getHostAddress();
    }

    private static String compress6(byte[] b) {
        int[] w = new int[8];
        for (int i = 0; i < 8; i++) {
            w[i] = ((b[2 * i] & 0xFF) << 8) | (b[2 * i + 1] & 0xFF);
        }
        // IPv4-mapped addresses print as ::ffff:a.b.c.d
        if (w[0] == 0 && w[1] == 0 && w[2] == 0 && w[3] == 0 && w[4] == 0 && w[5] == 0xFFFF) {
            return "::ffff:" + (b[12] & 0xFF) + "." + (b[13] & 0xFF) + "." + (b[14] & 0xFF) + "." + (b[15] & 0xFF);
        }
        int bestStart = -1;
        int bestLen = 0;
        for (int i = 0; i < 8; ) {
            if (w[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && w[j] == 0) {
                j++;
            }
            if (j - i > bestLen && j - i >= 2) {
                bestStart = i;
                bestLen = j - i;
            }
            i = j;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append("::");
                i += bestLen - 1;
                continue;
            }
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
                sb.append(':');
            }
            sb.append(Integer.toHexString(w[i]));
        }
        return sb.toString();
    }
}
