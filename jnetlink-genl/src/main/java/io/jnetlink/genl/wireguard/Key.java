package io.jnetlink.genl.wireguard;

import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;

/**
 * A WireGuard key: 32 bytes (WG_KEY_LEN), written as 44 characters of standard base64 as {@code wg} prints
 * them. Private, public and preshared keys alike; the all-zero key means "remove" where the kernel takes a
 * private or preshared key.
 *
 * <p>{@link #toString()} prints the base64 form, so a private key should not be logged; {@link Device} and
 * {@link DeviceConfig} hide theirs.
 *
 * @param bytes the 32 key bytes (copied in and out)
 */
public record Key(byte[] bytes) {

    /** WG_KEY_LEN (linux/wireguard.h). */
    public static final int LENGTH = 32;

    private static final int BASE64_LENGTH = 44;

    /**
     * @throws IllegalArgumentException when there are not exactly 32 bytes
     */
    public Key {
        Objects.requireNonNull(bytes, "bytes");
        if (bytes.length != LENGTH) {
            throw new IllegalArgumentException("invalid key: must be " + LENGTH + " bytes, is " + bytes.length);
        }
        bytes = bytes.clone();
    }

    /**
     * Parses the base64 form {@code wg genkey} and {@code wg show} use.
     *
     * @throws IllegalArgumentException naming the text when it is not 44 characters of base64 for 32 bytes
     */
    public static Key parse(String base64) {
        Objects.requireNonNull(base64, "key");
        if (base64.length() != BASE64_LENGTH || base64.charAt(BASE64_LENGTH - 1) != '=') {
            throw new IllegalArgumentException("invalid key '" + base64 + "': must be " + BASE64_LENGTH
                    + " characters of base64 ending in '='");
        }
        byte[] b;
        try {
            b = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid key '" + base64 + "': " + e.getMessage());
        }
        if (b.length != LENGTH || !Base64.getEncoder().encodeToString(b).equals(base64)) {
            throw new IllegalArgumentException("invalid key '" + base64 + "': not the canonical base64 of "
                    + LENGTH + " bytes");
        }
        return new Key(b);
    }

    /** The all-zero key: given as a private or preshared key, it removes the one set. */
    public static Key zero() {
        return new Key(new byte[LENGTH]);
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    /** Whether every byte is zero. */
    public boolean isZero() {
        for (byte b : bytes) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    /** The 44-character base64 form. */
    public String toBase64() {
        return Base64.getEncoder().encodeToString(bytes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Key k && Arrays.equals(k.bytes, bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    /** The base64 form, as {@code wg show} prints a public key. */
    @Override
    public String toString() {
        return toBase64();
    }
}
