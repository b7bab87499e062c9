package io.jnetlink.route.link.kind;

import io.jnetlink.core.codec.MessageWriter;

/**
 * The kind of a link and its kind-specific settings: IFLA_INFO_KIND with its IFLA_INFO_DATA (inside
 * IFLA_LINKINFO, linux/if_link.h). Used in both directions: to create or change a link (only the settings
 * present are sent; the kernel keeps or defaults the others) and as the decoded form of what the kernel
 * reports (see {@link LinkKinds#decode}).
 *
 * <p>Typed kinds model the settings listed in their records; whatever else the kernel reports for them stays
 * available raw in {@code Link.kindData()}. Kinds not modelled decode to {@link GenericKind}.
 */
public sealed interface LinkKind permits Bridge, Vxlan, Macvlan, Vlan, Dummy, Veth, Wireguard, GenericKind {

    /** IFLA_INFO_KIND, the driver's name ({@code "bridge"}, {@code "vxlan"}, ...). */
    String kind();

    /**
     * Writes this kind's IFLA_INFO_DATA attribute into an open IFLA_LINKINFO nest, or nothing when there is
     * no setting to send (as iproute2 does for {@code type bridge} without options).
     */
    void writeData(MessageWriter w);
}
