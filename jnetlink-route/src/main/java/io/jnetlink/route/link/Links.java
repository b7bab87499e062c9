package io.jnetlink.route.link;

import io.jnetlink.core.Message;
import io.jnetlink.core.NetlinkSocket;
import io.jnetlink.core.Request;
import io.jnetlink.core.error.Errno;
import io.jnetlink.core.error.KernelException;
import io.jnetlink.route.Rtm;

import java.util.List;

/**
 * Link operations, each equivalent to one {@code ip link} command. PARTIAL: being implemented.
 */
public final class Links {

    // linux/if_link.h
    static final int IFLA_IFNAME = 3;
    // sizeof(struct ifinfomsg)
    static final int IFINFOMSG_SIZE = 16;

    private final NetlinkSocket socket;

    public Links(NetlinkSocket socket) {
        this.socket = socket;
    }

    /**
     * The index of the link named {@code name}.
     *
     * @throws KernelException with ENODEV when there is no such link
     */
    public int indexOf(String name) {
        List<Message> replies = socket.request(new Request("find link " + name, Rtm.RTM_GETLINK, 0, w -> {
            w.put8(Rtm.AF_UNSPEC).put8(0).put16(0).put32(0).put32(0).put32(0);
            w.string(IFLA_IFNAME, name);
        }));
        for (Message m : replies) {
            if (m.type() == Rtm.RTM_NEWLINK) {
                return m.header(IFINFOMSG_SIZE, "ifinfomsg").getInt(4);
            }
        }
        throw new KernelException("find link " + name, Errno.ENODEV, "no reply", -1, -1, -1, 0);
    }
}
