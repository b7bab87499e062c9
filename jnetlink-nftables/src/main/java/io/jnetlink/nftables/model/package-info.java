/** Value types for tables, chains, rules, sets and maps, elements, stateful objects and flowtables. */
package io.jnetlink.nftables.model;
