package io.jnetlink.nftables;

import io.jnetlink.core.Message;
import io.jnetlink.core.NetlinkSocket;
import io.jnetlink.core.Request;
import io.jnetlink.core.codec.Nl;
import io.jnetlink.core.error.BatchException;
import io.jnetlink.core.error.Errno;
import io.jnetlink.core.error.KernelException;
import io.jnetlink.nftables.expr.Dynset;
import io.jnetlink.nftables.expr.Expr;
import io.jnetlink.nftables.expr.Lookup;
import io.jnetlink.nftables.expr.ObjrefMap;
import io.jnetlink.nftables.model.Family;
import io.jnetlink.nftables.model.NftSet;
import io.jnetlink.nftables.model.Rule;
import io.jnetlink.nftables.model.SetElement;
import io.jnetlink.nftables.model.SetElements;
import io.jnetlink.nftables.model.Userdata;
import io.jnetlink.nftables.wire.GenCodec;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * An nftables transaction: operations collected in order and committed atomically, all or nothing, as
 * {@code nft -f FILE} does.
 * <pre>{@code
 * try (Transaction tx = nft.begin()) {
 *     tx.add(new Op.AddTable(Table.of(Family.INET, "filter"), false));
 *     tx.add(new Op.AddChain(Chain.regular(Family.INET, "filter", "forward"), false));
 *     CommitResult r = tx.commit();
 * }
 * }</pre>
 * Each operation is checked and encoded when it is added ({@link IllegalArgumentException} naming the field and
 * the value), so that a commit sends nothing invalid the library could have caught. The commit is one datagram
 * (BATCH_BEGIN, the operations, BATCH_END): the kernel applies all of it or, if any operation fails, none.
 * Not thread-safe; a transaction is committed at most once. Closing an uncommitted transaction discards it.
 */
public final class Transaction implements AutoCloseable {

    /**
     * ERESTART (asm-generic/errno.h): nfnetlink's answer to BATCH_BEGIN when NFNL_BATCH_GENID is not the current
     * generation.
     */
    private static final Errno ERESTART = Errno.of(85);

    /** NFT_USERDATA_MAXLEN (net/netfilter/nf_tables_api.c policies): the kernel's limit for *_USERDATA. */
    static final int USERDATA_MAX = 256;

    private final NetlinkSocket socket;
    private final OptionalLong guard;
    private final List<Op> ops = new ArrayList<>();
    private final List<List<OpRequests.Encoded>> encoded = new ArrayList<>();
    /** Sets added so far, by id (for references by id) and by family/table/name. */
    private final Map<Integer, NftSet> setsById = new HashMap<>();
    /** Rules of this transaction that carry an id (NFTA_RULE_ID), for positionId references. */
    private final Map<Integer, Rule> rulesById = new HashMap<>();
    private final Map<String, NftSet> setsByName = new HashMap<>();
    private boolean done;
    private boolean returnHandles = true;

    Transaction(NetlinkSocket socket, OptionalLong guard) {
        this.socket = socket;
        this.guard = guard;
    }

    /**
     * Adds one operation after checking it.
     *
     * @throws IllegalArgumentException naming the field and the value when the operation cannot be valid
     * @throws IllegalStateException    after commit or close
     */
    public Transaction add(Op op) {
        Objects.requireNonNull(op, "op");
        if (done) {
            throw new IllegalStateException("transaction already committed or closed");
        }
        validate(op);
        List<OpRequests.Encoded> messages = OpRequests.encode(op);
        if (op instanceof Op.AddRule r) {
            r.id().ifPresent(id -> rulesById.put(id, r.rule()));
        }
        if (op instanceof Op.AddSet s) {
            s.set().id().ifPresent(id -> setsById.put(id, s.set()));
            setsByName.put(key(s.set().family(), s.set().table(), s.set().name()), s.set());
        }
        ops.add(op);
        encoded.add(messages);
        return this;
    }

    /** Adds operations in order; stops at the first invalid one (those before it stay added). */
    public Transaction addAll(Collection<? extends Op> all) {
        for (Op op : all) {
            add(op);
        }
        return this;
    }

