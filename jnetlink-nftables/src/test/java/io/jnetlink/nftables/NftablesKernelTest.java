package io.jnetlink.nftables;

import com.fasterxml.jackson.databind.JsonNode;
import io.jnetlink.core.NetlinkSocket;
import io.jnetlink.core.error.BatchException;
import io.jnetlink.core.error.Errno;
import io.jnetlink.nftables.expr.Cmp;
import io.jnetlink.nftables.expr.CmpOp;
import io.jnetlink.nftables.expr.Counter;
import io.jnetlink.nftables.expr.Data;
import io.jnetlink.nftables.expr.Expr;
import io.jnetlink.nftables.expr.Immediate;
import io.jnetlink.nftables.expr.Lookup;
import io.jnetlink.nftables.expr.Meta;
import io.jnetlink.nftables.expr.MetaKey;
import io.jnetlink.nftables.expr.Payload;
import io.jnetlink.nftables.expr.PayloadBase;
import io.jnetlink.nftables.model.Chain;
import io.jnetlink.nftables.model.DataSpec;
import io.jnetlink.nftables.model.Family;
import io.jnetlink.nftables.model.Hook;
import io.jnetlink.nftables.model.NftSet;
import io.jnetlink.nftables.model.Rule;
import io.jnetlink.nftables.model.SetElement;
import io.jnetlink.nftables.model.SetElements;
import io.jnetlink.nftables.model.Table;
import io.jnetlink.oracles.Nft;
import io.jnetlink.testkit.NetnsTest;
import io.jnetlink.testkit.TestNamespace;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Transactions against the kernel, every outcome checked with nft itself. */
@NetnsTest
class NftablesKernelTest {

    static final int REG_1 = 1;

    /** {@code tcp dport PORT accept} as nft 1.0.6 encodes it. */
    static List<Expr> tcpDportAccept(int port) {
        return List.of(
                new Meta(MetaKey.L4PROTO, REG_1),
                new Cmp(REG_1, CmpOp.EQ, new Data.Value(new byte[]{6})),
                new Payload(PayloadBase.TRANSPORT, 2, 2, REG_1),
                new Cmp(REG_1, CmpOp.EQ, new Data.Value(new byte[]{(byte) (port >> 8), (byte) port})),
                Immediate.verdict(Data.Verdict.accept()));
    }

    static Chain baseChain(Family f, String table, String name, String type, Hook hook, int prio) {
        return Chain.base(f, table, name, new Chain.Base(type, hook, prio, Optional.of(Chain.Policy.ACCEPT), List.of()));
    }

    static Data.Value port(int p) {
        return new Data.Value(new byte[]{(byte) (p >> 8), (byte) p});
    }

