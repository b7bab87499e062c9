package io.jnetlink.nftables.lang;

import io.jnetlink.nftables.Op;
import io.jnetlink.nftables.expr.CmpOp;
import io.jnetlink.nftables.expr.CtDirection;
import io.jnetlink.nftables.expr.Data;
import io.jnetlink.nftables.expr.DynsetOp;
import io.jnetlink.nftables.expr.Expr;
import io.jnetlink.nftables.expr.PayloadBase;
import io.jnetlink.nftables.model.DataSpec;
import io.jnetlink.nftables.model.Family;
import io.jnetlink.nftables.model.NftSet;
import io.jnetlink.nftables.model.SetElement;
import io.jnetlink.nftables.model.SetElements;
import io.jnetlink.nftables.model.Userdata;
import io.jnetlink.nftables.proto.Datatype;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * Compiles one rule's statements into the expressions nft 1.0.6 sends, following its linearizer: one
 * register allocation per statement starting at NFT_REG_1 (32-bit units, reported as 16-byte registers
 * where aligned), implicit protocol dependencies, anonymous sets created just before the rule, single-element
 * anonymous sets reduced to plain comparisons.
 */
final class RuleCompiler {

    /** What the compiler needs from the surrounding script. */
    interface Env {
        Family family();

        String table();

        Optional<SetDef> set(String name);

        /** Whether a chain of this table is known; true when the table's chains are not known at all. */
        boolean chainExists(String chain);

        int nextSetId();

        /** Emits an operation before the rule being compiled (anonymous sets and their elements). */
        void emit(Op op);

        /** Interface names to indexes, in the namespace the rules are for. */
        Interfaces interfaces();
    }

    /** A compiled rule. */
    record Result(List<Expr> exprs, Optional<String> comment) {
    }

    // NFT_REJECT_* (linux/netfilter/nf_tables.h)
    private static final int REJECT_ICMP_UNREACH = 0;
    private static final int REJECT_TCP_RST = 1;
    private static final int REJECT_ICMPX_UNREACH = 2;
    // NF_NAT_RANGE_* (linux/netfilter/nf_nat.h)
    private static final int NAT_PROTO_SPECIFIED = 0x2;
    private static final int NAT_PROTO_RANDOM = 0x4;
    private static final int NAT_PERSISTENT = 0x8;
    /** NF_NAT_RANGE_NETMAP (linux/netfilter/nf_nat.h): `snat|dnat ip prefix to ... map`. */
    private static final int NAT_NETMAP = 0x40;
    private static final int NAT_PROTO_RANDOM_FULLY = 0x10;
    // nf_log.h NF_LOG_* flags
    private static final int LOG_TCPSEQ = 0x1, LOG_TCPOPT = 0x2, LOG_IPOPT = 0x4, LOG_UID = 0x8,
            LOG_MACDECODE = 0x20, LOG_ALL = 0x2f;

    private final Env env;
    private final Tokens t;
    private final List<Expr> out = new ArrayList<>();
    /** Internal register allocation in 32-bit units, from 1 (NFT_REG_1), reset per statement. */
    private int regNext = 1;
    // protocol context, as nft's proto_ctx: what earlier matches of this rule established
    private String l3;
    private int l4 = -1;
    private boolean etherKnown;
    private boolean vlanKnown;
    private boolean echoKnown;
    /** Where each payload operand of the rule was written, for errors found while adding its dependencies. */
    private final Map<Operand, Token> written = new IdentityHashMap<>();
    /** The ICMP or ICMPv6 type an equality earlier in the rule (or a dependency) matched, if any. */
    private Integer icmpTypeMatched;

    RuleCompiler(Env env, Tokens t) {
        this.env = env;
        this.t = t;
        switch (env.family()) {
            case IP -> l3 = "ip";
            case IP6 -> l3 = "ip6";
            case ARP -> l3 = "arp";
            default -> l3 = null;
        }
        if (env.family() == Family.BRIDGE) {
            etherKnown = true;
        }
    }

    // ------------------------------------------------------------------------------------------ statements

    Result compile() {
        Optional<String> comment = Optional.empty();
        boolean terminal = false;
        while (!t.peek().isEnd()) {
            regNext = 1;
            Token w = t.peek();
            if (w.is("comment")) {
                t.next();
                comment = Optional.of(t.comment().text());
                if (!t.peek().isEnd()) {
                    // nft's grammar: the comment ends the rule
                    throw t.error(t.peek(), "syntax error, unexpected " + t.peek().describe()
                            + ", expecting end of file or newline or semicolon");
                }
                continue;
            }
            if (terminal) {
                throw t.error(w, "Statement after terminal statement has no effect");
            }
            int start = out.size();
            relationalStatement = false;
            statement();
            if (!relationalStatement) {
                runBreaks.add(start);
            }
            terminal = terminal(out.subList(start, out.size()));
        }
        return new Result(List.copyOf(mergePayloads()), comment);
    }

    /**
     * Whether a statement ends the rule for nft (STMT_F_TERMINAL): a verdict (accept, drop, jump, goto, return,
     * continue), reject, NAT (snat, dnat, masquerade, redirect) or queue. A verdict map is not.
     */
    private static boolean terminal(List<Expr> statement) {
        for (Expr e : statement) {
            boolean ends = switch (e) {
                case io.jnetlink.nftables.expr.Immediate i -> i.dreg() == 0;
                case io.jnetlink.nftables.expr.Reject r -> true;
                case io.jnetlink.nftables.expr.Nat n -> true;
                case io.jnetlink.nftables.expr.Masq m -> true;
                case io.jnetlink.nftables.expr.Redir r -> true;
                case io.jnetlink.nftables.expr.Queue q -> true;
                default -> false;
            };
            if (ends) {
                return true;
            }
        }
        return false;
    }

    /** A {@code payload load} + {@code cmp eq} pair at {@code pos} in {@link #out}, candidate for merging. */
    private static final class Mergeable {
        final int pos;
        final PayloadBase base;
        final int offset;
        int len;
        byte[] data;
        final int reg;

        Mergeable(int pos, PayloadBase base, int offset, int len, byte[] data, int reg) {
            this.pos = pos;
            this.base = base;
            this.offset = offset;
            this.len = len;
            this.data = data;
            this.reg = reg;
        }
    }

    private final List<Mergeable> mergeables = new ArrayList<>();
    /** Where statements that are not comparisons start: nft never merges payloads across them. */
    private final List<Integer> runBreaks = new ArrayList<>();
    private boolean relationalStatement;

    private void mergeable(Protocols.Field f, int len, byte[] data, int reg) {
        mergeables.add(new Mergeable(out.size() - 2, f.proto().base(), f.absOffsetBits() / 8, len, data, reg));
    }

    /**
     * nft's payload_try_merge: equality matches on adjacent header bytes (same base, byte-aligned, at most 16
     * bytes together, and not two whole 32-bit words) become one load and one comparison, in offset order,
     * at the place of the lowest offset; other comparisons in between do not stop it, other statements do.
     */
    private List<Expr> mergePayloads() {
        if (mergeables.size() < 2) {
            return out;
        }
        java.util.Map<Integer, Mergeable> keep = new java.util.HashMap<>();
        java.util.Set<Integer> removed = new java.util.HashSet<>();
        // nft closes a run at a statement that is not a comparison only once it holds two candidates
        List<List<Mergeable>> groups = new ArrayList<>();
        List<Mergeable> current = new ArrayList<>();
        int bi = 0;
        for (Mergeable m : mergeables) {
            while (bi < runBreaks.size() && runBreaks.get(bi) <= m.pos) {
                if (current.size() >= 2) {
                    groups.add(current);
                    current = new ArrayList<>();
                }
                bi++;
            }
            current.add(m);
        }
        groups.add(current);
        for (List<Mergeable> group : groups) {
            if (group.size() < 2) {
                continue;
            }
            group.sort(java.util.Comparator.comparingInt((Mergeable m) -> m.base.code()).thenComparingInt(m -> m.offset));
            Mergeable last = group.getFirst();
            for (int j = 1; j < group.size(); j++) {
                Mergeable m = group.get(j);
                int total = last.len + m.len;
                boolean can = last.base == m.base && last.offset + last.len == m.offset && total <= 16
                        && (total <= 4 || last.len % 4 != 0 || m.len % 4 != 0);
                if (!can) {
                    last = m;
                    continue;
                }
                last.len = total;
                last.data = concat(last.data, m.data);
                keep.put(last.pos, last);
                removed.add(m.pos);
            }
        }
        if (removed.isEmpty()) {
            return out;
        }
        List<Expr> merged = new ArrayList<>(out.size());
        for (int k = 0; k < out.size(); k++) {
            if (removed.contains(k)) {
                k++;
            } else if (keep.containsKey(k)) {
                Mergeable m = keep.get(k);
                merged.add(Emit.payload(m.base, m.offset, m.len, m.reg));
                merged.add(Emit.cmp(m.reg, CmpOp.EQ, m.data));
                k++;
            } else {
                merged.add(out.get(k));
            }
        }
        return merged;
    }



    private void statement() {
        Token w = t.peek();
        if (w.is("@")) {
            // a raw payload match at the start of a statement: `@nh,0,4 4`
            match();
            return;
        }
        if (w.kind() != Token.Kind.WORD) {
            throw t.error(w, "syntax error, unexpected " + w.describe());
        }
        Token after = t.peek(1);
        if (!w.text().isEmpty() && Character.isDigit(w.text().charAt(0)) && (after.kind() == Token.Kind.NEWLINE
                || after.kind() == Token.Kind.EOF || after.is(";"))) {
            // a lone constant (`meta mark set 0x1 0x2`): nft's grammar reads it as the start of a match and
            // stops where the right-hand side should begin
            throw t.error(after, "syntax error, unexpected " + after.describe());
        }
        switch (w.text()) {
            case "accept" -> verdict(Data.Verdict.accept());
            case "drop" -> verdict(Data.Verdict.drop());
            case "return" -> verdict(Data.Verdict.ret());
            case "continue" -> verdict(Data.Verdict.cont());
            case "jump", "goto" -> {
                t.next();
                Token c = t.name("chain name");
                if (!env.chainExists(c.text())) {
                    throw t.error(c, "Could not process rule: No such file or directory (chain '" + c.text()
                            + "' does not exist in table " + env.family() + " " + env.table() + ")");
                }
                out.add(Emit.immediate(0, w.is("jump") ? Data.Verdict.jump(c.text()) : Data.Verdict.goTo(c.text())));
            }
            case "counter" -> counter();
            case "limit" -> limit();
            case "quota" -> quota();
            case "log" -> log();
            case "reject" -> reject();
            case "snat", "dnat" -> nat();
            case "masquerade", "redirect" -> masqRedir();
            case "notrack" -> {
                t.next();
                out.add(Emit.notrack());
            }
            case "queue" -> queue();
            case "tproxy" -> tproxy();
            case "meter" -> meter();
            case "dup" -> dupFwd(false);
            case "fwd" -> dupFwd(true);
            case "synproxy" -> {
                t.next();
                if (t.accept("name")) {
                    out.add(Emit.objref(10, t.name("synproxy name").text()));
                } else {
                    out.add(synproxy(t).expr("synproxy"));
                }
            }
            case "flow" -> {
                t.next();
                if (!t.accept("add") && !t.accept("offload")) {
                    throw t.error(t.peek(), "syntax error, unexpected " + t.peek().describe() + ", expecting add");
                }
                t.expect("@");
                out.add(Emit.flowOffload(t.name("flowtable name").text()));
            }
            case "ct" -> {
                if ((t.peek(1).is("timeout") || t.peek(1).is("expectation")) && t.peek(2).is("set")) {
                    t.next();
                    int type = t.next().is("timeout") ? 7 : 9;
                    t.next();
                    out.add(Emit.objref(type, t.name("object name").text()));
                } else if (t.peek(1).is("count")) {
                    t.next();
                    t.next();
                    boolean over = t.accept("over");
                    int n = (int) t.number("connection count");
                    out.add(Emit.connlimit(n, over ? 1 : 0));
                } else {
                    match();
                }
            }
            case "add", "update", "delete" -> {
                if (t.peek(1).is("@")) {
                    dynset();
                } else {
                    match();
                }
            }
            default -> match();
        }
    }

    private void verdict(Data.Verdict v) {
        t.next();
        out.add(Emit.immediate(0, v));
    }

    /** {@code counter name EXPR map @m | { k : "obj" }}: the object is picked per packet. */
    private boolean objrefMapAhead() {
        Token n = t.peek();
        if (!n.isWord() || !isExpressionStart(n)) {
            return false;
        }
        for (int i = 1; ; i++) {
            Token a = t.peek(i);
            if (a.isEnd() || a.kind() == Token.Kind.EOF) {
                return false;
            }
            if (a.is("map")) {
                return true;
            }
        }
    }

    private void objrefMap(int objType) {
        List<Operand> key = lhsParts();
        t.expect("map");
        int reg = regNext;
        loadAll(key);
        if (t.accept("@")) {
            Token n = t.name("map name");
            SetDef def = env.set(n.text()).orElseThrow(() -> t.error(n, "Could not process rule: No such file or "
                    + "directory (map '" + n.text() + "' does not exist in table " + env.family() + " "
                    + env.table() + ")"));
            checkKeyType(key, def, n, true);
            out.add(Emit.objrefMap(kreg(reg), def.name(), OptionalInt.empty()));
            return;
        }
        List<Elem> elems = parseElements(t, env, key, Optional.of(new SetDef.Part(null, 0)), List.of(), false,
                this::atom);
        int id = env.nextSetId();
        List<SetDef.Part> parts = key.stream().map(o -> new SetDef.Part(o.type(), o.bytes())).toList();
        SetEncoding.Encoded enc = SetEncoding.encode(parts, key.stream().map(Operand::hostOrder).toList(), elems,
                false, true, true);
        NftSet set = new NftSet(env.family(), env.table(), "__objmap%d",
                NftSet.F_ANONYMOUS | NftSet.F_CONSTANT | NftSet.F_OBJECT, SetEncoding.keySpec(parts),
                Optional.empty(), OptionalInt.of(objType), OptionalLong.empty(), OptionalInt.empty(),
                OptionalInt.empty(), OptionalInt.of(enc.size()), List.of(),
                SetEncoding.userdata(parts, Optional.empty(), Optional.empty(), false, Optional.empty(),
                        Optional.empty()).with(NftSet.UDATA_DATA_INTERVAL, SetEncoding.u32(0)), List.of(),
                OptionalInt.of(id), OptionalLong.empty());
        env.emit(new Op.AddSet(set, false));
        env.emit(new Op.AddElements(new SetElements(env.family(), env.table(), "__objmap%d", OptionalInt.of(id),
                enc.elements()), false));
        out.add(Emit.objrefMap(kreg(reg), "__objmap%d", OptionalInt.of(id)));
    }

    private void counter() {
        t.next();
        if (t.at("name")) {
            t.next();
            if (objrefMapAhead()) {
                objrefMap(1);
                return;
            }
            Token n = t.name("counter name");
            out.add(Emit.objref(1, n.text()));
            return;
        }
        long packets = 0;
        long bytes = 0;
        while (true) {
            if (t.at("packets")) {
                t.next();
                packets = t.number("packets");
            } else if (t.at("bytes")) {
                t.next();
                bytes = t.number("bytes");
            } else {
                break;
            }
        }
        out.add(Emit.counter(packets, bytes));
    }

    static long timeUnit(Tokens t, Token tok, String unit) {
        return switch (unit) {
            case "second" -> 1;
            case "minute" -> 60;
            case "hour" -> 3600;
            case "day" -> 86400;
            case "week" -> 604800;
            default -> throw t.error(tok, "wrong rate format: unknown time unit '" + unit + "'");
        };
    }

