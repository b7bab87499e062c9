package io.jnetlink.genl.ethtool;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What a feature change did, as the kernel reports it in ETHTOOL_MSG_FEATURES_SET_REPLY; {@code ethtool -K}
 * prints it as "Actual changes".
 *
 * @param device     the device changed
 * @param changed    every feature whose active state changed, with its new state, whether requested or not
 *                   (turning off tx checksumming also turns off tx-udp-segmentation, for example); kernel bit order
 * @param notApplied every requested feature that did not end up in the requested state, with the state requested
 *                   (e.g. a [fixed] feature asked to turn on); kernel bit order
 */
public record FeatureChanges(String device, Map<String, Boolean> changed, Map<String, Boolean> notApplied) {

    public FeatureChanges {
        Objects.requireNonNull(device, "device");
        changed = Collections.unmodifiableMap(new LinkedHashMap<>(changed));
        notApplied = Collections.unmodifiableMap(new LinkedHashMap<>(notApplied));
    }

    /** Whether every requested feature is now in the requested state. */
    public boolean fullyApplied() {
        return notApplied.isEmpty();
    }
}
