package io.jnetlink.core;

import io.jnetlink.core.testing.IpJson;
import io.jnetlink.core.testing.NetNsTestBase;
import io.jnetlink.core.testing.Rtnl;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Dumps spanning many datagrams come back complete, counted against {@code ip -j addr}. */
class NetlinkSocketDumpKernelTest extends NetNsTestBase {

    @Test
    void twoThousandAddressesDumpedCompletely() {
        StringBuilder batch = new StringBuilder();
        for (int i = 0; i < 2_000; i++) {
            batch.append("address add 10.3.").append(i / 250).append('.').append(i % 250 + 1).append("/32 dev lo\n");
        }
        ip.batch(batch.toString());
        int oracle = IpJson.addressCount(ip);
        assertTrue(oracle >= 2_000, "oracle sees " + oracle);

        try (NetlinkSocket s = ns.openSocket(NetlinkProtocol.ROUTE)) {
            List<Message> all = s.dump(Rtnl.dumpAddresses());
            assertEquals(oracle, all.size());
            assertTrue(all.stream().allMatch(m -> m.type() == Rtnl.RTM_NEWADDR));
            NetlinkSocket.Stats stats = s.stats();
            assertTrue(stats.datagramsRead() > 2, "a dump of 2,000 addresses spans several datagrams: " + stats);
            assertEquals(1, stats.dumps());

            // Filtered by family in the header: only IPv4, as ip -4 sees it.
            List<Message> v4 = s.dump(new Request("dump ipv4 addresses", Rtnl.RTM_GETADDR, 0,
                    w -> w.put8(Rtnl.AF_INET).put8(0).put8(0).put8(0).put32(0)));
            assertEquals(IpJson.ipv4Addresses(ip).size(), v4.size());
            assertEquals(2, s.stats().dumps());
        }
    }

    @Test
    void emptyDumpIsEmpty() {
        try (NetlinkSocket s = ns.openSocket(NetlinkProtocol.ROUTE)) {
            assertEquals(0, IpJson.addressCount(ip), "a fresh namespace with lo down has no address");
            assertEquals(List.of(), s.dump(Rtnl.dumpAddresses()));
        }
    }
}
