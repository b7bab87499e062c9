/**
 * Neighbours (ARP/NDP), equivalent to {@code ip neigh}: the {@link io.jnetlink.route.neigh.Neighbour} record and
 * its builder, the open flag sets {@link io.jnetlink.route.neigh.NeighbourState} (NUD_*) and
 * {@link io.jnetlink.route.neigh.NeighbourFlags} (NTF_*), the kernel's ages in
 * {@link io.jnetlink.route.neigh.CacheInfo}, the codec {@link io.jnetlink.route.neigh.NeighbourCodec} (struct
 * ndmsg, NDA_* attributes, request builders, decoder; shared with the bridge FDB) and the operations in
 * {@link io.jnetlink.route.neigh.Neighbours}.
 */
package io.jnetlink.route.neigh;
