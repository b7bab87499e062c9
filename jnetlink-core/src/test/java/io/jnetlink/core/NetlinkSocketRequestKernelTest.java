package io.jnetlink.core;

import io.jnetlink.core.codec.Nl;
import io.jnetlink.core.error.Errno;
import io.jnetlink.core.error.KernelException;
import io.jnetlink.core.error.SyscallException;
import io.jnetlink.core.testing.IpJson;
import io.jnetlink.core.testing.NetNsTestBase;
import io.jnetlink.core.testing.Rtnl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

import static io.jnetlink.core.testing.Rtnl.ipv4;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** Single requests: acknowledgements, replies, and kernel refusals with errno and extended ACK. */
class NetlinkSocketRequestKernelTest extends NetNsTestBase {

    private static final int LO = 1;
    private NetlinkSocket socket;

    @BeforeEach
    void open() {
        socket = ns.openSocket(NetlinkProtocol.ROUTE);
    }

    @AfterEach
    void close() {
        if (socket != null) {
            socket.close();
        }
    }

    @Test
    void unknownInterfaceFailsWithEnodevNamingTheOperation() {
        Request r = Rtnl.addIpv4(ipv4(10, 9, 9, 9), 24, 999);
        KernelException e = assertThrows(KernelException.class, () -> socket.request(r));
        assertEquals(Errno.ENODEV, e.errno());
        assertEquals("add address 10.9.9.9/24 ifindex 999", e.operation());
        assertTrue(e.getMessage().startsWith("add address 10.9.9.9/24 ifindex 999: ENODEV (No such device)"), e.getMessage());
        assertNotEquals(0, e.sequence());
        assertTrue(IpJson.ipv4Addresses(ip).isEmpty(), "oracle: no address was added anywhere");
    }

    @Test
    void addingTheSameAddressTwiceFailsWithEexistAndLeavesExactlyOne() {
        Request add = Rtnl.addIpv4(ipv4(10, 9, 8, 7), 24, LO);
        assertEquals(List.of(), socket.request(add), "an acknowledged change has no replies");
        KernelException e = assertThrows(KernelException.class, () -> socket.request(add));
        assertEquals(Errno.EEXIST, e.errno());
        assertEquals(add.operation(), e.operation());
        List<String> oracle = IpJson.ipv4Addresses(ip, "lo");
        assertEquals(1, Collections.frequency(oracle, "10.9.8.7/24"), "oracle: ip -j addr show dev lo " + oracle);
    }

    @Test
    void extendedAckTextIsReported() {
        Request r = Rtnl.addIpv4(ipv4(10, 9, 8, 7), 33, LO);
        KernelException e = assertThrows(KernelException.class, () -> socket.request(r));
        assertEquals(Errno.EINVAL, e.errno());
        String text = e.kernelMessage().orElseThrow(() -> new AssertionError("no NLMSGERR_ATTR_MSG in " + e));
        assertTrue(text.toLowerCase(Locale.ROOT).contains("prefix"), text); // "ipv4: Invalid prefix length"
        assertTrue(e.getMessage().endsWith(": " + text), e.getMessage());
        assertTrue(IpJson.ipv4Addresses(ip).isEmpty());
    }

    @Test
    void extendedAckOffsetPointsAtTheOffendingAttribute() {
        // IFA_LOCAL of 3 bytes fails the kernel's NLA_U32 policy; it starts right after nlmsghdr + ifaddrmsg.
        Request r = new Request("add address with short IFA_LOCAL", Rtnl.RTM_NEWADDR, Nl.NLM_F_CREATE | Nl.NLM_F_EXCL, w -> {
            w.put8(Rtnl.AF_INET).put8(24).put8(0).put8(0).put32(LO);
            w.bytes(Rtnl.IFA_LOCAL, new byte[]{10, 0, 0});
        });
        KernelException e = assertThrows(KernelException.class, () -> socket.request(r));
        assertEquals(Errno.ERANGE, e.errno());
        assertEquals(Nl.NLMSG_HDRLEN + Rtnl.IFADDRMSG_SIZE, e.attributeOffset().orElseThrow());
        assertTrue(e.kernelMessage().isPresent(), e.toString());
        assertTrue(e.missingAttribute().isEmpty());
    }

    @Test
    void missingRequiredAttributeIsReportedAsText() {
        Request r = new Request("add address without IFA_LOCAL", Rtnl.RTM_NEWADDR, Nl.NLM_F_CREATE | Nl.NLM_F_EXCL,
                w -> w.put8(Rtnl.AF_INET).put8(24).put8(0).put8(0).put32(LO));
        KernelException e = assertThrows(KernelException.class, () -> socket.request(r));
        assertEquals(Errno.EINVAL, e.errno());
        assertTrue(e.kernelMessage().orElseThrow().toLowerCase(Locale.ROOT).contains("local"), e.toString());
    }