    static long byteUnit(Tokens t, Token tok, String unit) {
        return switch (unit) {
            case "bytes" -> 1;
            case "kbytes" -> 1024;
            case "mbytes" -> 1024 * 1024;
            case "gbytes" -> 1024L * 1024 * 1024;
            default -> throw t.error(tok, "wrong unit '" + unit + "' (expected bytes, kbytes, mbytes or gbytes)");
        };
    }

    /** {@code rate [over] N/unit | N bytes-unit/unit [burst N [packets|bytes-unit]]}; returns the limit expr. */
    static Expr parseLimit(Tokens t) {
        t.expect("rate");
        boolean over = false;
        if (t.at("over")) {
            t.next();
            over = true;
        } else if (t.at("until")) {
            t.next();
        }
        Token n = t.word("rate");
        long rate;
        long unit;
        boolean bytes = false;
        String text = n.text();
        int slash = text.indexOf('/');
        if (slash > 0) {
            rate = parseLong(t, n, text.substring(0, slash));
            unit = timeUnit(t, n, text.substring(slash + 1));
        } else {
            rate = parseLong(t, n, text);
            Token u = t.next();
            String ut = u.text();
            if (u.is("/")) {
                Token tu = t.word("time unit");
                unit = timeUnit(t, tu, tu.text());
            } else {
                bytes = true;
                String bu = ut;
                String tu;
                if (ut.contains("/")) {
                    bu = ut.substring(0, ut.indexOf('/'));
                    tu = ut.substring(ut.indexOf('/') + 1);
                } else {
                    t.expect("/");
                    tu = t.word("time unit").text();
                }
                rate *= byteUnit(t, u, bu);
                unit = timeUnit(t, u, tu);
            }
        }
        int burst = bytes ? 0 : 5;
        if (t.at("burst")) {
            t.next();
            Token b = t.word("burst");
            burst = (int) parseLong(t, b, b.text());
            if (burst == 0 && !bytes) {
                throw t.error(b, "packet limit burst must be > 0");
            }
            if (t.at("packets")) {
                t.next();
            } else if (t.peek().isWord() && t.peek().text().endsWith("bytes")) {
                Token bu = t.next();
                burst = (int) (burst * byteUnit(t, bu, bu.text()));
            }
        }
        return Emit.limit(rate, unit, burst, bytes, over);
    }

    static long parseLong(Tokens t, Token tok, String s) {
        try {
            return s.startsWith("0x") ? Long.parseLong(s.substring(2), 16) : Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw t.error(tok, "invalid number '" + s + "'");
        }
    }

    private void limit() {
        t.next();
        if (t.at("name")) {
            t.next();
            if (objrefMapAhead()) {
                objrefMap(4);
                return;
            }
            out.add(Emit.objref(4, t.name("limit name").text()));
            return;
        }
        out.add(parseLimit(t));
    }

    /** {@code [over|until] N unit [used N unit]}. */
    static Expr parseQuota(Tokens t) {
        boolean over = false;
        if (t.at("over")) {
            t.next();
            over = true;
        } else if (t.at("until")) {
            t.next();
        }
        long bytes = quantity(t);
        long used = 0;
        if (t.at("used")) {
            t.next();
            used = quantity(t);
        }
        return Emit.quota(bytes, used, over);
    }

    private static long quantity(Tokens t) {
        Token n = t.word("quantity");
        if (n.text().endsWith("gbytes") || t.at("gbytes")) {
            // nft 1.0.6's quota grammar knows bytes, kbytes and mbytes only
            throw t.error(n, "Wrong rate format");
        }
        String text = n.text();
        int i = 0;
        while (i < text.length() && Character.isDigit(text.charAt(i))) {
            i++;
        }
        long v = parseLong(t, n, text.substring(0, i));
        String unit = text.substring(i);
        Token ut = n;
        if (unit.isEmpty()) {
            ut = t.word("unit");
            unit = ut.text();
        }
        return v * byteUnit(t, ut, unit);
    }

    private void quota() {
        t.next();
        if (t.at("name")) {
            t.next();
            if (objrefMapAhead()) {
                objrefMap(2);
                return;
            }
            out.add(Emit.objref(2, t.name("quota name").text()));
            return;
        }
        out.add(parseQuota(t));
    }

    private void log() {
        Token logTok = t.next();
        Optional<String> prefix = Optional.empty();
        OptionalInt group = OptionalInt.empty();
        OptionalInt snaplen = OptionalInt.empty();
        OptionalInt qthreshold = OptionalInt.empty();
        OptionalInt level = OptionalInt.empty();
        int flags = 0;
        boolean flagsSet = false;
        while (true) {
            Token w = t.peek();
            if (w.is("prefix")) {
                t.next();
                prefix = Optional.of(t.string("log prefix").text());
            } else if (w.is("group")) {
                t.next();
                group = OptionalInt.of((int) t.number("log group"));
            } else if (w.is("snaplen")) {
                t.next();
                snaplen = OptionalInt.of((int) t.number("snaplen"));
            } else if (w.is("queue-threshold")) {
                t.next();
                qthreshold = OptionalInt.of((int) t.number("queue-threshold"));
            } else if (w.is("level")) {
                t.next();
                Token l = t.name("log level");
                level = OptionalInt.of(switch (l.text()) {
                    case "emerg" -> 0;
                    case "alert" -> 1;
                    case "crit" -> 2;
                    case "err" -> 3;
                    case "warn" -> 4;
                    case "notice" -> 5;
                    case "info" -> 6;
                    case "debug" -> 7;
                    case "audit" -> 8;
                    default -> throw t.error(l, "invalid log level '" + l.text() + "'");
                });
            } else if (w.is("flags")) {
                t.next();
                flagsSet = true;
                do {
                    Token f = t.word("log flag");
                    switch (f.text()) {
                        case "tcp" -> {
                            do {
                                Token g = t.word("tcp log flag");
                                switch (g.text()) {
                                    case "sequence" -> flags |= LOG_TCPSEQ;
                                    case "options" -> flags |= LOG_TCPOPT;
                                    default -> throw t.error(g, "invalid tcp log flag '" + g.text() + "'");
                                }
                            } while (t.peek(0).is(",") && t.peek(1).isWord()
                                    && (t.peek(1).is("sequence") || t.peek(1).is("options")) && t.accept(","));
                        }
                        case "ip" -> {
                            Token g = t.word("ip log flag");
                            if (!g.is("options")) {
                                throw t.error(g, "invalid ip log flag '" + g.text() + "'");
                            }
                            flags |= LOG_IPOPT;
                        }
                        case "skuid" -> flags |= LOG_UID;
                        case "ether" -> flags |= LOG_MACDECODE;
                        case "all" -> flags |= LOG_ALL;
                        default -> throw t.error(f, "invalid log flag '" + f.text() + "'");
                    }
                } while (t.accept(","));
            } else {
                break;
            }
        }
        if (level.isPresent() && group.isPresent()) {
            throw t.error(logTok, "level and group are mutually exclusive");
        }
        out.add(Emit.log(prefix, group, snaplen, qthreshold, level,
                flagsSet ? OptionalInt.of(flags) : OptionalInt.empty()));
    }

    private void reject() {
        t.next();
        Family f = env.family();
        if (!t.at("with")) {
            switch (f) {
                case IP -> out.add(Emit.reject(REJECT_ICMP_UNREACH, 3));
                case IP6 -> out.add(Emit.reject(REJECT_ICMP_UNREACH, 4));
                default -> {
                    if ("ip".equals(l3)) {
                        out.add(Emit.reject(REJECT_ICMP_UNREACH, 3));
                    } else if ("ip6".equals(l3)) {
                        out.add(Emit.reject(REJECT_ICMP_UNREACH, 4));
                    } else {
                        out.add(Emit.reject(REJECT_ICMPX_UNREACH, 1));
                    }
                }
            }
            return;
        }
        t.next();
        Token kind = t.word("icmp, icmpv6, icmpx or tcp");
        switch (kind.text()) {
            case "tcp" -> {
                t.expect("reset");
                needTransport(Protocols.proto("tcp").orElseThrow(), kind);
                out.add(Emit.reject(REJECT_TCP_RST, 0));
            }
            case "icmp", "icmpv6", "icmpx" -> {
                if (t.at("type")) {
                    t.next();
                }
                Token code = t.word("reject code");
                Datatype dt = switch (kind.text()) {
                    case "icmp" -> Datatype.ICMP_CODE;
                    case "icmpv6" -> Datatype.ICMPV6_CODE;
                    default -> Datatype.ICMPX_CODE;
                };
                int c;
                try {
                    c = (int) dt.toLong(dt.parse(code.text(), 1));
                } catch (IllegalArgumentException e) {
                    throw t.error(code, "invalid " + kind.text() + " reject code '" + code.text() + "'");
                }
                if (kind.is("icmpx")) {
                    out.add(Emit.reject(REJECT_ICMPX_UNREACH, c));
                } else {
                    String net = kind.is("icmp") ? "ip" : "ip6";
                    if (f == Family.INET || f == Family.BRIDGE || f == Family.NETDEV) {
                        needNetwork(Protocols.proto(net).orElseThrow(), kind);
                    } else if (l3 != null && !l3.equals(net)) {
                        throw t.error(kind, "conflicting protocols specified: " + l3 + " vs. " + net);
                    }
                    out.add(Emit.reject(REJECT_ICMP_UNREACH, c));
                }
            }
            default -> throw t.error(kind, "syntax error, unexpected " + kind.describe()
                    + ", expecting icmp, icmpv6, icmpx or tcp");
        }
    }

    private void queue() {
        t.next();
        int num = 0;
        int total = 1;
        int flags = 0;
        while (true) {
            if (t.at("num")) {
                t.next();
                Token n = t.word("queue number");
                String s = n.text();
                int dash = s.indexOf('-');
                if (dash > 0) {
                    num = (int) parseLong(t, n, s.substring(0, dash));
                    total = (int) parseLong(t, n, s.substring(dash + 1)) - num + 1;
                } else {
                    num = (int) parseLong(t, n, s);
                }
            } else if (t.at("flags")) {
                t.next();
                do {
                    Token f = t.word("queue flag");
                    switch (f.text()) {
                        case "bypass" -> flags |= 1;
                        case "fanout" -> flags |= 2;
                        default -> throw t.error(f, "invalid queue flag '" + f.text() + "'");
                    }
                } while (t.accept(","));
            } else if (t.at("bypass")) {
                t.next();
                flags |= 1;
            } else if (t.at("fanout")) {
                t.next();
                flags |= 2;
            } else {
                break;
            }
        }
        out.add(Emit.queue(num, total, flags));
    }

    /**
     * {@code meter NAME [size N] { key [timeout T] stateful }}: nft creates a dynamic set flagged anonymous in the
     * same transaction and adds (or, with a timeout, updates) the key with the statement attached.
     */
    private void meter() {
        t.next();
        Token name = t.name("meter name");
        OptionalInt size = OptionalInt.empty();
        if (t.accept("size")) {
            size = OptionalInt.of((int) t.number("meter size"));
        }
        t.expect("{");
        List<Operand> key = lhsParts();
        int reg = regNext;
        loadAll(key);
        OptionalLong timeout = OptionalLong.empty();
        if (t.accept("timeout")) {
            timeout = OptionalLong.of(parseTime(t.word("timeout")));
        }
        List<Expr> exprs = new ArrayList<>();
        while (!t.at("}")) {
            Token w = t.word("counter, limit or quota");
            switch (w.text()) {
                case "counter" -> exprs.add(Emit.counter(0, 0));
                case "limit" -> exprs.add(parseLimit(t));
                case "quota" -> exprs.add(parseQuota(t));
                default -> throw t.error(w, "syntax error, unexpected '" + w.text() + "'");
            }
        }
        t.expect("}");
        List<SetDef.Part> parts = key.stream().map(o -> new SetDef.Part(o.type(), o.bytes())).toList();
        int id = env.nextSetId();
        NftSet set = new NftSet(env.family(), env.table(), name.text(),
                NftSet.F_ANONYMOUS | NftSet.F_EVAL | (timeout.isPresent() ? NftSet.F_TIMEOUT : 0),
                SetEncoding.keySpec(parts), Optional.empty(), OptionalInt.empty(), OptionalLong.empty(),
                OptionalInt.empty(), OptionalInt.empty(), size, List.of(),
                SetEncoding.userdata(parts, Optional.empty(), Optional.empty(), false, Optional.empty(),
                        Optional.empty()), List.of(), OptionalInt.of(id), OptionalLong.empty());
        env.emit(new Op.AddSet(set, false));
        out.add(Emit.dynset(kreg(reg), OptionalInt.empty(), timeout.isPresent() ? DynsetOp.UPDATE : DynsetOp.ADD,
                name.text(), OptionalInt.of(id), timeout, exprs));
    }

    /** {@code mss N wscale N [timestamp] [sack-perm]}: NFTA_SYNPROXY_MSS, _WSCALE, _FLAGS (NF_SYNPROXY_OPT_*). */
    static RawAttrs synproxy(Tokens t) {
        int mss = -1;
        int wscale = -1;
        int flags = 0;
        while (true) {
            if (t.accept("mss")) {
                mss = (int) t.number("mss");
                flags |= 1;
            } else if (t.accept("wscale")) {
                wscale = (int) t.number("wscale");
                flags |= 2;
            } else if (t.accept("sack-perm")) {
                flags |= 4;
            } else if (t.accept("timestamp")) {
                flags |= 8;
            } else if (t.at(";") || t.peek().kind() == Token.Kind.NEWLINE) {
                t.next();
            } else {
                break;
            }
        }
        RawAttrs a = new RawAttrs();
        if (mss >= 0) {
            a.u16be(1, mss);
        }
        if (wscale >= 0) {
            a.u8(2, wscale);
        }
        return a.u32be(3, flags);
    }

    /** {@code tproxy [ip|ip6] to [ADDR][:PORT]}: NFTA_TPROXY_FAMILY, _REG_ADDR, _REG_PORT. */
    private void tproxy() {
        Token kw = t.next();
        String fam = null;
        if (t.at("ip") || t.at("ip6")) {
            fam = t.next().text();
        }
        t.expect("to");
        if (l4 < 0) {
            throw t.error(kw, "transparent proxy support requires transport protocol match");
        }
        String addr = null;
        String port = null;
        Token a;
        String s;
        if (t.accept("[")) {
            a = t.word("ip6 address");
            t.expect("]");
            s = a.text();
            addr = s;
            if (t.peek().isWord() && t.peek().text().startsWith(":")) {
                port = t.next().text().substring(1);
            } else if (t.accept(":")) {
                port = t.word("port").text();
            }
            s = null;
        } else {
            a = t.word("tproxy address or :port");
            s = a.text();
        }
        if (s == null) {
            // bracketed address handled above
        } else if (s.startsWith(":")) {
            port = s.substring(1);
        } else if (s.indexOf(':') > 0 && s.indexOf(':') == s.lastIndexOf(':')) {
            addr = s.substring(0, s.indexOf(':'));
            port = s.substring(s.indexOf(':') + 1);
        } else {
            addr = s;
        }
        if (fam == null) {
            fam = env.family() == Family.IP6 ? "ip6" : env.family() == Family.IP ? "ip" : null;
        }
        RawAttrs r = new RawAttrs();
        r.u32be(1, "ip".equals(fam) ? 2 : "ip6".equals(fam) ? 10 : 0);
        if (addr != null) {
            Datatype at = "ip6".equals(fam) ? Datatype.IPV6_ADDR : Datatype.IPV4_ADDR;
            int ra = alloc(16);
            out.add(Emit.immediate(ra, new Data.Value(addrRange(at, addr, a)[0])));
            r.u32be(2, ra);
        }
        if (port != null) {
            int[] pr = portRange(port, a);
            int rp = alloc(16);
            out.add(Emit.immediate(rp, new Data.Value(Values.be(BigInteger.valueOf(pr[0]), 2))));
            r.u32be(3, rp);
        }
        out.add(r.expr("tproxy"));
    }

