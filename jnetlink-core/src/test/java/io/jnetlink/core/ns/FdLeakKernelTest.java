package io.jnetlink.core.ns;

import io.jnetlink.core.NetlinkProtocol;
import io.jnetlink.core.NetlinkSocket;
import io.jnetlink.core.Subscription;
import io.jnetlink.core.testing.Fds;
import io.jnetlink.core.testing.NetNsTestBase;
import io.jnetlink.core.testing.Rtnl;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Acceptance: opening and closing namespace-scoped sockets and namespace handles leaks no descriptor.
 * Counts are taken after a warm-up (class loading, the handle's worker thread) and must match exactly.
 */
class FdLeakKernelTest extends NetNsTestBase {

    @Test
    void tenThousandNamespaceSocketsLeaveNoSocketDescriptorBehind() {
        for (int i = 0; i < 100; i++) {
            ns.openSocket(NetlinkProtocol.ROUTE).close();
        }
        int socketsBefore = Fds.count("socket:");
        int allBefore = Fds.count("");
        for (int i = 0; i < 10_000; i++) {
            NetlinkSocket s = ns.openSocket(NetlinkProtocol.ROUTE);
            if (i % 1000 == 0) {
                s.dump(Rtnl.dumpLinks()); // some of them used, not only opened
            }
            s.close();
        }
        assertEquals(socketsBefore, Fds.count("socket:"), "socket descriptors after 10,000 open/close");
        assertEquals(allBefore, Fds.count(""), "all descriptors after 10,000 open/close");
    }

    @Test
    void thousandNamespaceHandlesLeaveNoDescriptorBehind() {
        for (int i = 0; i < 100; i++) {
            NetNs.open(nsName).close();
        }
        int nsBefore = Fds.count("net:");
        int allBefore = Fds.count("");
        for (int i = 0; i < 1_000; i++) {
            try (NetNs h = NetNs.open(nsName)) {
                h.inode();
            }
        }
        assertEquals(nsBefore, Fds.count("net:"), "namespace descriptors after 1,000 open/close");
        assertEquals(allBefore, Fds.count(""), "all descriptors after 1,000 open/close");
    }

    @Test
    void handlesThatOpenedSocketsLeaveNoDescriptorBehind() {
        for (int i = 0; i < 10; i++) {
            try (NetNs h = NetNs.open(nsName)) {
                h.openSocket(NetlinkProtocol.ROUTE).close();
            }
        }
        int before = Fds.count("");
        for (int i = 0; i < 200; i++) {
            try (NetNs h = NetNs.open(nsName)) {
                h.openSocket(NetlinkProtocol.ROUTE).close();
            }
        }
        assertEquals(before, Fds.count(""), "descriptors after 200 handles each with a worker thread and a socket");
    }

    @Test
    void subscriptionsAndFailedSubscriptionsLeaveNoDescriptorBehind() {
        ns.subscribe(NetlinkProtocol.ROUTE, Rtnl.RTNLGRP_LINK).close();
        int before = Fds.count("");
        for (int i = 0; i < 1_000; i++) {
            ns.subscribe(NetlinkProtocol.ROUTE, Rtnl.RTNLGRP_LINK).close();
        }
        for (int i = 0; i < 100; i++) {
            // A bad group is refused after the socket was created: it must be closed again.
            assertThrows(IllegalArgumentException.class, () -> ns.subscribe(NetlinkProtocol.ROUTE, 0));
        }
        assertEquals(before, Fds.count(""), "descriptors after 1,000 subscriptions (socket + eventfd each)");
    }
}
