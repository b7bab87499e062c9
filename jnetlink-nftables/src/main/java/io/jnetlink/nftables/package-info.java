/** Transactions and listing: {@link io.jnetlink.nftables.Nftables} is the entry point. */
package io.jnetlink.nftables;