    /** {@code dup to ADDR [device DEV]} / netdev {@code dup to DEV}, {@code fwd to DEV}. */
    private void dupFwd(boolean fwd) {
        t.next();
        t.expect("to");
        Token a = t.name(fwd ? "device" : "address or device");
        RawAttrs r = new RawAttrs();
        if (env.family() == Family.NETDEV) {
            int rd = alloc(4);
            out.add(Emit.immediate(rd, new Data.Value(ifindexBytes(a))));
            // NFTA_DUP_SREG_DEV 2, NFTA_FWD_SREG_DEV 1
            out.add((fwd ? r.u32be(1, rd) : r.u32be(2, rd)).expr(fwd ? "fwd" : "dup"));
            return;
        }
        if (env.family() != Family.IP && env.family() != Family.IP6) {
            throw t.error(a, "unsupported family");
        }
        Datatype at = env.family() == Family.IP6 ? Datatype.IPV6_ADDR : Datatype.IPV4_ADDR;
        int ra = alloc(16);
        out.add(Emit.immediate(ra, new Data.Value(addrRange(at, a.text(), a)[0])));
        r.u32be(1, ra);
        if (t.accept("device")) {
            Token d = t.name("device");
            int rd = alloc(4);
            out.add(Emit.immediate(rd, new Data.Value(ifindexBytes(d))));
            r.u32be(2, rd);
        }
        out.add(r.expr(fwd ? "fwd" : "dup"));
    }

    private byte[] ifindexBytes(Token d) {
        try {
            return Datatype.IFACE_INDEX.toBytes(Values.ifindex(d.text(), env.interfaces()), 4);
        } catch (IllegalArgumentException e) {
            throw t.error(d, e.getMessage());
        }
    }

    // ------------------------------------------------------------------------------------------------ nat

    private void nat() {
        Token kw = t.next();
        int type = kw.is("snat") ? 0 : 1;
        String fam = null;
        boolean netmap = false;
        if (t.at("ip") || t.at("ip6")) {
            fam = t.next().text();
            if (t.at("prefix")) {
                // `dnat ip prefix to ip daddr map { 10.9.0.0/16 : 192.168.0.0/16 }`: map data are prefixes
                t.next();
                netmap = true;
            }
            if (t.at("addr") && t.peek(1).is(".") && t.peek(2).is("port")) {
                // `dnat ip addr . port to EXPR map ...`: nft's explicit form of a map giving address . port
                t.next();
                t.next();
                t.next();
            }
        }
        if (fam == null) {
            fam = switch (env.family()) {
                case IP -> "ip";
                case IP6 -> "ip6";
                default -> l3;
            };
        }
        if (!t.at("to")) {
            throw t.error(t.peek(), "syntax error, unexpected " + t.peek().describe() + ", expecting to");
        }
        t.next();
        OptionalInt amin = OptionalInt.empty();
        OptionalInt amax = OptionalInt.empty();
        OptionalInt pmin = OptionalInt.empty();
        OptionalInt pmax = OptionalInt.empty();
        int flags = 0;
        Token first = t.peek();
        if (first.isWord() && isExpressionStart(first)) {
            // snat to ip saddr map { ... }: the address comes from a map lookup
            if (fam == null) {
                throw t.error(kw, "specify `" + kw.text() + " ip' or '" + kw.text() + " ip6' in inet table to "
                        + "disambiguate");
            }
            Datatype at = fam.equals("ip") ? Datatype.IPV4_ADDR : Datatype.IPV6_ADDR;
            int reg = alloc(16);
            // an anonymous map may give address . port (nft: ipv4_addr/ipv6_addr . inet_service data)
            natConcat = List.of(new SetDef.Part(at, at.byteLength()), new SetDef.Part(Datatype.INET_SERVICE, 2));
            natRange = true;
            SetDef used;
            try {
                used = valueExpr(reg, at, at.byteLength(), first);
            } finally {
                natConcat = List.of();
                natRange = false;
            }
            amin = OptionalInt.of(reg);
            if (netmap) {
                flags |= NAT_NETMAP;
            }
            if (used != null && used.dataConcat().isEmpty() && used.data().isPresent()
                    && used.data().get().bytes() == 2 * at.byteLength()) {
                // the map gives address ranges: the range's end sits right after its start
                amax = OptionalInt.of(kreg(internal(reg) + at.byteLength() / 4));
            } else if (used != null && used.dataConcat().size() == 2) {
                // the map gives address . port: the port sits right after the address
                pmin = OptionalInt.of(kreg(internal(reg) + (at.byteLength() + 3) / 4));
            } else if (t.at(":") || (t.peek().isWord() && t.peek().text().startsWith(":"))) {
                Token pt = t.next();
                if (pt.is(":")) {
                    pt = t.word("port");
                }
                String ptext = pt.text().startsWith(":") ? pt.text().substring(1) : pt.text();
                if (l4 < 0) {
                    throw t.error(pt, "transport protocol mapping is only valid after transport protocol match");
                }
                int[] pr = portRange(ptext, pt);
                int ra = alloc(16);
                out.add(Emit.immediate(ra, new Data.Value(Values.be(BigInteger.valueOf(pr[0]), 2))));
                pmin = OptionalInt.of(ra);
                if (pr[1] != pr[0]) {
                    int rb = alloc(16);
                    out.add(Emit.immediate(rb, new Data.Value(Values.be(BigInteger.valueOf(pr[1]), 2))));
                    pmax = OptionalInt.of(rb);
                }
                flags |= NAT_PROTO_SPECIFIED;
            }
        } else {
            String addrText = null;
            String portText = null;
            Token addrTok = null;
            Token portTok = null;
            if (t.at("[")) {
                t.next();
                addrTok = t.word("ip6 address");
                addrText = addrTok.text();
                t.expect("]");
                if (t.at("-") && t.peek(1).is("[")) {
                    // [a]-[b]: an address range written with brackets
                    t.next();
                    t.next();
                    Token hi = t.word("ip6 address");
                    addrText = addrText + "-" + hi.text();
                    t.expect("]");
                }
                if (t.peek().isWord() && t.peek().text().startsWith(":")) {
                    portTok = t.next();
                    portText = portTok.text().substring(1);
                } else if (t.at(":")) {
                    t.next();
                    portTok = t.word("port");
                    portText = portTok.text();
                }
            } else {
                Token a = t.word("nat address");
                String s = a.text();
                if (s.startsWith(":")) {
                    portTok = a;
                    portText = s.substring(1);
                } else {
                    addrTok = a;
                    int colon = s.indexOf(':');
                    if (colon > 0 && s.indexOf(':', colon + 1) < 0) {
                        addrText = s.substring(0, colon);
                        portText = s.substring(colon + 1);
                        portTok = a;
                    } else {
                        addrText = s;
                    }
                    if (portText == null && t.at(":")) {
                        t.next();
                        portTok = t.word("port");
                        portText = portTok.text();
                    } else if (portText == null && t.peek().isWord() && t.peek().text().startsWith(":")
                            && !t.peek().text().startsWith("::")) {
                        portTok = t.next();
                        portText = portTok.text().substring(1);
                    }
                }
            }
            if (addrText != null) {
                if (fam == null) {
                    fam = addrText.contains(":") ? "ip6" : "ip";
                    if (env.family() == Family.INET) {
                        throw t.error(kw, "specify `" + kw.text() + " " + fam + "' in inet table to disambiguate");
                    }
                }
                Datatype at = fam.equals("ip") ? Datatype.IPV4_ADDR : Datatype.IPV6_ADDR;
                byte[][] r = addrRange(at, addrText, addrTok);
                int ra = alloc(16);
                out.add(Emit.immediate(ra, new Data.Value(r[0])));
                amin = OptionalInt.of(ra);
                if (r[1] != null) {
                    int rb = alloc(16);
                    out.add(Emit.immediate(rb, new Data.Value(r[1])));
                    amax = OptionalInt.of(rb);
                }
            }
            if (portText != null) {
                PortRegs pr = portRegisters(portText, portTok, l4);
                pmin = pr.min();
                pmax = pr.max();
                flags |= NAT_PROTO_SPECIFIED;
            }
        }
        flags |= natFlags();
        int nfproto = "ip6".equals(fam) ? 10 : 2;
        out.add(Emit.nat(type, nfproto, amin, amax, pmin, pmax, flags == 0 ? OptionalInt.empty()
                : OptionalInt.of(flags)));
    }

    private static boolean isExpressionStart(Token w) {
        String s = w.text();
        return Protocols.proto(s).isPresent() && !s.isEmpty() || s.equals("meta") || s.equals("ct")
                || Protocols.UNQUALIFIED_META.contains(s) || s.equals("fib") || s.equals("numgen")
                || s.equals("jhash") || s.equals("symhash") || s.equals("rt") || s.equals("exthdr")
                || s.equals("socket");
    }

    private byte[][] addrRange(Datatype at, String text, Token tok) {
        try {
            int slash = text.indexOf('/');
            if (slash > 0) {
                byte[] a = at.parse(text.substring(0, slash), at.byteLength());
                int plen = Integer.parseInt(text.substring(slash + 1));
                int bits = at.byteLength() * 8;
                BigInteger n = new BigInteger(1, a);
                BigInteger host = BigInteger.ONE.shiftLeft(bits - plen).subtract(BigInteger.ONE);
                BigInteger lo = n.andNot(host);
                return new byte[][]{Values.be(lo, a.length), Values.be(lo.or(host), a.length)};
            }
            for (int i = text.indexOf('-'); i > 0; i = text.indexOf('-', i + 1)) {
                try {
                    byte[] lo = at.parse(text.substring(0, i), at.byteLength());
                    byte[] hi = at.parse(text.substring(i + 1), at.byteLength());
                    return new byte[][]{lo, hi};
                } catch (IllegalArgumentException next) {
                    // try the next dash
                }
            }
            return new byte[][]{at.parse(text, at.byteLength()), null};
        } catch (IllegalArgumentException e) {
            throw t.error(tok, "Could not parse " + at.description() + " '" + text + "': " + e.getMessage());
        }
    }

    private int[] portRange(String text, Token tok) {
        try {
            int dash = text.indexOf('-');
            Datatype st = Datatype.INET_SERVICE;
            if (dash > 0) {
                return new int[]{(int) st.toLong(st.parse(text.substring(0, dash), 2)),
                        (int) st.toLong(st.parse(text.substring(dash + 1), 2))};
            }
            int p = (int) st.toLong(st.parse(text, 2));
            if (t.at("-")) {
                t.next();
                Token hi = t.word("port");
                return new int[]{p, (int) st.toLong(st.parse(hi.text(), 2))};
            }
            return new int[]{p, p};
        } catch (IllegalArgumentException e) {
            throw t.error(tok, "invalid port '" + text + "': " + e.getMessage());
        }
    }

    private int natFlags() {
        int flags = 0;
        while (true) {
            Token f = t.peek();
            if (f.is("random")) {
                flags |= NAT_PROTO_RANDOM;
            } else if (f.is("fully-random")) {
                flags |= NAT_PROTO_RANDOM_FULLY;
            } else if (f.is("persistent")) {
                flags |= NAT_PERSISTENT;
            } else {
                return flags;
            }
            t.next();
            t.accept(",");
        }
    }

    private void masqRedir() {
        Token kw = t.next();
        OptionalInt pmin = OptionalInt.empty();
        OptionalInt pmax = OptionalInt.empty();
        int flags = 0;
        if (t.at("to")) {
            t.next();
            Token p = t.peek();
            String text;
            if (p.is(":")) {
                t.next();
                p = t.word("port");
                text = p.text();
            } else {
                p = t.word("port");
                text = p.text().startsWith(":") ? p.text().substring(1) : p.text();
            }
            PortRegs pr = portRegisters(text, p, l4);
            pmin = pr.min();
            pmax = pr.max();
            flags |= NAT_PROTO_SPECIFIED;
        }
        flags |= natFlags();
        OptionalInt f = flags == 0 ? OptionalInt.empty() : OptionalInt.of(flags);
        out.add(kw.is("masquerade") ? Emit.masq(f, pmin, pmax) : Emit.redir(f, pmin, pmax));
    }

    /** The registers a nat/masquerade/redirect statement's port or port range is loaded into. */
    private record PortRegs(OptionalInt min, OptionalInt max) {
    }

    /** Loads {@code text} (a port or range) into registers, as nft does: a second one only for a real range. */
    private PortRegs portRegisters(String text, Token tok, int l4) {
        if (l4 < 0) {
            throw t.error(tok, "transport protocol mapping is only valid after transport protocol match");
        }
        int[] pr = portRange(text, tok);
        int ra = alloc(16);
        out.add(Emit.immediate(ra, new Data.Value(Values.be(BigInteger.valueOf(pr[0]), 2))));
        OptionalInt max = OptionalInt.empty();
        if (pr[1] != pr[0]) {
            int rb = alloc(16);
            out.add(Emit.immediate(rb, new Data.Value(Values.be(BigInteger.valueOf(pr[1]), 2))));
            max = OptionalInt.of(rb);
        }
        return new PortRegs(OptionalInt.of(ra), max);
    }

    // --------------------------------------------------------------------------------------------- dynset

    /** {@code add|update|delete @set { key [timeout T] [stateful...] }}. */
    private void dynset() {
        Token opTok = t.next();
        DynsetOp op = switch (opTok.text()) {
            case "add" -> DynsetOp.ADD;
            case "update" -> DynsetOp.UPDATE;
            default -> DynsetOp.DELETE;
        };
        t.expect("@");
        Token name = t.name("set name");
        SetDef def = env.set(name.text()).orElseThrow(() -> t.error(name, "Could not process rule: No such file "
                + "or directory (set '" + name.text() + "' does not exist in table " + env.family() + " "
                + env.table() + ")"));
        t.expect("{");
        t.skipNewlines();
        Token keyStart = t.peek();
        List<Operand> key = lhsParts();
        Token keyEnd = t.prev();
        lhsSpan = new Token(Token.Kind.WORD, "", keyStart.line(), keyStart.col(),
                keyEnd.line() == keyStart.line() ? keyEnd.endCol() : keyStart.endCol());
        int reg = regNext;
        loadAll(key);
        OptionalInt dataReg = OptionalInt.empty();
        OptionalLong timeout = OptionalLong.empty();
        List<Expr> exprs = new ArrayList<>();
        while (!t.at("}")) {
            if (t.at("timeout")) {
                t.next();
                Token tt = t.word("timeout");
                timeout = OptionalLong.of(parseTime(tt));
            } else if (t.at(":")) {
                t.next();
                Token v = t.peek();
                if (def.data().isEmpty()) {
                    throw t.error(v, "set '" + def.name() + "' is not a map");
                }
                int dr = alloc(16);
                valueExpr(dr, def.data().get().type(), def.data().get().bytes(), v);
                dataReg = OptionalInt.of(dr);
            } else if (t.at("counter")) {
                t.next();
                exprs.add(Emit.counter(0, 0));
            } else if (t.at("limit")) {
                t.next();
                exprs.add(parseLimit(t));
            } else if (t.at("quota")) {
                t.next();
                exprs.add(parseQuota(t));
            } else if (t.at("ct") && t.peek(1).is("count")) {
                t.next();
                t.next();
                boolean over = t.accept("over");
                exprs.add(Emit.connlimit((int) t.number("connection count"), over ? 1 : 0));
            } else if (t.peek().kind() == Token.Kind.NEWLINE) {
                t.next();
            } else {
                throw t.error(t.peek(), "syntax error, unexpected " + t.peek().describe());
            }
        }
        t.expect("}");
        out.add(Emit.dynset(kreg(reg), dataReg, op, def.name(), OptionalInt.empty(), timeout, exprs));
    }

