package io.jnetlink.nftables.text;

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
import io.jnetlink.nftables.expr.RawExpr;
import io.jnetlink.nftables.model.Chain;
import io.jnetlink.nftables.model.DataSpec;
import io.jnetlink.nftables.model.Family;
import io.jnetlink.nftables.model.Hook;
import io.jnetlink.nftables.model.NftSet;
import io.jnetlink.nftables.model.Rule;
import io.jnetlink.nftables.model.Ruleset;
import io.jnetlink.nftables.model.SetElement;
import io.jnetlink.nftables.model.SetElements;
import io.jnetlink.nftables.model.Table;
import io.jnetlink.nftables.model.Userdata;
import org.junit.jupiter.api.Test;

import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Rendering of hand-built rulesets (the expressions nft 1.0.6 sends, taken from {@code nft --debug=netlink}),
 * without a kernel. The kernel comparison is NftCorpusRenderKernelTest.
 */
class NftTextTest {

    private static Data.Value v(String hex) {
        return new Data.Value(HexFormat.of().parseHex(hex));
    }

    private static Ruleset ruleset(List<NftSet> sets, List<SetElements> elems, List<Expr>... rules) {
        Table t = Table.of(Family.INET, "filter");
        Chain c = Chain.base(Family.INET, "filter", "input", new Chain.Base("filter", Hook.INPUT, 0,
                Optional.of(Chain.Policy.DROP), List.of()));
        List<Rule> rs = java.util.Arrays.stream(rules).map(e -> Rule.of(Family.INET, "filter", "input", e)).toList();
        return new Ruleset(List.of(t), List.of(c), rs, sets, elems, List.of(), List.of(), 1);
    }

    @SafeVarargs
    private static Ruleset ruleset(List<Expr>... rules) {
        return ruleset(List.of(), List.of(), rules);
    }

    // inet: ip saddr 10.0.0.1 tcp dport 22 accept
    static final List<Expr> SSH = List.of(
            new Meta(MetaKey.NFPROTO, 1), new Cmp(1, CmpOp.EQ, v("02")),
            new Payload(PayloadBase.NETWORK, 12, 4, 1), new Cmp(1, CmpOp.EQ, v("0a000001")),
            new Meta(MetaKey.L4PROTO, 1), new Cmp(1, CmpOp.EQ, v("06")),
            new Payload(PayloadBase.TRANSPORT, 2, 2, 1), new Cmp(1, CmpOp.EQ, v("0016")),
            Immediate.verdict(Data.Verdict.accept()));

    @Test
    void tableChainAndRuleLayoutIsNfts() {
        String text = NftText.render(ruleset(SSH));
        assertEquals("""
                table inet filter {
                \tchain input {
                \t\ttype filter hook input priority filter; policy drop;
                \t\tip saddr 10.0.0.1 tcp dport 22 accept
                \t}
                }
                """, text);
    }

    @Test
    void dependenciesWrittenByTheUserStayWhenNothingUsesThem() {
        // meta l4proto tcp counter: no tcp field follows, so nft keeps the match
        List<Expr> rule = List.of(new Meta(MetaKey.L4PROTO, 1), new Cmp(1, CmpOp.EQ, v("06")), Counter.zero());
        assertTrue(NftText.render(ruleset(rule)).contains("\t\tmeta l4proto tcp counter packets 0 bytes 0\n"));
    }

    @Test
    void shortLoadsArePrefixesAndInvertedLookupsAreNotEqual() {
        List<Expr> rule = List.of(new Meta(MetaKey.NFPROTO, 1), new Cmp(1, CmpOp.EQ, v("02")),
                new Payload(PayloadBase.NETWORK, 12, 1, 1), new Cmp(1, CmpOp.NEQ, v("0a")),
                new Payload(PayloadBase.NETWORK, 16, 4, 1),
                new Lookup(1, "blocked", OptionalInt.empty(), OptionalInt.empty(), Lookup.F_INV));
        NftSet set = new NftSet(Family.INET, "filter", "blocked", 0, new DataSpec(7, 4), Optional.empty(),
                OptionalInt.empty(), OptionalLong.empty(), OptionalInt.empty(), OptionalInt.empty(),
                OptionalInt.empty(), List.of(), Userdata.EMPTY, List.of(), OptionalInt.empty(), OptionalLong.empty());
        String text = NftText.render(ruleset(List.of(set), List.of(), rule));
        assertTrue(text.contains("\t\tip saddr != 10.0.0.0/8 ip daddr != @blocked\n"), text);
        assertTrue(text.contains("\tset blocked {\n\t\ttype ipv4_addr\n\t}\n"), text);
    }

