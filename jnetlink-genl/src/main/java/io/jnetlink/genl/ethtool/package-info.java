/**
 * ethtool over generic netlink (linux/ethtool_netlink.h): the netdev features of a device. {@link
 * io.jnetlink.genl.ethtool.Ethtool} holds the operations ({@code ethtool -k}, {@code ethtool -K}); {@link
 * io.jnetlink.genl.ethtool.EthtoolCodec} the requests and decoders with the ETHTOOL_* constants, compact and
 * verbose bitsets alike; the model is {@link io.jnetlink.genl.ethtool.Features} of {@link
 * io.jnetlink.genl.ethtool.Feature}s, {@link io.jnetlink.genl.ethtool.FeatureChanges}, the kernel's {@link
 * io.jnetlink.genl.ethtool.FeatureNames} and ethtool's {@link io.jnetlink.genl.ethtool.FeatureAlias} table.
 */
package io.jnetlink.genl.ethtool;