    static long parseTime(Tokens t, Token tok) {
        try {
            return Datatype.parseTime(tok.text());
        } catch (IllegalArgumentException e) {
            throw t.error(tok, "invalid time '" + tok.text() + "'");
        }
    }

    private long parseTime(Token tok) {
        return parseTime(t, tok);
    }

    /**
     * Loads a value into {@code reg} for a statement argument: a constant (immediate) or an expression
     * (a field load, optionally through a map, or with a bitwise operation).
     */
    private SetDef valueExpr(int reg, Datatype type, int bytes, Token first) {
        if (first.isWord() && isExpressionStart(first) && !(type.kind() == Datatype.Kind.SYMBOLIC
                && type.symbolValue(first.text()).isPresent())) {
            List<Operand> src = lhsParts();
            if (t.at("map")) {
                t.next();
                int keyReg = regNext;
                // nft loads the key into the data register when the data is not a verdict
                regNext = internal(reg);
                loadAll(src);
                regNext = Math.max(regNext, keyReg);
                if (natRange && (type == Datatype.IPV4_ADDR || type == Datatype.IPV6_ADDR) && !t.at("@")
                        && anonRangeDataAhead()) {
                    // address ranges or prefixes as data: an interval map, each datum start . end
                    return mapLookup(src, reg, reg, false, Optional.of(new SetDef.Part(type, 2 * bytes)),
                            List.of());
                }
                if (!natConcat.isEmpty() && anonConcatDataAhead()) {
                    int len = natConcat.stream().mapToInt(p -> (p.bytes() + 3) / 4 * 4).sum();
                    return mapLookup(src, reg, reg, false, Optional.of(new SetDef.Part(Datatype.INVALID, len)),
                            natConcat);
                }
                return mapLookup(src, reg, reg, false, Optional.of(new SetDef.Part(type, bytes)));
            }
            if (src.size() != 1) {
                throw t.error(first, "concatenation is only valid as a map key here");
            }
            Operand op = src.getFirst();
            dependency(op, null);
            load(op, reg);
            if (op.hostOrder() && type.endian() == io.jnetlink.nftables.proto.Endian.BIG && op.bytes() > 1) {
                out.add(Emit.hton(reg, op.bytes(), op.bytes()));
            }
            while (t.at("lshift") || t.at("rshift") || t.at("<<") || t.at(">>")) {
                // `meta mark set meta mark lshift 1`: a shift bitwise on the loaded value
                boolean left = t.peek().is("lshift") || t.peek().is("<<");
                t.next();
                int n = (int) t.number("shift");
                out.add(left ? Emit.lshift(reg, op.bytes(), n) : Emit.rshift(reg, op.bytes(), n));
            }
            if (t.at("|") || t.at("&") || t.at("^") || t.at("or") || t.at("and") || t.at("xor")) {
                // a chain of boolean operations (C precedence: & before ^ before |) folds into one bitwise:
                // (x & mask) ^ xor; constants combine among themselves first
                List<String> ops = new ArrayList<>();
                List<BigInteger> vals = new ArrayList<>();
                while (t.at("|") || t.at("&") || t.at("^") || t.at("or") || t.at("and") || t.at("xor")) {
                    String o = switch (t.next().text()) {
                        case "|", "or" -> "|";
                        case "&", "and" -> "&";
                        default -> "^";
                    };
                    ops.add(o);
                    vals.add(Values.num(op, parseValueTok(op, t.next())));
                }
                // fold higher-precedence constant pairs: x ^ a & b -> x ^ (a & b)
                for (String level : List.of("&", "^")) {
                    for (int i = ops.size() - 1; i >= 1; i--) {
                        if (ops.get(i).equals(level) && prec(ops.get(i - 1)) < prec(level)) {
                            BigInteger v = level.equals("&") ? vals.get(i - 1).and(vals.get(i))
                                    : vals.get(i - 1).xor(vals.get(i));
                            vals.set(i - 1, v);
                            ops.remove(i);
                            vals.remove(i);
                        }
                    }
                }
                BigInteger all = BigInteger.ONE.shiftLeft(op.bytes() * 8).subtract(BigInteger.ONE);
                BigInteger mask = all;
                BigInteger xor = BigInteger.ZERO;
                for (int i = 0; i < ops.size(); i++) {
                    BigInteger n = vals.get(i);
                    switch (ops.get(i)) {
                        case "|" -> {
                            mask = mask.andNot(n);
                            xor = xor.andNot(n).or(n);
                        }
                        case "&" -> {
                            mask = mask.and(n);
                            xor = xor.and(n);
                        }
                        default -> xor = xor.xor(n);
                    }
                }
                out.add(Emit.bitwise(reg, Values.bytes(op, mask), Values.bytes(op, xor)));
            }
            return null;
        }
        Token v = t.next();
        byte[] value;
        try {
            value = Values.parse(type, (type.bits() + 7) / 8 == 0 ? bytes : Math.min(bytes, (type.bits() + 7) / 8),
                    0, bytes, v.text(), env.interfaces());
        } catch (IllegalArgumentException e) {
            throw t.error(v, "Could not parse " + type.description() + " '" + v.text() + "': " + e.getMessage());
        }
        // ct event set new,destroy: flags joined by ',' or '|'
        while (type.kind() == Datatype.Kind.BITMASK && (t.at(",") || t.at("|"))) {
            t.next();
            Token more = t.next();
            try {
                BigInteger acc = type.toBig(value).or(type.toBig(type.parse(more.text(), value.length)));
                value = type.toBytes(acc, value.length);
            } catch (IllegalArgumentException e) {
                throw t.error(more, "Could not parse " + type.description() + " '" + more.text() + "': "
                        + e.getMessage());
            }
        }
        out.add(Emit.immediate(reg, new Data.Value(value)));
        return null;
    }

    // --------------------------------------------------------------------------------------------- matches

    /** The expression being compiled, for errors that concern it as a whole (conflicting protocols). */
    private Token lhsSpan;

    private void match() {
        relationalStatement = true;
        Token start = t.peek();
        List<Operand> lhs = lhsParts();
        Token end = t.prev();
        lhsSpan = new Token(Token.Kind.WORD, "", start.line(), start.col(),
                end.line() == start.line() ? end.endCol() : start.endCol());
        // meta/ct KEY set VALUE
        if (t.at("set") && lhs.size() == 1 && lhs.getFirst().desc().equals("ct helper")) {
            // ct helper set "name": assigns a ct helper object
            t.next();
            relationalStatement = false;
            out.add(Emit.objref(3, t.name("ct helper object name").text()));
            return;
        }
        if (t.at("set") && lhs.size() == 1 && (lhs.getFirst().kind() == Operand.Kind.META
                || lhs.getFirst().kind() == Operand.Kind.CT)) {
            t.next();
            relationalStatement = false;
            Operand op = lhs.getFirst();
            int reg = alloc(op.bytes());
            valueExpr(reg, op.type(), op.bytes(), t.peek());
            out.add(op.kind() == Operand.Kind.META ? Emit.metaSet(op.key(), reg) : Emit.ctSet(op.key(), reg));
            return;
        }
        if (t.at("set") && lhs.size() == 1) {
            t.next();
            relationalStatement = false;
            Operand op = lhs.getFirst();
            if (op.kind() == Operand.Kind.EXTHDR) {
                exthdrSet(op);
            } else if (op.kind() == Operand.Kind.PAYLOAD) {
                payloadSet(op);
            } else {
                throw t.error(start, "cannot set " + op.desc());
            }
            return;
        }
        if (t.at("vmap") || t.at("map")) {
            // a verdict map is a verdict statement in nft: payload merging stops here
            relationalStatement = false;
            boolean verdict = t.next().is("vmap");
            if (!verdict) {
                throw t.error(start, "map expression is only valid as a statement argument");
            }
            int reg = regNext;
            loadAll(lhs);
            mapLookup(lhs, kreg(reg), 0, true, Optional.empty());
            regNext = reg;
            return;
        }
        if (lhs.size() == 1 && lhs.getFirst().kind() == Operand.Kind.CT && l4 < 0
                && lhs.getFirst().desc().matches("ct (proto-src|proto-dst)")) {
            // the port's type comes from the transport protocol matched before (ct protocol / meta l4proto)
            throw t.error(t.peek(), "Can't parse symbolic invalid expressions");
        }
        // binary operation on the left: tcp flags & (syn|ack) == syn
        byte[] binMask = null;
        if ((t.at("&") || t.at("and")) && lhs.size() == 1) {
            t.next();
            binMask = bitmaskValue(lhs.getFirst());
        }
        CmpOp op = null;
        boolean implicit = false;
        notFlags = false;
        Token opTok = t.peek();
        switch (opTok.text()) {
            case "==", "eq" -> op = CmpOp.EQ;
            case "!=", "ne" -> op = CmpOp.NEQ;
            case "!" -> {
                op = CmpOp.NEQ;
                notFlags = true;
            }
            case "<", "lt" -> op = CmpOp.LT;
            case ">", "gt" -> op = CmpOp.GT;
            case "<=", "le" -> op = CmpOp.LTE;
            case ">=", "ge" -> op = CmpOp.GTE;
            default -> {
                op = CmpOp.EQ;
                implicit = true;
            }
        }
        if (opTok.kind() == Token.Kind.STRING) {
            op = CmpOp.EQ;
            implicit = true;
        }
        if (!implicit) {
            t.next();
        }
        if (t.peek().isEnd()) {
            throw t.error(t.peek(), "syntax error, unexpected " + t.peek().describe() + ", expecting a value to "
                    + "compare " + lhs.getFirst().desc() + " with");
        }
        relational(lhs, op, implicit, binMask);
    }

    /**
     * {@code @nh,8,8}: a raw payload field (base ll, nh, th or ih, offset and length in bits), as nft lists
     * fields it has no name for.
     */
    private Operand rawPayload() {
        Token at = t.expect("@");
        Token b = t.word("ll, nh, th or ih");
        PayloadBase base = switch (b.text()) {
            case "ll" -> PayloadBase.LL;
            case "nh" -> PayloadBase.NETWORK;
            case "th" -> PayloadBase.TRANSPORT;
            case "ih" -> PayloadBase.INNER;
            default -> throw t.error(b, "unknown payload base '" + b.text() + "'");
        };
        t.expect(",");
        int off = (int) t.number("offset");
        t.expect(",");
        Token lt = t.peek();
        int len = (int) t.number("length");
        if (len <= 0 || len > 128) {
            throw t.error(lt, "raw payload length " + len + " is not 1..128 bits");
        }
        Protocols.Proto p = new Protocols.Proto("@" + b.text(), base == PayloadBase.LL ? Protocols.Layer.LINK
                : base == PayloadBase.NETWORK ? Protocols.Layer.NETWORK : Protocols.Layer.TRANSPORT, base, 0, 0, 0,
                Optional.empty(), java.util.Map.of());
        Protocols.Field f = new Protocols.Field(p, off + "," + len, off, len,
                Datatype.integer(len, io.jnetlink.nftables.proto.Endian.BIG), 0);
        Operand op = Operand.payload(f);
        return new Operand("@" + b.text() + "," + off + "," + len, op.kind(), op.type(), op.fieldBits(), op.bytes(),
                op.shift(), op.field(), 0, Optional.empty(), Optional.empty(), Optional.empty(), "raw");
    }

    /** The expressions after {@code typeof} in a set declaration. */
    List<Operand> typeofParts() {
        return lhsParts();
    }

    /** One element value for a declared set's key part. */
    Atom atomFor(Operand op) {
        return atom(op);
    }

    private void exthdrSet(Operand op) {
        Operand.ExthdrSpec x = (Operand.ExthdrSpec) op.spec();
        dependency(op, null);
        int reg = alloc(op.bytes());
        Token v = t.peek();
        valueExpr(reg, op.type(), op.bytes(), v);
        out.add(Emit.exthdrWrite(x.op(), x.type(), x.offset(), op.bytes(), reg));
    }

    // NFT_PAYLOAD_CSUM_* and NFT_PAYLOAD_L4CSUM_PSEUDOHDR (linux/netfilter/nf_tables.h)
    private static final int CSUM_INET = 1;
    private static final int L4CSUM_PSEUDOHDR = 1;

    /**
     * {@code ip ttl set 64}: nft writes whole 16-bit words where a checksum must be updated, and whole bytes
     * for partial fields, keeping the neighbouring bits with a mask.
     */
    private void payloadSet(Operand op) {
        Protocols.Field f = op.field().orElseThrow();
        dependency(op, null);
        String proto = f.proto().name();
        int csumType = 0;
        int csumOff = 0;
        switch (proto) {
            case "ip" -> {
                csumType = CSUM_INET;
                csumOff = 10;
            }
            case "tcp" -> {
                csumType = CSUM_INET;
                csumOff = 16;
            }
            case "udp" -> {
                csumType = CSUM_INET;
                csumOff = 6;
            }
            case "icmp", "icmpv6" -> {
                csumType = CSUM_INET;
                csumOff = 2;
            }
            default -> {
            }
        }
        int csumFlags = (proto.equals("ip") || proto.equals("ip6"))
                && (f.name().equals("saddr") || f.name().equals("daddr")) ? L4CSUM_PSEUDOHDR : 0;
        int abs = f.absOffsetBits();
        int offset = abs / 8;
        int size = op.bytes();
        if (csumType != 0 && (size % 2 == 1)) {
            size++;
            if (offset % 2 == 1) {
                offset--;
            }
        }
        int reg = alloc(size);
        Token v = t.peek();
        if (size == op.bytes() && !op.masked()) {
            valueExpr(reg, op.type(), op.bytes(), v);
        } else {
            t.next();
            byte[] value;
            try {
                value = op.type().parse(v.text(), op.valueBytes());
            } catch (IllegalArgumentException e) {
                throw t.error(v, "Could not parse " + op.type().description() + " '" + v.text() + "': "
                        + e.getMessage());
            }
            int fieldShift = (offset + size) * 8 - abs - f.lenBits();
            BigInteger fieldMask = BigInteger.ONE.shiftLeft(f.lenBits()).subtract(BigInteger.ONE).shiftLeft(fieldShift);
            BigInteger all = BigInteger.ONE.shiftLeft(size * 8).subtract(BigInteger.ONE);
            out.add(Emit.payload(f.proto().base(), offset, size, reg));
            out.add(Emit.bitwise(reg, Values.be(all.andNot(fieldMask), size),
                    Values.be(new BigInteger(1, value).shiftLeft(fieldShift), size)));
        }
        out.add(Emit.payloadWrite(f.proto().base(), offset, size, reg, csumType, csumOff, csumFlags));
    }

    /** {@code ip saddr . tcp dport}: one or more operands joined by '.'. */
    private List<Operand> lhsParts() {
        List<Operand> parts = new ArrayList<>();
        parts.add(primary());
        while (t.at(".")) {
            t.next();
            parts.add(primary());
        }
        return parts;
    }

