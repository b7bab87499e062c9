package io.jnetlink.nftables.expr;

import io.jnetlink.core.codec.MessageWriter;

/**
 * One nftables expression of a rule, a set's element expressions or a dynset (NFTA_LIST_ELEM holding
 * NFTA_EXPR_NAME and NFTA_EXPR_DATA). Each variant encodes its own NFTA_EXPR_DATA content; {@link Exprs}
 * is the one registry from kernel name to decoder. Expressions the model does not know decode to
 * {@link RawExpr}, which re-encodes byte-identically.
 */
public sealed interface Expr permits RawExpr, Payload, PayloadWrite, Cmp, Bitwise, Byteorder, Meta, MetaSet, Ct,
        CtSet, Immediate, Lookup, Dynset, Range, Counter, Limit, Quota, Connlimit, Notrack, Log, Reject, Nat, Masq,
        Redir, Fib, Exthdr, Numgen, Hash, Objref, ObjrefMap, Queue, Rt, FlowOffload {

    /** The kernel's name for this expression (NFTA_EXPR_NAME): "payload", "cmp", "meta", ... */
    String name();

    /** Writes the attributes inside NFTA_EXPR_DATA (the caller writes the nest and the name). */
    void encodeData(MessageWriter w);

    /**
     * The expression in libnftnl's notation, as {@code nft --debug=netlink} prints it, e.g.
     * {@code [ payload load 2b @ transport header + 2 => reg 1 ]}.
     */
    String debug();
}
