package io.jnetlink.route.address;

import io.jnetlink.core.NetlinkSocket;
import io.jnetlink.route.link.Links;

/** Address operations, each equivalent to one {@code ip address} command. STUB: being implemented. */
public final class Addresses {

    private final NetlinkSocket socket;
    private final Links links;

    public Addresses(NetlinkSocket socket, Links links) {
        this.socket = socket;
        this.links = links;
    }

    @Override
    public String toString() {
        return "Addresses[" + socket + ", " + links + "]";
    }
}