    private Operand primary() {
        if (t.at("@")) {
            return rawPayload();
        }
        Token w = t.word("an expression");
        String s = w.text();
        if (s.equals("meta")) {
            Token k = t.word("meta key");
            // nft marks `meta KEY` and lists the keys it knows (nftables src/meta.c meta_templates order)
            return Operand.meta(Protocols.meta(k.text()).orElseThrow(() -> t.error(new Token(Token.Kind.WORD,
                    "meta " + k.text(), w.line(), w.col(), k.line() == w.line() ? k.endCol() : w.endCol()),
                    "syntax error, unexpected " + k.text() + ", known keys are " + META_KEYS)));
        }
        if (s.equals("ct")) {
            Optional<CtDirection> dir = Optional.empty();
            if (t.at("original") || t.at("reply")) {
                dir = Optional.of(t.next().is("original") ? CtDirection.ORIGINAL : CtDirection.REPLY);
            }
            Token k = t.word("ct key");
            String key = k.text();
            if ((key.equals("ip") || key.equals("ip6")) && dir.isPresent()) {
                Token a = t.word("saddr or daddr");
                boolean v4 = key.equals("ip");
                int ctKey = switch (a.text()) {
                    case "saddr" -> v4 ? 19 : 21;
                    case "daddr" -> v4 ? 20 : 22;
                    default -> throw t.error(a, "unknown ct " + key + " key '" + a.text() + "'");
                };
                Datatype at = v4 ? Datatype.IPV4_ADDR : Datatype.IPV6_ADDR;
                return Operand.ct(new Protocols.CtDef(key + " " + a.text(), ctKey, at, at.bits(), true), dir);
            }
            Protocols.CtDef def = Protocols.ct(key).orElseThrow(() -> t.error(k, "unknown ct key '" + key + "'"));
            if ((def.name().equals("saddr") || def.name().equals("daddr")) && "ip6".equals(l3)) {
                Datatype at = Datatype.IPV6_ADDR;
                def = new Protocols.CtDef(def.name(), def.key(), at, at.bits(), true);
            }
            return Operand.ct(def, dir);
        }
        if ((s.equals("rt0") && t.at("addr")) || (s.equals("srh") && t.at("sid"))) {
            // `rt0 addr[N]` / `srh sid[N]`: the N-th address of a routing header (nft lists both as srh sid),
            // 16 bytes at 8 + (N-1) * 16 (nftables src/exthdr.c)
            Token f = t.next();
            int n;
            if (t.accept("[")) {
                n = (int) t.number("index");
                t.expect("]");
            } else {
                throw t.error(t.peek(), "syntax error, unexpected " + t.peek().describe() + ", expecting '['");
            }
            if (n < 1) {
                throw t.error(f, "invalid " + s + " index " + n);
            }
            return Operand.exthdr(s + " " + f.text() + "[" + n + "]", Datatype.IPV6_ADDR, (8 + (n - 1) * 16) * 8,
                    128, new Operand.ExthdrSpec(0, 43, 0, false, "ip6"));
        }
        switch (s) {
            case "fib" -> {
                return fib(w);
            }
            case "socket" -> {
                Token k = t.word("socket key");
                return switch (k.text()) {
                    case "transparent" -> Operand.computed("socket transparent", Operand.Kind.SOCKET,
                            Datatype.integer(8, io.jnetlink.nftables.proto.Endian.HOST), 1, 0);
                    case "mark" -> Operand.computed("socket mark", Operand.Kind.SOCKET, Datatype.MARK, 4, 1);
                    case "wildcard" -> Operand.computed("socket wildcard", Operand.Kind.SOCKET,
                            Datatype.integer(8, io.jnetlink.nftables.proto.Endian.HOST), 1, 2);
                    default -> throw t.error(k, "unknown socket key '" + k.text() + "'");
                };
            }
            case "exthdr" -> {
                Token h = t.word("extension header");
                Integer type = IPV6_EXTHDRS.get(h.text());
                if (type == null) {
                    throw t.error(h, "unknown extension header '" + h.text() + "'");
                }
                Token e = t.word("exists or missing");
                if (!e.is("exists") && !e.is("missing")) {
                    throw t.error(e, "syntax error, unexpected '" + e.text() + "', expecting exists or missing");
                }
                t.reset(t.mark() - 1);
                return Operand.exthdr("exthdr " + h.text(), Datatype.BOOLEAN, 0, 8,
                        new Operand.ExthdrSpec(0, type, 0, true, "ip6"));
            }
            case "hbh", "rt", "frag", "dst", "mh" -> {
                String rtFam = l3;
                if (s.equals("rt") && (t.at("ip") || t.at("ip6")) && t.peek(1).is("nexthop")) {
                    // `rt ip nexthop` / `rt ip6 nexthop`: the family chosen explicitly
                    rtFam = t.next().text();
                }
                final String nhFam = rtFam;
                if (s.equals("rt") && (t.at("mtu") || t.at("classid") || t.at("nexthop"))) {
                    Token k = t.next();
                    return switch (k.text()) {
                        case "mtu" -> Operand.computed("rt mtu", Operand.Kind.RT, Datatype.INTEGER.withSize(16,
                                io.jnetlink.nftables.proto.Endian.HOST), 2, 3);
                        case "classid" -> Operand.computed("rt classid", Operand.Kind.RT, Datatype.REALM, 4, 0);
                        default -> Operand.computed("rt nexthop", Operand.Kind.RT,
                                "ip6".equals(nhFam) ? Datatype.IPV6_ADDR : Datatype.IPV4_ADDR,
                                "ip6".equals(nhFam) ? 16 : 4, "ip6".equals(nhFam) ? 2 : 1);
                    };
                }
                Token f = t.word(s + " field");
                int[] def = IPV6_EXTHDR_FIELDS.get(s + " " + f.text());
                if (def == null) {
                    throw t.error(f, "syntax error, unexpected '" + f.text() + "': " + s + " has no field '"
                            + f.text() + "'");
                }
                // nftables src/exthdr.c: every nexthdr field is an inet_proto, mh type an mh_type
                Datatype ft = f.is("nexthdr") ? Datatype.INET_PROTO
                        : s.equals("mh") && f.is("type") ? Datatype.MH_TYPE
                        : Datatype.integer(def[1], io.jnetlink.nftables.proto.Endian.BIG);
                return Operand.exthdr(s + " " + f.text(), ft, def[0], def[1],
                        new Operand.ExthdrSpec(0, IPV6_EXTHDRS.get(s), 0, false, "ip6"));
            }
            default -> {
            }
        }
        if (s.equals("ip") && t.at("option")) {
            // IPv4 options (nftables src/ipopt.c): NFT_EXTHDR_OP_IPV4 with the option's type number
            t.next();
            Token o = t.word("ip option");
            Integer kind = IP_OPTIONS.get(o.text());
            if (kind == null) {
                throw t.error(o, "unknown ip option '" + o.text() + "'");
            }
            if (t.at("exists") || t.at("missing")) {
                return Operand.exthdr("ip option " + o.text(), Datatype.BOOLEAN, 0, 8,
                        new Operand.ExthdrSpec(2, kind, 0, true, "ip"));
            }
            Token f = t.word("ip option field");
            int[] def = IP_OPTION_FIELDS.get((o.is("ra") ? "ra " : "") + f.text());
            if (def == null) {
                throw t.error(f, "ip option " + o.text() + " has no field '" + f.text() + "'");
            }
            return Operand.exthdr("ip option " + o.text() + " " + f.text(), Datatype.integer(def[1],
                    io.jnetlink.nftables.proto.Endian.BIG), def[0], def[1],
                    new Operand.ExthdrSpec(2, kind, 0, false, "ip"));
        }
        if (s.equals("tcp") && t.at("option")) {
            t.next();
            Token o = t.word("tcp option");
            int[] kind = TCP_OPTIONS.get(o.text());
            if (kind == null) {
                throw t.error(o, "unknown tcp option '" + o.text() + "'");
            }
            if (t.at("exists") || t.at("missing")) {
                return Operand.exthdr("tcp option " + o.text(), Datatype.BOOLEAN, 0, 8,
                        new Operand.ExthdrSpec(1, kind[0], 0, true, "tcp"));
            }
            Token f = t.word("tcp option field");
            int[] def = TCP_OPTION_FIELDS.get(o.text() + " " + f.text());
            if (def == null) {
                throw t.error(f, "tcp option " + o.text() + " has no field '" + f.text() + "'");
            }
            return Operand.exthdr("tcp option " + o.text() + " " + f.text(), Datatype.integer(def[1],
                    io.jnetlink.nftables.proto.Endian.BIG), def[0], def[1],
                    new Operand.ExthdrSpec(1, kind[0], 0, false, "tcp"));
        }
        switch (s) {
            case "__never__" -> {
            }
            case "numgen" -> {
                Token ty = t.word("inc or random");
                int type = switch (ty.text()) {
                    case "inc" -> 0;
                    case "random" -> 1;
                    default -> throw t.error(ty, "unknown numgen type '" + ty.text() + "'");
                };
                t.expect("mod");
                int mod = (int) t.number("modulus");
                int off = 0;
                if (t.accept("offset")) {
                    off = (int) t.number("offset");
                }
                return Operand.computed("numgen", Operand.Kind.NUMGEN, Datatype.INTEGER.withSize(32,
                        io.jnetlink.nftables.proto.Endian.HOST), 4, new Operand.NumgenSpec(type, mod, off));
            }
            case "jhash", "symhash" -> {
                List<Operand> src = List.of();
                if (w.is("jhash")) {
                    src = new ArrayList<>();
                    src.add(primary());
                    while (t.accept(".")) {
                        src.add(primary());
                    }
                }
                t.expect("mod");
                int mod = (int) t.number("modulus");
                OptionalInt seed = OptionalInt.empty();
                OptionalInt off = OptionalInt.empty();
                while (t.at("seed") || t.at("offset")) {
                    if (t.next().is("seed")) {
                        seed = OptionalInt.of((int) t.number("seed"));
                    } else {
                        off = OptionalInt.of((int) t.number("offset"));
                    }
                }
                return Operand.computed(s, Operand.Kind.HASH, Datatype.INTEGER.withSize(32,
                        io.jnetlink.nftables.proto.Endian.HOST), 4, new Operand.HashSpec(w.is("jhash") ? 0 : 1, src,
                        mod, seed, off));
            }
            default -> {
            }
        }
        if (Protocols.UNQUALIFIED_META.contains(s) && Protocols.meta(s).isPresent()) {
            return Operand.meta(Protocols.meta(s).get());
        }
        Optional<Protocols.Proto> p = Protocols.proto(s);
        if (p.isPresent()) {
            Token f = t.word(s + " header field");
            String fname = f.text();
            if (s.equals("arp") && (fname.equals("saddr") || fname.equals("daddr"))) {
                Token sub = t.word("ip or ether");
                fname = fname + " " + sub.text();
            }
            if (s.equals("icmpv6") && fname.equals("param-problem")) {
                // nft's keyword for the field it lists as "parameter-problem" (which its parser refuses)
                fname = "parameter-problem";
            } else if (s.equals("icmpv6") && fname.equals("parameter-problem")) {
                throw t.error(f, "syntax error, unexpected string");
            }
            Protocols.Field field = p.get().fields().get(fname);
            if (field == null) {
                throw t.error(f, "syntax error, unexpected '" + f.text() + "': " + s + " has no field '" + fname
                        + "'");
            }
            Operand payload = Operand.payload(field);
            if (f.line() == w.line()) {
                written.put(payload, new Token(Token.Kind.WORD, s + " " + fname, w.line(), w.col(), f.endCol()));
            }
            return payload;
        }
        throw t.error(w, "syntax error, unexpected '" + s + "'");
    }

    private static final int FIB_PRESENT = 0x20;

    /** IPv6 extension header numbers (nft exthdr.c). */
    /** Meta keys as nft 1.0.6 lists them when it meets an unknown one. */
    private static final String META_KEYS = "length, protocol, priority, mark, iif, oif, iifname, oifname, "
            + "iiftype, oiftype, skuid, skgid, nftrace, rtclassid, secmark, nfproto, l4proto, ibrname, obrname, "
            + "pkttype, cpu, iifgroup, oifgroup, cgroup, random, ipsec, iifkind, oifkind, ibrpvid, ibrvproto, time, "
            + "day, hour, sdif, sdifname";

    /** IPv4 option types (nftables src/ipopt.c). */
    private static final java.util.Map<String, Integer> IP_OPTIONS = java.util.Map.of("lsrr", 131, "rr", 7,
            "ssrr", 137, "ra", 148);

    /** IPv4 option fields: bit offset, bit length (ra's value is 16 bits; the route options' addr 32). */
    private static final java.util.Map<String, int[]> IP_OPTION_FIELDS = java.util.Map.of("type", new int[]{0, 8},
            "length", new int[]{8, 8}, "ptr", new int[]{16, 8}, "addr", new int[]{24, 32},
            "ra type", new int[]{0, 8}, "ra length", new int[]{8, 8}, "ra value", new int[]{16, 16});

    private static final java.util.Map<String, Integer> IPV6_EXTHDRS = java.util.Map.of("hbh", 0, "rt", 43,
            "frag", 44, "dst", 60, "mh", 135);
    /** "header field" -> offset bits, length bits (nft exthdr.c templates). */
    private static final java.util.Map<String, int[]> IPV6_EXTHDR_FIELDS = java.util.Map.ofEntries(
            java.util.Map.entry("hbh nexthdr", new int[]{0, 8}), java.util.Map.entry("hbh hdrlength", new int[]{8, 8}),
            java.util.Map.entry("rt nexthdr", new int[]{0, 8}), java.util.Map.entry("rt hdrlength", new int[]{8, 8}),
            java.util.Map.entry("rt type", new int[]{16, 8}), java.util.Map.entry("rt seg-left", new int[]{24, 8}),
            java.util.Map.entry("frag nexthdr", new int[]{0, 8}), java.util.Map.entry("frag reserved", new int[]{8, 8}),
            java.util.Map.entry("frag frag-off", new int[]{16, 13}),
            java.util.Map.entry("frag reserved2", new int[]{29, 2}),
            java.util.Map.entry("frag more-fragments", new int[]{31, 1}),
            java.util.Map.entry("frag id", new int[]{32, 32}),
            java.util.Map.entry("dst nexthdr", new int[]{0, 8}), java.util.Map.entry("dst hdrlength", new int[]{8, 8}),
            java.util.Map.entry("mh nexthdr", new int[]{0, 8}), java.util.Map.entry("mh hdrlength", new int[]{8, 8}),
            java.util.Map.entry("mh type", new int[]{16, 8}));
    /** TCP option kinds. */
    private static final java.util.Map<String, int[]> TCP_OPTIONS = java.util.Map.of("eol", new int[]{0},
            "nop", new int[]{1}, "maxseg", new int[]{2}, "window", new int[]{3}, "sack-perm", new int[]{4},
            "sack", new int[]{5}, "timestamp", new int[]{8}, "mptcp", new int[]{30});
    private static final java.util.Map<String, int[]> TCP_OPTION_FIELDS = java.util.Map.ofEntries(
            java.util.Map.entry("maxseg kind", new int[]{0, 8}), java.util.Map.entry("maxseg length", new int[]{8, 8}),
            java.util.Map.entry("maxseg size", new int[]{16, 16}),
            java.util.Map.entry("window kind", new int[]{0, 8}), java.util.Map.entry("window length", new int[]{8, 8}),
            java.util.Map.entry("window count", new int[]{16, 8}),
            java.util.Map.entry("timestamp tsval", new int[]{16, 32}),
            java.util.Map.entry("timestamp tsecr", new int[]{48, 32}));

    /** {@code fib saddr|daddr [. iif|oif|mark]... oif|oifname|type [present]}. */
    private Operand fib(Token w) {
        int flags = 0;
        do {
            Token f = t.word("fib key");
            flags |= switch (f.text()) {
                case "saddr" -> 1;
                case "daddr" -> 2;
                case "mark" -> 4;
                case "iif" -> 8;
                // a key after saddr/daddr (`fib saddr . oif type local`): NFTA_FIB_F_OIF
                case "oif" -> (flags & 3) != 0 ? 0x10 : -1;
                default -> throw t.error(f, "unknown fib key '" + f.text() + "'");
            };
            if (flags < 0) {
                throw t.error(f, "fib needs saddr or daddr first");
            }
        } while (t.accept("."));
        Token r = t.word("fib result");
        return switch (r.text()) {
            case "oif" -> Operand.computed("fib oif", Operand.Kind.FIB, Datatype.IFACE_INDEX, 4,
                    new Operand.FibSpec(1, flags));
            case "oifname" -> Operand.computed("fib oifname", Operand.Kind.FIB, Datatype.IFNAME, 16,
                    new Operand.FibSpec(2, flags));
            case "type" -> Operand.computed("fib type", Operand.Kind.FIB, Datatype.FIB_ADDR, 4,
                    new Operand.FibSpec(3, flags));
            default -> throw t.error(r, "unknown fib result '" + r.text() + "'");
        };
    }

