package io.jnetlink.core.genl;

import io.jnetlink.core.Message;
import io.jnetlink.core.NetlinkProtocol;
import io.jnetlink.core.NetlinkSocket;
import io.jnetlink.core.Request;
import io.jnetlink.core.codec.AttributeNames;
import io.jnetlink.core.codec.AttributeReader;
import io.jnetlink.core.codec.MessageWriter;
import io.jnetlink.core.error.DecodeException;
import io.jnetlink.core.error.Errno;
import io.jnetlink.core.error.KernelException;

import java.lang.invoke.MethodHandles;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Generic netlink: the genlmsghdr and resolution of family names to ids through the controller
 * (CTRL_CMD_GETFAMILY). Constants from linux/genetlink.h.
 */
public final class GenericNetlink {

    /** sizeof(struct genlmsghdr): cmd, version, reserved u16. */
    public static final int GENL_HDRLEN = 4;

    /** GENL_NAMSIZ: family names are at most 15 bytes plus NUL; the kernel rejects longer ones with EINVAL. */
    static final int GENL_NAMSIZ = 16;
    static final int GENL_ID_CTRL = 0x10;
    static final int CTRL_CMD_NEWFAMILY = 1;
    static final int CTRL_CMD_GETFAMILY = 3;
    static final int CTRL_ATTR_FAMILY_ID = 1;
    static final int CTRL_ATTR_FAMILY_NAME = 2;
    static final int CTRL_ATTR_VERSION = 3;
    static final int CTRL_ATTR_HDRSIZE = 4;
    static final int CTRL_ATTR_MAXATTR = 5;
    static final int CTRL_ATTR_OPS = 6;
    static final int CTRL_ATTR_MCAST_GROUPS = 7;
    static final int CTRL_ATTR_MCAST_GRP_NAME = 1;
    static final int CTRL_ATTR_MCAST_GRP_ID = 2;

    private static final AttributeNames CTRL_NAMES =
            AttributeNames.fromConstants(MethodHandles.lookup(), "CTRL_ATTR_");

    private GenericNetlink() {
    }

    /** Writes a genlmsghdr. */
    public static void header(MessageWriter w, int command, int version) {
        w.put8(command).put8(version).put16(0);
    }

    /** The request that asks the controller for one family by name. */
    public static Request getFamilyRequest(String name) {
        return new Request("resolve generic netlink family " + name, GENL_ID_CTRL, 0, w -> {
            header(w, CTRL_CMD_GETFAMILY, 1);
            w.string(CTRL_ATTR_FAMILY_NAME, name);
        });
    }

    /**
     * Resolves a family by name. Empty when the kernel has no such family (module not loaded, feature not
     * built): a normal answer, not an error.
     *
     * @param socket a {@link NetlinkProtocol#GENERIC} socket
     */
    public static Optional<GenlFamily> resolve(NetlinkSocket socket, String name) {
        if (socket.protocol() != NetlinkProtocol.GENERIC) {
            throw new IllegalArgumentException("socket must be NETLINK_GENERIC, is " + socket.protocol());
        }
        if (name.getBytes(StandardCharsets.UTF_8).length >= GENL_NAMSIZ) {
            return Optional.empty(); // no family can have that name
        }
        List<Message> replies;
        try {
            replies = socket.request(getFamilyRequest(name));
        } catch (KernelException e) {
            if (e.errno().equals(Errno.ENOENT)) {
                return Optional.empty();
            }
            throw e;
        }
        for (Message m : replies) {
            if (m.type() == GENL_ID_CTRL) {
                return Optional.of(decodeFamily(m));
            }
        }
        return Optional.empty();
    }

    /** Decodes a CTRL_CMD_NEWFAMILY message. */
    public static GenlFamily decodeFamily(Message m) {
        m.header(GENL_HDRLEN, "genlmsghdr");
        int id = -1;
        String name = null;
        int version = 0;
        int hdrSize = 0;
        int maxAttr = 0;
        Map<String, Integer> groups = new HashMap<>();
        AttributeReader a = m.attributes(GENL_HDRLEN, CTRL_NAMES);
        while (a.next()) {
            switch (a.type()) {
                case CTRL_ATTR_FAMILY_ID -> id = a.u16();
                case CTRL_ATTR_FAMILY_NAME -> name = a.string();
                case CTRL_ATTR_VERSION -> version = a.u32();
                case CTRL_ATTR_HDRSIZE -> hdrSize = a.u32();
                case CTRL_ATTR_MAXATTR -> maxAttr = a.u32();
                case CTRL_ATTR_MCAST_GROUPS -> groups.putAll(decodeGroups(a.nested(CTRL_NAMES)));
                default -> {
                }
            }
        }
        if (id < 0 || name == null) {
            throw new DecodeException(
                    "CTRL_CMD_NEWFAMILY without " + (id < 0 ? "CTRL_ATTR_FAMILY_ID" : "CTRL_ATTR_FAMILY_NAME"));
        }
        return new GenlFamily(id, name, version, hdrSize, maxAttr, groups);
    }

    private static Map<String, Integer> decodeGroups(AttributeReader list) {
        Map<String, Integer> groups = new HashMap<>();
        List<AttributeReader> entries = new ArrayList<>();
        while (list.next()) {
            entries.add(list.nested(type -> "CTRL_ATTR_MCAST_GRP_" + type));
        }
        for (AttributeReader g : entries) {
            String name = null;
            int id = -1;
            while (g.next()) {
                switch (g.type()) {
                    case CTRL_ATTR_MCAST_GRP_NAME -> name = g.string();
                    case CTRL_ATTR_MCAST_GRP_ID -> id = g.u32();
                    default -> {
                    }
                }
            }
            if (name != null && id >= 0) {
                groups.put(name, id);
            }
        }
        return groups;
    }
}
