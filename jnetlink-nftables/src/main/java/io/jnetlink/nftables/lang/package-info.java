/**
 * The nft language: lexer, parser and compiler of ruleset files and commands into transaction operations.
 *
 * <p>{@link io.jnetlink.nftables.lang.NftCompiler} is the entry point. The compiler follows nft 1.0.6 closely
 * (its evaluation and linearization), so that applying the operations gives the same kernel state as
 * {@code nft -f}: register allocation, implicit protocol dependencies, anonymous sets ({@code __set%d} with
 * per-transaction ids) and their userdata, interval encoding of set elements. Datatypes come from
 * {@code io.jnetlink.nftables.proto.Datatype}; header field layouts and nft's typeof identifiers are kept in
 * this package ({@code Protocols}) next to the code that depends on their exact numbering.
 */
package io.jnetlink.nftables.lang;