    @Test
    void maskedShiftedLoadInASetMatchIsTheSubByteField() {
        // inet: ip dscp @c (nft 1.0.6 loads @nh,8,8, masks 0xfc and shifts right by 2 before the lookup)
        byte[] two = java.nio.ByteBuffer.allocate(4).order(java.nio.ByteOrder.nativeOrder()).putInt(2).array();
        List<Expr> rule = List.of(new Meta(MetaKey.NFPROTO, 1), new Cmp(1, CmpOp.EQ, v("02")),
                new Payload(PayloadBase.NETWORK, 1, 1, 1),
                io.jnetlink.nftables.expr.Bitwise.bool(1, 1, v("fc"), v("00")),
                io.jnetlink.nftables.expr.Bitwise.shift(1, 1, 1, io.jnetlink.nftables.expr.BitwiseOp.RSHIFT,
                        new Data.Value(two)),
                new Lookup(1, "c", OptionalInt.empty(), OptionalInt.empty(), 0));
        NftSet set = new NftSet(Family.INET, "filter", "c", 0, new DataSpec(36, 1), Optional.empty(),
                OptionalInt.empty(), OptionalLong.empty(), OptionalInt.empty(), OptionalInt.empty(),
                OptionalInt.empty(), List.of(), Userdata.EMPTY, List.of(), OptionalInt.empty(), OptionalLong.empty());
        String text = NftText.render(ruleset(List.of(set), List.of(), rule));
        assertTrue(text.contains("\t\tip dscp @c\n"), text);
    }

    @Test
    void anonymousSetsPrintInlineSorted() {
        NftSet anon = new NftSet(Family.INET, "filter", "__set0", NftSet.F_ANONYMOUS | NftSet.F_CONSTANT,
                new DataSpec(13, 2), Optional.empty(), OptionalInt.empty(), OptionalLong.empty(), OptionalInt.empty(),
                OptionalInt.empty(), OptionalInt.empty(), List.of(), Userdata.EMPTY, List.of(), OptionalInt.empty(),
                OptionalLong.empty());
        SetElements e = SetElements.of(Family.INET, "filter", "__set0",
                List.of(SetElement.of(v("01bb")), SetElement.of(v("0016")), SetElement.of(v("0050"))));
        List<Expr> rule = List.of(new Meta(MetaKey.L4PROTO, 1), new Cmp(1, CmpOp.EQ, v("06")),
                new Payload(PayloadBase.TRANSPORT, 2, 2, 1),
                new Lookup(1, "__set0", OptionalInt.empty(), OptionalInt.empty(), 0),
                Immediate.verdict(Data.Verdict.accept()));
        String text = NftText.render(ruleset(List.of(anon), List.of(e), rule));
        assertTrue(text.contains("\t\ttcp dport { 22, 80, 443 } accept\n"), text);
        // without the ruleset (as nft monitor shows a rule), the anonymous set is named
        assertEquals("tcp dport @__set0 accept", NftText.renderRule(Rule.of(Family.INET, "filter", "input", rule)));
    }

    @Test
    void unknownExpressionsRenderInsteadOfFailing() {
        List<Expr> rule = List.of(new RawExpr("osf", new byte[]{1, 2}), Immediate.verdict(Data.Verdict.drop()));
        String text = NftText.render(ruleset(rule));
        assertTrue(text.contains("\t\t# osf 0x0102 drop\n"), text);
        String json = NftJson.render(ruleset(rule));
        assertTrue(json.startsWith("{\"nftables\": [{\"metainfo\": {\"version\": \"1.0.6\""), json);
    }

    @Test
    void jsonHasNftsShape() {
        String json = NftJson.render(ruleset(SSH));
        assertTrue(json.contains("{\"chain\": {\"family\": \"inet\", \"table\": \"filter\", \"name\": \"input\", "
                + "\"type\": \"filter\", \"hook\": \"input\", \"prio\": 0, \"policy\": \"drop\"}}"), json);
        assertTrue(json.contains("{\"match\": {\"op\": \"==\", \"left\": {\"payload\": {\"protocol\": \"tcp\", "
                + "\"field\": \"dport\"}}, \"right\": 22}}"), json);
        assertTrue(json.contains("{\"accept\": null}"), json);
    }

    @Test
    void prioritiesByNameOnlyWhereNftUsesThem() {
        assertEquals("filter - 10", Priorities.name(Family.INET, Hook.INPUT, -10));
        assertEquals("dstnat", Priorities.name(Family.IP, Hook.PREROUTING, -100));
        assertEquals("-100", Priorities.name(Family.IP, Hook.OUTPUT, -100));
        assertEquals("srcnat + 5", Priorities.name(Family.IP, Hook.POSTROUTING, 105));
        assertEquals("100", Priorities.name(Family.IP6, Hook.INPUT, 100));
        assertEquals("-400", Priorities.name(Family.INET, Hook.PREROUTING, -400));
        assertEquals("filter", Priorities.name(Family.BRIDGE, Hook.FORWARD, -200));
        assertEquals("out", Priorities.name(Family.BRIDGE, Hook.OUTPUT, 100));
        assertEquals("0", Priorities.name(Family.BRIDGE, Hook.FORWARD, 0));
        assertEquals("-500", Priorities.name(Family.NETDEV, Hook.INGRESS, -500));
    }
}
