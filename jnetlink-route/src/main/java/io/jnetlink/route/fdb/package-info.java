/**
 * Bridge forwarding database, equivalent to {@code bridge fdb}: the {@link io.jnetlink.route.fdb.FdbEntry} record
 * and its builder, the codec {@link io.jnetlink.route.fdb.FdbCodec} (family AF_BRIDGE of the neighbour messages),
 * the operations in {@link io.jnetlink.route.fdb.Fdb}, and {@link io.jnetlink.route.fdb.FdbMesh}, which keeps a
 * VXLAN device's remotes equal to a wanted set with one dump and one batch.
 */
package io.jnetlink.route.fdb;
