package io.jnetlink.nftables;

import io.jnetlink.nftables.expr.Data;
import io.jnetlink.nftables.expr.Lookup;
import io.jnetlink.nftables.model.Chain;
import io.jnetlink.nftables.model.DataSpec;
import io.jnetlink.nftables.model.Family;
import io.jnetlink.nftables.model.Hook;
import io.jnetlink.nftables.model.NftSet;
import io.jnetlink.nftables.model.Rule;
import io.jnetlink.nftables.model.SetElement;
import io.jnetlink.nftables.model.SetElements;
import io.jnetlink.nftables.model.Table;
import io.jnetlink.nftables.model.Userdata;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Operations are checked as they are added, before anything is sent (no socket is needed to find these). */
class TransactionValidationTest {

    private static Transaction tx() {
        return new Transaction(null, OptionalLong.empty());
    }

    private static NftSet set(String name, int id) {
        return NftSet.of(Family.IP, "t", name, new DataSpec(7, 4)).withId(id);
    }

    private static IllegalArgumentException refused(Transaction tx, Op op) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> tx.add(op));
        return e;
    }

    @Test
    void ruleReferencingASetIdNotAddedBeforeIsRefused() {
        Transaction tx = tx();
        Rule r = Rule.of(Family.IP, "t", "c", List.of(new Lookup(1, "__set0", OptionalInt.of(5), OptionalInt.empty(), 0)));
        IllegalArgumentException e = refused(tx, Op.AddRule.append(r));
        assertTrue(e.getMessage().startsWith("set id: 5"), e.getMessage());
        assertEquals(0, tx.size());

        tx.add(new Op.AddSet(set("__set0", 5), false));
        tx.add(Op.AddRule.append(r));
        assertEquals(2, tx.size());
    }

    @Test
    void elementsOfAnUnknownSetIdOrOfTheWrongLengthAreRefused() {
        Transaction tx = tx();
        SetElements byId = new SetElements(Family.IP, "t", "s", OptionalInt.of(2),
                List.of(SetElement.of(new Data.Value(new byte[]{10, 0, 0, 1}))));
        assertTrue(refused(tx, new Op.AddElements(byId, false)).getMessage().startsWith("set id: 2"));
        tx.add(new Op.AddSet(set("s", 2), false));
        tx.add(new Op.AddElements(byId, false));
        SetElements shortKey = SetElements.of(Family.IP, "t", "s", List.of(SetElement.of(new Data.Value(new byte[]{1, 2}))));
        IllegalArgumentException e = refused(tx, new Op.AddElements(shortKey, false));
        assertTrue(e.getMessage().startsWith("element key: 0x0102 has 2 bytes"), e.getMessage());
    }

    @Test
    void duplicateSetIdsAreRefused() {
        Transaction tx = tx();
        tx.add(new Op.AddSet(set("a", 1), false));
        assertTrue(refused(tx, new Op.AddSet(set("b", 1), false)).getMessage().contains("already used by set a"));
    }

    @Test
    void namesHandlesHooksAndUserdataAreChecked() {
        Transaction tx = tx();
        String longName = "x".repeat(256);
        IllegalArgumentException e = refused(tx, new Op.DeleteTable(Family.IP, longName));
        assertTrue(e.getMessage().startsWith("table: name 'xxx"), e.getMessage());
        assertTrue(e.getMessage().contains("256 bytes"), e.getMessage());
        assertTrue(refused(tx, new Op.DeleteChain(Family.IP, "t", "")).getMessage().startsWith("chain: "));
        assertTrue(refused(tx, new Op.DeleteRule(Family.IP, "t", "c", 0)).getMessage().startsWith("handle: 0"));
        Chain ingressInIp = Chain.base(Family.IP, "t", "c", new Chain.Base("filter", Hook.INGRESS, 0, Optional.empty(),
                List.of()));
        assertTrue(refused(tx, new Op.AddChain(ingressInIp, false)).getMessage().startsWith("hook: ingress"));
        Chain badType = Chain.base(Family.IP, "t", "c", new Chain.Base("mangle", Hook.INPUT, 0, Optional.empty(),
                List.of()));
        assertTrue(refused(tx, new Op.AddChain(badType, false)).getMessage().startsWith("chain type: 'mangle'"));
        Table commented = Table.of(Family.IP, "t").withComment("c".repeat(250)).withComment("c".repeat(250));
        Table huge = new Table(Family.IP, "t", 0, commented.userdata().with(1, new byte[200]), OptionalLong.empty());
        assertTrue(refused(tx, new Op.AddTable(huge, false)).getMessage().startsWith("table userdata: "));
        assertEquals(0, tx.size());
    }

    @Test
    void aClosedTransactionTakesNoMoreOperations() {
        Transaction tx = tx();
        tx.close();
        assertThrows(IllegalStateException.class, () -> tx.add(new Op.AddTable(Table.of(Family.IP, "t"), false)));
    }

    @Test
    void rulePositionIdMustNameARuleOfTheTransactionInTheSameChain() {
        Transaction tx = tx();
        Rule first = Rule.of(Family.IP, "t", "c", List.of());
        IllegalArgumentException none = refused(tx, new Op.AddRule(first, Op.Placement.APPEND, OptionalLong.empty(),
                OptionalInt.empty(), OptionalInt.of(4)));
        assertTrue(none.getMessage().startsWith("positionId: 4 names no rule added earlier"), none.getMessage());

        tx.add(Op.AddRule.append(first).withId(4));
        IllegalArgumentException twice = refused(tx, Op.AddRule.append(first).withId(4));
        assertTrue(twice.getMessage().startsWith("rule id: 4 is already used"), twice.getMessage());
        IllegalArgumentException otherChain = refused(tx, new Op.AddRule(Rule.of(Family.IP, "t", "d", List.of()),
                Op.Placement.APPEND, OptionalLong.empty(), OptionalInt.empty(), OptionalInt.of(4)));
        assertTrue(otherChain.getMessage().contains("chain ip t d"), otherChain.getMessage());
        tx.add(new Op.AddRule(first, Op.Placement.INSERT, OptionalLong.empty(), OptionalInt.empty(), OptionalInt.of(4)));
        assertEquals(2, tx.size());

        IllegalArgumentException both = assertThrows(IllegalArgumentException.class, () -> new Op.AddRule(first,
                Op.Placement.APPEND, OptionalLong.of(3), OptionalInt.empty(), OptionalInt.of(4)));
        assertTrue(both.getMessage().contains("a rule is placed relative to one rule"), both.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Op.AddRule.append(first).withId(0));
    }
}
