package io.jnetlink.core;

import io.jnetlink.core.error.Errno;
import io.jnetlink.core.error.KernelException;
import io.jnetlink.core.testing.NetNsTestBase;
import io.jnetlink.oracles.Oracle;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Requests sent from a subscription's own socket, for subsystems that unicast their events to the socket that
 * configured them. nfnetlink_log is the example: binding a log group ties it to the sender's port id, which
 * the kernel shows in /proc/net/netfilter/nfnetlink_log (the oracle here).
 */
class SubscriptionRequestKernelTest extends NetNsTestBase {

    private static final Duration WAIT = Duration.ofSeconds(5);

    /** NFULNL_MSG_CONFIG (NFNL_SUBSYS_ULOG 4 << 8 | 1) with NFULA_CFG_CMD BIND for {@code group}. */
    private static Request bind(int group) {
        return new Request("bind nflog group " + group, 0x0401, 0, w -> {
            w.put8(0).put8(0).put16be(group);   // struct nfgenmsg: AF_UNSPEC, NFNETLINK_V0, res_id
            w.bytes(1, new byte[]{1});          // NFULA_CFG_CMD: NFULNL_CFG_CMD_BIND
        });
    }

    private boolean bound(int group) {
        return Oracle.stdout("ip", "netns", "exec", nsName, "cat", "/proc/net/netfilter/nfnetlink_log").lines()
                .anyMatch(l -> l.trim().split("\\s+")[0].equals(Integer.toString(group)));
    }

    @Test
    void requestIsAcknowledgedAndRefusalsCarryTheErrno() {
        try (Subscription first = ns.subscribe(NetlinkProtocol.NETFILTER)) {
            assertTrue(first.request(bind(9), WAIT).isEmpty(), "a bind answers with the ACK only");
            assertTrue(bound(9), "the kernel lists group 9 as bound");
            try (Subscription second = ns.subscribe(NetlinkProtocol.NETFILTER)) {
                KernelException e = assertThrows(KernelException.class, () -> second.request(bind(9), WAIT));
                assertEquals(Errno.EPERM, e.errno());
                assertEquals("bind nflog group 9", e.operation());
            }
            assertTrue(first.next(Duration.ZERO).isEmpty(), "nothing left queued by the exchange");
        }
        assertFalse(bound(9), "closing the socket released the group");
    }

    @Test
    void requestOnAClosedSubscriptionIsRefused() {
        Subscription s = ns.subscribe(NetlinkProtocol.NETFILTER);
        s.close();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> s.request(bind(3), WAIT));
        assertTrue(e.getMessage().contains("closed"), e.getMessage());
        assertFalse(bound(3), "nothing was sent");
    }
}
