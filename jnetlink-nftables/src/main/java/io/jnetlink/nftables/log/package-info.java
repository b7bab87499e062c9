/** NFLOG: packets logged with `log group N`, received in-process over nfnetlink_log. */
package io.jnetlink.nftables.log;