    /**
     * Commits as {@code nft -f} does, without asking the kernel to echo the objects it creates: every
     * {@link CommitResult#handles() handle} comes back empty. For large transactions whose handles the caller
     * does not need: the kernel builds, and the socket reads, about 300 bytes of echo per rule otherwise.
     *
     * @return this transaction
     */
    public Transaction withoutHandles() {
        returnHandles = false;
        return this;
    }

    /** The operations added so far, in order. */
    public List<Op> ops() {
        return List.copyOf(ops);
    }

    public int size() {
        return ops.size();
    }

    /**
     * Sends the transaction and waits for the kernel's verdict. Equivalent to {@code nft -f FILE} of the same
     * commands. An empty transaction sends nothing.
     *
     * @return the handles the kernel assigned, index-aligned with {@link #ops()} (none when the socket's receive
     *         buffer is too small to hold the kernel's echoes of so many objects: see {@link CommitResult}), and the
     *         new generation
     * @throws BatchException              when the kernel refused operations: it names the first (its
     *                                     {@link Op#describe()}, its index among the operations, errno and the
     *                                     kernel's message); the ruleset is unchanged
     * @throws GenerationChangedException  when guarded by a generation that is no longer current
     * @throws KernelException             when the kernel refused the commit as a whole
     */
    public CommitResult commit() {
        if (done) {
            throw new IllegalStateException("transaction already committed or closed");
        }
        done = true;
        if (ops.isEmpty()) {
            return new CommitResult(List.of(), Nftables.generation(socket));
        }
        List<Request> requests = new ArrayList<>();
        List<Integer> opOfRequest = new ArrayList<>();
        int[] firstRequest = new int[ops.size()];
        requests.add(OpRequests.batchBegin(guard));
        opOfRequest.add(-1);
        boolean echoes = returnHandles && echoesFit();
        for (int i = 0; i < ops.size(); i++) {
            int echo = echoes && OpRequests.createsObject(ops.get(i)) ? Nl.NLM_F_ECHO : 0;
            firstRequest[i] = requests.size();
            for (OpRequests.Encoded e : encoded.get(i)) {
                // No NLM_F_ACK, as nft: the kernel reports every failed message anyway, and the fence after the
                // batch proves all answers arrived; per-message ACKs would queue one skb each (10,000 rules: ~10 MB
                // of receive buffer, far beyond an unprivileged socket's), and an overrun after a successful
                // commit would turn success into an error.
                requests.add(e.request(echo));
                opOfRequest.add(i);
            }
        }
        requests.add(OpRequests.batchEnd());
        opOfRequest.add(-1);

        NetlinkSocket.TransactReplies answers = socket.transact(requests, GenCodec.request());

        List<BatchException.Failure> failures = new ArrayList<>();
        boolean[] reported = new boolean[ops.size()];
        for (BatchException.Failure f : answers.failures()) {
            int op = opOfRequest.get(f.index());
            if (op < 0) {
                if (guard.isPresent() && f.error().errno().equals(ERESTART)) {
                    throw new GenerationChangedException(guard.getAsLong(), f.error());
                }
                throw f.error();
            }
            if (!reported[op]) {
                reported[op] = true;
                failures.add(new BatchException.Failure(op, f.error()));
            }
        }
        if (!failures.isEmpty()) {
            failures.sort((a, b) -> Integer.compare(a.index(), b.index()));
            throw new BatchException(ops.size(), failures);
        }
        List<OptionalLong> handles = new ArrayList<>(ops.size());
        for (int i = 0; i < ops.size(); i++) {
            handles.add(OpRequests.handle(ops.get(i), answers.replies().get(firstRequest[i])));
        }
        for (Message m : answers.fenceReplies()) {
            OptionalLong g = GenCodec.generation(m);
            if (g.isPresent()) {
                return new CommitResult(handles, g.getAsLong());
            }
        }
        return new CommitResult(handles, Nftables.generation(socket)); // the fence always answers NEWGEN; be safe
    }

