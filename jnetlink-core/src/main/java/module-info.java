/**
 * jnetlink core: netlink sockets on the Foreign Function and Memory API, the message and attribute codec,
 * the error model, network namespaces and generic netlink family resolution.
 */
module io.jnetlink.core {
    exports io.jnetlink.core;
    exports io.jnetlink.core.codec;
    exports io.jnetlink.core.error;
    exports io.jnetlink.core.ns;
    exports io.jnetlink.core.genl;
    exports io.jnetlink.core.net;
    exports io.jnetlink.core.tun;
    exports io.jnetlink.core.packet;
    // io.jnetlink.core.internal.ffm is deliberately not exported.
}
