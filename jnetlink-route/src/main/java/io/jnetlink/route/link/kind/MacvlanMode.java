package io.jnetlink.route.link.kind;

/**
 * How a macvlan talks to its siblings (IFLA_MACVLAN_MODE, {@code enum macvlan_mode} in linux/if_link.h), an
 * open enumeration: unknown values are kept and named {@code MACVLAN_MODE_<n>}. Names are those
 * {@code ip -d link} prints.
 *
 * @param value the kernel's number (a u32)
 */
public record MacvlanMode(int value) {

    // linux/if_link.h: enum macvlan_mode
    private static final int MACVLAN_MODE_PRIVATE = 1;
    private static final int MACVLAN_MODE_VEPA = 2;
    private static final int MACVLAN_MODE_BRIDGE = 4;
    private static final int MACVLAN_MODE_PASSTHRU = 8;
    private static final int MACVLAN_MODE_SOURCE = 16;

    /** MACVLAN_MODE_PRIVATE: no traffic to other macvlans of the same parent. */
    public static final MacvlanMode PRIVATE = new MacvlanMode(MACVLAN_MODE_PRIVATE);
    /** MACVLAN_MODE_VEPA: traffic to siblings goes through the external switch. */
    public static final MacvlanMode VEPA = new MacvlanMode(MACVLAN_MODE_VEPA);
    /** MACVLAN_MODE_BRIDGE: siblings talk directly. */
    public static final MacvlanMode BRIDGE = new MacvlanMode(MACVLAN_MODE_BRIDGE);
    /** MACVLAN_MODE_PASSTHRU: the one macvlan takes over the parent. */
    public static final MacvlanMode PASSTHRU = new MacvlanMode(MACVLAN_MODE_PASSTHRU);
    /** MACVLAN_MODE_SOURCE: frames are assigned by source MAC address. */
    public static final MacvlanMode SOURCE = new MacvlanMode(MACVLAN_MODE_SOURCE);

    /** The mode for a kernel value; never fails. */
    public static MacvlanMode of(int value) {
        return new MacvlanMode(value);
    }

    /** Whether this is one of the five modes of linux/if_link.h. */
    public boolean isKnown() {
        return switch (value) {
            case MACVLAN_MODE_PRIVATE, MACVLAN_MODE_VEPA, MACVLAN_MODE_BRIDGE, MACVLAN_MODE_PASSTHRU,
                 MACVLAN_MODE_SOURCE -> true;
            default -> false;
        };
    }

    /** {@code private}, {@code vepa}, {@code bridge}, {@code passthru}, {@code source}, or {@code MACVLAN_MODE_<n>}. */
    public String name() {
        return switch (value) {
            case MACVLAN_MODE_PRIVATE -> "private";
            case MACVLAN_MODE_VEPA -> "vepa";
            case MACVLAN_MODE_BRIDGE -> "bridge";
            case MACVLAN_MODE_PASSTHRU -> "passthru";
            case MACVLAN_MODE_SOURCE -> "source";
            default -> "MACVLAN_MODE_" + Integer.toUnsignedString(value);
        };
    }

    @Override
    public String toString() {
        return name();
    }
}
