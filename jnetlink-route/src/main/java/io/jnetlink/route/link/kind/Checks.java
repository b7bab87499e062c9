package io.jnetlink.route.link.kind;

import io.jnetlink.core.error.DecodeException;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/** Input checks shared by the kind records: each failure names the field and the value. */
final class Checks {

    private Checks() {
    }

    /** IFNAMSIZ (linux/if.h) includes the terminating NUL. */
    private static final int IFNAMSIZ = 16;
    private static final Duration CENTISECOND = Duration.ofMillis(10);
    private static final long U32_MAX = 0xFFFF_FFFFL;

    /**
     * A value the kernel sent that a record refuses (a VLAN id above 4094, say), as a {@link DecodeException}
     * naming the kind: decoders only ever throw decode errors.
     */
    static DecodeException undecodable(String kind, IllegalArgumentException e) {
        return new DecodeException("IFLA_INFO_DATA of kind " + kind + ": " + e.getMessage());
    }

    static IllegalArgumentException invalid(String field, Object value, String why) {
        return new IllegalArgumentException("invalid " + field + " " + value + ": " + why);
    }

    static void range(String field, OptionalInt value, int min, int max) {
        Objects.requireNonNull(value, field);
        if (value.isPresent()) {
            range(field, value.getAsInt(), min, max);
        }
    }

    static int range(String field, int value, int min, int max) {
        if (value < min || value > max) {
            throw invalid(field, value, "must be " + min + " to " + max);
        }
        return value;
    }

    /** A timer the kernel takes in clock_t (USER_HZ, i.e. centiseconds), as ip's bridge options do. */
    static void centiseconds(String field, Optional<Duration> value) {
        Objects.requireNonNull(value, field);
        value.ifPresent(d -> toCentiseconds(field, d));
    }

    static int toCentiseconds(String field, Duration d) {
        Objects.requireNonNull(d, field);
        if (d.isNegative()) {
            throw invalid(field, d, "must not be negative");
        }
        long cs = d.dividedBy(CENTISECOND);
        if (!CENTISECOND.multipliedBy(cs).equals(d)) {
            throw invalid(field, d, "must be a whole number of centiseconds (the kernel's unit is 1/100 s)");
        }
        if (cs > U32_MAX) {
            throw invalid(field, d, "must be at most " + U32_MAX + " centiseconds");
        }
        return (int) cs;
    }

    static Duration fromCentiseconds(int cs) {
        return CENTISECOND.multipliedBy(Integer.toUnsignedLong(cs));
    }

    /**
     * An interface name as the kernel's dev_valid_name() accepts it: 1 to 15 bytes of UTF-8, not "." or "..",
     * no '/', ':', NUL or whitespace. (The same rule as the link package's name check, which this package
     * cannot reach without a dependency cycle.)
     */
    static String interfaceName(String field, String value) {
        Objects.requireNonNull(value, field);
        int bytes = value.getBytes(StandardCharsets.UTF_8).length;
        if (bytes == 0 || bytes >= IFNAMSIZ) {
            throw invalid(field, "'" + value + "'", "must be 1 to " + (IFNAMSIZ - 1) + " bytes, is " + bytes);
        }
        if (value.equals(".") || value.equals("..")) {
            throw invalid(field, "'" + value + "'", "'.' and '..' are reserved");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '/' || c == ':' || c == '\0' || Character.isWhitespace(c)) {
                throw invalid(field, "'" + value + "'", "must not contain '/', ':', NUL or whitespace");
            }
        }
        return value;
    }
}
