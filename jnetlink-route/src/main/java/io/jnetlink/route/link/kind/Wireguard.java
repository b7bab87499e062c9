package io.jnetlink.route.link.kind;

import io.jnetlink.core.codec.MessageWriter;

/**
 * A WireGuard link ({@code ip link add NAME type wireguard}). Only the link is made here: keys and peers are
 * configured over the generic netlink family "wireguard", not rtnetlink. Needs a kernel with CONFIG_WIREGUARD.
 */
public record Wireguard() implements LinkKind {

    /** IFLA_INFO_KIND of a WireGuard link (drivers/net/wireguard). */
    public static final String KIND = "wireguard";

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public void writeData(MessageWriter w) {
        // rtnetlink carries no WireGuard settings
    }
}
