/** rtnetlink: links, addresses, routes, neighbours and the bridge FDB. */
module io.jnetlink.route {
    requires transitive io.jnetlink.core;

    exports io.jnetlink.route;
    exports io.jnetlink.route.link;
    exports io.jnetlink.route.link.kind;
    exports io.jnetlink.route.link.bridge;
    exports io.jnetlink.route.address;
    exports io.jnetlink.route.route;
    exports io.jnetlink.route.sysctl;
    exports io.jnetlink.route.garp;
    exports io.jnetlink.route.neigh;
    exports io.jnetlink.route.fdb;
    exports io.jnetlink.route.monitor;
}
