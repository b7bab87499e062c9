package io.jnetlink.genl.ethtool;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * The kernel's names of the netdev feature bits: the ETH_SS_FEATURES string set (netdev_features_strings in the
 * kernel), as ETHTOOL_MSG_STRSET_GET returns it. Name {@code i} names bit {@code i}; bits the kernel retired are
 * named by the empty string. The same for every device of a kernel. Equivalent to the feature names listed by
 * {@code ethtool --show-features DEV}.
 *
 * @param names bit index to kernel name ({@code tx-checksum-ip-generic}, {@code rx-gro}, ...)
 */
public record FeatureNames(List<String> names) {

    public FeatureNames {
        names = List.copyOf(names);
    }

    /** Number of feature bits the kernel names (NETDEV_FEATURE_COUNT). */
    public int size() {
        return names.size();
    }

    /** The kernel name of bit {@code index}; empty for a retired bit. */
    public String name(int index) {
        Objects.checkIndex(index, names.size());
        return names.get(index);
    }

    /** The bit index of a kernel feature name; empty when the kernel has no such feature. */
    public OptionalInt indexOf(String name) {
        if (name == null || name.isEmpty()) {
            return OptionalInt.empty();
        }
        int i = names.indexOf(name);
        return i < 0 ? OptionalInt.empty() : OptionalInt.of(i);
    }

    /** Whether {@code name} is a kernel feature name. */
    public boolean contains(String name) {
        return indexOf(name).isPresent();
    }

    /** The bit indexes of the kernel features an alias stands for, ascending. */
    public List<Integer> matching(FeatureAlias alias) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            if (!names.get(i).isEmpty() && alias.matches(names.get(i))) {
                out.add(i);
            }
        }
        return out;
    }
}
