package io.jnetlink.route.link;

import java.util.List;

/**
 * RFC 2863 operational state of a link (IFLA_OPERSTATE, {@code enum if_oper_state} in linux/if.h), an open
 * enumeration: {@link #of(int)} never fails, a value a newer kernel may add comes back named
 * {@code OPERSTATE_<n>}. Names are those {@code ip link} prints under "operstate".
 */
public final class OperState {

    // linux/if.h: enum if_oper_state (IF_OPER_*)
    public static final OperState UNKNOWN = new OperState(0, "UNKNOWN");
    public static final OperState NOTPRESENT = new OperState(1, "NOTPRESENT");
    public static final OperState DOWN = new OperState(2, "DOWN");
    public static final OperState LOWERLAYERDOWN = new OperState(3, "LOWERLAYERDOWN");
    public static final OperState TESTING = new OperState(4, "TESTING");
    public static final OperState DORMANT = new OperState(5, "DORMANT");
    public static final OperState UP = new OperState(6, "UP");

    private static final List<OperState> KNOWN = List.of(UNKNOWN, NOTPRESENT, DOWN, LOWERLAYERDOWN, TESTING,
            DORMANT, UP);

    private final int value;
    private final String name;

    private OperState(int value, String name) {
        this.value = value;
        this.name = name;
    }

    /** The state for a kernel value; values without a name come back as {@code OPERSTATE_<n>}. */
    public static OperState of(int value) {
        if (value >= 0 && value < KNOWN.size()) {
            return KNOWN.get(value);
        }
        return new OperState(value, "OPERSTATE_" + Integer.toUnsignedString(value));
    }

    /** The kernel's number. */
    public int value() {
        return value;
    }

    /** The name {@code ip link} prints, e.g. {@code LOWERLAYERDOWN}. */
    public String name() {
        return name;
    }

    /** Whether this is one of the named states. */
    public boolean isKnown() {
        return value >= 0 && value < KNOWN.size();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OperState s && s.value == value;
    }

    @Override
    public int hashCode() {
        return value;
    }

    @Override
    public String toString() {
        return name;
    }
}
