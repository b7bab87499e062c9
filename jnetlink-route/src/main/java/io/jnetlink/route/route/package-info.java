/** Routes: typed model, codec (RTA_*), and operations equivalent to {@code ip route}. */
package io.jnetlink.route.route;
