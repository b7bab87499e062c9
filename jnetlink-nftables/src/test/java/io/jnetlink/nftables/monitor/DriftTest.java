package io.jnetlink.nftables.monitor;

import io.jnetlink.nftables.expr.Expr;
import io.jnetlink.nftables.expr.RawExpr;
import io.jnetlink.nftables.model.Chain;
import io.jnetlink.nftables.model.Family;
import io.jnetlink.nftables.model.Rule;
import io.jnetlink.nftables.model.Ruleset;
import io.jnetlink.nftables.model.Table;
import io.jnetlink.nftables.model.Userdata;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.OptionalLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Drift comparison on hand-built listings: what counts as drift, what does not, and how it is described. */
class DriftTest {

    private static Rule rule(long handle, Expr... exprs) {
        return new Rule(Family.INET, "t", "c", List.of(exprs), Userdata.EMPTY, OptionalLong.of(handle));
    }

    private static Ruleset set(long tableHandle, List<Rule> rules) {
        return new Ruleset(List.of(new Table(Family.INET, "t", 0, Userdata.EMPTY, OptionalLong.of(tableHandle))),
                List.of(Chain.regular(Family.INET, "t", "c")), rules, List.of(), List.of(), List.of(), List.of(), 1);
    }

    private static final RawExpr CMP22 = new RawExpr("cmp", new byte[]{0, 22});
    private static final RawExpr CMP23 = new RawExpr("cmp", new byte[]{0, 23});

    @Test
    void handlesCountersAndGenerationAreNotDrift() {
        Ruleset a = set(1, List.of(rule(4, CMP22, new RawExpr("counter", new byte[]{1}))));
        Ruleset b = set(9, List.of(rule(7, CMP22, new RawExpr("counter", new byte[]{2}))));
        assertTrue(Drift.compare(a, b).inSync(), Drift.compare(a, b).toString());
    }

    @Test
    void anEditedRuleIsNamedWithItsPositionAndExpression() {
        Ruleset a = set(1, List.of(rule(4, CMP22)));
        Ruleset b = set(1, List.of(rule(4, CMP23)));
        Drift.Report r = Drift.compare(a, b);
        assertEquals("chain inet t c: rule 1 (handle 4): exprs[0] (cmp) data: installed 0x0016, now 0x0017",
                r.difference().orElseThrow());
    }

    @Test
    void addedAndRemovedRulesAndTables() {
        Ruleset one = set(1, List.of(rule(4, CMP22)));
        Ruleset two = set(1, List.of(rule(4, CMP22), rule(5, CMP23)));
        assertEquals("chain inet t c: rule 2 (handle 5) added (1 rules installed, 2 now)",
                Drift.compare(one, two).difference().orElseThrow());
        assertEquals("chain inet t c: rule 2 (handle 5) removed (2 rules installed, 1 now)",
                Drift.compare(two, one).difference().orElseThrow());
        Ruleset none = new Ruleset(List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), 2);
        assertEquals("table inet t: removed", Drift.compare(one, none).difference().orElseThrow());
    }
}
