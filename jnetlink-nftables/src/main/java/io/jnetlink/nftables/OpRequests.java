package io.jnetlink.nftables;

import io.jnetlink.core.Message;
import io.jnetlink.core.Request;
import io.jnetlink.core.codec.MessageWriter;
import io.jnetlink.core.codec.Nl;
import io.jnetlink.nftables.model.Family;
import io.jnetlink.nftables.model.SetElements;
import io.jnetlink.nftables.wire.ChainCodec;
import io.jnetlink.nftables.wire.ElementCodec;
import io.jnetlink.nftables.wire.FlowtableCodec;
import io.jnetlink.nftables.wire.NfGenMsg;
import io.jnetlink.nftables.wire.NftMsg;
import io.jnetlink.nftables.wire.ObjectCodec;
import io.jnetlink.nftables.wire.RuleCodec;
import io.jnetlink.nftables.wire.SetCodec;
import io.jnetlink.nftables.wire.TableCodec;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Turns operations into nfnetlink messages with the message types and flags nft 1.0.6 sends (checked with
 * strace): add table has no flag, create table NLM_F_EXCL; chains, sets, elements, objects and flowtables
 * NLM_F_CREATE (plus NLM_F_EXCL for create); add rule NLM_F_CREATE|NLM_F_APPEND, insert rule NLM_F_CREATE,
 * replace rule NLM_F_REPLACE; deletions and flushes none. A flush is a deletion without a name: flush table is
 * DELRULE with the table only, flush chain DELRULE with table and chain, flush set DELSETELEM without elements,
 * flush ruleset DELTABLE without a table.
 *
 * <p>Bodies are encoded once, when the operation is added, so an encoding error surfaces there and commit only
 * copies bytes.
 */
final class OpRequests {

    private OpRequests() {
    }

    /** One encoded message: its operation (text for errors), message type, flags (without ACK/ECHO) and body bytes. */
    record Encoded(Op op, int type, int flags, byte[] body) {
        Request request(int extraFlags) {
            return new Request(op::describe, type, flags | extraFlags, w -> w.putBytes(body));
        }
    }

    /** The messages of one operation: one, or several when a big element list is cut to fit 64 KiB nests. */
    static List<Encoded> encode(Op op) {
        return switch (op) {
            case Op.AddTable o -> one(o, NftMsg.NEWTABLE, o.create() ? Nl.NLM_F_EXCL : 0, o.table().family(),
                    w -> TableCodec.encode(w, o.table()));
            case Op.DeleteTable o -> one(o, NftMsg.DELTABLE, 0, o.family(), w -> TableCodec.encodeName(w, o.name()));
            case Op.FlushTable o -> one(o, NftMsg.DELRULE, 0, o.family(),
                    w -> RuleCodec.encodeDelete(w, o.name(), null, OptionalLong.empty()));
            case Op.FlushRuleset o -> List.of(new Encoded(o, NftMsg.type(NftMsg.DELTABLE), 0,
                    body(o.family().map(Family::code).orElse(NfGenMsg.AF_UNSPEC), w -> {
                    })));
            case Op.AddChain o -> one(o, NftMsg.NEWCHAIN, create(o.create()), o.chain().family(),
                    w -> ChainCodec.encode(w, o.chain()));
            case Op.DeleteChain o -> one(o, NftMsg.DELCHAIN, 0, o.family(),
                    w -> ChainCodec.encodeName(w, o.table(), o.name()));
            case Op.RenameChain o -> one(o, NftMsg.NEWCHAIN, 0, o.family(),
                    w -> ChainCodec.encodeRename(w, o.table(), o.newName(), o.handle()));
            case Op.FlushChain o -> one(o, NftMsg.DELRULE, 0, o.family(),
                    w -> RuleCodec.encodeDelete(w, o.table(), o.name(), OptionalLong.empty()));
            case Op.AddRule o -> one(o, NftMsg.NEWRULE,
                    Nl.NLM_F_CREATE | (o.placement() == Op.Placement.APPEND ? Nl.NLM_F_APPEND : 0),
                    o.rule().family(),
                    w -> RuleCodec.encode(w, o.rule(), OptionalLong.empty(), o.handle(), o.id(), o.positionId()));
            case Op.ReplaceRule o -> one(o, NftMsg.NEWRULE, Nl.NLM_F_REPLACE, o.rule().family(),
                    w -> RuleCodec.encode(w, o.rule(), OptionalLong.of(o.handle()), OptionalLong.empty()));
            case Op.DeleteRule o -> one(o, NftMsg.DELRULE, 0, o.family(),
                    w -> RuleCodec.encodeDelete(w, o.table(), o.chain(), OptionalLong.of(o.handle())));
            case Op.AddSet o -> one(o, NftMsg.NEWSET, create(o.create()), o.set().family(),
                    w -> SetCodec.encode(w, o.set()));
            case Op.DeleteSet o -> one(o, NftMsg.DELSET, 0, o.family(), w -> SetCodec.encodeName(w, o.table(), o.name()));
            case Op.FlushSet o -> one(o, NftMsg.DELSETELEM, 0, o.family(),
                    w -> ElementCodec.encodeFlush(w, o.table(), o.name()));
            case Op.AddElements o -> elements(o, NftMsg.NEWSETELEM, create(o.create()), o.elements());
            case Op.DeleteElements o -> elements(o, NftMsg.DELSETELEM, 0, o.elements());
            case Op.AddObject o -> one(o, NftMsg.NEWOBJ, create(o.create()), o.object().family(),
                    w -> ObjectCodec.encode(w, o.object()));
            case Op.DeleteObject o -> one(o, NftMsg.DELOBJ, 0, o.family(),
                    w -> ObjectCodec.encodeName(w, o.table(), o.name(), o.type()));
            case Op.AddFlowtable o -> one(o, NftMsg.NEWFLOWTABLE, create(o.create()), o.flowtable().family(),
                    w -> FlowtableCodec.encode(w, o.flowtable()));
            case Op.DeleteFlowtable o -> one(o, NftMsg.DELFLOWTABLE, 0, o.family(),
                    w -> FlowtableCodec.encodeName(w, o.table(), o.name()));
        };
    }

