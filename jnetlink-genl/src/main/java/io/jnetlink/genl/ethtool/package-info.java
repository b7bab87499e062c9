/** ethtool over generic netlink (linux/ethtool_netlink.h): read and set link features. */
package io.jnetlink.genl.ethtool;
