package io.jnetlink.cli.command;

import picocli.CommandLine;

import java.util.List;
import java.util.function.Function;

/**
 * Reads ip-style keyword arguments ({@code mtu 1400 address aa:bb:...}) one token at a time, turning
 * every mistake into a usage error that names the keyword and the value.
 */
final class Keywords {

    private final CommandLine cl;
    private final List<String> tokens;
    private int pos;

    Keywords(CommandLine cl, List<String> tokens) {
        this.cl = cl;
        this.tokens = tokens == null ? List.of() : tokens;
    }

    boolean hasNext() {
        return pos < tokens.size();
    }

    String next() {
        if (!hasNext()) {
            throw usage("missing argument");
        }
        return tokens.get(pos++);
    }

    /** The value after {@code keyword}. */
    String value(String keyword) {
        if (!hasNext()) {
            throw usage("'" + keyword + "' needs a value");
        }
        return tokens.get(pos++);
    }

    int intValue(String keyword, int min, int max) {
        return intOf(keyword, value(keyword), min, max);
    }

    /** {@code v}, given for {@code keyword}, as a decimal number from {@code min} to {@code max}. */
    int intOf(String keyword, String v, int min, int max) {
        try {
            long n = Long.parseLong(v);
            if (n < min || n > max) {
                throw usage("invalid " + keyword + " '" + v + "': must be between " + min + " and " + max);
            }
            return (int) n;
        } catch (NumberFormatException e) {
            throw usage("invalid " + keyword + " '" + v + "': not a number");
        }
    }

    /** Parses a value with a parser that throws IllegalArgumentException, as a usage error naming the keyword. */
    <T> T parsed(String keyword, Function<String, T> parser) {
        return parse(keyword, value(keyword), parser);
    }

    /** Parses {@code value}, given for {@code keyword}; a rejected value is a usage error naming both. */
    <T> T parse(String keyword, String value, Function<String, T> parser) {
        try {
            return parser.apply(value);
        } catch (IllegalArgumentException e) {
            throw usage("invalid " + keyword + " '" + value + "': " + e.getMessage());
        }
    }

    /** An unsigned 32-bit value (metric, table id) as the int that carries its bits. */
    int u32Value(String keyword, long min) {
        String v = value(keyword);
        try {
            long n = Long.parseLong(v);
            if (n < min || n > 0xFFFF_FFFFL) {
                throw usage("invalid " + keyword + " '" + v + "': must be between " + min + " and 4294967295");
            }
            return (int) n;
        } catch (NumberFormatException e) {
            throw usage("invalid " + keyword + " '" + v + "': not a number");
        }
    }

    /**
     * A number as C's strtoul with base 0 reads it, as ip takes masks and TOS values: decimal, {@code 0x} hex or
     * {@code 0} octal.
     */
    long numberValue(String keyword, long min, long max) {
        String v = value(keyword);
        return number(keyword, v, min, max);
    }

    /** {@code v}, given for {@code keyword}, read as {@link #numberValue} reads it. */
    long number(String keyword, String v, long min, long max) {
        long n;
        try {
            if (v.startsWith("0x") || v.startsWith("0X")) {
                n = Long.parseLong(v.substring(2), 16);
            } else if (v.length() > 1 && v.startsWith("0")) {
                n = Long.parseLong(v.substring(1), 8);
            } else {
                n = Long.parseLong(v);
            }
        } catch (NumberFormatException e) {
            throw usage("invalid " + keyword + " '" + v + "': not a number");
        }
        if (n < min || n > max) {
            throw usage("invalid " + keyword + " '" + v + "': must be between " + min + " and " + max);
        }
        return n;
    }

    /** {@code 0} or {@code 1}, as ip's bridge options take switches. */
    boolean zeroOrOne(String keyword) {
        String v = value(keyword);
        return switch (v) {
            case "0" -> false;
            case "1" -> true;
            default -> throw usage("invalid " + keyword + " '" + v + "': must be 0 or 1");
        };
    }

    /** {@code on} or {@code off}, as bridge and ethtool take switches. */
    boolean onOff(String keyword) {
        return onOff(keyword, value(keyword));
    }

    /** {@code v}, given for {@code keyword}: {@code on} or {@code off}. */
    boolean onOff(String keyword, String v) {
        return switch (v) {
            case "on" -> true;
            case "off" -> false;
            default -> throw usage("invalid " + keyword + " '" + v + "': must be on or off");
        };
    }

    /** Fails unless every token was read: {@code expected} says what could have come instead. */
    void end(String expected) {
        if (hasNext()) {
            throw unknown(next(), expected);
        }
    }

    CommandLine.ParameterException unknown(String token, String expected) {
        return usage("unknown argument '" + token + "' (expected " + expected + ")");
    }

    CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(cl, message);
    }
}
