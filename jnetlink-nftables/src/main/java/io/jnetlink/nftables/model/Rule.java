package io.jnetlink.nftables.model;

import io.jnetlink.nftables.expr.Expr;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A rule (NFT_MSG_NEWRULE): its expressions in order, its comment in {@code userdata}
 * (NFTNL_UDATA_RULE_COMMENT) and, when decoded, the kernel's handle. Where a new rule goes (append, insert,
 * after or before a handle) is a property of the transaction operation, not of the rule.
 */
public record Rule(Family family, String table, String chain, List<Expr> exprs, Userdata userdata,
                   OptionalLong handle) {

    /** NFTNL_UDATA_RULE_COMMENT. */
    public static final int UDATA_COMMENT = 0;

    public Rule {
        Objects.requireNonNull(family, "family");
        Names.check("table", table);
        Names.check("chain", chain);
        exprs = List.copyOf(exprs);
        Objects.requireNonNull(userdata, "userdata");
        Objects.requireNonNull(handle, "handle");
    }

    public static Rule of(Family family, String table, String chain, List<Expr> exprs) {
        return new Rule(family, table, chain, exprs, Userdata.EMPTY, OptionalLong.empty());
    }

    public Optional<String> comment() {
        return userdata.string(UDATA_COMMENT);
    }

    public Rule withComment(String comment) {
        return new Rule(family, table, chain, exprs, userdata.withString(UDATA_COMMENT, comment), handle);
    }
}
