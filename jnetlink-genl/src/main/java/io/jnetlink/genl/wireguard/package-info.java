/** WireGuard over generic netlink (linux/wireguard.h): device key, port, fwmark, peers. */
package io.jnetlink.genl.wireguard;
