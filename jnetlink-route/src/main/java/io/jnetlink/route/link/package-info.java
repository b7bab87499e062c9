/**
 * Links: the {@link io.jnetlink.route.link.Link} model, its codec ({@link io.jnetlink.route.link.LinkCodec},
 * IFLA_* attributes) and {@link io.jnetlink.route.link.Links}, whose operations are each equivalent to one
 * {@code ip link} command.
 */
package io.jnetlink.route.link;
