package io.jnetlink.core.net;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * A link-layer address. Usually 6 bytes (Ethernet), but links such as ip6gre or infiniband carry other
 * lengths, so any length from 1 to 32 is kept as the kernel gave it.
 */
public record MacAddress(byte[] bytes) {

    public static final MacAddress ZERO = new MacAddress(new byte[6]);
    public static final MacAddress BROADCAST = parse("ff:ff:ff:ff:ff:ff");

    public MacAddress {
        if (bytes.length == 0 || bytes.length > 32) {
            throw new IllegalArgumentException("link-layer address must be 1 to 32 bytes, got " + bytes.length);
        }
        bytes = bytes.clone();
    }

    /**
     * Parses {@code aa:bb:cc:dd:ee:ff} (also with '-' separators).
     *
     * @throws IllegalArgumentException naming the text when it is not a MAC address
     */
    public static MacAddress parse(String text) {
        String[] parts = text.split("[:-]", -1);
        if (parts.length < 1 || parts.length > 32) {
            throw new IllegalArgumentException("invalid MAC address '" + text + "'");
        }
        byte[] b = new byte[parts.length];
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i];
            if (p.isEmpty() || p.length() > 2) {
                throw new IllegalArgumentException("invalid MAC address '" + text + "'");
            }
            try {
                b[i] = (byte) Integer.parseInt(p, 16);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("invalid MAC address '" + text + "'");
            }
        }
        if (b.length != 6 && parts.length < 2) {
            throw new IllegalArgumentException("invalid MAC address '" + text + "'");
        }
        return new MacAddress(b);
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    /** Multicast (and broadcast) addresses have the least significant bit of the first byte set. */
    public boolean isMulticast() {
        return (bytes[0] & 1) != 0;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MacAddress m && Arrays.equals(m.bytes, bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    /** Lower-case, colon-separated, as {@code ip link} prints it. */
    @Override
    public String toString() {
        return HexFormat.ofDelimiter(":").formatHex(bytes);
    }
}
