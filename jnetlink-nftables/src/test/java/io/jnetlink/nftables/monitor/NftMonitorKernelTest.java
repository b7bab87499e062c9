package io.jnetlink.nftables.monitor;

import io.jnetlink.nftables.model.Family;
import io.jnetlink.nftables.model.StatefulObject;
import io.jnetlink.oracles.Nft;
import io.jnetlink.testkit.NetnsTest;
import io.jnetlink.testkit.TestNamespace;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The monitor against the kernel, with nft as the independent actor: nft changes the ruleset, and the monitor
 * must announce each object with the names, keys and handles nft shows, then the generation of the commit.
 */
@NetnsTest
class NftMonitorKernelTest {

    private static final Duration GUARD = Duration.ofSeconds(10);

    @Test
    void announcesWhatNftAddsAndDeletes(TestNamespace ns) {
        Nft nft = Nft.in(ns.name());
        try (NftMonitor m = NftMonitor.open(ns.netns())) {
            nft.apply("""
                    table inet mon {
                        counter hits { }
                        set blocked { type ipv4_addr; elements = { 192.0.2.1 } }
                        chain input {
                            type filter hook input priority 0; policy accept;
                            ip saddr @blocked counter drop
                        }
                    }
                    """);
            List<NftEvent> seen = new ArrayList<>();
            List<NftEvent> tx = transaction(m, seen);
            NftEvent.TableChange t = only(tx, NftEvent.TableChange.class);
            assertEquals(NftEvent.Action.ADD, t.action());
            assertEquals(Family.INET, t.table().family());
            assertEquals("mon", t.table().name());
            NftEvent.ChainChange c = only(tx, NftEvent.ChainChange.class);
            assertEquals("input", c.chain().name());
            assertEquals("mon", c.chain().table());
            assertTrue(c.chain().base().isPresent(), "a base chain");
            NftEvent.SetChange s = only(tx, NftEvent.SetChange.class);
            assertEquals("blocked", s.set().name());
            assertEquals(NftEvent.Action.ADD, s.action());
            NftEvent.ElementChange e = only(tx, NftEvent.ElementChange.class);
            assertEquals("blocked", e.elements().set());
            assertEquals(1, e.elements().elements().size());
            assertEquals("c0000201", java.util.HexFormat.of().formatHex(e.elements().elements().getFirst().key().bytes()));
            NftEvent.ObjectChange o = only(tx, NftEvent.ObjectChange.class);
            assertEquals("hits", o.object().name());
            assertEquals(StatefulObject.COUNTER, o.object().type());
            NftEvent.RuleChange r = only(tx, NftEvent.RuleChange.class);
            assertEquals("input", r.rule().chain());
            assertTrue(r.rule().handle().isPresent(), "a new rule carries its handle");
            long handle = r.rule().handle().getAsLong();
            assertTrue(nft.run("-a", "list", "chain", "inet", "mon", "input").contains("# handle " + handle),
                    "nft lists the announced handle " + handle);
            NftEvent.Generation g1 = (NftEvent.Generation) tx.getLast();
            assertEquals(Optional.of("nft"), g1.process());
            assertTrue(g1.pid().isPresent());

            nft.run("add", "rule", "inet", "mon", "input", "tcp", "dport", "22", "accept");
            NftEvent.RuleChange added = await(m, seen, NftEvent.RuleChange.class, x -> true);
            assertEquals(NftEvent.Action.ADD, added.action());
            NftEvent.Generation g2 = await(m, seen, NftEvent.Generation.class, x -> true);
            assertTrue(g2.generation() > g1.generation(), g1 + " then " + g2);

            nft.run("delete", "element", "inet", "mon", "blocked", "{", "192.0.2.1", "}");
            NftEvent.ElementChange gone = await(m, seen, NftEvent.ElementChange.class, x -> true);
            assertEquals(NftEvent.Action.DELETE, gone.action());

            nft.run("delete", "table", "inet", "mon");
            NftEvent.TableChange deleted = await(m, seen, NftEvent.TableChange.class,
                    x -> x.action() == NftEvent.Action.DELETE);
            assertEquals("mon", deleted.table().name());
            assertTrue(seen.stream().noneMatch(x -> x instanceof NftEvent.Undecoded), "all decoded: " + seen);
            assertEquals("", nft.listRuleset().strip());
        }
    }

    @Test
    void smallBufferOverrunIsAnEventAndTheMonitorKeepsGoing(TestNamespace ns) {
        Nft nft = Nft.in(ns.name());
        try (NftMonitor m = NftMonitor.over(ns.netns().subscribeWithBuffer(io.jnetlink.core.NetlinkProtocol.NETFILTER,
                4096, NftMonitor.NFNLGRP_NFTABLES))) {
            StringBuilder script = new StringBuilder("table ip big {\n chain c {\n");
            for (int i = 0; i < 2000; i++) {
                script.append("  ip saddr 10.0.").append(i / 250).append('.').append(i % 250).append(" counter accept\n");
            }
            script.append(" }\n}\n");
            nft.apply(script.toString());
            List<NftEvent> seen = new ArrayList<>();
            await(m, seen, NftEvent.Overrun.class, x -> true);
            // The kernel delivers again once the queue was read empty (netlink clears its congestion flag then).
            while (m.next(Duration.ofMillis(300)).isPresent()) {
                // drain what was queued before the loss
            }
            nft.run("add", "table", "ip", "after");
            NftEvent.TableChange t = await(m, seen, NftEvent.TableChange.class, x -> x.table().name().equals("after"));
            assertEquals(NftEvent.Action.ADD, t.action());
            assertTrue(m.overruns() >= 1);
        }
    }

    /** The events of one transaction: everything up to and including its Generation event. */
    static List<NftEvent> transaction(NftMonitor m, List<NftEvent> seen) {
        int from = seen.size();
        await(m, seen, NftEvent.Generation.class, x -> true);
        return List.copyOf(seen.subList(from, seen.size()));
    }

    static <T extends NftEvent> T only(List<NftEvent> events, Class<T> type) {
        List<T> of = events.stream().filter(type::isInstance).map(type::cast).toList();
        assertEquals(1, of.size(), "one " + type.getSimpleName() + " in " + events);
        return of.getFirst();
    }

    static <T extends NftEvent> T await(NftMonitor m, List<NftEvent> seen, Class<T> type, Predicate<T> p) {
        long deadline = System.nanoTime() + GUARD.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<NftEvent> e = m.next(Duration.ofMillis(500));
            if (e.isEmpty()) {
                continue;
            }
            seen.add(e.get());
            if (type.isInstance(e.get()) && p.test(type.cast(e.get()))) {
                return type.cast(e.get());
            }
        }
        return fail("no " + type.getSimpleName() + " within " + GUARD + "; saw " + seen);
    }
}
