/** Neighbours (ARP/NDP): typed model, codec (NDA_*), and operations equivalent to {@code ip neigh}. */
package io.jnetlink.route.neigh;
