/**
 * Generic netlink: the genlmsghdr and family resolution by name, with "family absent" as an empty
 * Optional rather than an error.
 */
package io.jnetlink.core.genl;
