/** The sealed expression model: each expression encodes and decodes itself; unknown ones stay raw. */
package io.jnetlink.nftables.expr;
