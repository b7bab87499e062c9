/**
 * The sealed expression model: one record per nftables expression ({@link io.jnetlink.nftables.expr.Payload},
 * {@link io.jnetlink.nftables.expr.Cmp}, {@link io.jnetlink.nftables.expr.Lookup}, ...), each encoding its own
 * NFTA_EXPR_DATA attributes in the order and with the attributes nft 1.0.6 (libnftnl) sends, and printing itself in
 * {@code nft --debug=netlink} notation ({@link io.jnetlink.nftables.expr.Expr#debug()}).
 * {@link io.jnetlink.nftables.expr.Exprs} is the registry from kernel name to decoder; what a record cannot hold
 * exactly stays a {@link io.jnetlink.nftables.expr.RawExpr} that re-encodes byte-identically.
 *
 * <p>Requests and dumps differ, and the records follow the requests: the kernel dumps nests without NLA_F_NESTED,
 * in its own attribute order, and fills in defaults nft leaves out (lookup flags 0, counter values, log level 4,
 * the upper end of a NAT range). A record decoded from a dump therefore re-encodes to the same attribute values
 * but, where such defaults are involved, not to the same bytes; it re-encodes to the bytes nft would send for it.
 * The one request detail the records cannot reproduce: nft sends NFTA_BITWISE_OP = BOOL for binary operations
 * but not for flag and prefix tests; {@link io.jnetlink.nftables.expr.Bitwise} never sends it for BOOL (the
 * kernel's default).
 */
package io.jnetlink.nftables.expr;
