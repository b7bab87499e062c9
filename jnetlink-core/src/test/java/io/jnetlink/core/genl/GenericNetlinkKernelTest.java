package io.jnetlink.core.genl;

import io.jnetlink.core.NetlinkProtocol;
import io.jnetlink.core.NetlinkSocket;
import io.jnetlink.core.Request;
import io.jnetlink.core.error.Errno;
import io.jnetlink.core.error.KernelException;
import io.jnetlink.core.testing.NetNsTestBase;
import io.jnetlink.oracles.Oracle;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Family resolution through the controller, checked against iproute2's {@code genl ctrl get}. */
class GenericNetlinkKernelTest extends NetNsTestBase {

    /** genl/genl.h: CTRL_CMD_GETFAMILY is not used here; netdev's NETDEV_CMD_DEV_GET is 1, NETDEV_A_DEV_IFINDEX 1. */
    private static final int NETDEV_CMD_DEV_GET = 1;
    private static final int NETDEV_A_DEV_IFINDEX = 1;

    private NetlinkSocket socket;

    @BeforeEach
    void open() {
        socket = ns.openSocket(NetlinkProtocol.GENERIC);
    }

    @AfterEach
    void close() {
        if (socket != null) {
            socket.close();
        }
    }

    @Test
    void nlctrlIsSixteenWithTheNotifyGroup() {
        GenlFamily f = GenericNetlink.resolve(socket, "nlctrl").orElseThrow();
        assertEquals(16, f.id());
        assertEquals("nlctrl", f.name());
        int notify = f.multicastGroup("notify").orElseThrow(() -> new AssertionError("no notify group: " + f));
        assertEquals(Optional.empty(), f.multicastGroup("no-such-group"));

        Assumptions.assumeTrue(Oracle.installed("genl"), "iproute2's genl is not installed: no oracle for the ids");
        String out = Oracle.stdout("ip", "netns", "exec", nsName, "genl", "ctrl", "get", "name", "nlctrl");
        Matcher id = Pattern.compile("ID: 0x([0-9a-f]+)").matcher(out);
        assertTrue(id.find(), out);
        assertEquals(Integer.parseInt(id.group(1), 16), f.id());
        Matcher version = Pattern.compile("Version: 0x([0-9a-f]+)").matcher(out);
        assertTrue(version.find(), out);
        assertEquals(Integer.parseInt(version.group(1), 16), f.version());
        Matcher group = Pattern.compile("ID-0x([0-9a-f]+)\\s+name: notify").matcher(out);
        assertTrue(group.find(), out);
        assertEquals(Integer.parseInt(group.group(1), 16), notify);
    }

    @Test
    void absentFamilyIsEmpty() {
        assertEquals(Optional.empty(), GenericNetlink.resolve(socket, "jnl-nofamily"));
    }

    @Test
    void absentFamilyWithALongNameIsEmpty() {
        // Longer than GENL_NAMSIZ - 1 (15) bytes: the controller's policy refuses the attribute with EINVAL
        // instead of answering ENOENT, but no such family can exist, so the answer is still "absent".
        assertEquals(Optional.empty(), GenericNetlink.resolve(socket, "jnetlink-no-such-family"));
    }

    @Test
    void resolvingOnARouteSocketIsRefused() {
        try (NetlinkSocket route = ns.openSocket(NetlinkProtocol.ROUTE)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> GenericNetlink.resolve(route, "nlctrl"));
            assertTrue(e.getMessage().contains("ROUTE"), e.getMessage());
        }
    }

    @Test
    void missingAttributeIsReportedByType() {
        // netdev (Linux 6.2+) checks required attributes with GENL_REQ_ATTR_CHECK, which sets
        // NLMSGERR_ATTR_MISS_TYPE: DEV_GET without NETDEV_A_DEV_IFINDEX.
        Optional<GenlFamily> netdev = GenericNetlink.resolve(socket, "netdev");
        Assumptions.assumeTrue(netdev.isPresent(), "this kernel has no netdev generic netlink family (before 6.2)");
        KernelException e = assertThrows(KernelException.class, () -> socket.request(new Request(
                "netdev dev-get without ifindex", netdev.get().id(), 0, w -> GenericNetlink.header(w, NETDEV_CMD_DEV_GET, 1))));
        assertEquals(Errno.EINVAL, e.errno());
        assertEquals(NETDEV_A_DEV_IFINDEX, e.missingAttribute().orElseThrow());
        assertTrue(e.getMessage().contains("(missing attribute 1)"), e.getMessage());
    }
}
