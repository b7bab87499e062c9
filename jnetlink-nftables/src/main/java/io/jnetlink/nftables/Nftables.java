package io.jnetlink.nftables;

import io.jnetlink.core.Message;
import io.jnetlink.core.NetlinkProtocol;
import io.jnetlink.core.NetlinkSocket;
import io.jnetlink.core.Request;
import io.jnetlink.core.error.DumpInterruptedException;
import io.jnetlink.core.error.Errno;
import io.jnetlink.core.error.KernelException;
import io.jnetlink.core.ns.NetNs;
import io.jnetlink.nftables.model.Chain;
import io.jnetlink.nftables.model.Family;
import io.jnetlink.nftables.model.Flowtable;
import io.jnetlink.nftables.model.NftSet;
import io.jnetlink.nftables.model.Rule;
import io.jnetlink.nftables.model.Ruleset;
import io.jnetlink.nftables.model.SetElement;
import io.jnetlink.nftables.model.SetElements;
import io.jnetlink.nftables.model.StatefulObject;
import io.jnetlink.nftables.model.Table;
import io.jnetlink.nftables.wire.ChainCodec;
import io.jnetlink.nftables.wire.ElementCodec;
import io.jnetlink.nftables.wire.FlowtableCodec;
import io.jnetlink.nftables.wire.GenCodec;
import io.jnetlink.nftables.wire.NfGenMsg;
import io.jnetlink.nftables.wire.NftMsg;
import io.jnetlink.nftables.wire.ObjectCodec;
import io.jnetlink.nftables.wire.RuleCodec;
import io.jnetlink.nftables.wire.SetCodec;
import io.jnetlink.nftables.wire.TableCodec;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * nftables in one network namespace: consistent listings and atomic transactions over nfnetlink.
 * <pre>{@code
 * try (Nftables nft = Nftables.open(netns)) {
 *     Ruleset all = nft.list();                       // nft list ruleset
 *     try (Transaction tx = nft.begin(all.generation())) {
 *         tx.add(new Op.AddTable(Table.of(Family.INET, "filter"), false));
 *         CommitResult r = tx.commit();               // nft -f FILE
 *     }
 * }
 * }</pre>
 * Thread-safe as its socket is: one exchange at a time.
 */
public final class Nftables implements AutoCloseable {

    /**
     * A commit's answers (the kernel's echo of every created object, errors) are queued while the kernel processes
     * the batch inside sendmsg, before anything can be read: 10,000 rules echo some 3 MB. Ask for a large receive
     * buffer; memory is charged only while answers wait (SO_RCVBUFFORCE when privileged, the kernel doubles it).
     */
    static final int RECEIVE_BUFFER_BYTES = 32 << 20;

    /** How many times {@link #list()} restarts when the generation moved during its dumps. */
    static final int LIST_ATTEMPTS = 10;

    private final NetlinkSocket socket;
    private final boolean ownsSocket;

    private Nftables(NetlinkSocket socket, boolean ownsSocket) {
        if (socket.protocol() != NetlinkProtocol.NETFILTER) {
            throw new IllegalArgumentException("socket: must be NETLINK_NETFILTER, is " + socket.protocol());
        }
        this.socket = socket;
        this.ownsSocket = ownsSocket;
    }

    static NetlinkSocket.Options options() {
        return NetlinkSocket.Options.defaults().withReceiveBufferBytes(RECEIVE_BUFFER_BYTES)
                .withTimeout(Duration.ofSeconds(60));
    }

    /** nftables in the calling thread's network namespace. */
    public static Nftables open() {
        return new Nftables(NetlinkSocket.open(NetlinkProtocol.NETFILTER, options()), true);
    }

    /** nftables inside {@code netns}; the handle may be closed afterwards, the socket stays in the namespace. */
    public static Nftables open(NetNs netns) {
        return new Nftables(netns.openSocket(NetlinkProtocol.NETFILTER, options()), true);
    }

    /** nftables over a NETLINK_NETFILTER socket the caller owns (not closed by {@link #close()}). */
    public static Nftables over(NetlinkSocket socket) {
        return new Nftables(Objects.requireNonNull(socket, "socket"), false);
    }

    /** The current ruleset generation (NFT_MSG_GETGEN): it changes with every committed transaction. */
    public long generation() {
        return generation(socket);
    }

    static long generation(NetlinkSocket socket) {
        for (Message m : socket.request(GenCodec.request())) {
            OptionalLong g = GenCodec.generation(m);
            if (g.isPresent()) {
                return g.getAsLong();
            }
        }
        throw new io.jnetlink.core.error.DecodeException("NFT_MSG_GETGEN: the kernel answered without NFTA_GEN_ID");
    }

    /** Starts a transaction. */
    public Transaction begin() {
        return new Transaction(socket, OptionalLong.empty());
    }

    /**
     * Starts a transaction that the kernel refuses with {@link GenerationChangedException} when the ruleset is no
     * longer at {@code generation} at commit time (NFNL_BATCH_GENID): read, decide, commit only if nobody else
     * changed anything in between.
     */
    public Transaction begin(long generation) {
        if (generation < 0 || generation > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("generation: " + generation + " is not a 32-bit generation id");
        }
        return new Transaction(socket, OptionalLong.of(generation));
    }

