/** Test helpers shared by the generic netlink tests: hex golden bytes with comments, recorded messages. */
package io.jnetlink.genl.testing;
