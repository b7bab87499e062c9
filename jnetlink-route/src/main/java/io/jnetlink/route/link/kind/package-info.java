/**
 * Typed link kinds: what IFLA_LINKINFO carries for each driver. {@link io.jnetlink.route.link.kind.LinkKind}
 * is a sealed interface with one record per modelled kind ({@code bridge}, {@code vxlan}, {@code macvlan},
 * {@code vlan}, {@code dummy}, {@code veth}, {@code wireguard}); each record encodes its own IFLA_INFO_DATA
 * and decodes itself, and {@link io.jnetlink.route.link.kind.LinkKinds} maps the kernel's kind name to its
 * decoder. Kinds not modelled come back as {@link io.jnetlink.route.link.kind.GenericKind}, which keeps
 * IFLA_INFO_DATA raw and re-encodes it byte for byte. The kernel ABI constants of each kind sit in its record,
 * named as in linux/if_link.h.
 */
package io.jnetlink.route.link.kind;
