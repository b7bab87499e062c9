/**
 * Rendering a ruleset as nftables 1.0.6 prints it.
 *
 * <h2>API</h2>
 * <ul>
 *   <li>{@link io.jnetlink.nftables.text.NftText#render(io.jnetlink.nftables.model.Ruleset)}: the text of
 *       {@code nft list ruleset}, byte for byte; {@code renderTable(ruleset, family, name)}: {@code nft list table};
 *       {@code renderRule(rule)} / {@code renderRule(ruleset, rule)}: one rule's statements (as {@code nft monitor}
 *       shows them). Overloads take an {@code IntFunction<Optional<String>>} naming interface indexes
 *       ({@code iif "lo"}), which nft resolves in its own namespace.</li>
 *   <li>{@link io.jnetlink.nftables.text.NftJson#render(io.jnetlink.nftables.model.Ruleset)}: the document of
 *       {@code nft -j list ruleset} (metainfo first, then per table: table, objects, sets and maps, flowtables,
 *       chains, rules).</li>
 * </ul>
 *
 * <h2>How rules are rebuilt</h2>
 * The delinearizer follows nft's netlink_delinearize.c: register loads (payload, meta, ct, numgen, hash, fib,
 * exthdr, socket) meet comparisons, ranges, bitwise masks and lookups and become matches; header fields are
 * named from {@link io.jnetlink.nftables.proto.Protocols} in the protocol context the rule establishes; the
 * dependencies nft inserted ({@code meta nfproto}, {@code meta l4proto}, {@code meta protocol}, {@code ether type},
 * ICMP types implied by a field) are removed again where nft removes them; masks become prefixes, sub-byte fields or
 * flag tests; merged loads of adjacent fields are split; {@code >=}/{@code <=} pairs become ranges; anonymous sets
 * print inline from their dumped elements (intervals folded, sorted like nft). Nothing here throws on a
 * ruleset it cannot reconstruct: unknown expressions print as {@code # name 0x...} and the rest of the rule
 * still renders.
 */
package io.jnetlink.nftables.text;
