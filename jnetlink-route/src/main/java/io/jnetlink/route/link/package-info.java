/** Links: typed model, codec (IFLA_*), and operations equivalent to {@code ip link}. */
package io.jnetlink.route.link;
