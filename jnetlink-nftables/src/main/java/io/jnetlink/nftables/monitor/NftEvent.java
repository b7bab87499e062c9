package io.jnetlink.nftables.monitor;

import io.jnetlink.nftables.model.Chain;
import io.jnetlink.nftables.model.Flowtable;
import io.jnetlink.nftables.model.NftSet;
import io.jnetlink.nftables.model.Rule;
import io.jnetlink.nftables.model.SetElements;
import io.jnetlink.nftables.model.StatefulObject;
import io.jnetlink.nftables.model.Table;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One ruleset change announced on NFNLGRP_NFTABLES, as {@code nft monitor} prints them. A committed
 * transaction produces one event per object it added or deleted, then a {@link Generation} event naming the
 * new generation and the process that committed it. An update of an existing table or chain (a policy
 * change, a dormant flag) is announced as {@link Action#ADD} of the object's new state, as the kernel does.
 */
public sealed interface NftEvent {

    /** Whether an object appeared (or changed) or disappeared: nft monitor's {@code add} and {@code delete}. */
    enum Action {
        ADD, DELETE;

        /** "add" or "delete", as nft monitor prints it. */
        public String nftName() {
            return this == ADD ? "add" : "delete";
        }
    }

    /** An event about one object. */
    sealed interface Change extends NftEvent {
        Action action();
    }

    /** NFT_MSG_NEWTABLE / NFT_MSG_DELTABLE. */
    record TableChange(Action action, Table table) implements Change {
        public TableChange {
            Objects.requireNonNull(action, "action");
            Objects.requireNonNull(table, "table");
        }
    }

    /** NFT_MSG_NEWCHAIN / NFT_MSG_DELCHAIN. */
    record ChainChange(Action action, Chain chain) implements Change {
        public ChainChange {
            Objects.requireNonNull(action, "action");
            Objects.requireNonNull(chain, "chain");
        }
    }

    /** NFT_MSG_NEWRULE / NFT_MSG_DELRULE; the rule carries its handle. */
    record RuleChange(Action action, Rule rule) implements Change {
        public RuleChange {
            Objects.requireNonNull(action, "action");
            Objects.requireNonNull(rule, "rule");
        }
    }

    /** NFT_MSG_NEWSET / NFT_MSG_DELSET, anonymous sets included. */
    record SetChange(Action action, NftSet set) implements Change {
        public SetChange {
            Objects.requireNonNull(action, "action");
            Objects.requireNonNull(set, "set");
        }
    }

    /** NFT_MSG_NEWSETELEM / NFT_MSG_DELSETELEM: elements added to or removed from one set. */
    record ElementChange(Action action, SetElements elements) implements Change {
        public ElementChange {
            Objects.requireNonNull(action, "action");
            Objects.requireNonNull(elements, "elements");
        }
    }

    /** NFT_MSG_NEWOBJ / NFT_MSG_DELOBJ: a named counter, quota, limit, ... */
    record ObjectChange(Action action, StatefulObject object) implements Change {
        public ObjectChange {
            Objects.requireNonNull(action, "action");
            Objects.requireNonNull(object, "object");
        }
    }

    /** NFT_MSG_NEWFLOWTABLE / NFT_MSG_DELFLOWTABLE. */
    record FlowtableChange(Action action, Flowtable flowtable) implements Change {
        public FlowtableChange {
            Objects.requireNonNull(action, "action");
            Objects.requireNonNull(flowtable, "flowtable");
        }
    }

    /**
     * NFT_MSG_NEWGEN: a transaction was committed; the changes announced before it belong to it.
     *
     * @param generation the new generation id (NFTA_GEN_ID)
     * @param pid        the committing process (NFTA_GEN_PROC_PID)
     * @param process    its name (NFTA_GEN_PROC_NAME), e.g. "nft"
     */
    record Generation(long generation, OptionalInt pid, Optional<String> process) implements NftEvent {
    }

    /**
     * The kernel dropped notifications because the subscription's buffer was full (ENOBUFS): changes were
     * missed, and whoever mirrors the ruleset must list it again.
     */
    record Overrun() implements NftEvent {
    }

    /**
     * A notification that could not be turned into a typed event (a message type this library does not know,
     * or one it failed to decode): reported rather than dropped, with the reason.
     *
     * @param messageType the nlmsg_type
     * @param reason      why it was not decoded
     */
    record Undecoded(int messageType, String reason) implements NftEvent {
    }
}
