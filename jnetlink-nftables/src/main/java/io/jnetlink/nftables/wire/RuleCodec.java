package io.jnetlink.nftables.wire;

import io.jnetlink.core.Message;
import io.jnetlink.core.codec.AttributeNames;
import io.jnetlink.core.codec.AttributeReader;
import io.jnetlink.core.codec.MessageWriter;
import io.jnetlink.nftables.expr.Expr;
import io.jnetlink.nftables.model.Family;
import io.jnetlink.nftables.model.Rule;
import io.jnetlink.nftables.model.Userdata;

import java.lang.invoke.MethodHandles;
import java.util.List;
import java.util.OptionalInt;
import java.util.OptionalLong;

/** Rules on the wire: enum nft_rule_attributes (linux/netfilter/nf_tables.h). */
public final class RuleCodec {

    private RuleCodec() {
    }

    public static final int NFTA_RULE_TABLE = 1;
    public static final int NFTA_RULE_CHAIN = 2;
    public static final int NFTA_RULE_HANDLE = 3;
    public static final int NFTA_RULE_EXPRESSIONS = 4;
    public static final int NFTA_RULE_COMPAT = 5;
    public static final int NFTA_RULE_POSITION = 6;
    public static final int NFTA_RULE_USERDATA = 7;
    public static final int NFTA_RULE_PAD = 8;
    public static final int NFTA_RULE_ID = 9;
    public static final int NFTA_RULE_POSITION_ID = 10;
    public static final int NFTA_RULE_CHAIN_ID = 11;

    public static final AttributeNames NAMES = AttributeNames.fromConstants(MethodHandles.lookup(), "NFTA_RULE_");

    /**
     * NEWRULE attributes in the order nft 1.0.6 sends them: table, chain, handle (replace only), expressions,
     * position (add after / insert before that handle), userdata. A rule's own handle is never sent: on NEWRULE it would mean
     * "replace".
     */
    public static void encode(MessageWriter w, Rule r, OptionalLong replaceHandle, OptionalLong position) {
        encode(w, r, replaceHandle, position, OptionalInt.empty(), OptionalInt.empty());
    }

    /**
     * As {@link #encode(MessageWriter, Rule, OptionalLong, OptionalLong)}, with the rule's transaction-local id
     * (NFTA_RULE_ID) and the id of the rule it is placed relative to (NFTA_RULE_POSITION_ID), last, in the order
     * nft 1.0.6 sends them.
     */
    public static void encode(MessageWriter w, Rule r, OptionalLong replaceHandle, OptionalLong position,
                              OptionalInt id, OptionalInt positionId) {
        w.string(NFTA_RULE_TABLE, r.table());
        w.string(NFTA_RULE_CHAIN, r.chain());
        replaceHandle.ifPresent(h -> w.u64be(NFTA_RULE_HANDLE, h));
        encodeExpressions(w, r.exprs());
        position.ifPresent(p -> w.u64be(NFTA_RULE_POSITION, p));
        Codecs.userdata(w, NFTA_RULE_USERDATA, r.userdata());
        id.ifPresent(i -> w.u32be(NFTA_RULE_ID, i));
        positionId.ifPresent(i -> w.u32be(NFTA_RULE_POSITION_ID, i));
    }

    /** NFTA_RULE_EXPRESSIONS alone, for tests that compare expression bytes with the kernel's. */
    public static void encodeExpressions(MessageWriter w, List<Expr> exprs) {
        if (!exprs.isEmpty()) {
            ExprCodec.encodeList(w, NFTA_RULE_EXPRESSIONS, exprs);
        }
    }

    /** DELRULE attributes: table, then chain and handle when given (flush chain / flush table omit them). */
    public static void encodeDelete(MessageWriter w, String table, String chain, OptionalLong handle) {
        w.string(NFTA_RULE_TABLE, table);
        if (chain != null) {
            w.string(NFTA_RULE_CHAIN, chain);
        }
        handle.ifPresent(h -> w.u64be(NFTA_RULE_HANDLE, h));
    }

    /** Decodes a NEWRULE message; expressions through the expression registry, unknown ones raw. */
    public static Rule decode(Message m) {
        Family family = Family.of(NfGenMsg.family(m));
        String table = null;
        String chain = null;
        List<Expr> exprs = List.of();
        Userdata userdata = Userdata.EMPTY;
        OptionalLong handle = OptionalLong.empty();
        AttributeReader a = m.attributes(NfGenMsg.SIZE, NAMES);
        while (a.next()) {
            switch (a.type()) {
                case NFTA_RULE_TABLE -> table = a.string();
                case NFTA_RULE_CHAIN -> chain = a.string();
                case NFTA_RULE_HANDLE -> handle = OptionalLong.of(a.u64be());
                case NFTA_RULE_EXPRESSIONS -> exprs = ExprCodec.decodeList(a.nested(ExprCodec.LIST_NAMES));
                case NFTA_RULE_USERDATA -> userdata = Userdata.decode(a.bytes());
                default -> {
                    // NFTA_RULE_POSITION in a dump is the previous rule's handle: the list order says the same
                }
            }
        }
        return new Rule(family, Codecs.required(table, "NFTA_RULE_TABLE"), Codecs.required(chain, "NFTA_RULE_CHAIN"),
                exprs, userdata, handle);
    }

    /** The raw NFTA_RULE_EXPRESSIONS payload of a NEWRULE message (empty when absent), for byte comparisons. */
    public static byte[] rawExpressions(Message m) {
        AttributeReader a = m.attributes(NfGenMsg.SIZE, NAMES);
        while (a.next()) {
            if (a.type() == NFTA_RULE_EXPRESSIONS) {
                return a.bytes();
            }
        }
        return new byte[0];
    }

    public static OptionalLong handle(Message m) {
        return Codecs.u64beAttr(m, NFTA_RULE_HANDLE, NAMES);
    }
}
