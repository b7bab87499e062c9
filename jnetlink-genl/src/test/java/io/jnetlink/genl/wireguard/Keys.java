package io.jnetlink.genl.wireguard;

import java.util.Arrays;

/** Test keys whose 32 bytes are all one value, so that hex dumps show which key is where. */
final class Keys {

    private Keys() {
    }

    static Key key(int fill) {
        byte[] b = new byte[Key.LENGTH];
        Arrays.fill(b, (byte) fill);
        return new Key(b);
    }

    /** A key holding {@code n} in its first four bytes (big-endian) and zeros elsewhere: as many as wanted. */
    static Key numbered(int n) {
        byte[] b = new byte[Key.LENGTH];
        b[0] = (byte) (n >>> 24);
        b[1] = (byte) (n >>> 16);
        b[2] = (byte) (n >>> 8);
        b[3] = (byte) n;
        return new Key(b);
    }

    /** The key's 32 bytes as eight hex words. */
    static String hex(int fill) {
        String word = String.format("%02x", fill).repeat(4);
        return (word + " ").repeat(8).strip();
    }
}
