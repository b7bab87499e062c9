/**
 * Links: the {@link io.jnetlink.route.link.Link} model, its codec ({@link io.jnetlink.route.link.LinkCodec},
 * IFLA_* attributes) and {@link io.jnetlink.route.link.Links}, whose operations are each equivalent to one
 * {@code ip link} command. Links of any kind are created from a {@link io.jnetlink.route.link.LinkSpec}; the
 * kinds themselves (bridge, vxlan, macvlan, vlan, ...) are typed in {@code io.jnetlink.route.link.kind}, bridge
 * ports and bridge VLAN tables ({@code bridge link}, {@code bridge vlan}) live in
 * {@code io.jnetlink.route.link.bridge}.
 */
package io.jnetlink.route.link;
