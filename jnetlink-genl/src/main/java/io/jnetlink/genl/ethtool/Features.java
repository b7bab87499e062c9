package io.jnetlink.genl.ethtool;

import io.jnetlink.core.codec.RawAttribute;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The netdev features of a device, decoded from ETHTOOL_MSG_FEATURES_GET_REPLY: what {@code ethtool -k DEV}
 * prints.
 *
 * @param ifindex  ETHTOOL_A_HEADER_DEV_INDEX
 * @param device   ETHTOOL_A_HEADER_DEV_NAME
 * @param features every named feature bit in kernel bit order (and any unnamed bit that carries a state)
 * @param unknown  top-level attributes of the reply not modelled here, raw
 */
public record Features(int ifindex, String device, List<Feature> features, List<RawAttribute> unknown) {

    public Features {
        Objects.requireNonNull(device, "device");
        features = List.copyOf(features);
        unknown = List.copyOf(unknown);
    }

    /** The feature with this kernel name. */
    public Optional<Feature> feature(String kernelName) {
        return features.stream().filter(f -> f.name().equals(kernelName)).findFirst();
    }

    /**
     * Whether a feature is active, by kernel name or {@link FeatureAlias} name; for an alias, whether any feature
     * it stands for is active, which is what {@code ethtool -k} prints for it (e.g. {@code tx-checksumming: on}).
     *
     * @throws IllegalArgumentException when the name is neither a feature of this device nor an alias
     */
    public boolean isActive(String name) {
        Optional<FeatureAlias> alias = FeatureAlias.byName(name);
        if (alias.isPresent()) {
            return features.stream().anyMatch(f -> alias.get().matches(f.name()) && f.active());
        }
        return feature(name).orElseThrow(() -> new IllegalArgumentException("unknown feature '" + name
                + "': not a feature of " + device + " nor an alias (" + FeatureAlias.names() + ")")).active();
    }
}
