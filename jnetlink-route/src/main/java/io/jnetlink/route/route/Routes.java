package io.jnetlink.route.route;

import io.jnetlink.core.NetlinkSocket;
import io.jnetlink.route.link.Links;

/** Route operations, each equivalent to one {@code ip route} command. STUB: being implemented. */
public final class Routes {

    private final NetlinkSocket socket;
    private final Links links;

    public Routes(NetlinkSocket socket, Links links) {
        this.socket = socket;
        this.links = links;
    }

    @Override
    public String toString() {
        return "Routes[" + socket + ", " + links + "]";
    }
}
