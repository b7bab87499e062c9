package io.jnetlink.cli.command;

import picocli.CommandLine;

import java.util.List;

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
        String v = value(keyword);
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
    <T> T parsed(String keyword, java.util.function.Function<String, T> parser) {
        String v = value(keyword);
        try {
            return parser.apply(v);
        } catch (IllegalArgumentException e) {
            throw usage("invalid " + keyword + " '" + v + "': " + e.getMessage());
        }
    }

    CommandLine.ParameterException unknown(String token, String expected) {
        return usage("unknown argument '" + token + "' (expected " + expected + ")");
    }

    CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(cl, message);
    }
}
