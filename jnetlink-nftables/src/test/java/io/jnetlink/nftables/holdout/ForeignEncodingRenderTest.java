package io.jnetlink.nftables.holdout;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jnetlink.nftables.Nftables;
import io.jnetlink.nftables.Op;
import io.jnetlink.nftables.expr.Bitwise;
import io.jnetlink.nftables.expr.Cmp;
import io.jnetlink.nftables.expr.CmpOp;
import io.jnetlink.nftables.expr.Counter;
import io.jnetlink.nftables.expr.Data;
import io.jnetlink.nftables.expr.Expr;
import io.jnetlink.nftables.expr.Immediate;
import io.jnetlink.nftables.expr.Meta;
import io.jnetlink.nftables.expr.MetaKey;
import io.jnetlink.nftables.expr.MetaSet;
import io.jnetlink.nftables.expr.Payload;
import io.jnetlink.nftables.expr.PayloadBase;
import io.jnetlink.nftables.expr.Range;
import io.jnetlink.nftables.expr.RangeOp;
import io.jnetlink.nftables.model.Chain;
import io.jnetlink.nftables.model.Family;
import io.jnetlink.nftables.model.Rule;
import io.jnetlink.nftables.model.Ruleset;
import io.jnetlink.nftables.model.Table;
import io.jnetlink.nftables.text.NftJson;
import io.jnetlink.nftables.text.NftText;
import io.jnetlink.oracles.Nft;
import io.jnetlink.testkit.NetnsTest;
import io.jnetlink.testkit.TestNamespace;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Rules nft itself would encode differently: other registers (NFT_REG_1..4 for 4-byte values, as other netlink
 * libraries do), a counter before the match, a verdict register load nobody else emits, masks that are no prefix,
 * a transport payload without its l4 dependency. The kernel accepts them; {@code nft list ruleset} prints
 * something for each, and {@link NftText}/{@link NftJson} must print the same, since the renderer is meant for
 * any ruleset in the kernel, not only those nft wrote.
 */
@NetnsTest
class ForeignEncodingRenderTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static Data.Value v(int... bytes) {
        byte[] b = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            b[i] = (byte) bytes[i];
        }
        return new Data.Value(b);
    }

    private static Expr accept() {
        return Immediate.verdict(Data.Verdict.accept());
    }

    static List<List<Expr>> rules() {
        List<List<Expr>> r = new ArrayList<>();
        // ip saddr 10.0.0.1 accept, loaded into NFT_REG_1 (nft: NFT_REG32_00 = 8)
        r.add(List.of(new Payload(PayloadBase.NETWORK, 12, 4, 1), new Cmp(1, CmpOp.EQ, v(10, 0, 0, 1)), accept()));
        // same into NFT_REG_4
        r.add(List.of(new Payload(PayloadBase.NETWORK, 16, 4, 4), new Cmp(4, CmpOp.NEQ, v(10, 0, 0, 2)), accept()));
        // counter first, then the match
        r.add(List.of(new Counter(0, 0), new Payload(PayloadBase.NETWORK, 9, 1, 9), new Cmp(9, CmpOp.EQ, v(6)),
                accept()));
        // ip saddr & 255.0.255.0 == 10.0.1.0 (a mask that is no prefix), in register 2
        r.add(List.of(new Payload(PayloadBase.NETWORK, 12, 4, 2),
                Bitwise.bool(2, 2, v(255, 0, 255, 0), v(0, 0, 0, 0)), new Cmp(2, CmpOp.EQ, v(10, 0, 1, 0)), accept()));
        // transport dport without a protocol match: nft shows a raw payload
        r.add(List.of(new Payload(PayloadBase.TRANSPORT, 2, 2, 1), new Cmp(1, CmpOp.EQ, v(0, 22)), accept()));
        // meta mark set 0x5 through register 3
        r.add(List.of(new Immediate(3, v(5, 0, 0, 0)), new MetaSet(MetaKey.MARK, 3)));
        // meta l4proto tcp in register 1, then a greater-than on ip ttl in register 1 again (reuse)
        r.add(List.of(new Meta(MetaKey.L4PROTO, 1), new Cmp(1, CmpOp.EQ, v(6)),
                new Payload(PayloadBase.NETWORK, 8, 1, 1), new Cmp(1, CmpOp.GT, v(64)), accept()));
        // two counters and no verdict
        r.add(List.of(new Counter(0, 0), new Counter(0, 0)));
        // match on 3 bytes of the source address (a partial field)
        r.add(List.of(new Payload(PayloadBase.NETWORK, 12, 3, 1), new Cmp(1, CmpOp.EQ, v(192, 168, 7)), accept()));
        // tcp dport 1000-2000 as one range expression in register 1 (nft sends two cmps)
        r.add(List.of(new Meta(MetaKey.L4PROTO, 1), new Cmp(1, CmpOp.EQ, v(6)),
                new Payload(PayloadBase.TRANSPORT, 2, 2, 1), new Range(1, RangeOp.EQ, v(0x03, 0xe8), v(0x07, 0xd0)),
                accept()));
        // ip daddr != 10.0.0.0-10.0.0.255 as a range neq in register 3
        r.add(List.of(new Payload(PayloadBase.NETWORK, 16, 4, 3), new Range(3, RangeOp.NEQ, v(10, 0, 0, 0),
                v(10, 0, 0, 255)), accept()));
        // ip ttl < 5 with LT in register 17 (NFT_REG32_09)
        r.add(List.of(new Payload(PayloadBase.NETWORK, 8, 1, 17), new Cmp(17, CmpOp.LT, v(5)), accept()));
        return r;
    }

    @Test
    void foreignEncodingsRenderLikeNft(TestNamespace ns) throws Exception {
        Nft nft = Nft.in(ns.name());
        List<Op> ops = new ArrayList<>();
        ops.add(new Op.AddTable(Table.of(Family.IP, "foreign"), false));
        ops.add(new Op.AddChain(Chain.regular(Family.IP, "foreign", "c"), false));
        for (List<Expr> exprs : rules()) {
            ops.add(Op.AddRule.append(Rule.of(Family.IP, "foreign", "c", exprs)));
        }
        try (Nftables nl = Nftables.open(ns.netns())) {
            nl.apply(ops);
        }
        Ruleset ruleset;
        try (Nftables nl = Nftables.open(ns.netns())) {
            ruleset = nl.list();
        }
        String expected = HoldoutCorpusTest.normalize(nft.listRuleset());
        String actual = HoldoutCorpusTest.normalize(NftText.render(ruleset));
        // table, chain, closing braces and one line per rule: the kernel took every rule
        assertEquals(rules().size() + 4, expected.lines().count(), expected);
        if (!expected.equals(actual)) {
            fail("NftText differs from nft for foreign encodings\n"
                    + HoldoutCorpusTest.LineDiff.diff("nft list ruleset", expected, "NftText.render", actual));
        }
        JsonNode expectedJson = HoldoutCorpusTest.sorted(HoldoutCorpusTest.normalize(nft.jsonRuleset()));
        JsonNode actualJson = HoldoutCorpusTest.sorted(HoldoutCorpusTest.normalize(MAPPER.readTree(NftJson.render(ruleset))));
        String ej = expectedJson.toPrettyString();
        String aj = actualJson.toPrettyString();
        if (!ej.equals(aj)) {
            fail("NftJson differs from nft -j for foreign encodings\n"
                    + HoldoutCorpusTest.LineDiff.diff("nft -j list ruleset", ej, "NftJson.render", aj));
        }
        assertEquals(expectedJson, actualJson);
    }
}
