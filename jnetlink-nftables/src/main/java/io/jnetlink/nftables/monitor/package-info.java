/** Ruleset change events (NFNLGRP_NFTABLES) and drift checks. */
package io.jnetlink.nftables.monitor;