    /**
     * Whether the operation creates an object whose handle the kernel reports: those get NLM_F_ECHO, so that the
     * kernel sends the created object back (with its handle) to this socket, as {@code nft -e} asks.
     */
    static boolean createsObject(Op op) {
        return op instanceof Op.AddTable || op instanceof Op.AddChain || op instanceof Op.AddRule
                || op instanceof Op.ReplaceRule || op instanceof Op.AddSet || op instanceof Op.AddObject
                || op instanceof Op.AddFlowtable;
    }

    /** The handle in the kernel's echo of {@code op}'s message, if it sent one. */
    static OptionalLong handle(Op op, List<Message> echoed) {
        int wanted;
        Function<Message, OptionalLong> reader;
        switch (op) {
            case Op.AddTable o -> {
                wanted = NftMsg.NEWTABLE;
                reader = TableCodec::handle;
            }
            case Op.AddChain o -> {
                wanted = NftMsg.NEWCHAIN;
                reader = ChainCodec::handle;
            }
            case Op.AddRule o -> {
                wanted = NftMsg.NEWRULE;
                reader = RuleCodec::handle;
            }
            case Op.ReplaceRule o -> {
                wanted = NftMsg.NEWRULE;
                reader = RuleCodec::handle;
            }
            case Op.AddSet o -> {
                wanted = NftMsg.NEWSET;
                reader = SetCodec::handle;
            }
            case Op.AddObject o -> {
                wanted = NftMsg.NEWOBJ;
                reader = ObjectCodec::handle;
            }
            case Op.AddFlowtable o -> {
                wanted = NftMsg.NEWFLOWTABLE;
                reader = FlowtableCodec::handle;
            }
            default -> {
                return OptionalLong.empty();
            }
        }
        for (Message m : echoed) {
            if (NftMsg.msg(m.type()) == wanted) {
                OptionalLong h = reader.apply(m);
                if (h.isPresent()) {
                    return h;
                }
            }
        }
        return OptionalLong.empty();
    }

    private static int create(boolean create) {
        return Nl.NLM_F_CREATE | (create ? Nl.NLM_F_EXCL : 0);
    }

    private static List<Encoded> one(Op op, int msg, int flags, Family family, Consumer<MessageWriter> attrs) {
        return List.of(new Encoded(op, NftMsg.type(msg), flags, body(family.code(), attrs)));
    }

    private static List<Encoded> elements(Op op, int msg, int flags, SetElements all) {
        List<Encoded> out = new ArrayList<>();
        for (SetElements part : ElementCodec.split(all)) {
            out.add(new Encoded(op, NftMsg.type(msg), flags,
                    body(all.family().code(), w -> ElementCodec.encode(w, part))));
        }
        return out;
    }

    private static byte[] body(int family, Consumer<MessageWriter> attrs) {
        MessageWriter w = new MessageWriter(256);
        NfGenMsg.write(w, family, 0);
        attrs.accept(w);
        return w.toByteArray();
    }

    /** NFNL_MSG_BATCH_BEGIN for the nftables subsystem, with NFNL_BATCH_GENID when a generation guards it. */
    static Request batchBegin(OptionalLong generation) {
        // the kernel reports failures of the commit as a whole (and a stale generation) against this message
        return new Request("commit transaction", NfGenMsg.NFNL_MSG_BATCH_BEGIN, 0, w -> {
            NfGenMsg.write(w, NfGenMsg.AF_UNSPEC, NfGenMsg.NFNL_SUBSYS_NFTABLES);
            generation.ifPresent(g -> w.u32be(NfGenMsg.NFNL_BATCH_GENID, (int) g));
        });
    }

    static Request batchEnd() {
        return new Request("end transaction", NfGenMsg.NFNL_MSG_BATCH_END, 0,
                w -> NfGenMsg.write(w, NfGenMsg.AF_UNSPEC, NfGenMsg.NFNL_SUBSYS_NFTABLES));
    }
}
