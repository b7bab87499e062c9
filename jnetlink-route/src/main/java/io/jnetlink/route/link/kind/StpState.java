package io.jnetlink.route.link.kind;

/**
 * Who runs the spanning tree protocol of a bridge (IFLA_BR_STP_STATE), an open enumeration: any value is
 * accepted, values without a name print as {@code STP_STATE_<n>}. The values are the kernel's
 * {@code BR_NO_STP}, {@code BR_KERNEL_STP} and {@code BR_USER_STP} (net/bridge/br_private.h; {@code ip}
 * prints the number as {@code stp_state}).
 *
 * @param value the kernel's number (a u32)
 */
public record StpState(int value) {

    // net/bridge/br_private.h: BR_NO_STP, BR_KERNEL_STP, BR_USER_STP
    private static final int BR_NO_STP = 0;
    private static final int BR_KERNEL_STP = 1;
    private static final int BR_USER_STP = 2;

    /** BR_NO_STP: no spanning tree ({@code stp_state 0}). */
    public static final StpState DISABLED = new StpState(BR_NO_STP);
    /** BR_KERNEL_STP: the kernel runs STP ({@code stp_state 1} outside the initial namespace, or without a helper). */
    public static final StpState KERNEL = new StpState(BR_KERNEL_STP);
    /** BR_USER_STP: a user-space daemon runs STP ({@code /sbin/bridge-stp} accepted the bridge). */
    public static final StpState USER = new StpState(BR_USER_STP);

    /** The state for a kernel value; never fails. */
    public static StpState of(int value) {
        return new StpState(value);
    }

    /** Whether this is one of the named states. */
    public boolean isKnown() {
        return value >= BR_NO_STP && value <= BR_USER_STP;
    }

    /** {@code DISABLED}, {@code KERNEL}, {@code USER}, or {@code STP_STATE_<n>}. */
    public String name() {
        return switch (value) {
            case BR_NO_STP -> "DISABLED";
            case BR_KERNEL_STP -> "KERNEL";
            case BR_USER_STP -> "USER";
            default -> "STP_STATE_" + Integer.toUnsignedString(value);
        };
    }

    @Override
    public String toString() {
        return name();
    }
}