    /** Emits dependencies and loads every operand into consecutive registers; returns nothing (regNext moves). */
    private void loadAll(List<Operand> parts) {
        for (Operand op : parts) {
            dependency(op, null);
        }
        if (parts.size() == 1) {
            load(parts.getFirst(), alloc(parts.getFirst().bytes()));
            return;
        }
        // a concatenation takes one 32-bit register per 4 bytes of each field, in sequence
        int base = regNext;
        regNext += units(parts);
        int r = base;
        for (Operand op : parts) {
            load(op, kreg(r));
            r += Math.max(1, (op.bytes() + 3) / 4);
        }
    }

    /** A payload field's dependencies, then the load of the whole bytes it lies in (no mask). */
    private void loadBytes(Operand op, int reg) {
        Protocols.Field f = op.field().orElseThrow();
        dependency(op, null);
        out.add(Emit.payload(f.proto().base(), f.absOffsetBits() / 8, op.bytes(), reg));
    }

    private void load(Operand op, int reg) {
        switch (op.kind()) {
            case PAYLOAD -> {
                loadBytes(op, reg);
                if (op.masked()) {
                    out.add(Emit.bitwise(reg, op.mask(), new byte[op.bytes()]));
                }
            }
            case META -> out.add(Emit.meta(op.key(), reg));
            case CT -> out.add(Emit.ct(op.key(), reg, op.dir()));
            case VALUE -> throw new IllegalStateException("a datatype does not load");
            case EXTHDR -> {
                Operand.ExthdrSpec x = (Operand.ExthdrSpec) op.spec();
                dependency(op, null);
                out.add(Emit.exthdrLoad(x.op(), x.type(), x.offset(), op.bytes(), x.present(), reg));
                if (op.masked()) {
                    out.add(Emit.bitwise(reg, op.mask(), new byte[op.bytes()]));
                }
            }
            case RT -> out.add(Emit.rt((Integer) op.spec(), reg));
            // NFTA_SOCKET_KEY, _DREG, _LEVEL (nf_tables.h); the expression model keeps socket raw
            case SOCKET -> out.add(new RawAttrs().u32be(1, (Integer) op.spec()).u32be(2, reg).u32be(3, 0)
                    .expr("socket"));
            case FIB -> {
                Operand.FibSpec f = (Operand.FibSpec) op.spec();
                out.add(Emit.fib(reg, f.result(), f.flags()));
            }
            case NUMGEN -> {
                Operand.NumgenSpec n = (Operand.NumgenSpec) op.spec();
                out.add(Emit.numgen(reg, n.modulus(), n.type(), n.offset()));
            }
            case HASH -> {
                Operand.HashSpec h = (Operand.HashSpec) op.spec();
                if (h.type() == 0) {
                    int save = regNext;
                    int src = regNext;
                    loadAll(h.source());
                    int len = 0;
                    for (Operand o : h.source()) {
                        len += h.source().size() == 1 ? o.bytes() : (o.bytes() + 3) / 4 * 4;
                    }
                    out.add(Emit.hash(0, OptionalInt.of(kreg(src)), OptionalInt.of(len), reg, h.modulus(), h.seed(),
                            h.offset()));
                    regNext = Math.max(save, regNext);
                } else {
                    out.add(Emit.hash(1, OptionalInt.empty(), OptionalInt.empty(), reg, h.modulus(), OptionalInt.empty(),
                            h.offset()));
                }
            }
        }
    }

    // ------------------------------------------------------------------------------------------ dependencies

    private void dependency(Operand op, Token given) {
        Token at = given != null ? given : written.get(op);
        if (op.kind() == Operand.Kind.EXTHDR) {
            Operand.ExthdrSpec x = (Operand.ExthdrSpec) op.spec();
            if (x.proto().equals("ip6") || x.proto().equals("ip")) {
                needNetwork(Protocols.proto(x.proto()).orElseThrow(), at);
            }
            // tcp options need no dependency: the kernel checks the protocol itself
            return;
        }
        if (op.kind() != Operand.Kind.PAYLOAD || "raw".equals(op.spec())) {
            return;
        }
        Protocols.Proto p = op.field().orElseThrow().proto();
        switch (p.layer()) {
            case LINK -> needLink(p);
            case NETWORK -> needNetwork(p, at);
            case TRANSPORT -> {
                needTransport(p, at);
                String fn = op.field().get().name();
                boolean icmp = p.name().equals("icmp") || p.name().equals("icmpv6");
                if (icmp && !echoKnown && (fn.equals("id") || fn.equals("sequence"))) {
                    if (icmpTypeMatched != null) {
                        throw t.error(at, "incompatible icmp match: rule has " + icmpTypeMatched + ", need "
                                + (p.name().equals("icmp") ? 8 : 128));
                    }
                    echoDependency(p);
                }
                int type = io.jnetlink.nftables.proto.Protocols.icmpTypeOf(p.name(), fn);
                if (type >= 0 && icmpTypeMatched != null && icmpTypeMatched != type) {
                    throw t.error(at, "incompatible icmp match: rule has " + icmpTypeMatched + ", need " + type);
                }
                if (type >= 0 && icmpTypeMatched == null) {
                    icmpTypeDependency(p, type);
                }
            }
        }
    }

    /** The field exists for one ICMP type only: nft first matches the type ({@code cmp eq}), as its own statement. */
    private void icmpTypeDependency(Protocols.Proto p, int type) {
        icmpTypeMatched = type;
        out.add(Emit.payload(p.base(), 0, 1, DEP_REG));
        out.add(Emit.cmp(DEP_REG, CmpOp.EQ, new byte[]{(byte) type}));
    }

    /** {@code icmp id} only exists in echo messages: nft first matches the type against echo request/reply. */
    private void echoDependency(Protocols.Proto p) {
        echoKnown = true;
        Operand type = Operand.payload(p.fields().get("type"));
        int reg = 1;
        load(type, kreg(reg));
        boolean v4 = p.name().equals("icmp");
        List<Elem> elems = new ArrayList<>();
        for (int v : v4 ? new int[]{8, 0} : new int[]{128, 129}) {
            elems.add(new Elem(List.of(new Atom(new byte[]{(byte) v}, null, -1, false)), null, OptionalLong.empty(),
                    Optional.empty(), null));
        }
        AnonSet s = anonSet(List.of(type), elems, Optional.empty(), false);
        out.add(Emit.lookup(kreg(reg), s.name, OptionalInt.of(s.id), OptionalInt.empty(), false));
    }

    private void needLink(Protocols.Proto p) {
        // dependencies are statements of their own placed before this one: they always use NFT_REG_1
        if (!etherKnown) {
            out.add(Emit.meta(8, DEP_REG));
            out.add(Emit.cmp(DEP_REG, CmpOp.EQ, Datatype.IFACE_TYPE.toBytes(1, 2)));
            etherKnown = true;
        }
        if (p.name().equals("vlan") && !vlanKnown) {
            out.add(Emit.payload(PayloadBase.LL, 12, 2, DEP_REG));
            out.add(Emit.cmp(DEP_REG, CmpOp.EQ, Values.be(BigInteger.valueOf(0x8100), 2)));
            mergeable(Protocols.proto("ether").orElseThrow().fields().get("type"), 2,
                    Values.be(BigInteger.valueOf(0x8100), 2), DEP_REG);
            vlanKnown = true;
        }
    }

    private static final int DEP_REG = 1;

    private void needNetwork(Protocols.Proto p, Token at) {
        if (p.name().equals(l3)) {
            return;
        }
        Family f = env.family();
        if (f == Family.IP || f == Family.IP6 || f == Family.ARP || l3 != null) {
            Token pos = at != null ? at : lhsSpan != null ? lhsSpan : t.peek();
            throw t.error(pos, "conflicting protocols specified: " + (l3 == null ? f.nftName() : l3) + " vs. "
                    + p.name());
        }
        if (f == Family.INET) {
            out.add(Emit.meta(15, DEP_REG));
            out.add(Emit.cmp(DEP_REG, CmpOp.EQ, new byte[]{(byte) (p.name().equals("ip") ? 2 : 10)}));
        } else {
            out.add(Emit.meta(1, DEP_REG));
            out.add(Emit.cmp(DEP_REG, CmpOp.EQ, Values.be(BigInteger.valueOf(p.number()), 2)));
        }
        l3 = p.name();
    }

    private void needTransport(Protocols.Proto p, Token at) {
        if (p.name().equals("th") || l4 == p.number()) {
            // an explicit meta l4proto match is the whole dependency (no meta nfproto added in inet)
            return;
        }
        if (p.needs().isPresent()) {
            Family f = env.family();
            if (f == Family.INET || f == Family.BRIDGE || f == Family.NETDEV) {
                needNetwork(Protocols.proto(p.needs().get()).orElseThrow(), at);
            }
        }
        if (l4 == p.number()) {
            return;
        }
        if (l4 >= 0) {
            Token pos = at != null ? at : lhsSpan != null ? lhsSpan : t.peek();
            throw t.error(pos, "conflicting protocols specified: " + protoName(l4) + " vs. " + p.name());
        }
        out.add(Emit.meta(16, DEP_REG));
        out.add(Emit.cmp(DEP_REG, CmpOp.EQ, new byte[]{(byte) p.number()}));
        l4 = p.number();
    }

    private static String protoName(int number) {
        for (String n : List.of("tcp", "udp", "udplite", "sctp", "dccp", "icmp", "icmpv6", "igmp", "esp", "ah",
                "comp")) {
            if (Protocols.proto(n).orElseThrow().number() == number) {
                return n;
            }
        }
        return Integer.toString(number);
    }

    /** Records what an explicit match establishes: {@code meta l4proto tcp}, {@code ip protocol udp}, ... */
    private void learn(Operand op, byte[] value) {
        String d = op.desc();
        switch (d) {
            case "meta l4proto", "ip protocol", "ip6 nexthdr", "ct protocol" -> l4 = value[0] & 0xff;
            case "meta nfproto" -> l3 = (value[0] & 0xff) == 2 ? "ip" : (value[0] & 0xff) == 10 ? "ip6" : l3;
            case "meta protocol", "ether type" -> {
                int et = ((value[0] & 0xff) << 8) | (value[1] & 0xff);
                if (d.equals("ether type") && et == 0x8100) {
                    vlanKnown = true;
                } else if (et == 0x0800) {
                    l3 = "ip";
                } else if (et == 0x86dd) {
                    l3 = "ip6";
                } else if (et == 0x0806) {
                    l3 = "arp";
                }
            }
            case "meta iiftype" -> etherKnown = true;
            case "icmp type" -> {
                echoKnown |= value[0] == 8 || value[0] == 0;
                icmpTypeMatched = value[0] & 0xff;
            }
            case "icmpv6 type" -> {
                echoKnown |= (value[0] & 0xff) == 128 || (value[0] & 0xff) == 129;
                icmpTypeMatched = value[0] & 0xff;
            }
            default -> {
            }
        }
    }

    // ------------------------------------------------------------------------------------------ registers

    /**
     * Allocates a register as nft's get_register does: a whole 16-byte register for a single value (its
     * size does not matter), returns the kernel register number.
     */
    private int alloc(int bytes) {
        int r = regNext;
        regNext += 4;
        return kreg(r);
    }

    /** nft's netlink_put_register: 16-byte register numbers where aligned, else NFT_REG32_xx. */
    private static int kreg(int internal) {
        int r = internal - 1;
        return r % 4 == 0 ? 1 + r / 4 : 8 + r;
    }

    private static int internal(int kreg) {
        return kreg >= 8 ? kreg - 8 + 1 : (kreg - 1) * 4 + 1;
    }

    // ------------------------------------------------------------------------------------------ relational

    /** The value after {@code &} on the left: a value or a parenthesised / '|' list of flags. */
    private byte[] bitmaskValue(Operand op) {
        BigInteger acc = BigInteger.ZERO;
        boolean paren = t.accept("(");
        do {
            Token v = t.next();
            acc = acc.or(Values.num(op, parseValueTok(op, v)));
        } while (t.accept("|") || (paren && t.accept(",")));
        if (paren) {
            t.expect(")");
        }
        return Values.bytes(op, acc);
    }

    private byte[] parseValueTok(Operand op, Token v) {
        if (v.kind() != Token.Kind.WORD && v.kind() != Token.Kind.STRING) {
            throw t.error(v, "syntax error, unexpected " + v.describe() + ", expecting a value for " + op.desc());
        }
        try {
            return Values.parse(op, v.text(), env.interfaces());
        } catch (IllegalArgumentException e) {
            throw t.error(v, "Could not parse " + op.type().description() + " '" + v.text() + "' for " + op.desc()
                    + ": " + e.getMessage());
        }
    }

    /** One element of a right-hand side: a value, a prefix or a range, in register byte order. */
    record Atom(byte[] lo, byte[] hi, int prefixLen, boolean wildcard) {
        boolean isValue() {
            return hi == null;
        }
    }

    /** Parses value | prefix | range for one operand, text from one or more tokens. */
    private Atom atom(Operand op) {
        Token first = t.peek();
        Atom a = atom0(op);
        Token last = t.prev();
        Token span = new Token(Token.Kind.WORD, "", first.line(), first.col(),
                last.line() == first.line() ? last.endCol() : first.endCol());
        return checkRange(op, a, span);
    }

    private Atom atom0(Operand op) {
        Token v = t.peek();
        if (v.is("(")) {
            return new Atom(bitmaskValue(op), null, -1, false);
        }
        t.next();
        if (v.kind() != Token.Kind.WORD && v.kind() != Token.Kind.STRING) {
            throw t.error(v, "syntax error, unexpected " + v.describe() + ", expecting a value for " + op.desc());
        }
        String s = v.text();
        if (v.kind() == Token.Kind.STRING) {
            byte[] b = parseValueTok(op, v);
            if (t.at("-") && op.type().kind() != Datatype.Kind.STRING) {
                t.next();
                return new Atom(b, parseValueTok(op, t.next()), -1, false);
            }
            return new Atom(b, null, -1, op.type().kind() == Datatype.Kind.STRING && s.endsWith("*"));
        }
        // prefix
        int slash = s.indexOf('/');
        if (slash > 0 && op.type().kind() != Datatype.Kind.STRING) {
            byte[] net = Values.be(Values.num(op, parseValueTok(op, new Token(v.kind(), s.substring(0, slash),
                    v.line(), v.col(), v.col() + slash - 1))), op.bytes());
            int plen;
            try {
                plen = Integer.parseInt(s.substring(slash + 1));
            } catch (NumberFormatException e) {
                if (s.endsWith("/") && t.peek().kind() != Token.Kind.EOF) {
                    // `10.0.0.1/ drop`: nft's parser wants the length and stops at the next token
                    throw t.error(t.peek(), "syntax error, unexpected " + t.peek().describe());
                }
                throw t.error(v, "invalid prefix length in '" + s + "'");
            }
            int bits = op.bytes() * 8;
            if (plen < 0 || plen > bits) {
                throw t.error(v, "prefix length " + plen + " is invalid for " + op.desc());
            }
            BigInteger n = new BigInteger(1, net);
            BigInteger host = BigInteger.ONE.shiftLeft(bits - plen).subtract(BigInteger.ONE);
            return new Atom(Values.be(n.andNot(host), op.bytes()), Values.be(n.or(host), op.bytes()), plen, false);
        }
        // a value; failing that, a range
        IllegalArgumentException first;
        try {
            byte[] b = Values.parse(op, s, env.interfaces());
            if (t.at("-")) {
                t.next();
                Token hiTok = t.next();
                return new Atom(b, parseValueTok(op, hiTok), -1, false);
            }
            if (op.type().kind() == Datatype.Kind.BITMASK && t.at("|")) {
                BigInteger acc = Values.num(op, b);
                while (t.accept("|")) {
                    acc = acc.or(Values.num(op, parseValueTok(op, t.next())));
                }
                return new Atom(Values.bytes(op, acc), null, -1, false);
            }
            return new Atom(b, null, -1, op.type().kind() == Datatype.Kind.STRING && s.endsWith("*"));
        } catch (IllegalArgumentException e) {
            first = e;
        }
        if (op.type().kind() == Datatype.Kind.BITMASK && (s.contains(",") || s.contains("|"))) {
            BigInteger acc = BigInteger.ZERO;
            for (String part : s.split("[,|]")) {
                acc = acc.or(Values.num(op, parseValueTok(op, v.withText(part))));
            }
            return new Atom(Values.bytes(op, acc), null, -1, false);
        }
        for (int i = s.indexOf('-'); i > 0; i = s.indexOf('-', i + 1)) {
            try {
                byte[] lo = Values.parse(op, s.substring(0, i), env.interfaces());
                byte[] hi = Values.parse(op, s.substring(i + 1), env.interfaces());
                return new Atom(lo, hi, -1, false);
            } catch (IllegalArgumentException next) {
                // try the next dash
            }
        }
        throw t.error(v, "Could not parse " + op.type().description() + " '" + s + "' for " + op.desc() + ": "
                + first.getMessage());
    }