    /**
     * Whether the kernel's echoes of created objects (how handles come back) fit the socket's receive buffer. They
     * are queued during the commit, before anything is read, and an overrun would drop answers after the kernel
     * committed. The kernel packs echoes into skbs of about 8 KiB; twice their payload bounds the memory charged.
     * A privileged socket (SO_RCVBUFFORCE, {@link Nftables#RECEIVE_BUFFER_BYTES}) echoes some 100,000 rules; an
     * unprivileged one a few hundred, beyond which the commit returns no handles rather than risk an overrun.
     */
    private boolean echoesFit() {
        long bytes = 0;
        for (int i = 0; i < ops.size(); i++) {
            if (OpRequests.createsObject(ops.get(i))) {
                for (OpRequests.Encoded e : encoded.get(i)) {
                    bytes += e.body().length + 64L;
                }
            }
        }
        return bytes * 2 < socket.receiveBufferBytes() / 2;
    }

    /** Discards an uncommitted transaction (nothing was sent). */
    @Override
    public void close() {
        done = true;
    }

    // ---- validation ----

    private void validate(Op op) {
        switch (op) {
            case Op.AddTable o -> userdata("table userdata", o.table().userdata());
            case Op.DeleteTable o -> names(o.family(), "table", o.name());
            case Op.FlushTable o -> names(o.family(), "table", o.name());
            case Op.FlushRuleset o -> Objects.requireNonNull(o.family(), "family");
            case Op.AddChain o -> {
                userdata("chain userdata", o.chain().userdata());
                o.chain().base().ifPresent(b -> {
                    b.hook().number(o.chain().family()); // throws naming hook and family
                    if (!List.of("filter", "nat", "route").contains(b.type())) {
                        throw new IllegalArgumentException("chain type: '" + b.type()
                                + "' is not filter, nat or route");
                    }
                });
            }
            case Op.DeleteChain o -> {
                names(o.family(), "table", o.table());
                name("chain", o.name());
            }
            case Op.FlushChain o -> {
                names(o.family(), "table", o.table());
                name("chain", o.name());
            }
            case Op.RenameChain o -> {
                names(o.family(), "table", o.table());
                name("chain", o.newName());
                handle("handle", o.handle());
            }
            case Op.AddRule o -> {
                rule(o.rule());
                o.handle().ifPresent(h -> handle("handle", h));
                o.id().ifPresent(id -> {
                    if (rulesById.containsKey(id)) {
                        throw new IllegalArgumentException("rule id: " + Integer.toUnsignedString(id)
                                + " is already used by a rule of chain " + rulesById.get(id).chain()
                                + " in this transaction");
                    }
                });
                o.positionId().ifPresent(id -> {
                    Rule ref = rulesById.get(id);
                    Rule r = o.rule();
                    if (ref == null || ref.family() != r.family() || !ref.table().equals(r.table())
                            || !ref.chain().equals(r.chain())) {
                        throw new IllegalArgumentException("positionId: " + Integer.toUnsignedString(id)
                                + " names no rule added earlier in this transaction to chain " + r.family() + " "
                                + r.table() + " " + r.chain());
                    }
                });
            }
            case Op.ReplaceRule o -> {
                rule(o.rule());
                handle("handle", o.handle());
            }
            case Op.DeleteRule o -> {
                names(o.family(), "table", o.table());
                name("chain", o.chain());
                handle("handle", o.handle());
            }
            case Op.AddSet o -> {
                NftSet s = o.set();
                userdata("set userdata", s.userdata());
                if (s.key().length() == 0 && (s.flags() & NftSet.F_OBJECT) == 0) {
                    throw new IllegalArgumentException("set key length: 0 for set " + s.name()
                            + " (a key needs 1..64 bytes)");
                }
                s.id().ifPresent(id -> {
                    if (setsById.containsKey(id)) {
                        throw new IllegalArgumentException("set id: " + id + " of set " + s.name()
                                + " is already used by set " + setsById.get(id).name() + " in this transaction");
                    }
                });
            }
            case Op.DeleteSet o -> {
                names(o.family(), "table", o.table());
                name("set", o.name());
            }
            case Op.FlushSet o -> {
                names(o.family(), "table", o.table());
                name("set", o.name());
            }
            case Op.AddElements o -> elements(o.elements(), true);
            case Op.DeleteElements o -> elements(o.elements(), false);
            case Op.AddObject o -> userdata("object userdata", o.object().userdata());
            case Op.DeleteObject o -> {
                names(o.family(), "table", o.table());
                name("object", o.name());
            }
            case Op.AddFlowtable o -> Objects.requireNonNull(o.flowtable(), "flowtable");
            case Op.DeleteFlowtable o -> {
                names(o.family(), "table", o.table());
                name("flowtable", o.name());
            }
        }
    }

