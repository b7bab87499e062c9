/** nftables over nfnetlink: atomic transactions, the expression model, `nft list ruleset` rendering, the nft language, NFLOG. */
module io.jnetlink.nftables {
    requires transitive io.jnetlink.core;

    exports io.jnetlink.nftables;
    exports io.jnetlink.nftables.model;
    exports io.jnetlink.nftables.expr;
    exports io.jnetlink.nftables.text;
    exports io.jnetlink.nftables.lang;
    exports io.jnetlink.nftables.proto;
    exports io.jnetlink.nftables.monitor;
    exports io.jnetlink.nftables.log;
}
