package io.jnetlink.nftables;

import io.jnetlink.nftables.model.Chain;
import io.jnetlink.nftables.model.Family;
import io.jnetlink.nftables.model.Flowtable;
import io.jnetlink.nftables.model.NftSet;
import io.jnetlink.nftables.model.Rule;
import io.jnetlink.nftables.model.SetElements;
import io.jnetlink.nftables.model.StatefulObject;
import io.jnetlink.nftables.model.Table;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * One operation of a transaction: what `nft add|create|insert|replace|delete|flush ...` commands and ruleset
 * files turn into. {@code create} variants fail with EEXIST where {@code add} leaves an existing object be
 * (NLM_F_EXCL). Each {@link #describe()} is how errors name the operation.
 */
public sealed interface Op {

    /** For error messages, in nft's words: "add rule inet filter input". */
    String describe();

    record AddTable(Table table, boolean create) implements Op {
        public AddTable {
            Objects.requireNonNull(table, "table");
        }

        public String describe() {
            return (create ? "create" : "add") + " table " + table.family() + " " + table.name();
        }
    }

    record DeleteTable(Family family, String name) implements Op {
        public String describe() {
            return "delete table " + family + " " + name;
        }
    }

    record FlushTable(Family family, String name) implements Op {
        public String describe() {
            return "flush table " + family + " " + name;
        }
    }

    /** flush ruleset: every table, or only one family's. */
    record FlushRuleset(Optional<Family> family) implements Op {
        public String describe() {
            return "flush ruleset" + family.map(f -> " " + f).orElse("");
        }
    }

    record AddChain(Chain chain, boolean create) implements Op {
        public AddChain {
            Objects.requireNonNull(chain, "chain");
        }

        public String describe() {
            return (create ? "create" : "add") + " chain " + chain.family() + " " + chain.table() + " " + chain.name();
        }
    }

    record DeleteChain(Family family, String table, String name) implements Op {
        public String describe() {
            return "delete chain " + family + " " + table + " " + name;
        }
    }

    /**
     * rename chain: the chain with {@code handle} (the kernel's, from a listing) gets {@code newName}. Sent as
     * nft sends it: NEWCHAIN holding the table, the new name and the handle.
     */
    record RenameChain(Family family, String table, long handle, String newName) implements Op {
        public String describe() {
            return "rename chain " + family + " " + table + " handle " + handle + " " + newName;
        }
    }

    record FlushChain(Family family, String table, String name) implements Op {
        public String describe() {
            return "flush chain " + family + " " + table + " " + name;
        }
    }

    /** Where a new rule goes relative to the chain or to an existing rule's handle. */
    enum Placement { APPEND, INSERT }

    /**
     * add rule (APPEND, after the rule {@code handle} or {@code positionId} names when given, else at the end)
     * or insert rule (INSERT, before it, else at the top).
     *
     * <p>A rule added earlier in the same transaction has no handle yet. nft names such a rule with a
     * transaction-local id (NFTA_RULE_ID, set on that earlier rule: {@link #withId}) and places the new rule by
     * that id (NFTA_RULE_POSITION_ID) instead of a handle; this is how {@code add rule ... index N} reaches a rule
     * of the same file. Ids are unsigned 32-bit numbers other than 0.
     *
     * @param handle     place relative to the kernel rule with this handle (NFTA_RULE_POSITION)
     * @param id         this rule's transaction-local id, when a later rule is placed relative to it
     * @param positionId place relative to the rule of this transaction with this id; exclusive with handle
     */
    record AddRule(Rule rule, Placement placement, OptionalLong handle, OptionalInt id, OptionalInt positionId)
            implements Op {
        public AddRule {
            Objects.requireNonNull(rule, "rule");
            Objects.requireNonNull(placement, "placement");
            Objects.requireNonNull(handle, "handle");
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(positionId, "positionId");
            if (handle.isPresent() && positionId.isPresent()) {
                throw new IllegalArgumentException("handle " + handle.getAsLong() + " and positionId "
                        + Integer.toUnsignedString(positionId.getAsInt()) + ": a rule is placed relative to one rule");
            }
            if (id.isPresent() && id.getAsInt() == 0) {
                throw new IllegalArgumentException("id 0: rule ids start at 1");
            }
            if (positionId.isPresent() && positionId.getAsInt() == 0) {
                throw new IllegalArgumentException("positionId 0: rule ids start at 1");
            }
        }

        /** Placed relative to the kernel rule {@code handle} when given; no ids. */
        public AddRule(Rule rule, Placement placement, OptionalLong handle) {
            this(rule, placement, handle, OptionalInt.empty(), OptionalInt.empty());
        }

        public static AddRule append(Rule rule) {
            return new AddRule(rule, Placement.APPEND, OptionalLong.empty());
        }

        /** This operation with a transaction-local id, so that later rules can be placed relative to it. */
        public AddRule withId(int newId) {
            return new AddRule(rule, placement, handle, OptionalInt.of(newId), positionId);
        }

        public String describe() {
            return (placement == Placement.APPEND ? "add" : "insert") + " rule " + rule.family() + " "
                    + rule.table() + " " + rule.chain();
        }
    }

    record ReplaceRule(Rule rule, long handle) implements Op {
        public String describe() {
            return "replace rule " + rule.family() + " " + rule.table() + " " + rule.chain() + " handle " + handle;
        }
    }

    record DeleteRule(Family family, String table, String chain, long handle) implements Op {
        public String describe() {
            return "delete rule " + family + " " + table + " " + chain + " handle " + handle;
        }
    }

    record AddSet(NftSet set, boolean create) implements Op {
        public AddSet {
            Objects.requireNonNull(set, "set");
        }

        public String describe() {
            return (create ? "create " : "add ") + (set.isMap() ? "map " : "set ") + set.family() + " " + set.table()
                    + " " + set.name();
        }
    }

    record DeleteSet(Family family, String table, String name) implements Op {
        public String describe() {
            return "delete set " + family + " " + table + " " + name;
        }
    }

    record FlushSet(Family family, String table, String name) implements Op {
        public String describe() {
            return "flush set " + family + " " + table + " " + name;
        }
    }

    record AddElements(SetElements elements, boolean create) implements Op {
        public AddElements {
            Objects.requireNonNull(elements, "elements");
        }

        public String describe() {
            return (create ? "create" : "add") + " element " + elements.family() + " " + elements.table() + " "
                    + elements.set();
        }
    }

    record DeleteElements(SetElements elements) implements Op {
        public String describe() {
            return "delete element " + elements.family() + " " + elements.table() + " " + elements.set();
        }
    }

    record AddObject(StatefulObject object, boolean create) implements Op {
        public AddObject {
            Objects.requireNonNull(object, "object");
        }

        public String describe() {
            return (create ? "create" : "add") + " object " + object.family() + " " + object.table() + " "
                    + object.name();
        }
    }

    record DeleteObject(Family family, String table, int type, String name) implements Op {
        public String describe() {
            return "delete object " + family + " " + table + " " + name;
        }
    }

    record AddFlowtable(Flowtable flowtable, boolean create) implements Op {
        public AddFlowtable {
            Objects.requireNonNull(flowtable, "flowtable");
        }

        public String describe() {
            return (create ? "create" : "add") + " flowtable " + flowtable.family() + " " + flowtable.table() + " "
                    + flowtable.name();
        }
    }

    record DeleteFlowtable(Family family, String table, String name) implements Op {
        public String describe() {
            return "delete flowtable " + family + " " + table + " " + name;
        }
    }
}