    /** Objects of kind {@code kind} ("table", "chain", "rule", "set", ...) in {@code nft -j list ruleset}. */
    static List<JsonNode> objects(JsonNode json, String kind) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode n : json.get("nftables")) {
            if (n.has(kind)) {
                out.add(n.get(kind));
            }
        }
        return out;
    }

    @Test
    void transactionAcrossTwoTablesAndFamiliesMatchesNftAndReturnsItsHandles(TestNamespace ns) {
        Nft nft = Nft.in(ns.name());
        NftSet ports = NftSet.of(Family.INET, "filter", "ports", new DataSpec(13, 2)).withId(1);
        List<Op> ops = List.of(
                new Op.AddTable(Table.of(Family.INET, "filter"), false),
                new Op.AddChain(baseChain(Family.INET, "filter", "input", "filter", Hook.INPUT, 0), false),
                new Op.AddSet(ports, false),
                new Op.AddElements(new SetElements(Family.INET, "filter", "ports", OptionalInt.empty(),
                        List.of(SetElement.of(port(22)), SetElement.of(port(80)))), false),
                Op.AddRule.append(Rule.of(Family.INET, "filter", "input", tcpDportAccept(22))),
                Op.AddRule.append(Rule.of(Family.INET, "filter", "input", List.of(
                        new Meta(MetaKey.L4PROTO, REG_1),
                        new Cmp(REG_1, CmpOp.EQ, new Data.Value(new byte[]{6})),
                        new Payload(PayloadBase.TRANSPORT, 2, 2, REG_1),
                        new Lookup(REG_1, "ports", OptionalInt.of(1), OptionalInt.empty(), 0),
                        new Counter(0, 0),
                        Immediate.verdict(Data.Verdict.drop())))),
                new Op.AddTable(Table.of(Family.IP, "nat"), false),
                new Op.AddChain(baseChain(Family.IP, "nat", "postrouting", "nat", Hook.POSTROUTING, 100), false),
                Op.AddRule.append(Rule.of(Family.IP, "nat", "postrouting", List.of(new Counter(0, 0)))));

        CommitResult result;
        try (Nftables nf = Nftables.open(ns.netns())) {
            long before = nf.generation();
            result = nf.apply(ops);
            assertTrue(result.generation() > before, "generation moved: " + before + " -> " + result.generation());
        }

        assertEquals(ops.size(), result.handles().size());
        JsonNode json = nft.jsonRuleset();
        List<JsonNode> tables = objects(json, "table");
        assertEquals(Set.of("inet filter", "ip nat"), names(tables, t -> t.get("family").asText() + " " + t.get("name").asText()));
        String listing = nft.listRuleset();
        assertTrue(listing.contains("type filter hook input priority filter; policy accept;"), listing);
        assertTrue(listing.contains("tcp dport 22 accept"), listing);
        assertTrue(listing.contains("tcp dport @ports counter packets 0 bytes 0 drop"), listing);
        assertTrue(listing.contains("elements = { 22, 80 }"), listing);
        assertTrue(listing.contains("type nat hook postrouting priority srcnat; policy accept;"), listing);

        // handles: what `nft -j` (same as `nft -a`) reports for each created object
        assertEquals(handle(tables, "filter"), result.handle(0));
        assertEquals(handle(objects(json, "chain"), "input"), result.handle(1));
        assertEquals(handle(objects(json, "set"), "ports"), result.handle(2));
        assertTrue(result.handles().get(3).isEmpty(), "elements have no handle");
        List<JsonNode> rules = objects(json, "rule");
        assertEquals(3, rules.size());
        assertEquals(rules.get(0).get("handle").asLong(), result.handle(4));
        assertEquals(rules.get(1).get("handle").asLong(), result.handle(5));
        assertEquals(handle(tables, "nat"), result.handle(6));
        assertEquals(handle(objects(json, "chain"), "postrouting"), result.handle(7));
        assertEquals(rules.get(2).get("handle").asLong(), result.handle(8));
        String annotated = nft.run("-a", "list", "chain", "inet", "filter", "input");
        assertTrue(annotated.contains("tcp dport 22 accept # handle " + result.handle(4)), annotated);
    }

    private static Set<String> names(List<JsonNode> nodes, java.util.function.Function<JsonNode, String> f) {
        Set<String> s = new TreeSet<>();
        nodes.forEach(n -> s.add(f.apply(n)));
        return s;
    }

    private static long handle(List<JsonNode> nodes, String name) {
        return nodes.stream().filter(n -> n.get("name").asText().equals(name)).findFirst().orElseThrow()
                .get("handle").asLong();
    }

    @Test
    void invalidLastOperationChangesNothingAndIsNamedWithErrnoAndKernelMessage(TestNamespace ns) {
        Nft nft = Nft.in(ns.name());
        nft.apply("table ip keep {\n  chain c {\n    counter\n  }\n}\n");
        String before = nft.listRuleset();
        List<Op> ops = List.of(
                new Op.AddTable(Table.of(Family.IP, "t2"), false),
                new Op.AddChain(Chain.regular(Family.IP, "t2", "c"), false),
                Op.AddRule.append(Rule.of(Family.IP, "t2", "missing", List.of(new Counter(0, 0)))));
        BatchException e;
        try (Nftables nf = Nftables.open(ns.netns())) {
            e = assertThrows(BatchException.class, () -> nf.apply(ops));
        }
        assertEquals(1, e.failures().size(), e.getMessage());
        assertEquals(2, e.failures().getFirst().index());
        assertEquals(Errno.ENOENT, e.first().errno());
        assertTrue(e.getMessage().startsWith("add rule ip t2 missing: ENOENT"), e.getMessage());
        assertTrue(e.getMessage().contains("[request 3 of 3]"), e.getMessage());
        e.first().kernelMessage().ifPresent(m -> assertTrue(e.getMessage().contains(m), e.getMessage()));
        assertEquals(before, nft.listRuleset(), "nothing changed");
        assertFalse(nft.listRuleset().contains("t2"));
    }

    @Test
    void generationGuardFailsCleanlyAfterSomeoneElseChangedTheRuleset(TestNamespace ns) {
        Nft nft = Nft.in(ns.name());
        try (Nftables nf = Nftables.open(ns.netns())) {
            long gen = nf.generation();
            nft.run("add", "table", "ip", "other");
            String before = nft.listRuleset();
            try (Transaction tx = nf.begin(gen)) {
                tx.add(new Op.AddTable(Table.of(Family.IP, "mine"), false));
                GenerationChangedException e = assertThrows(GenerationChangedException.class, tx::commit);
                assertEquals(gen, e.expected());
                assertEquals("ERESTART", e.getCause().errno().name());
            }
            assertEquals(before, nft.listRuleset(), "nothing applied");

            long current = nf.generation();
            try (Transaction tx = nf.begin(current)) {
                tx.add(new Op.AddTable(Table.of(Family.IP, "mine"), false));
                CommitResult r = tx.commit();
                assertTrue(r.generation() > current);
            }
            assertTrue(nft.listRuleset().contains("table ip mine"));
        }
    }

    @Test
    void tenThousandRulesInOneCommit(TestNamespace ns) {
        Nft nft = Nft.in(ns.name());
        int n = 10_000;
        List<Op> ops = new ArrayList<>();
        ops.add(new Op.AddTable(Table.of(Family.INET, "big"), false));
        ops.add(new Op.AddChain(baseChain(Family.INET, "big", "input", "filter", Hook.INPUT, 0), false));
        for (int i = 0; i < n; i++) {
            ops.add(Op.AddRule.append(Rule.of(Family.INET, "big", "input", tcpDportAccept(1 + i))));
        }
        try (NetlinkSocket s = ns.netns().openSocket(io.jnetlink.core.NetlinkProtocol.NETFILTER, Nftables.options());
             Nftables nf = Nftables.over(s)) {
            NetlinkSocket.Stats before = s.stats();
            CommitResult r = nf.apply(ops);
            NetlinkSocket.Stats after = s.stats();
            assertEquals(2, after.datagramsSent() - before.datagramsSent(), "one batch datagram plus the fence");
            assertTrue(after.datagramsRead() - before.datagramsRead() < n / 5,
                    "the kernel packs echoes: " + (after.datagramsRead() - before.datagramsRead()) + " datagrams");
            Set<Long> handles = new HashSet<>();
            for (int i = 2; i < ops.size(); i++) {
                handles.add(r.handle(i));
            }
            assertEquals(n, handles.size(), "every rule has its own handle");
        }
        String listing = nft.run("-a", "list", "chain", "inet", "big", "input");
        long rules = listing.lines().filter(l -> l.contains(" accept # handle ")).count();
        assertEquals(n, rules);
        assertTrue(listing.contains("tcp dport 10000 accept"), "last rule present");
    }

    @Test
    void withoutHandlesCommitsLikeNftFNoEchoesAndEmptyHandles(TestNamespace ns) {
        int n = 1_000;
        List<Op> ops = new ArrayList<>();
        ops.add(new Op.AddTable(Table.of(Family.IP, "t"), false));
        ops.add(new Op.AddChain(Chain.regular(Family.IP, "t", "c"), false));
        for (int i = 0; i < n; i++) {
            ops.add(Op.AddRule.append(Rule.of(Family.IP, "t", "c", tcpDportAccept(1 + i))));
        }
        try (NetlinkSocket s = ns.netns().openSocket(io.jnetlink.core.NetlinkProtocol.NETFILTER, Nftables.options());
             Nftables nf = Nftables.over(s);
             Transaction tx = nf.begin().withoutHandles()) {
            tx.addAll(ops);
            NetlinkSocket.Stats before = s.stats();
            CommitResult r = tx.commit();
            NetlinkSocket.Stats after = s.stats();
            assertTrue(r.handles().stream().allMatch(OptionalLong::isEmpty), "no echoes asked, no handles");
            assertEquals(ops.size(), r.handles().size());
            long read = after.datagramsRead() - before.datagramsRead();
            assertTrue(read <= 2, "only the fence's answers (NEWGEN, ACK), no echoes: " + read + " datagrams");
        }
        long rules = Nft.in(ns.name()).run("list", "chain", "ip", "t", "c").lines()
                .filter(l -> l.contains(" accept")).count();
        assertEquals(n, rules);
    }

    @Test
    void aReceiveBufferTooSmallForTheEchoesCommitsWithoutHandlesRatherThanRiskAnOverrun(TestNamespace ns) {
        int n = 2_000;
        List<Op> ops = new ArrayList<>();
        ops.add(new Op.AddTable(Table.of(Family.IP, "t"), false));
        ops.add(new Op.AddChain(Chain.regular(Family.IP, "t", "c"), false));
        for (int i = 0; i < n; i++) {
            ops.add(Op.AddRule.append(Rule.of(Family.IP, "t", "c", tcpDportAccept(1 + i))));
        }
        NetlinkSocket.Options small = Nftables.options().withReceiveBufferBytes(32 * 1024);
        try (NetlinkSocket s = ns.netns().openSocket(io.jnetlink.core.NetlinkProtocol.NETFILTER, small);
             Nftables nf = Nftables.over(s)) {
            CommitResult r = nf.apply(ops);
            assertTrue(r.handles().stream().allMatch(OptionalLong::isEmpty));
            assertTrue(r.generation() > 0);
        }
        long rules = Nft.in(ns.name()).run("list", "chain", "ip", "t", "c").lines()
                .filter(l -> l.contains(" accept")).count();
        assertEquals(n, rules);
    }

    @Test
    void returnedHandlesAddressTheRulesInLaterTransactions(TestNamespace ns) {
        Nft nft = Nft.in(ns.name());
        try (Nftables nf = Nftables.open(ns.netns())) {
            assertTrue(nf.list().tables().isEmpty(), "fresh namespace");
            CommitResult r = nf.apply(List.of(
                    new Op.AddTable(Table.of(Family.IP, "t"), false),
                    new Op.AddChain(Chain.regular(Family.IP, "t", "c"), false),
                    Op.AddRule.append(Rule.of(Family.IP, "t", "c", tcpDportAccept(1))),
                    Op.AddRule.append(Rule.of(Family.IP, "t", "c", tcpDportAccept(3)))));
            long first = r.handle(2);
            long last = r.handle(3);
            nf.apply(List.of(
                    new Op.AddRule(Rule.of(Family.IP, "t", "c", tcpDportAccept(2)), Op.Placement.APPEND,
                            OptionalLong.of(first)),
                    new Op.AddRule(Rule.of(Family.IP, "t", "c", tcpDportAccept(0)), Op.Placement.INSERT,
                            OptionalLong.of(first)),
                    new Op.ReplaceRule(Rule.of(Family.IP, "t", "c", tcpDportAccept(4)), last)));
            List<String> ports = nft.run("list", "chain", "ip", "t", "c").lines().map(String::strip)
                    .filter(l -> l.startsWith("tcp dport")).toList();
            assertEquals(List.of("tcp dport 0 accept", "tcp dport 1 accept", "tcp dport 2 accept",
                    "tcp dport 4 accept"), ports);
            nf.apply(List.of(new Op.DeleteRule(Family.IP, "t", "c", first)));
            assertFalse(nft.run("list", "chain", "ip", "t", "c").contains("tcp dport 1 accept"));
            assertEquals(3, nf.list(Family.IP, "t").rules().size());
        }
    }
}
