/** jnl: the command-line tool. */
module io.jnetlink.cli {
    requires io.jnetlink.core;
    requires io.jnetlink.route;
    requires io.jnetlink.genl;
    requires io.jnetlink.nftables;
    requires info.picocli;

    // picocli populates the annotated command classes reflectively.
    opens io.jnetlink.cli to info.picocli;
    opens io.jnetlink.cli.command to info.picocli;
}
