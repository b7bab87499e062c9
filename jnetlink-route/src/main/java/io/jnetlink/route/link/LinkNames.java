package io.jnetlink.route.link;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/** Checks interface names the way the kernel's dev_valid_name() does, so that bad input fails before sending. */
final class LinkNames {

    private LinkNames() {
    }

    /** IFNAMSIZ (linux/if.h) includes the terminating NUL. */
    static final int IFNAMSIZ = 16;
    /** ALTIFNAMSIZ (linux/if.h): alternative names may be longer. */
    static final int ALTIFNAMSIZ = 128;
    /** IFALIASZ (linux/if.h) includes the terminating NUL. */
    static final int IFALIASZ = 256;

    /**
     * Returns {@code value} when it is a valid interface name: 1 to 15 bytes of UTF-8, not "." or "..", no
     * '/', ':' or whitespace.
     *
     * @throws IllegalArgumentException naming {@code field} and the value
     */
    static String check(String field, String value) {
        Objects.requireNonNull(value, field);
        int bytes = utf8Length(value);
        if (bytes == 0 || bytes >= IFNAMSIZ) {
            throw invalid(field, value, "must be 1 to " + (IFNAMSIZ - 1) + " bytes, is " + bytes);
        }
        if (value.equals(".") || value.equals("..")) {
            throw invalid(field, value, "'.' and '..' are reserved");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '/' || c == ':' || Character.isWhitespace(c) || c == '\0') {
                throw invalid(field, value, "must not contain '/', ':', NUL or whitespace");
            }
        }
        return value;
    }

    /** A name to look a link up by: its name or one of its alternative names (up to 127 bytes). */
    static String checkLookup(String value) {
        return checkLookup("name", value);
    }

    /** As {@link #checkLookup(String)}, with errors naming {@code field}. */
    static String checkLookup(String field, String value) {
        Objects.requireNonNull(value, field);
        int bytes = utf8Length(value);
        if (bytes == 0 || bytes >= ALTIFNAMSIZ) {
            throw invalid(field, value, "must be 1 to " + (ALTIFNAMSIZ - 1) + " bytes, is " + bytes);
        }
        return value;
    }

    /** Whether a lookup name is too long for IFLA_IFNAME and must travel as IFLA_ALT_IFNAME. */
    static boolean needsAltName(String value) {
        return utf8Length(value) >= IFNAMSIZ;
    }

    static String checkAlias(String value) {
        Objects.requireNonNull(value, "alias");
        int bytes = utf8Length(value);
        if (bytes >= IFALIASZ) {
            throw invalid("alias", value, "must be at most " + (IFALIASZ - 1) + " bytes, is " + bytes);
        }
        return value;
    }

    private static int utf8Length(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }

    private static IllegalArgumentException invalid(String field, String value, String why) {
        return new IllegalArgumentException("invalid " + field + " '" + value + "': " + why);
    }
}
