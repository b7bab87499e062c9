/**
 * Netlink sockets: {@link io.jnetlink.core.NetlinkSocket} (requests, dumps with NLM_F_DUMP_INTR retry,
 * batches), {@link io.jnetlink.core.Subscription} (multicast with typed overrun events), and the
 * {@link io.jnetlink.core.Request}/{@link io.jnetlink.core.Message} types family codecs build on.
 */
package io.jnetlink.core;
