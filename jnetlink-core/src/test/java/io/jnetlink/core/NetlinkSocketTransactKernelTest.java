package io.jnetlink.core;

import io.jnetlink.core.codec.Nl;
import io.jnetlink.core.error.Errno;
import io.jnetlink.core.testing.IpJson;
import io.jnetlink.core.testing.NetNsTestBase;
import io.jnetlink.core.testing.Rtnl;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static io.jnetlink.core.testing.Rtnl.ipv4;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** transact: one datagram of requests, then a fence whose acknowledgement proves every answer arrived. */
class NetlinkSocketTransactKernelTest extends NetNsTestBase {

    private static final int LO = 1;

    private static Request acked(Request r) {
        return new Request(r.operation(), r.type(), r.flags() | Nl.NLM_F_ACK, r.body());
    }

    /** RTM_GETLINK of lo: answered with one RTM_NEWLINK. */
    private static Request getLo() {
        return new Request("get link lo", Rtnl.RTM_GETLINK, 0, w -> w.put8(0).put8(0).put16(0).put32(LO).put32(0).put32(0));
    }

    @Test
    void answersAreMatchedToTheirRequestsAndTheFenceClosesTheExchange() {
        try (NetlinkSocket s = ns.openSocket(NetlinkProtocol.ROUTE)) {
            NetlinkSocket.Stats before = s.stats();
            NetlinkSocket.TransactReplies r = s.transact(List.of(
                    acked(Rtnl.addIpv4(ipv4(10, 9, 0, 1), 32, LO)),
                    Rtnl.addIpv4(ipv4(10, 9, 0, 1), 32, LO),      // duplicate: refused without asking for an ACK
                    Rtnl.addIpv4(ipv4(10, 9, 0, 2), 32, LO)), getLo());
            NetlinkSocket.Stats after = s.stats();

            assertEquals(2, after.datagramsSent() - before.datagramsSent(), "requests in one datagram, then the fence");
            assertEquals(1, r.failures().size());
            assertEquals(1, r.failures().getFirst().index());
            assertEquals(Errno.EEXIST, r.failures().getFirst().error().errno());
            assertTrue(r.replies().stream().allMatch(List::isEmpty));
            assertEquals(1, r.fenceReplies().size(), "RTM_NEWLINK of lo");
            assertEquals(Set.of("10.9.0.1/32", "10.9.0.2/32"), new TreeSet<>(IpJson.ipv4Addresses(ip, "lo")),
                    "oracle: ip -j addr show dev lo");
        }
    }

    @Test
    void emptyRequestsAreRefusedBeforeSending() {
        try (NetlinkSocket s = ns.openSocket(NetlinkProtocol.ROUTE)) {
            assertThrows(IllegalArgumentException.class, () -> s.transact(List.of(), getLo()));
            assertEquals(0, s.stats().datagramsSent());
        }
    }
}
