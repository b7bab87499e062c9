/**
 * Routes, equivalent to {@code ip route}: the {@link io.jnetlink.route.route.Route} record and its builder,
 * the open enumerations {@link io.jnetlink.route.Scope} (shared with addresses),
 * {@link io.jnetlink.route.route.RouteProtocol} and {@link io.jnetlink.route.route.RouteType}, the rtm_flags
 * in {@link io.jnetlink.route.route.RouteFlags}, the codec {@link io.jnetlink.route.route.RouteCodec} (RTA_*
 * attributes, request builders, decoder) and the operations in {@link io.jnetlink.route.route.Routes}.
 */
package io.jnetlink.route.route;
