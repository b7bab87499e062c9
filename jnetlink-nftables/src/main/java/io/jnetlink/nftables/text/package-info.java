/** Rendering a ruleset as `nft list ruleset` prints it, and as `nft -j list ruleset` JSON. */
package io.jnetlink.nftables.text;
