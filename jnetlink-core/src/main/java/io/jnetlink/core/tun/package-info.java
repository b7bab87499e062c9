/**
 * Persistent TUN and TAP devices, created and deleted through /dev/net/tun ioctls inside a network namespace:
 * {@link io.jnetlink.core.tun.Tuntap} with {@link io.jnetlink.core.tun.TapSpec}, equivalent to
 * {@code ip tuntap add} and {@code ip tuntap del}.
 */
package io.jnetlink.core.tun;
