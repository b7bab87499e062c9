package io.jnetlink.genl.ethtool;

import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The names {@code ethtool -k} and {@code ethtool -K} use for groups of kernel features, each standing for every
 * kernel feature its pattern matches (the {@code off_flag_def} table of ethtool's common.c). Either the short or
 * the long name may be used where {@link Ethtool#setFeatures} takes a feature name:
 *
 * <table>
 *   <caption>aliases</caption>
 *   <tr><th>short</th><th>long</th><th>kernel features</th></tr>
 *   <tr><td>rx</td><td>rx-checksumming</td><td>rx-checksum</td></tr>
 *   <tr><td>tx</td><td>tx-checksumming</td><td>tx-checksum-* (ipv4, ip-generic, ipv6, fcoe-crc, sctp)</td></tr>
 *   <tr><td>sg</td><td>scatter-gather</td><td>tx-scatter-gather*</td></tr>
 *   <tr><td>tso</td><td>tcp-segmentation-offload</td><td>tx-tcp*-segmentation (tcp, tcp-ecn, tcp-mangleid, tcp6,
 *       tcp-accecn)</td></tr>
 *   <tr><td>gso</td><td>generic-segmentation-offload</td><td>tx-generic-segmentation</td></tr>
 *   <tr><td>gro</td><td>generic-receive-offload</td><td>rx-gro</td></tr>
 *   <tr><td>lro</td><td>large-receive-offload</td><td>rx-lro</td></tr>
 *   <tr><td>rxvlan</td><td>rx-vlan-offload</td><td>rx-vlan-hw-parse</td></tr>
 *   <tr><td>txvlan</td><td>tx-vlan-offload</td><td>tx-vlan-hw-insert</td></tr>
 *   <tr><td>ntuple</td><td>ntuple-filters</td><td>rx-ntuple-filter</td></tr>
 *   <tr><td>rxhash</td><td>receive-hashing</td><td>rx-hashing</td></tr>
 * </table>
 * ethtool's {@code ufo} is left out: no kernel with the ethtool netlink interface has its feature.
 */
public enum FeatureAlias {
    RX("rx", "rx-checksumming", "rx-checksum"),
    TX("tx", "tx-checksumming", "tx-checksum-*"),
    SG("sg", "scatter-gather", "tx-scatter-gather*"),
    TSO("tso", "tcp-segmentation-offload", "tx-tcp*-segmentation"),
    GSO("gso", "generic-segmentation-offload", "tx-generic-segmentation"),
    GRO("gro", "generic-receive-offload", "rx-gro"),
    LRO("lro", "large-receive-offload", "rx-lro"),
    RXVLAN("rxvlan", "rx-vlan-offload", "rx-vlan-hw-parse"),
    TXVLAN("txvlan", "tx-vlan-offload", "tx-vlan-hw-insert"),
    NTUPLE("ntuple", "ntuple-filters", "rx-ntuple-filter"),
    RXHASH("rxhash", "receive-hashing", "rx-hashing");

    private final String shortName;
    private final String longName;
    private final String pattern;

    FeatureAlias(String shortName, String longName, String pattern) {
        this.shortName = shortName;
        this.longName = longName;
        this.pattern = pattern;
    }

    /** The name {@code ethtool -K} takes, e.g. {@code tso}. */
    public String shortName() {
        return shortName;
    }

    /** The name {@code ethtool -k} prints, e.g. {@code tcp-segmentation-offload}. */
    public String longName() {
        return longName;
    }

    /** The kernel feature names it stands for: a name with at most one {@code *}, as ethtool matches them. */
    public String pattern() {
        return pattern;
    }

    /** Whether a kernel feature name is one this alias stands for. */
    public boolean matches(String kernelName) {
        Objects.requireNonNull(kernelName, "kernelName");
        int star = pattern.indexOf('*');
        if (star < 0) {
            return kernelName.equals(pattern);
        }
        String prefix = pattern.substring(0, star);
        String suffix = pattern.substring(star + 1);
        return kernelName.length() >= prefix.length() + suffix.length()
                && kernelName.startsWith(prefix) && kernelName.endsWith(suffix);
    }

    /** The alias with this short or long name. */
    public static Optional<FeatureAlias> byName(String name) {
        for (FeatureAlias a : values()) {
            if (a.shortName.equals(name) || a.longName.equals(name)) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }

    /** The short names, for error messages. */
    static String names() {
        return Arrays.stream(values()).map(FeatureAlias::shortName).collect(Collectors.joining(", "));
    }
}
