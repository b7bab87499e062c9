/** rtnetlink: links, addresses and routes. */
module io.jnetlink.route {
    requires transitive io.jnetlink.core;

    exports io.jnetlink.route;
    exports io.jnetlink.route.link;
    exports io.jnetlink.route.address;
    exports io.jnetlink.route.route;
}