    @Test
    void getRequestReturnsTheObjectBeforeTheAck() {
        // ip link show lo: RTM_GETLINK with ifinfomsg.index = 1, no dump.
        List<Message> replies = socket.request(new Request("get link lo", Rtnl.RTM_GETLINK, 0,
                w -> w.put8(0).put8(0).put16(0).put32(LO).put32(0).put32(0)));
        assertEquals(1, replies.size());
        assertEquals(Rtnl.RTM_NEWLINK, replies.getFirst().type());
        assertEquals(ip.json("link", "show", "lo").get(0).path("ifname").asText(), Rtnl.linkName(replies.getFirst()).orElseThrow());
        assertEquals(socket.portId(), replies.getFirst().portId());
    }

    @Test
    void dumpRefusedByStrictCheckingIsAKernelException() {
        // AF_INET address dumps with a non-zero prefix length in the header are refused under strict checking.
        Request r = new Request("dump ipv4 addresses with a bad header", Rtnl.RTM_GETADDR, 0,
                w -> w.put8(Rtnl.AF_INET).put8(1).put8(0).put8(0).put32(0));
        KernelException e = assertThrows(KernelException.class, () -> socket.dump(r));
        assertEquals(Errno.EINVAL, e.errno());
        assertTrue(e.kernelMessage().isPresent(), e.toString());
        // The socket is still in step: the next exchange works.
        assertEquals(1, socket.dump(Rtnl.dumpLinks()).size());
    }

    @Test
    void socketKeepsWorkingAfterRefusalsAndCountsWhatItDid() {
        for (int i = 0; i < 20; i++) {
            assertThrows(KernelException.class, () -> socket.request(Rtnl.addIpv4(ipv4(10, 0, 0, 1), 24, 999)));
        }
        socket.request(Rtnl.addIpv4(ipv4(10, 0, 0, 1), 24, LO));
        assertEquals(List.of("10.0.0.1/24"), IpJson.ipv4Addresses(ip, "lo"));
        NetlinkSocket.Stats stats = socket.stats();
        assertEquals(21, stats.messagesSent());
        assertEquals(21, stats.datagramsSent());
        assertTrue(stats.datagramsRead() >= 21, stats.toString());
        assertEquals(0, stats.discarded(), stats.toString());
    }

    @Test
    void requestWithTheDumpFlagEndsAtDone() {
        // Request documents NLM_F_DUMP among the flags a request may carry. The kernel answers a dump with the
        // objects and NLMSG_DONE and sends no acknowledgement after it (netlink_dump_start suppresses the ACK),
        // so request() must stop at NLMSG_DONE instead of waiting for an ACK until its timeout.
        ip.run("link", "add", "rd0", "type", "veth", "peer", "name", "rd1");
        NetlinkSocket.Options quick = NetlinkSocket.Options.defaults().withTimeout(Duration.ofSeconds(2));
        try (NetlinkSocket s = ns.openSocket(NetlinkProtocol.ROUTE, quick)) {
            List<Message> replies;
            try {
                replies = s.request(new Request("dump links through request()", Rtnl.RTM_GETLINK, Nl.NLM_F_DUMP,
                        w -> w.zeros(Rtnl.IFINFOMSG_SIZE)));
            } catch (SyscallException e) {
                fail("request() kept waiting for an ACK after NLMSG_DONE: " + e.getMessage());
                return;
            }
            assertEquals(IpJson.linkNames(ip).size(), replies.size(), "oracle: ip -j link");
            assertTrue(replies.stream().allMatch(m -> m.type() == Rtnl.RTM_NEWLINK));
        }
    }

    @Test
    void closedSocketRefusesRequests() {
        socket.close();
        socket.close(); // idempotent
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> socket.request(Rtnl.dumpLinks()));
        assertTrue(e.getMessage().contains("closed"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> socket.dump(Rtnl.dumpLinks()));
        assertThrows(IllegalStateException.class, () -> socket.batch(List.of(Rtnl.dumpLinks())));
        assertTrue(socket.toString().contains("closed"), socket.toString());
    }

    @Test
    void portIdIsAssignedAndProtocolKept() {
        assertNotEquals(0, socket.portId());
        assertEquals(NetlinkProtocol.ROUTE, socket.protocol());
        assertFalse(socket.toString().contains("closed"));
    }
}
