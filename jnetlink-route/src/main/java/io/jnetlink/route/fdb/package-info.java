/** Bridge forwarding database: entries, codec, operations equivalent to {@code bridge fdb}, and mesh sync. */
package io.jnetlink.route.fdb;