    /** One transaction of {@code ops}: validates all, then commits. Equivalent to {@code nft -f FILE}. */
    public CommitResult apply(List<? extends Op> ops) {
        try (Transaction tx = begin()) {
            tx.addAll(ops);
            return tx.commit();
        }
    }

    /**
     * The whole ruleset, every family, consistent with one generation. Equivalent to {@code nft list ruleset}
     * (plus anonymous sets and their elements). Dumps tables, chains, sets, their elements, objects, flowtables and
     * rules between two GETGEN; restarts when the generation moved in between. {@link Ruleset#elements()} holds one
     * entry per set that has elements (anonymous sets included), in the order of {@link Ruleset#sets()}.
     *
     * @throws DumpInterruptedException when the ruleset kept changing during every attempt
     */
    public Ruleset list() {
        return list(NfGenMsg.AF_UNSPEC, t -> true);
    }

    /** One table, consistent with one generation. Equivalent to {@code nft list table FAMILY NAME}. */
    public Ruleset list(Family family, String table) {
        Objects.requireNonNull(family, "family");
        Transaction.name("table", table);
        return list(family.code(), t -> t.equals(table));
    }

    private Ruleset list(int family, Predicate<String> tableFilter) {
        for (int attempt = 0; attempt < LIST_ATTEMPTS; attempt++) {
            long before = generation();
            List<Table> tables = dump(NftMsg.GETTABLE, family, NftMsg.NEWTABLE, TableCodec::decode).stream()
                    .filter(t -> tableFilter.test(t.name())).toList();
            List<Chain> chains = dump(NftMsg.GETCHAIN, family, NftMsg.NEWCHAIN, ChainCodec::decode).stream()
                    .filter(c -> tableFilter.test(c.table())).toList();
            List<NftSet> sets = dump(NftMsg.GETSET, family, NftMsg.NEWSET, SetCodec::decode).stream()
                    .filter(s -> tableFilter.test(s.table())).toList();
            List<SetElements> elements = new ArrayList<>();
            try {
                for (NftSet s : sets) {
                    SetElements e = elements(s);
                    if (!e.elements().isEmpty()) {
                        elements.add(e);
                    }
                }
            } catch (KernelException e) {
                if (!e.errno().equals(Errno.ENOENT)) {
                    throw e;
                }
                continue; // the set (or its table) went away after GETSET: the generation moved, start again
            }
            List<StatefulObject> objects = dump(NftMsg.GETOBJ, family, NftMsg.NEWOBJ, ObjectCodec::decode).stream()
                    .filter(o -> tableFilter.test(o.table())).toList();
            List<Flowtable> flowtables = dump(NftMsg.GETFLOWTABLE, family, NftMsg.NEWFLOWTABLE, FlowtableCodec::decode)
                    .stream().filter(f -> tableFilter.test(f.table())).toList();
            List<Rule> rules = dump(NftMsg.GETRULE, family, NftMsg.NEWRULE, RuleCodec::decode).stream()
                    .filter(r -> tableFilter.test(r.table())).toList();
            long after = generation();
            if (before == after) {
                return new Ruleset(tables, chains, rules, sets, elements, objects, flowtables, after);
            }
        }
        throw new DumpInterruptedException("list ruleset (generation kept changing)", LIST_ATTEMPTS);
    }

    /** The elements of one set (GETSETELEM dump), merged from however many messages the kernel split them into. */
    public SetElements elements(NftSet set) {
        List<SetElement> all = new ArrayList<>();
        Request req = new Request("list set " + set.family() + " " + set.table() + " " + set.name(),
                NftMsg.type(NftMsg.GETSETELEM), 0, w -> {
                    NfGenMsg.write(w, set.family().code(), 0);
                    ElementCodec.encodeHeader(w, set.table(), set.name(), OptionalInt.empty());
                });
        for (Message m : socket.dump(req)) {
            if (NftMsg.msg(m.type()) == NftMsg.NEWSETELEM) {
                all.addAll(ElementCodec.decode(m).elements());
            }
        }
        return new SetElements(set.family(), set.table(), set.name(), OptionalInt.empty(), all);
    }

    private List<Message> rawDump(int getMsg, int family) {
        Request req = new Request("list " + NftMsg.name(getMsg).substring(3).toLowerCase(java.util.Locale.ROOT) + "s",
                NftMsg.type(getMsg), 0, w -> NfGenMsg.write(w, family, 0));
        return socket.dump(req);
    }

    private <T> List<T> dump(int getMsg, int family, int newMsg, Function<Message, T> decoder) {
        List<T> out = new ArrayList<>();
        for (Message m : rawDump(getMsg, family)) {
            if (NftMsg.msg(m.type()) == newMsg) {
                out.add(decoder.apply(m));
            }
        }
        return out;
    }

    @Override
    public void close() {
        if (ownsSocket) {
            socket.close();
        }
    }
}
