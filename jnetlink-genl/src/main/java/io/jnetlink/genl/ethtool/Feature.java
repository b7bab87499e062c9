package io.jnetlink.genl.ethtool;

import java.util.Objects;

/**
 * One netdev feature of a device, as one line of {@code ethtool -k DEV} shows it.
 *
 * @param index     the feature's bit index
 * @param name      the kernel's name (ETH_SS_FEATURES); {@code #N} for a bit the kernel leaves unnamed
 * @param available ETHTOOL_A_FEATURES_HW: the device can change it
 * @param wanted    ETHTOOL_A_FEATURES_WANTED: the state asked for
 * @param active    ETHTOOL_A_FEATURES_ACTIVE: the state in force
 * @param noChange  ETHTOOL_A_FEATURES_NOCHANGE: the kernel never lets it change
 */
public record Feature(int index, String name, boolean available, boolean wanted, boolean active, boolean noChange) {

    public Feature {
        Objects.requireNonNull(name, "name");
        if (index < 0) {
            throw new IllegalArgumentException("invalid feature index " + index + ": must not be negative");
        }
    }

    /** What ethtool marks {@code [fixed]}: not available to change, or never changeable. */
    public boolean fixed() {
        return !available || noChange;
    }

    /** What ethtool marks {@code [requested on]} or {@code [requested off]}: wanted differs from active. */
    public boolean pending() {
        return !fixed() && wanted != active;
    }
}
