package io.jnetlink.route.neigh;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The state of a neighbour entry (ndm_state, NUD_* of linux/neighbour.h), as an open set of flag bits: the
 * kernel keeps a neighbour in one state at a time, but the field is a bit mask, bridge FDB requests combine
 * bits ({@code NUD_NOARP|NUD_PERMANENT}), and bits this class does not name are kept and printed as hex.
 * {@link #of(int)} never fails for a 16-bit value.
 *
 * @param value the kernel's u16 value
 */
public record NeighbourState(int value) {

    // linux/neighbour.h: Neighbor Cache Entry States
    static final int NUD_NONE = 0x00;
    static final int NUD_INCOMPLETE = 0x01;
    static final int NUD_REACHABLE = 0x02;
    static final int NUD_STALE = 0x04;
    static final int NUD_DELAY = 0x08;
    static final int NUD_PROBE = 0x10;
    static final int NUD_FAILED = 0x20;
    // pseudo-states: no address resolution, never change
    static final int NUD_NOARP = 0x40;
    static final int NUD_PERMANENT = 0x80;

    /** The largest ndm_state (a u16). */
    private static final int MAX = 0xFFFF;

    /** NUD_NONE: no state (a proxy entry, or an entry just created without one); ip prints no state. */
    public static final NeighbourState NONE = new NeighbourState(NUD_NONE);
    /** NUD_INCOMPLETE: resolution under way, no link-layer address yet. */
    public static final NeighbourState INCOMPLETE = new NeighbourState(NUD_INCOMPLETE);
    /** NUD_REACHABLE: confirmed recently; becomes STALE after the reachable time. */
    public static final NeighbourState REACHABLE = new NeighbourState(NUD_REACHABLE);
    /** NUD_STALE: usable, to be confirmed when next used. */
    public static final NeighbourState STALE = new NeighbourState(NUD_STALE);
    /** NUD_DELAY: used while stale; waiting before probing. */
    public static final NeighbourState DELAY = new NeighbourState(NUD_DELAY);
    /** NUD_PROBE: probing with unicast solicitations. */
    public static final NeighbourState PROBE = new NeighbourState(NUD_PROBE);
    /** NUD_FAILED: resolution failed. */
    public static final NeighbourState FAILED = new NeighbourState(NUD_FAILED);
    /** NUD_NOARP: valid without resolution (multicast, devices without ARP; a static bridge FDB entry). */
    public static final NeighbourState NOARP = new NeighbourState(NUD_NOARP);
    /** NUD_PERMANENT: set by the administrator, never changes nor expires. */
    public static final NeighbourState PERMANENT = new NeighbourState(NUD_PERMANENT);

    private record Named(int bit, String name) {
    }

    /** print_neigh_state of iproute2 (ip/ipneigh.c) prints the bits in this order, in upper case. */
    private static final List<Named> PRINT_ORDER = List.of(
            new Named(NUD_INCOMPLETE, "INCOMPLETE"),
            new Named(NUD_REACHABLE, "REACHABLE"),
            new Named(NUD_STALE, "STALE"),
            new Named(NUD_DELAY, "DELAY"),
            new Named(NUD_PROBE, "PROBE"),
            new Named(NUD_FAILED, "FAILED"),
            new Named(NUD_NOARP, "NOARP"),
            new Named(NUD_PERMANENT, "PERMANENT"));

    public NeighbourState {
        if (value < 0 || value > MAX) {
            throw new IllegalArgumentException("neighbour state " + value + " is outside 0..65535");
        }
    }

    /** The state with these bits, named or not; never throws for 0..65535. */
    public static NeighbourState of(int value) {
        return switch (value) {
            case NUD_NONE -> NONE;
            case NUD_INCOMPLETE -> INCOMPLETE;
            case NUD_REACHABLE -> REACHABLE;
            case NUD_STALE -> STALE;
            case NUD_DELAY -> DELAY;
            case NUD_PROBE -> PROBE;
            case NUD_FAILED -> FAILED;
            case NUD_NOARP -> NOARP;
            case NUD_PERMANENT -> PERMANENT;
            default -> new NeighbourState(value);
        };
    }

    /**
     * Parses a state as {@code ip neigh ... nud STATE} accepts it ({@code permanent}, {@code reachable},
     * {@code stale}, {@code noarp}, {@code none}, {@code incomplete}, {@code delay}, {@code probe},
     * {@code failed}, in any case) or a number ({@code 0x80}, {@code 128}).
     *
     * @throws IllegalArgumentException naming the text when it is neither
     */
    public static NeighbourState parse(String text) {
        Objects.requireNonNull(text, "state");
        String t = text.toUpperCase(Locale.ROOT);
        if (t.equals("NONE")) {
            return NONE;
        }
        for (Named n : PRINT_ORDER) {
            if (n.name().equals(t)) {
                return of(n.bit());
            }
        }
        try {
            int v = t.startsWith("0X") ? Integer.parseInt(text.substring(2), 16) : Integer.parseInt(text);
            if (v >= 0 && v <= MAX) {
                return of(v);
            }
        } catch (NumberFormatException e) {
            // fall through to the error naming the text
        }
        throw new IllegalArgumentException("invalid neighbour state '" + text + "'");
    }

    /** Whether every bit of {@code other} is set here ({@code NONE} is contained in every state). */
    public boolean contains(NeighbourState other) {
        return (value & other.value) == other.value;
    }

    /** Whether any bit of {@code other} is set here. */
    public boolean containsAny(NeighbourState other) {
        return (value & other.value) != 0;
    }

    /** This state with the bits of {@code other} added. */
    public NeighbourState with(NeighbourState other) {
        return of(value | other.value);
    }

    /** This state with the bits of {@code other} removed. */
    public NeighbourState without(NeighbourState other) {
        return of(value & ~other.value);
    }

    /** Whether every bit set has a name. */
    public boolean isKnown() {
        return (value & ~0xFF) == 0;
    }

    /**
     * The names exactly as {@code ip -j neigh} lists them under "state": upper case, in iproute2's order,
     * then the bits without a name as one hex number ({@code 0x100}); empty for {@link #NONE}, for which ip
     * prints no state at all.
     */
    public List<String> names() {
        List<String> out = new ArrayList<>();
        int rest = value;
        for (Named n : PRINT_ORDER) {
            if ((rest & n.bit()) != 0) {
                rest &= ~n.bit();
                out.add(n.name());
            }
        }
        if (rest != 0) {
            out.add("0x" + Integer.toHexString(rest));
        }
        return List.copyOf(out);
    }

    /** The names joined by {@code |}, or {@code NONE}. */
    @Override
    public String toString() {
        return value == NUD_NONE ? "NONE" : String.join("|", names());
    }
}
