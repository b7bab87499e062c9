package io.jnetlink.route.link;

import io.jnetlink.core.NetlinkProtocol;
import io.jnetlink.core.NetlinkSocket;
import io.jnetlink.oracles.Ip;
import io.jnetlink.route.Rtnetlink;
import io.jnetlink.testkit.NetnsTest;
import io.jnetlink.testkit.TestNamespace;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * NLM_F_DUMP_INTR handling: while another socket keeps creating and deleting veth pairs, every list() must
 * be a consistent snapshot (the kernel marks a dump that overlapped a change; the socket restarts it).
 */
@NetnsTest
class LinkDumpConsistencyTest {

    private static final int PAIRS = 300;
    private static final int MIN_DUMPS = 50;
    /** Dumps beyond the minimum, should no interrupted dump have happened yet. */
    private static final int MAX_DUMPS = 2_000;
    private static final int DUMP_ATTEMPTS = 1_000;

    @Test
    void everyDumpIsConsistentWhileVethPairsComeAndGo(TestNamespace ns) throws InterruptedException {
        Ip.in(ns.name()).batch(IntStream.range(0, PAIRS)
                .mapToObj(i -> "link add p" + i + " type veth peer name q" + i)
                .collect(Collectors.joining("\n", "", "\n")));

        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong changes = new AtomicLong();
        AtomicReference<Throwable> churnFailure = new AtomicReference<>();
        // a churn that never pauses can interrupt ten restarts in a row on a loaded machine: allow many more, the
        // test is about never seeing an inconsistent dump
        NetlinkSocket dumper = ns.netns().openSocket(NetlinkProtocol.ROUTE,
                NetlinkSocket.Options.defaults().withDumpAttempts(DUMP_ATTEMPTS));
        try (dumper; Rtnetlink rt = Rtnetlink.over(dumper); Rtnetlink churn = Rtnetlink.open(ns.netns())) {
            Thread churner = Thread.ofPlatform().name("veth-churn").start(() -> {
                try {
                    for (int i = 0; !stop.get(); i++) {
                        churn.links().addVeth(VethSpec.of("c" + i, "d" + i));
                        if (i >= 4) {
                            churn.links().delete("c" + (i - 4));
                        }
                        changes.incrementAndGet();
                    }
                } catch (RuntimeException | Error e) {
                    churnFailure.set(e);
                }
            });
            int dumps = 0;
            try {
                long changesBefore = changes.get();
                while (dumps < MIN_DUMPS
                        || (rt.socket().stats().dumpRestarts() == 0 && dumps < MAX_DUMPS)) {
                    assertConsistent(rt.links().list(), dumps);
                    dumps++;
                    if (churnFailure.get() != null) {
                        break;
                    }
                }
                assertTrue(changes.get() > changesBefore, "the churn thread made no change while dumping");
            } finally {
                stop.set(true);
                churner.join();
            }
            if (churnFailure.get() != null) {
                fail("churn thread failed", churnFailure.get());
            }
            long restarts = rt.socket().stats().dumpRestarts();
            assertTrue(restarts > 0, "no dump was interrupted in " + dumps + " dumps during "
                    + changes.get() + " changes");
            assertEquals(dumps, rt.socket().stats().dumps());
            System.out.printf("%d dumps, %d restarted, %d concurrent changes%n", dumps, restarts, changes.get());
        }
    }

    /** No duplicate index or name; every veth whose peer is in this namespace has that peer, pointing back. */
    private static void assertConsistent(List<Link> links, int dump) {
        String where = "dump " + dump + ": ";
        Map<Integer, Link> byIndex = new HashMap<>();
        Set<String> names = new HashSet<>();
        for (Link l : links) {
            if (byIndex.put(l.index(), l) != null) {
                fail(where + "index " + l.index() + " listed twice");
            }
            if (!names.add(l.name())) {
                fail(where + "name " + l.name() + " listed twice");
            }
        }
        int pairs = 0;
        for (Link l : links) {
            if (!l.kind().equals(Optional.of(LinkCodec.KIND_VETH)) || l.linkNetnsId().isPresent()
                    || l.link().isEmpty()) {
                continue;
            }
            Link peer = byIndex.get(l.link().getAsInt());
            if (peer == null) {
                fail(where + "veth " + l.name() + " listed without its peer (index " + l.link().getAsInt() + ")");
            }
            assertEquals(l.index(), peer.link().orElseThrow(), where + "peer of " + l.name() + " points elsewhere");
            pairs++;
        }
        assertTrue(pairs >= 2 * PAIRS, where + "only " + pairs + " veth ends listed");
    }
}
