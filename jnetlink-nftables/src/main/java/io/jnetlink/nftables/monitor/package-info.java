/**
 * Ruleset change events and drift checks. {@link io.jnetlink.nftables.monitor.NftMonitor} subscribes to
 * NFNLGRP_NFTABLES and decodes each notification with the object codecs of the wire package into a typed
 * {@link io.jnetlink.nftables.monitor.NftEvent} (as {@code nft monitor}); ENOBUFS becomes an overrun event.
 * {@link io.jnetlink.nftables.monitor.Drift} compares a table with a baseline listing, ignoring handles,
 * counter values and other state the kernel changes by itself.
 */
package io.jnetlink.nftables.monitor;
