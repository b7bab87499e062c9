/**
 * The netlink wire format: {@link io.jnetlink.core.codec.MessageWriter} (messages, family headers,
 * attributes with explicit byte order, back-patched nests), {@link io.jnetlink.core.codec.AttributeReader}
 * (length-checked iteration), raw attributes that re-encode byte-identically, and the constants of
 * linux/netlink.h.
 */
package io.jnetlink.core.codec;