    /** nft refuses ranges whose end is below their start. */
    private Atom checkRange(Operand op, Atom a, Token at) {
        if (!a.isValue() && a.prefixLen() < 0) {
            BigInteger lo = Values.num(op, a.lo());
            BigInteger hi = Values.num(op, a.hi());
            if (hi.compareTo(lo) < 0) {
                throw t.error(at, "Range has zero or negative size");
            }
        }
        return a;
    }

    private void relational(List<Operand> lhs, CmpOp op, boolean implicit, byte[] binMask) {
        boolean neq = op == CmpOp.NEQ;
        if (t.at("{")) {
            List<Elem> elems = setElements(lhs, Optional.empty(), false);
            if (elems.size() == 1 && elems.getFirst().data == null && lhs.size() == 1 && binMask == null) {
                // nft turns a one-element anonymous set into a plain comparison
                Atom a = elems.getFirst().key.getFirst();
                single(lhs.getFirst(), op, implicit, a, null);
                return;
            }
            int reg = regNext;
            loadAll(lhs);
            if (binMask != null) {
                out.add(Emit.bitwise(kreg(reg), binMask, new byte[binMask.length]));
            }
            if (!neq && lhs.size() == 1 && lhs.getFirst().desc().matches("icmp(v6)? type")) {
                echoKnown = true;
            }
            AnonSet s = anonSet(lhs, elems, Optional.empty(), false);
            hostToBig(lhs, kreg(reg), s.interval);
            out.add(Emit.lookup(kreg(reg), s.name, OptionalInt.of(s.id), OptionalInt.empty(), neq));
            return;
        }
        if (t.at("@")) {
            t.next();
            Token n = t.name("set name");
            SetDef def = env.set(n.text()).orElseThrow(() -> t.error(n, "Could not process rule: No such file or "
                    + "directory (set '" + n.text() + "' does not exist in table " + env.family() + " "
                    + env.table() + ")"));
            checkKeyType(lhs, def, n, false);
            int reg = regNext;
            loadAll(lhs);
            if (binMask != null) {
                out.add(Emit.bitwise(kreg(reg), binMask, new byte[binMask.length]));
            }
            unshift(lhs, kreg(reg));
            hostToBig(lhs, kreg(reg), def.isInterval());
            out.add(Emit.lookup(kreg(reg), def.name(), OptionalInt.empty(), OptionalInt.empty(), neq));
            return;
        }
        if (lhs.size() > 1) {
            throw t.error(lhsSpan != null ? lhsSpan : t.peek(),
                    "Use concatenations with sets and maps, not singleton values");
        }
        Operand o = lhs.getFirst();
        if (t.peek().isWord() || t.peek().kind() == Token.Kind.STRING) {
            // ip saddr 10.0.0.0/8 . 22: a concatenated constant against a single field
            int m = t.mark();
            Token first = t.peek();
            boolean concat;
            Token last;
            try {
                atom(o);
                last = t.prev();
                concat = t.at(".");
            } catch (CompileException notAValue) {
                // exists/missing and other keywords: handled below
                last = first;
                concat = false;
            }
            t.reset(m);
            if (concat) {
                // nft marks the value itself (the address of a prefix)
                int slash = first == last ? first.text().indexOf('/') : -1;
                int end = slash > 0 ? first.col() + slash - 1 : last.endCol();
                throw t.error(new Token(Token.Kind.WORD, "", first.line(), first.col(), end),
                        "Use concatenations with sets and maps, not singleton values");
            }
        }
        if (o.kind() == Operand.Kind.EXTHDR && (t.at("missing") || t.at("exists"))) {
            boolean exists = t.next().is("exists");
            dependency(o, null);
            int r = alloc(1);
            load(o, r);
            out.add(Emit.cmp(r, op, new byte[]{(byte) (exists ? 1 : 0)}));
            return;
        }
        if (o.kind() == Operand.Kind.FIB && (t.at("missing") || t.at("exists"))) {
            boolean exists = t.next().is("exists");
            Operand.FibSpec f = (Operand.FibSpec) o.spec();
            int r = alloc(4);
            out.add(Emit.fib(r, f.result(), f.flags() | FIB_PRESENT));
            out.add(Emit.cmp(r, op == CmpOp.NEQ ? CmpOp.NEQ : CmpOp.EQ, SetEncoding.u32(exists ? 1 : 0)));
            return;
        }
        Atom a = atom(o);
        // comma-separated flags: ct state established,related
        if (a.isValue() && (t.at(",") || t.at("|")) && o.type().kind() == Datatype.Kind.BITMASK) {
            BigInteger acc = Values.num(o, a.lo);
            while (t.accept(",") || t.accept("|")) {
                acc = acc.or(Values.num(o, atom(o).lo));
            }
            a = new Atom(Values.bytes(o, acc), null, -1, false);
        }
        // value / mask: tcp flags syn / syn,ack
        if (a.isValue() && t.at("/") && binMask == null) {
            t.next();
            BigInteger m = Values.num(o, atom(o).lo);
            while (t.accept(",") || t.accept("|")) {
                m = m.or(Values.num(o, atom(o).lo));
            }
            single(o, op, false, a, Values.bytes(o, m));
            return;
        }
        single(o, op, implicit, a, binMask);
    }

    /** {@code tcp flags ! syn,ack}: none of the flags set. */
    private boolean notFlags;

    /**
     * {@code ip dscp & 0x8 == 0x8} on a field that does not fill its bytes: nft masks the field, shifts it down to
     * bit 0 and applies the user's mask and value unshifted ({@code & 0xfc, >> 2, & 0x08, cmp 0x08}); a field that
     * already ends at bit 0 gets the user's mask alone ({@code ip ecn & 1 == 1}: {@code & 0x01, cmp 0x01}).
     * {@code mask} and {@code value} arrive in the field's position in the register. The compare is as wide as
     * the field needs: {@code ip6 dscp} (6 bits in 2 bytes) compares one byte, as nft 1.0.6 does.
     */
    private void subByteBinop(Operand o, CmpOp op, byte[] value, byte[] mask, int r) {
        loadBytes(o, r);
        int shift = o.shift();
        if (shift == 0) {
            out.add(Emit.bitwise(r, mask, new byte[mask.length]));
        } else {
            out.add(Emit.bitwise(r, o.mask(), new byte[o.bytes()]));
            out.add(Emit.rshift(r, o.bytes(), shift));
            out.add(Emit.bitwise(r, shiftedDown(mask, shift), new byte[mask.length]));
        }
        // nft compares as many bytes as the field's own width needs (the first of a wider register, as nft does)
        int n = shift == 0 ? value.length : (o.fieldBits() + 7) / 8;
        out.add(Emit.cmp(r, op, Values.be(new BigInteger(1, value).shiftRight(shift), n)));
    }

    private static byte[] shiftedDown(byte[] v, int shift) {
        return Values.be(new BigInteger(1, v).shiftRight(shift), v.length);
    }

    private void single(Operand o, CmpOp op, boolean implicit, Atom a, byte[] binMask) {
        if (o.desc().equals("meta protocol") && op == CmpOp.EQ && a.isValue() && binMask == null
                && (env.family() == Family.IP && Arrays.equals(a.lo, new byte[]{8, 0})
                || env.family() == Family.IP6 && Arrays.equals(a.lo, new byte[]{(byte) 0x86, (byte) 0xdd}))) {
            // the family already implies it: nft drops the match
            return;
        }
        dependency(o, null);
        int reg = regNext;
        if (a.isValue()) {
            if (a.wildcard) {
                out.add(Emit.meta(o.key(), kreg(reg)));
                out.add(Emit.cmp(kreg(reg), op, a.lo));
                return;
            }
            int r = alloc(o.bytes());
            if (binMask != null && o.kind() == Operand.Kind.PAYLOAD && o.masked()) {
                subByteBinop(o, op, a.lo, binMask, r);
                return;
            }
            load(o, r);
            if (binMask != null) {
                out.add(Emit.bitwise(r, binMask, new byte[binMask.length]));
                out.add(Emit.cmp(r, op, a.lo));
            } else if (notFlags) {
                out.add(Emit.bitwise(r, a.lo, new byte[a.lo.length]));
                out.add(Emit.cmp(r, CmpOp.EQ, new byte[a.lo.length]));
            } else if (implicit && (o.type().kind() == Datatype.Kind.BITMASK
                    || o.type().kind() == Datatype.Kind.CT_LABEL)) {
                // `ct state new`, `ct label 1`: any of the bits set
                out.add(Emit.bitwise(r, a.lo, new byte[a.lo.length]));
                out.add(Emit.cmp(r, CmpOp.NEQ, new byte[a.lo.length]));
            } else if (op != CmpOp.EQ && op != CmpOp.NEQ && o.hostOrder() && o.bytes() > 1) {
                // ordering compares bytes: nft turns host-order values big-endian first
                out.add(Emit.hton(r, o.bytes(), o.bytes()));
                out.add(Emit.cmp(r, op, Values.reverse(a.lo)));
            } else {
                out.add(Emit.cmp(r, op, a.lo));
                if (op == CmpOp.EQ && o.kind() == Operand.Kind.PAYLOAD && !o.masked()) {
                    mergeable(o.field().orElseThrow(), o.bytes(), a.lo, r);
                }
            }
            if (op == CmpOp.EQ && binMask == null) {
                learn(o, a.lo);
            }
            return;
        }
        boolean neq = op == CmpOp.NEQ;
        if (a.prefixLen >= 0 && !o.masked()) {
            Protocols.Field f = o.field().orElse(null);
            if (a.prefixLen % 8 == 0 && f == null && a.prefixLen > 0 && !o.hostOrder()) {
                // ct original ip saddr 10.0.0.0/8: nft compares only the prefix bytes of the register
                int r = alloc(o.bytes());
                load(o, r);
                out.add(Emit.cmp(r, op, Arrays.copyOf(a.lo, a.prefixLen / 8)));
                return;
            }
            if (a.prefixLen % 8 == 0 && f != null && a.prefixLen > 0) {
                // byte-aligned prefix: nft loads only the prefix bytes
                int n = a.prefixLen / 8;
                int r = alloc(n);
                out.add(Emit.payload(f.proto().base(), f.absOffsetBits() / 8, n, r));
                out.add(Emit.cmp(r, op, Arrays.copyOf(a.lo, n)));
                return;
            }
            int r = alloc(o.bytes());
            load(o, r);
            BigInteger mask = BigInteger.ONE.shiftLeft(o.bytes() * 8).subtract(BigInteger.ONE)
                    .shiftRight(a.prefixLen).not().and(BigInteger.ONE.shiftLeft(o.bytes() * 8)
                            .subtract(BigInteger.ONE));
            // prefix atoms are big-endian numbers; host-order keys (ct mark 0x00010000/16) compare in host order
            out.add(Emit.bitwise(r, Values.bytes(o, mask), new byte[o.bytes()]));
            out.add(Emit.cmp(r, op, Values.bytes(o, new BigInteger(1, a.lo))));
            return;
        }
        // range
        int r = alloc(o.bytes());
        load(o, r);
        byte[] lo = a.lo;
        byte[] hi = a.hi;
        if (o.hostOrder() && o.bytes() > 1) {
            out.add(Emit.hton(r, o.bytes(), o.bytes()));
            lo = Values.reverse(lo);
            hi = Values.reverse(hi);
        }
        if (neq) {
            out.add(Emit.range(r, true, lo, hi));
        } else {
            out.add(Emit.cmp(r, CmpOp.GTE, lo));
            out.add(Emit.cmp(r, CmpOp.LTE, hi));
        }
    }

    /** nft refuses a set or map whose key type differs from the expression looked up in it. */
    private void checkKeyType(List<Operand> lhs, SetDef def, Token at, boolean map) {
        List<Integer> want = def.key().stream().map(p -> p.type().number()).toList();
        List<Integer> have = lhs.stream().map(o -> o.type().number()).toList();
        if (!want.equals(have) && want.size() == have.size() && def.key().stream().allMatch(p -> p.type()
                .number() != Datatype.INTEGER.number())) {
            String w = String.join(" . ", def.key().stream().map(p -> p.type().description()).toList());
            String h = String.join(" . ", lhs.stream().map(o -> o.type().description()).toList());
            throw t.error(at, map ? "datatype mismatch, map expects " + w + ", mapping expression has type " + h
                    : "datatype mismatch, expected " + w + ", expression has type " + h);
        }
    }

    private static int prec(String op) {
        return switch (op) {
            case "&" -> 3;
            case "^" -> 2;
            default -> 1;
        };
    }

    /** Named sets hold partial fields unshifted ({@code typeof ip dscp}): nft shifts the loaded value right. */
    private void unshift(List<Operand> lhs, int reg) {
        if (lhs.size() == 1 && lhs.getFirst().masked() && lhs.getFirst().shift() > 0) {
            out.add(Emit.rshift(reg, lhs.getFirst().bytes(), lhs.getFirst().shift()));
        }
    }

    /** Interval lookups on host-order keys compare big-endian: nft converts the register first. */
    private void hostToBig(List<Operand> lhs, int reg, boolean interval) {
        if (interval && lhs.size() == 1 && lhs.getFirst().hostOrder() && lhs.getFirst().bytes() > 1) {
            int n = lhs.getFirst().bytes();
            out.add(Emit.hton(reg, n, n));
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] r = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }

    // ------------------------------------------------------------------------------------------ maps, sets

    /** An element of a set literal: key atoms (one per concatenated field), optional map data. */
    static final class Elem {
        final List<Atom> key;
        final Data data;
        String objRef;
        /** The remaining time of an element with a timeout ({@code expires 30m}), in milliseconds. */
        OptionalLong expires = OptionalLong.empty();
        final OptionalLong timeout;
        final Optional<String> comment;
        final Token at;

        Elem(List<Atom> key, Data data, OptionalLong timeout, Optional<String> comment, Token at) {
            this.key = key;
            this.data = data;
            this.timeout = timeout;
            this.comment = comment;
            this.at = at;
        }
    }

