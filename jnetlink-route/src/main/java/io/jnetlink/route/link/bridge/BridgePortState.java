package io.jnetlink.route.link.bridge;

/**
 * The spanning-tree state of a bridge port (IFLA_BRPORT_STATE, BR_STATE_* in linux/if_bridge.h), an open
 * enumeration: unknown values are kept and named {@code STATE_<n>}. Names are those {@code bridge link} prints.
 *
 * @param value the kernel's number (a u8)
 */
public record BridgePortState(int value) {

    // linux/if_bridge.h
    private static final int BR_STATE_DISABLED = 0;
    private static final int BR_STATE_LISTENING = 1;
    private static final int BR_STATE_LEARNING = 2;
    private static final int BR_STATE_FORWARDING = 3;
    private static final int BR_STATE_BLOCKING = 4;
    private static final int U8_MAX = 0xFF;

    public static final BridgePortState DISABLED = new BridgePortState(BR_STATE_DISABLED);
    public static final BridgePortState LISTENING = new BridgePortState(BR_STATE_LISTENING);
    public static final BridgePortState LEARNING = new BridgePortState(BR_STATE_LEARNING);
    public static final BridgePortState FORWARDING = new BridgePortState(BR_STATE_FORWARDING);
    public static final BridgePortState BLOCKING = new BridgePortState(BR_STATE_BLOCKING);

    /** @throws IllegalArgumentException naming the value when it does not fit the kernel's u8 */
    public BridgePortState {
        if (value < 0 || value > U8_MAX) {
            throw new IllegalArgumentException("invalid state " + value + ": must be 0 to " + U8_MAX);
        }
    }

    public static BridgePortState of(int value) {
        return new BridgePortState(value);
    }

    public boolean isKnown() {
        return value >= BR_STATE_DISABLED && value <= BR_STATE_BLOCKING;
    }

    /** {@code disabled}, {@code listening}, {@code learning}, {@code forwarding}, {@code blocking}, or {@code STATE_<n>}. */
    public String name() {
        return switch (value) {
            case BR_STATE_DISABLED -> "disabled";
            case BR_STATE_LISTENING -> "listening";
            case BR_STATE_LEARNING -> "learning";
            case BR_STATE_FORWARDING -> "forwarding";
            case BR_STATE_BLOCKING -> "blocking";
            default -> "STATE_" + value;
        };
    }

    @Override
    public String toString() {
        return name();
    }
}
