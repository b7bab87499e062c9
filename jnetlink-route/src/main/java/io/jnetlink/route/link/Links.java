package io.jnetlink.route.link;

import io.jnetlink.core.NetlinkSocket;

/**
 * Link operations, each equivalent to one {@code ip link} command. STUB: being implemented.
 */
public final class Links {

    private final NetlinkSocket socket;

    public Links(NetlinkSocket socket) {
        this.socket = socket;
    }

    /**
     * The index of the link named {@code name}.
     *
     * @throws io.jnetlink.core.error.KernelException with ENODEV when there is no such link
     */
    public int indexOf(String name) {
        throw new UnsupportedOperationException("not implemented yet " + socket + name);
    }
}
