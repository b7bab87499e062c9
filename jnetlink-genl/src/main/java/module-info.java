/** Generic netlink families: ethtool (features) and WireGuard (device and peers). */
module io.jnetlink.genl {
    requires transitive io.jnetlink.core;
    // exports io.jnetlink.genl.ethtool and io.jnetlink.genl.wireguard are added with their first classes.
}
