package io.jnetlink.route;

import java.util.Locale;
import java.util.Objects;

/**
 * A scope (enum rt_scope_t of linux/rtnetlink.h), shared by routes (rtm_scope: how far the destination
 * is) and addresses (ifa_scope). An open enumeration: {@link #of(int)} never fails; a value without a name
 * prints as its number, as {@code ip} prints it.
 *
 * @param value the kernel's value, 0 to 255
 */
public record Scope(int value) {

    /** RT_SCOPE_UNIVERSE, printed {@code global}: reached through a gateway, or anywhere. */
    public static final Scope GLOBAL = new Scope(0);
    /** RT_SCOPE_SITE. */
    public static final Scope SITE = new Scope(200);
    /** RT_SCOPE_LINK: directly attached. */
    public static final Scope LINK = new Scope(253);
    /** RT_SCOPE_HOST: this host (local routes). */
    public static final Scope HOST = new Scope(254);
    /** RT_SCOPE_NOWHERE: no destination; in a delete request, any scope. */
    public static final Scope NOWHERE = new Scope(255);

    public Scope {
        if (value < 0 || value > 0xFF) {
            throw new IllegalArgumentException("scope " + value + " is outside 0..255");
        }
    }

    /** The scope with this value, named or not; never throws for 0..255. */
    public static Scope of(int value) {
        return switch (value) {
            case 0 -> GLOBAL;
            case 200 -> SITE;
            case 253 -> LINK;
            case 254 -> HOST;
            case 255 -> NOWHERE;
            default -> new Scope(value);
        };
    }

    /**
     * Parses a name {@code ip} accepts ({@code global}, {@code site}, {@code link}, {@code host},
     * {@code nowhere}) or a number.
     *
     * @throws IllegalArgumentException naming the text when it is neither
     */
    public static Scope parse(String text) {
        Objects.requireNonNull(text, "scope");
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "global", "universe" -> GLOBAL;
            case "site" -> SITE;
            case "link" -> LINK;
            case "host" -> HOST;
            case "nowhere" -> NOWHERE;
            default -> {
                try {
                    yield of(Integer.parseInt(text));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("invalid scope '" + text + "'");
                }
            }
        };
    }

    /** Whether the value has a name. */
    public boolean isKnown() {
        return !name().equals(Integer.toString(value));
    }

    /** The name {@code ip} prints: {@code global}, {@code link}, ..., or the number. */
    public String name() {
        return switch (value) {
            case 0 -> "global";
            case 200 -> "site";
            case 253 -> "link";
            case 254 -> "host";
            case 255 -> "nowhere";
            default -> Integer.toString(value);
        };
    }

    @Override
    public String toString() {
        return name();
    }
}
