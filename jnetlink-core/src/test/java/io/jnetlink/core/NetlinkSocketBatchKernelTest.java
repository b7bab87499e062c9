package io.jnetlink.core;

import io.jnetlink.core.error.BatchException;
import io.jnetlink.core.error.Errno;
import io.jnetlink.core.testing.IpJson;
import io.jnetlink.core.testing.NetNsTestBase;
import io.jnetlink.core.testing.Rtnl;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static io.jnetlink.core.testing.Rtnl.ipv4;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Batches: many requests in few datagrams, every acknowledgement matched back to its request. */
class NetlinkSocketBatchKernelTest extends NetNsTestBase {

    private static final int LO = 1;

    private static List<Request> addresses(int count, int second) {
        List<Request> rs = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            rs.add(Rtnl.addIpv4(ipv4(10, second, i / 250, i % 250 + 1), 32, LO));
        }
        return rs;
    }

    private static Set<String> expected(int count, int second) {
        Set<String> s = new TreeSet<>();
        for (int i = 0; i < count; i++) {
            s.add("10." + second + "." + (i / 250) + "." + (i % 250 + 1) + "/32");
        }
        return s;
    }

    @Test
    void fiveHundredAddressesInFewDatagrams() {
        try (NetlinkSocket s = ns.openSocket(NetlinkProtocol.ROUTE)) {
            NetlinkSocket.Stats before = s.stats();
            List<List<Message>> replies = s.batch(addresses(500, 1));
            NetlinkSocket.Stats after = s.stats();

            assertEquals(500, replies.size());
            assertTrue(replies.stream().allMatch(List::isEmpty), "changes have no replies");
            assertEquals(expected(500, 1), new TreeSet<>(IpJson.ipv4Addresses(ip, "lo")), "oracle: ip -j addr show dev lo");
            assertEquals(500, after.messagesSent() - before.messagesSent());
            long datagrams = after.datagramsSent() - before.datagramsSent();
            assertTrue(datagrams < 50, "500 requests took " + datagrams + " sendto calls");
            // the kernel adds the 500 addresses inside sendto: that time is counted, and is a part of the call's
            long inKernel = after.sendNanos() - before.sendNanos();
            assertTrue(inKernel > 0, "time inside sendto: " + inKernel + " ns");
        }
    }

    @Test
    void sendNanosGrowsOnlyWhenSomethingIsSent() {
        try (NetlinkSocket s = ns.openSocket(NetlinkProtocol.ROUTE)) {
            long t0 = System.nanoTime();
            long before = s.stats().sendNanos();
            s.batch(addresses(50, 9));
            long during = s.stats().sendNanos() - before;
            long wall = System.nanoTime() - t0;
            assertTrue(during > 0 && during <= wall, "inside sendto " + during + " ns of " + wall + " ns");
            assertEquals(s.stats().sendNanos(), s.stats().sendNanos(), "reading the stats sends nothing");
        }
    }

    @Test
    void smallChunksSplitTheBatchButEveryRequestIsAcknowledged() {
        NetlinkSocket.Options small = NetlinkSocket.Options.defaults().withSendChunkBytes(4096);
        try (NetlinkSocket s = ns.openSocket(NetlinkProtocol.ROUTE, small)) {
            s.batch(addresses(500, 4));
            long datagrams = s.stats().datagramsSent();
            assertTrue(datagrams >= 5, "each 4 KiB datagram holds ~100 requests of 40 bytes: " + datagrams);
            assertEquals(expected(500, 4), new TreeSet<>(IpJson.ipv4Addresses(ip, "lo")));
            assertEquals(0, s.stats().discarded());
        }
    }

    @Test
    void oneRefusedRequestIsNamedAndTheOthersTookEffect() {
        List<Request> rs = new ArrayList<>(addresses(5, 2));
        rs.set(2, Rtnl.addIpv4(ipv4(10, 2, 0, 3), 32, 999));
        try (NetlinkSocket s = ns.openSocket(NetlinkProtocol.ROUTE)) {
            BatchException e = assertThrows(BatchException.class, () -> s.batch(rs));
            assertEquals(Errno.ENODEV, e.first().errno());
            assertEquals(rs.get(2).operation(), e.first().operation());
            assertEquals(1, e.failures().size());
            assertEquals(2, e.failures().get(0).index());
            assertEquals(5, e.batchSize());
            assertTrue(e.getMessage().contains("[request 3 of 5]"), e.getMessage());

            assertEquals(Set.of("10.2.0.1/32", "10.2.0.2/32", "10.2.0.4/32", "10.2.0.5/32"),
                    new TreeSet<>(IpJson.ipv4Addresses(ip, "lo")), "oracle: the other four took effect");

            // Every acknowledgement was drained: the next exchange sees only its own answer.
            assertEquals(1, s.dump(Rtnl.dumpLinks()).size());
            assertEquals(0, s.stats().discarded());
        }
    }

    @Test
    void severalRefusalsAreListedInBatchOrder() {
        List<Request> rs = new ArrayList<>(addresses(6, 3));
        rs.set(1, Rtnl.addIpv4(ipv4(10, 3, 0, 2), 33, LO));
        rs.add(rs.get(0)); // a duplicate of the first: EEXIST
        try (NetlinkSocket s = ns.openSocket(NetlinkProtocol.ROUTE)) {
            BatchException e = assertThrows(BatchException.class, () -> s.batch(rs));
            assertEquals(List.of(1, 6), e.failures().stream().map(BatchException.Failure::index).toList());
            assertEquals(Errno.EINVAL, e.failures().get(0).error().errno());
            assertEquals(Errno.EEXIST, e.failures().get(1).error().errno());
            assertTrue(e.getMessage().endsWith("(and 1 more failures)"), e.getMessage());
            assertEquals(5, IpJson.ipv4Addresses(ip, "lo").size());
        }
    }

    @Test
    void emptyBatchSendsNothing() {
        try (NetlinkSocket s = ns.openSocket(NetlinkProtocol.ROUTE)) {
            assertTrue(s.batch(List.of()).isEmpty());
            assertEquals(0, s.stats().datagramsSent());
            assertTrue(IpJson.ipv4Addresses(ip).isEmpty());
        }
    }

    @Test
    void encodingErrorSendsNothing() {
        List<Request> rs = new ArrayList<>(addresses(3, 5));
        rs.add(new Request("oversized", Rtnl.RTM_NEWADDR, 0, w -> w.bytes(1, new byte[70_000])));
        try (NetlinkSocket s = ns.openSocket(NetlinkProtocol.ROUTE)) {
            assertThrows(IllegalArgumentException.class, () -> s.batch(rs));
            assertEquals(0, s.stats().datagramsSent());
            assertTrue(IpJson.ipv4Addresses(ip).isEmpty(), "oracle: not even the valid requests were sent");
            s.batch(rs.subList(0, 3));
            assertEquals(expected(3, 5), new TreeSet<>(IpJson.ipv4Addresses(ip, "lo")), "the writer recovered");
        }
    }
}
