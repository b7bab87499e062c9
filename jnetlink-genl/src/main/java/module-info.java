/** Generic netlink families: ethtool (features) and WireGuard (device and peers). */
module io.jnetlink.genl {
    requires transitive io.jnetlink.core;

    exports io.jnetlink.genl.ethtool;
    exports io.jnetlink.genl.wireguard;
}