    /** Data parts a nat statement accepts from an anonymous map (address . port), empty elsewhere. */
    private List<SetDef.Part> natConcat = List.of();

    /** In a nat statement: anonymous map data may be address ranges or prefixes. */
    private boolean natRange;

    /** At {@code { k : d, ...}}: whether some element's data is a prefix or a range (a nat interval map). */
    private boolean anonRangeDataAhead() {
        return anonDataAhead(false, k -> k.is("-") || k.is("/")
                || k.isWord() && (k.text().contains("/") || k.text().indexOf('-') > 0));
    }

    /** At {@code { k : a . b, ...}}: whether the first element's data is a concatenation. */
    private boolean anonConcatDataAhead() {
        return anonDataAhead(true, k -> k.is("."));
    }

    /**
     * Looks ahead, without consuming, through an anonymous map {@code { k : d, ... }} at the cursor: whether a
     * token of some element's data (of the first element's only, with {@code firstOnly}) satisfies {@code hit}.
     */
    private boolean anonDataAhead(boolean firstOnly, java.util.function.Predicate<Token> hit) {
        if (!t.at("{")) {
            return false;
        }
        int depth = 0;
        boolean inData = false;
        for (int i = 0; ; i++) {
            Token k = t.peek(i);
            if (k.kind() == Token.Kind.EOF) {
                return false;
            }
            if (k.is("{")) {
                depth++;
            } else if (k.is("}")) {
                depth--;
                if (depth <= 0) {
                    return false;
                }
            } else if (depth == 1 && k.is(":")) {
                inData = true;
            } else if (depth == 1 && k.is(",")) {
                if (inData && firstOnly) {
                    return false;
                }
                inData = false;
            } else if (depth == 1 && inData && hit.test(k)) {
                return true;
            }
        }
    }

    /** {@code lhs vmap { k : verdict }} or {@code lhs map { k : v }} after the key is loaded. */
    private SetDef mapLookup(List<Operand> lhs, int keyReg, int dreg, boolean verdict,
                             Optional<SetDef.Part> dataPart) {
        return mapLookup(lhs, keyReg, dreg, verdict, dataPart, List.of());
    }

    /**
     * As above; a non-empty {@code dataConcat} means the anonymous map's data is a concatenation of those parts
     * (then a SetDef describing the anonymous map is returned, so that the caller finds its data parts).
     */
    private SetDef mapLookup(List<Operand> lhs, int keyReg, int dreg, boolean verdict,
                             Optional<SetDef.Part> dataPart, List<SetDef.Part> dataConcat) {
        if (t.at("@")) {
            t.next();
            Token n = t.name("map name");
            SetDef def = env.set(n.text()).orElseThrow(() -> t.error(n, "Could not process rule: No such file or "
                    + "directory (map '" + n.text() + "' does not exist in table " + env.family() + " "
                    + env.table() + ")"));
            checkKeyType(lhs, def, n, true);
            unshift(lhs, keyReg);
            hostToBig(lhs, keyReg, def.isInterval());
            out.add(Emit.lookup(keyReg, def.name(), OptionalInt.empty(), OptionalInt.of(dreg), false));
            return def;
        }
        List<Elem> elems = parseElements(t, env, lhs, dataPart, dataConcat, verdict, this::atom);
        AnonSet s = anonSet(lhs, elems, dataPart, verdict, dataConcat);
        hostToBig(lhs, keyReg, s.interval);
        out.add(Emit.lookup(keyReg, s.name, OptionalInt.of(s.id), OptionalInt.of(dreg), false));
        if (dataConcat.isEmpty() && !(dataPart.isPresent() && isRangeData(dataPart.get()))) {
            return null;
        }
        return new SetDef(s.name, lhs.stream().map(o -> new SetDef.Part(o.type(), o.bytes())).toList(), dataPart,
                false, NftSet.F_ANONYMOUS | NftSet.F_CONSTANT | NftSet.F_MAP, 0, dataConcat);
    }

    private static int units(List<Operand> lhs) {
        int n = 0;
        for (Operand o : lhs) {
            n += Math.max(1, (o.bytes() + 3) / 4);
        }
        return n;
    }

    /** Parses {@code { e1, e2 : d, ... }} for the given key operands. */
    private List<Elem> setElements(List<Operand> key, Optional<SetDef.Part> data, boolean verdict) {
        return parseElements(t, env, key, data, List.of(), verdict, this::atom);
    }

    /** Parses an element list; shared with set declarations and element commands. */
    static List<Elem> parseElements(Tokens t, Env env, List<Operand> key, Optional<SetDef.Part> data,
                                    List<SetDef.Part> dataConcat, boolean verdict,
                                    java.util.function.Function<Operand, Atom> atomParser) {
        return parseElements(t, env, key, data, dataConcat, verdict, atomParser, false);
    }

    /** @param keyOnly map elements may come without data (delete element) */
    static List<Elem> parseElements(Tokens t, Env env, List<Operand> key, Optional<SetDef.Part> data,
                                    List<SetDef.Part> dataConcat, boolean verdict,
                                    java.util.function.Function<Operand, Atom> atomParser, boolean keyOnly) {
        t.expect("{");
        List<Elem> elems = new ArrayList<>();
        t.skipNewlines();
        if (t.at("}")) {
            throw t.error(t.peek(), "syntax error, unexpected '}'");
        }
        while (!t.at("}")) {
            Token at = t.peek();
            if (at.is("{")) {
                // a nested set (usually a $define): its elements join this one
                elems.addAll(parseElements(t, env, key, data, dataConcat, verdict, atomParser, keyOnly));
                t.skipNewlines();
                if (!t.accept(",")) {
                    t.skipNewlines();
                    if (!t.at("}")) {
                        throw t.error(t.peek(), "syntax error, unexpected " + t.peek().describe()
                                + ", expecting comma or '}'");
                    }
                }
                t.skipNewlines();
                continue;
            }
            List<Atom> atoms = new ArrayList<>();
            for (int i = 0; i < key.size(); i++) {
                if (i > 0) {
                    t.expect(".");
                }
                Atom a = atomParser.apply(key.get(i));
                if (a.wildcard()) {
                    // "eth*" in a set: the interval of every name starting with "eth"
                    int n = key.get(i).bytes();
                    byte[] lo = Arrays.copyOf(a.lo(), n);
                    byte[] hi = Arrays.copyOf(a.lo(), n);
                    Arrays.fill(hi, a.lo().length, n, (byte) 0xff);
                    a = new Atom(lo, hi, -1, false);
                }
                atoms.add(a);
            }
            OptionalLong timeout = OptionalLong.empty();
            OptionalLong expires = OptionalLong.empty();
            Optional<String> comment = Optional.empty();
            Data d = null;
            String objRef = null;
            while (true) {
                if (t.at("timeout")) {
                    t.next();
                    timeout = OptionalLong.of(parseTime(t, t.word("timeout")));
                } else if (t.at("expires")) {
                    t.next();
                    expires = OptionalLong.of(parseTime(t, t.word("expires")));
                } else if (t.at("comment")) {
                    t.next();
                    comment = Optional.of(t.comment().text());
                } else if (t.at("counter")) {
                    // per-element state as nft lists it: the set's own statements create it again
                    t.next();
                    while (t.at("packets") || t.at("bytes")) {
                        t.next();
                        t.word("number");
                    }
                } else if (t.at("quota")) {
                    t.next();
                    parseQuota(t);
                } else if (t.at("limit")) {
                    t.next();
                    parseLimit(t);
                } else {
                    break;
                }
            }
            if ((verdict || data.isPresent()) && !(keyOnly && !t.at(":"))) {
                t.expect(":");
                if (verdict) {
                    d = verdictData(t, env);
                } else if (data.get().type() == null) {
                    objRef = t.name("object name").text();
                } else if (!dataConcat.isEmpty()) {
                    byte[] all = new byte[0];
                    for (int i = 0; i < dataConcat.size(); i++) {
                        if (i > 0) {
                            t.expect(".");
                        }
                        SetDef.Part p = dataConcat.get(i);
                        Token v = t.next();
                        try {
                            all = concat(all, Values.pad4(Values.parse(p.type(), p.bytes(), 0, p.bytes(), v.text(), env.interfaces())));
                        } catch (IllegalArgumentException e) {
                            throw t.error(v, "Could not parse " + p.type().description() + " '" + v.text() + "': "
                                    + e.getMessage());
                        }
                    }
                    d = new Data.Value(all);
                } else if (isRangeData(data.get())) {
                    d = new Data.Value(rangeDatum(t, data.get().type()));
                } else {
                    SetDef.Part p = data.get();
                    Token v = t.next();
                    try {
                        d = new Data.Value(Values.parse(p.type(), Math.min(p.bytes(), Math.max(1,
                                (p.type().bits() + 7) / 8)), 0, p.bytes(), v.text(), env.interfaces()));
                    } catch (IllegalArgumentException e) {
                        throw t.error(v, "Could not parse " + p.type().description() + " '" + v.text() + "': "
                                + e.getMessage());
                    }
                }
            }
            Elem el = new Elem(atoms, d, timeout, comment, at);
            el.objRef = objRef;
            el.expires = expires;
            elems.add(el);
            t.skipNewlines();
            if (!t.accept(",")) {
                t.skipNewlines();
                if (!t.at("}")) {
                    throw t.error(t.peek(), "syntax error, unexpected " + t.peek().describe()
                            + ", expecting comma or '}'");
                }
            }
            t.skipNewlines();
        }
        t.expect("}");
        return elems;
    }

    /** A map datum made of an address range (start . end), as nat interval maps hold them. */
    static boolean isRangeData(SetDef.Part p) {
        return p.type() != null && (p.type() == Datatype.IPV4_ADDR || p.type() == Datatype.IPV6_ADDR)
                && p.bytes() == 2 * p.type().byteLength();
    }

    /** Parses an address, prefix or range datum as start . end (each {@code len} bytes). */
    static byte[] rangeDatum(Tokens t, Datatype at) {
        Token v = t.next();
        String text = v.text();
        if (t.at("-") || t.at("/")) {
            text += t.next().text() + t.next().text();
        }
        int len = at.byteLength();
        try {
            int slash = text.indexOf('/');
            if (slash > 0) {
                byte[] a = at.parse(text.substring(0, slash), len);
                int plen = Integer.parseInt(text.substring(slash + 1));
                BigInteger host = BigInteger.ONE.shiftLeft(len * 8 - plen).subtract(BigInteger.ONE);
                BigInteger lo = new BigInteger(1, a).andNot(host);
                return concat(Values.be(lo, len), Values.be(lo.or(host), len));
            }
            for (int i = text.indexOf('-'); i > 0; i = text.indexOf('-', i + 1)) {
                try {
                    return concat(at.parse(text.substring(0, i), len), at.parse(text.substring(i + 1), len));
                } catch (IllegalArgumentException next) {
                    // try the next dash (names may contain dashes)
                }
            }
            byte[] one = at.parse(text, len);
            return concat(one, one);
        } catch (IllegalArgumentException e) {
            throw t.error(v, "Could not parse " + at.description() + " '" + text + "': " + e.getMessage());
        }
    }

    static Data.Verdict verdictData(Tokens t, Env env) {
        Token v = t.word("verdict");
        return switch (v.text()) {
            case "accept" -> Data.Verdict.accept();
            case "drop" -> Data.Verdict.drop();
            case "return" -> Data.Verdict.ret();
            case "continue" -> Data.Verdict.cont();
            case "jump", "goto" -> {
                Token c = t.name("chain name");
                if (!env.chainExists(c.text())) {
                    throw t.error(c, "Could not process rule: No such file or directory (chain '" + c.text()
                            + "' does not exist in table " + env.family() + " " + env.table() + ")");
                }
                yield v.is("jump") ? Data.Verdict.jump(c.text()) : Data.Verdict.goTo(c.text());
            }
            default -> throw t.error(v, "syntax error, unexpected '" + v.text() + "', expecting a verdict");
        };
    }

    private record AnonSet(String name, int id, boolean interval) {
    }

    private AnonSet anonSet(List<Operand> key, List<Elem> elems, Optional<SetDef.Part> data, boolean verdict) {
        return anonSet(key, elems, data, verdict, List.of());
    }

    private AnonSet anonSet(List<Operand> key, List<Elem> elems, Optional<SetDef.Part> data, boolean verdict,
                            List<SetDef.Part> dataConcat) {
        boolean rangeData = !verdict && data.isPresent() && isRangeData(data.get());
        // address ranges as data make the map an interval map, even with single keys
        boolean interval = rangeData || elems.stream().anyMatch(e -> e.key.stream().anyMatch(a -> !a.isValue()));
        boolean map = verdict || data.isPresent();
        int id = env.nextSetId();
        String name = map ? "__map%d" : "__set%d";
        List<SetDef.Part> parts = key.stream().map(o -> new SetDef.Part(o.type(), o.bytes())).toList();
        int flags = NftSet.F_ANONYMOUS | NftSet.F_CONSTANT | (interval ? NftSet.F_INTERVAL : 0)
                | (map ? NftSet.F_MAP : 0) | (interval && key.size() > 1 ? NftSet.F_CONCAT : 0);
        // nft merges overlapping and adjacent intervals of anonymous sets, never those of maps
        SetEncoding.Encoded enc;
        try {
            enc = SetEncoding.encode(parts, key.stream().map(Operand::hostOrder).toList(), elems, interval, !map, true);
        } catch (SetEncoding.Conflict c) {
            throw t.error(c.element.at != null ? c.element.at : t.prev(), c.getMessage());
        }
        // nft describes a concatenated key with typeof in maps too (not a single-field key)
        // nor a partial field (`ip dscp { ef, cs1 }`: nft's key is then a binop, which has no typeof)
        boolean noTypeof = key.size() < 2 && (map || key.getFirst().masked());
        Userdata ud = SetEncoding.userdata(parts, noTypeof ? Optional.empty() : Optional.of(key), data,
                verdict, verdict ? Optional.of(List.of()) : Optional.empty(), Optional.empty());
        if (key.size() == 1 && key.getFirst().kind() == Operand.Kind.META && key.getFirst().key() == 16) {
            // nft takes the key byte order from the expression: meta l4proto is host order (src/meta.c) although
            // its datatype, inet_proto, is big endian
            ud = ud.with(NftSet.UDATA_KEYBYTEORDER, SetEncoding.u32(1));
        }
        if (interval && !map) {
            // nft marks every anonymous interval set NFTNL_UDATA_SET_MERGE_ELEMENTS (it merged them)
            ud = ScriptCompiler.withMerge(ud);
        }
        if (rangeData) {
            // NFTNL_UDATA_SET_DATA_INTERVAL: each datum is a start . end pair
            ud = ud.with(NftSet.UDATA_DATA_INTERVAL, SetEncoding.u32(1));
        }
        int dataType = dataConcat.isEmpty() ? data.map(p -> p.type().number()).orElse(0)
                : Datatype.concatPack(dataConcat.stream().map(p -> p.type().number()).toList());
        NftSet set = new NftSet(env.family(), env.table(), name, flags, SetEncoding.keySpec(parts),
                verdict ? Optional.of(new DataSpec(DataSpec.VERDICT, 0))
                        : data.map(p -> new DataSpec(dataType, p.bytes())),
                OptionalInt.empty(), OptionalLong.empty(), OptionalInt.empty(), OptionalInt.empty(),
                OptionalInt.of(enc.size()), interval && key.size() > 1 ? parts.stream().map(SetDef.Part::bytes)
                .toList() : List.of(), ud, List.of(), OptionalInt.of(id), OptionalLong.empty());
        env.emit(new Op.AddSet(set, false));
        env.emit(new Op.AddElements(new SetElements(env.family(), env.table(), name, OptionalInt.of(id),
                enc.elements()), false));
        return new AnonSet(name, id, interval);
    }

}