    /** Userdata size, and sets referenced by id (lookups, dynsets, object maps) must be added earlier here. */
    private void rule(Rule r) {
        userdata("rule userdata", r.userdata());
        for (Expr e : r.exprs()) {
            switch (e) {
                case Lookup l -> setReference("lookup", l.set(), l.setId());
                case Dynset d -> setReference("dynset", d.set(), d.setId());
                case ObjrefMap m -> setReference("objref map", m.set(), m.setId());
                default -> {
                }
            }
        }
    }

    private void setReference(String expr, String set, OptionalInt setId) {
        if (setId.isPresent() && !setsById.containsKey(setId.getAsInt())) {
            throw new IllegalArgumentException("set id: " + setId.getAsInt() + " (" + expr + " of set " + set
                    + ") does not name a set added earlier in this transaction");
        }
    }

    /**
     * A set referenced by id must come from an AddSet earlier in this transaction; keys must match its length; a
     * map's elements need data when they are added ({@code adding}), not when they are deleted (by key).
     */
    private void elements(SetElements e, boolean adding) {
        NftSet set = null;
        if (e.setId().isPresent()) {
            set = setsById.get(e.setId().getAsInt());
            if (set == null) {
                throw new IllegalArgumentException("set id: " + e.setId().getAsInt() + " (elements of " + e.set()
                        + ") does not name a set added earlier in this transaction");
            }
        } else {
            set = setsByName.get(key(e.family(), e.table(), e.set()));
        }
        if (set == null) {
            return; // an existing set: the kernel checks
        }
        for (SetElement el : e.elements()) {
            int len = el.key().length();
            if (len != 0 && len != set.key().length()) {
                throw new IllegalArgumentException("element key: " + el.key() + " has " + len + " bytes, set "
                        + set.name() + " has " + set.key().length() + "-byte keys");
            }
            if (adding && set.isMap() && el.data().isEmpty() && !el.isIntervalEnd()) {
                throw new IllegalArgumentException("element data: missing for key " + el.key() + " of map "
                        + set.name());
            }
        }
    }

    private static void names(Family family, String field, String value) {
        Objects.requireNonNull(family, "family");
        name(field, value);
    }

    static void name(String field, String value) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException(field + ": name must not be empty");
        }
        if (value.indexOf('\0') >= 0) {
            throw new IllegalArgumentException(field + ": name '" + value.replace("\0", "\\0") + "' contains NUL");
        }
        int bytes = value.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > 255) {
            throw new IllegalArgumentException(field + ": name '" + value + "' is " + bytes
                    + " bytes long, the limit is 255 (NFT_NAME_MAXLEN)");
        }
    }

    private static void handle(String field, long value) {
        if (value <= 0) {
            throw new IllegalArgumentException(field + ": " + value + " is not a kernel handle (handles start at 1)");
        }
    }

    private static void userdata(String field, Userdata u) {
        int len = u.encode().length;
        if (len > USERDATA_MAX) {
            throw new IllegalArgumentException(field + ": " + len + " bytes exceeds the kernel's limit of "
                    + USERDATA_MAX + " (NFT_USERDATA_MAXLEN)");
        }
    }

    private static String key(Family family, String table, String name) {
        return family.nftName() + '\0' + table + '\0' + name;
    }
}
