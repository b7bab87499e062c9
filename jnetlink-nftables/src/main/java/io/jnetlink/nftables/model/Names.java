package io.jnetlink.nftables.model;

import java.nio.charset.StandardCharsets;

/** Object-name checks shared by the model records (NFT_NAME_MAXLEN 256 bytes including the NUL). */
final class Names {
    static final int MAX_BYTES = 255;

    private Names() {
    }

    static void check(String field, String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException(field + ": name must not be empty");
        }
        if (name.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            throw new IllegalArgumentException(field + ": name '" + name + "' exceeds " + MAX_BYTES + " bytes");
        }
        if (name.indexOf('\0') >= 0) {
            throw new IllegalArgumentException(field + ": name '" + name.replace("\0", "\\0") + "' contains NUL");
        }
    }
}
