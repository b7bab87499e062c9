package io.jnetlink.nftables.lang;

import io.jnetlink.nftables.Op;
import io.jnetlink.nftables.expr.Expr;
import io.jnetlink.nftables.model.Chain;
import io.jnetlink.nftables.model.DataSpec;
import io.jnetlink.nftables.model.Family;
import io.jnetlink.nftables.model.Flowtable;
import io.jnetlink.nftables.model.Hook;
import io.jnetlink.nftables.model.NftSet;
import io.jnetlink.nftables.model.Rule;
import io.jnetlink.nftables.model.Ruleset;
import io.jnetlink.nftables.model.SetElements;
import io.jnetlink.nftables.model.StatefulObject;
import io.jnetlink.nftables.model.Table;
import io.jnetlink.nftables.model.Userdata;
import io.jnetlink.nftables.proto.Datatype;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses a whole script (ruleset file or commands) and produces operations in nft's order: each command
 * in turn; a table block expands into the table, then its chains, objects, sets (with their elements),
 * flowtables, and last its rules. Declarations are recorded in a first pass so that rules, compiled last,
 * can reference sets and chains declared anywhere in the script.
 */
final class ScriptCompiler {

    private record TableKey(Family family, String name) {
    }

    /** What is known of one table: its chains and sets (from the script, or the existing ruleset). */
    private static final class TableInfo {
        final Set<String> chains = new LinkedHashSet<>();
        /** Existing sets, objects and flowtables by handle, for {@code delete set T handle N}. */
        final Map<Long, String> setHandles = new HashMap<>();
        final Map<Long, String> objectHandles = new HashMap<>();
        final Map<Long, String> flowtableHandles = new HashMap<>();
        /** Chains of the existing ruleset, for {@code add chain ... { policy drop; }} on a base chain. */
        final Map<String, Chain> existingChains = new HashMap<>();
        final Map<String, SetDef> sets = new HashMap<>();
        /**
         * Each known chain's rules in order, as nft's cache holds them while it evaluates the script: the
         * existing ruleset's, then those the script adds, inserts and replaces so far (a delete or a flush leaves
         * them, as it does in nft's cache). What {@code index N} counts in. A chain that is neither in the existing ruleset nor created by the script
         * has no entry.
         */
        final Map<String, List<RuleRef>> rules = new HashMap<>();
    }

    /** A rule in {@link TableInfo#rules}: the kernel's (by its handle) or one this script adds. */
    private static final class RuleRef {
        /** The kernel's handle; 0 for a rule of this script. */
        final long handle;
        /** Set for a rule the script adds by {@code replace rule}: not a place other rules can be put next to. */
        final boolean replaced;
        /** NFTA_RULE_ID, given when a later {@code index N} names this rule of the script; 0 until then. */
        int id;

        RuleRef(long handle, boolean replaced) {
            this.handle = handle;
            this.replaced = replaced;
        }
    }

    /** The last NFTA_RULE_ID given: nft numbers them 1, 2, ... in the order rules are first named by index. */
    private int ruleIds;

    private final Tokens t;
    private final Map<TableKey, TableInfo> tables = new HashMap<>();
    /** Existing tables by (family, handle as text). */
    private final Map<TableKey, String> tableHandles = new HashMap<>();

    /** Base chains declared earlier in this script ("family table chain" -> hook spec), for later policy edits. */
    private final Map<String, Chain.Base> scriptBaseChains = new HashMap<>();
    /** Operations in order; rule compilation is deferred until every declaration is known. */
    private final List<Supplier<List<Op>>> slots = new ArrayList<>();
    /** What the slots produced so far, in order (with the placeholders of {@link #mergedSets}). */
    private final List<Op> emitted = new ArrayList<>();
    /** Auto-merge sets' content and element messages, as the slots run. */
    private final AutoMerge mergedSets = new AutoMerge();
    private int setId;

    private final Interfaces interfaces;

    ScriptCompiler(Tokens t, Ruleset existing, Interfaces interfaces) {
        this.t = t;
        this.interfaces = interfaces;
        if (existing != null) {
            learnExisting(existing);
        }
    }

    // ---------------------------------------------------------------------------------------- existing

    private void learnExisting(Ruleset rs) {
        for (Table tb : rs.tables()) {
            tables.computeIfAbsent(new TableKey(tb.family(), tb.name()), k -> new TableInfo());
        }
        for (Chain c : rs.chains()) {
            TableInfo ti = tables.computeIfAbsent(new TableKey(c.family(), c.table()), k -> new TableInfo());
            ti.chains.add(c.name());
            ti.existingChains.put(c.name(), c);
            ti.rules.putIfAbsent(c.name(), new ArrayList<>());
        }
        for (Rule r : rs.rules()) {
            TableInfo ti = tables.computeIfAbsent(new TableKey(r.family(), r.table()), k -> new TableInfo());
            r.handle().ifPresent(h -> ti.rules.computeIfAbsent(r.chain(), k -> new ArrayList<>())
                    .add(new RuleRef(h, false)));
        }
        for (NftSet s : rs.sets()) {
            if (s.isAnonymous()) {
                continue;
            }
            TableInfo ti = tables.computeIfAbsent(new TableKey(s.family(), s.table()), k -> new TableInfo());
            ti.sets.put(s.name(), fromKernel(s));
            s.handle().ifPresent(h -> ti.setHandles.put(h, s.name()));
            if (s.isAutoMerge() && (s.flags() & NftSet.F_INTERVAL) != 0 && s.data().isEmpty() && s.key().type() < 64) {
                List<SetEncoding.Range> content = SetEncoding.ranges(rs.elementsOf(s), s.key().length());
                if (content != null) {
                    mergedSets.track(new AutoMerge.Key(s.family(), s.table(), s.name()), s.key().length(),
                            OptionalInt.empty(), content);
                }
            }
        }
        for (StatefulObject o : rs.objects()) {
            TableInfo ti = tables.computeIfAbsent(new TableKey(o.family(), o.table()), k -> new TableInfo());
            o.handle().ifPresent(h -> ti.objectHandles.put(h, o.name()));
        }
        for (Flowtable ft : rs.flowtables()) {
            TableInfo ti = tables.computeIfAbsent(new TableKey(ft.family(), ft.table()), k -> new TableInfo());
            ft.handle().ifPresent(h -> ti.flowtableHandles.put(h, ft.name()));
        }
        for (Table tb : rs.tables()) {
            tb.handle().ifPresent(h -> tableHandles.put(new TableKey(tb.family(), tb.handle().getAsLong() + ""),
                    tb.name()));
        }
    }

    private static SetDef fromKernel(NftSet s) {
        List<SetDef.Part> key = new ArrayList<>();
        int type = s.key().type();
        List<Integer> nums = type < 64 ? List.of(type) : Datatype.concatNumbers(type);
        if (nums.size() == 1) {
            Datatype dt = Datatype.of(type).orElse(Datatype.INTEGER);
            key.add(new SetDef.Part(dt, s.key().length()));
        } else {
            for (int n : nums) {
                Datatype dt = Datatype.of(n).orElse(Datatype.INTEGER);
                key.add(new SetDef.Part(dt, Math.max(1, dt.byteLength())));
            }
        }
        Optional<SetDef.Part> data = Optional.empty();
        boolean verdict = false;
        if (s.data().isPresent()) {
            DataSpec d = s.data().get();
            if (d.type() == DataSpec.VERDICT) {
                verdict = true;
            } else {
                data = Optional.of(new SetDef.Part(Datatype.of(d.type()).orElse(Datatype.INTEGER), d.length()));
            }
        }
        List<SetDef.Part> dataConcat = new ArrayList<>();
        if (s.data().isPresent() && s.data().get().type() != DataSpec.VERDICT && s.data().get().type() >= 64) {
            for (int n : Datatype.concatNumbers(s.data().get().type())) {
                Datatype dt = Datatype.of(n).orElse(Datatype.INTEGER);
                dataConcat.add(new SetDef.Part(dt, Math.max(1, dt.byteLength())));
            }
        }
        return new SetDef(s.name(), key, data, verdict, s.flags(), s.objectType().orElse(0), dataConcat);
    }

    // ---------------------------------------------------------------------------------------------- main

    List<Op> compile() {
        while (true) {
            t.skipSeparators();
            Token w = t.peek();
            if (w.kind() == Token.Kind.EOF) {
                break;
            }
            command();
        }
        for (Supplier<List<Op>> s : slots) {
            emitted.addAll(s.get());
        }
        return markDynamic(mergedSets.finish(emitted));
    }

    /**
     * nft flags a set NFT_SET_EVAL ("dynamic") when a rule of the same transaction adds or updates it from the
     * packet path.
     */
    private static List<Op> markDynamic(List<Op> ops) {
        Set<String> dyn = new java.util.HashSet<>();
        for (Op op : ops) {
            if (op instanceof Op.AddRule r) {
                for (Expr e : r.rule().exprs()) {
                    if (e instanceof io.jnetlink.nftables.expr.Dynset d) {
                        dyn.add(r.rule().family() + "/" + r.rule().table() + "/" + d.set());
                    }
                }
            }
        }
        if (dyn.isEmpty()) {
            return ops;
        }
        List<Op> out = new ArrayList<>(ops.size());
        for (Op op : ops) {
            if (op instanceof Op.AddSet a && dyn.contains(a.set().family() + "/" + a.set().table() + "/"
                    + a.set().name()) && (a.set().flags() & NftSet.F_EVAL) == 0) {
                NftSet s = a.set();
                out.add(new Op.AddSet(new NftSet(s.family(), s.table(), s.name(), s.flags() | NftSet.F_EVAL, s.key(),
                        s.data(), s.objectType(), s.timeoutMs(), s.gcIntervalMs(), s.policy(), s.size(), s.concat(),
                        s.userdata(), s.exprs(), s.id(), s.handle()), a.create()));
            } else {
                out.add(op);
            }
        }
        return out;
    }

    /**
     * Words nft 1.0.6's scanner reserves (checked one by one with {@code nft -c}): they cannot name a table,
     * chain, set or object, and neither can a quoted string.
     */
    private static final Set<String> RESERVED = Set.of("mark", "type", "comment", "handle", "flags", "table", "set",
            "map", "element", "add", "delete", "ip", "ip6", "inet", "arp", "bridge", "netdev", "tproxy", "socket", "fib",
            "numgen", "notrack", "masquerade", "reject", "return", "queue", "exthdr", "rt", "frag", "icmp", "udp", "th",
            "priority", "policy", "hook", "device", "timeout", "size", "elements", "offload", "continue", "jump", "goto",
            "snat", "dnat", "redirect", "icmpv6", "sctp", "esp", "ah", "hbh", "dst", "mh", "osf", "ipsec", "iif", "oif",
            "iifname", "oifname", "limit", "tcp", "udplite", "dccp", "igmp", "comp", "jhash", "symhash", "ruleset",
            "list", "flush", "create", "insert", "replace", "rename", "reset", "define", "include", "typeof",
            "flowtable", "skuid", "pkttype", "cpu", "random", "synproxy", "secmark", "fwd", "dup", "counter", "quota",
            "log", "meter", "meta", "ct", "ether", "vlan", "accept", "drop", "flow", "monitor");

    /** A name being declared or referenced by a command: an unquoted word nft does not reserve. */
    private Token declName(String what) {
        Token n = t.peek();
        if (n.text().getBytes(java.nio.charset.StandardCharsets.UTF_8).length >= 256) {
            throw t.error(n, "name too long, 256 characters maximum allowed");
        }
        if (n.kind() == Token.Kind.STRING) {
            throw t.error(n, "syntax error, unexpected quoted string, expecting string");
        }
        if (n.isWord() && RESERVED.contains(n.text())) {
            throw t.error(n, "syntax error, unexpected " + n.text() + ", expecting string");
        }
        return t.name(what);
    }

    /** {@code table inet f} with its '{' on the next line. */
    private void braceOnNextLine() {
        int i = 0;
        while (t.peek(i).kind() == Token.Kind.NEWLINE) {
            i++;
        }
        if (i > 0 && t.peek(i).is("{")) {
            t.skipNewlines();
        }
    }

    private void fixed(Op op) {
        slots.add(() -> List.of(op));
    }

    private void command() {
        Token w = t.word("a command");
        switch (w.text()) {
            case "table" -> tableBlock(false, w);
            case "flush" -> flush();
            case "add", "create" -> add(w.is("create"), w);
            case "insert" -> {
                t.expect("rule");
                ruleCommand(Op.Placement.INSERT, false);
            }
            case "replace" -> {
                t.expect("rule");
                ruleCommand(Op.Placement.APPEND, true);
            }
            case "delete" -> delete();
            case "rename" -> rename();
            case "include" -> throw t.error(w, "include is not supported: compile the included file separately");
            case "list", "describe" -> {
                // nft prints something and changes nothing: a script that lists as it goes still applies
                while (t.peek().kind() != Token.Kind.NEWLINE && !t.at(";") && t.peek().kind() != Token.Kind.EOF) {
                    t.next();
                }
            }
            case "reset", "monitor", "export", "import" ->
                    throw t.error(w, "'" + w.text() + "' is not a ruleset change and cannot be compiled");
            default -> throw t.error(w, "syntax error, unexpected '" + w.text() + "'");
        }
    }

    private Family family() {
        Token w = t.peek();
        if (w.isWord()) {
            switch (w.text()) {
                case "ip", "ip6", "inet", "arp", "bridge", "netdev" -> {
                    // a family keyword only if a name follows (a table may be called "ip")
                    Token after = t.peek(1);
                    if (after.kind() == Token.Kind.WORD || after.kind() == Token.Kind.STRING) {
                        t.next();
                        return Family.parse(w.text());
                    }
                }
                default -> {
                }
            }
        }
        return Family.IP;
    }

    private TableInfo info(Family f, String table) {
        return tables.computeIfAbsent(new TableKey(f, table), k -> new TableInfo());
    }

    // --------------------------------------------------------------------------------------------- table

    /**
     * Skips separators; at the block's '}' consumes it and says so; at the end of the file fails as nft does
     * (naming an unclosed set on an earlier line when there is one).
     */
    private boolean blockEnds() {
        t.skipSeparators();
        Token w = t.peek();
        if (w.kind() == Token.Kind.EOF) {
            throw eofError(w);
        }
        return t.accept("}");
    }

    /**
     * nft's grammar ends a block inside a table ({@code chain x { }}) with a newline or ';': another item or the
     * table's '}' on the same line is a syntax error there.
     */
    private void blockItemEnd() {
        Token close = t.prev();
        Token next = t.peek();
        boolean ends = next.kind() == Token.Kind.NEWLINE || next.kind() == Token.Kind.EOF || next.is(";");
        if (close != null && close.is("}") && next.line() == close.line() && !ends) {
            throw t.error(next, "syntax error, unexpected " + next.describe() + ", expecting newline or semicolon");
        }
    }

    private void tableBlock(boolean create, Token kw) {
        Family f = family();
        Token name = declName("table name");
        String tn = name.text();
        info(f, tn);
        int tableFlags = 0;
        Optional<String> comment = Optional.empty();
        braceOnNextLine();
        List<Supplier<List<Op>>> chains = new ArrayList<>();
        List<Supplier<List<Op>>> objects = new ArrayList<>();
        List<Supplier<List<Op>>> sets = new ArrayList<>();
        List<Supplier<List<Op>>> flowtables = new ArrayList<>();
        List<Supplier<List<Op>>> rules = new ArrayList<>();
        if (t.accept("{")) {
            while (!blockEnds()) {
                Token kwd = t.word("table item");
                switch (kwd.text()) {
                    case "flags" -> {
                        do {
                            Token fl = t.word("table flag");
                            switch (fl.text()) {
                                case "dormant" -> tableFlags |= Table.F_DORMANT;
                                case "owner" -> tableFlags |= Table.F_OWNER;
                                default -> throw t.error(fl, "unknown table flag '" + fl.text() + "'");
                            }
                        } while (t.accept(","));
                        t.endOfStatement();
                    }
                    case "comment" -> {
                        comment = Optional.of(t.comment().text());
                        t.endOfStatement();
                    }
                    case "chain" -> chainDecl(f, tn, false, chains, rules);
                    case "set", "map" -> sets.add(setDecl(f, tn, kwd.is("map"), false));
                    case "counter", "quota", "limit" -> objects.add(objectDecl(f, tn, kwd, false));
                    case "flowtable" -> flowtables.add(flowtableDecl(f, tn, false));
                    case "ct" -> objects.add(ctHelperDecl(f, tn, false));
                    case "synproxy" -> objects.add(synproxyDecl(f, tn, false));
                    default -> throw t.error(kwd, "syntax error, unexpected '" + kwd.text() + "'");
                }
                blockItemEnd();
            }
        }
        Table table = Table.of(f, tn).withFlags(tableFlags);
        if (comment.isPresent()) {
            table = table.withComment(comment.get());
        }
        fixed(new Op.AddTable(table, create));
        slots.addAll(chains);
        slots.addAll(objects);
        slots.addAll(sets);
        slots.addAll(flowtables);
        slots.addAll(rules);
    }

    // --------------------------------------------------------------------------------------------- chain

    private static final Pattern NAMED_PRIO = Pattern.compile("([a-z]+)([+-]\\d+)?");

    private int priority(Family f, boolean flowtable) {
        Token p = t.next();
        String s = p.text();
        if (p.is("-")) {
            Token n = t.word("priority");
            return -(int) RuleCompiler.parseLong(t, n, n.text());
        }
        if (!s.isEmpty() && (Character.isDigit(s.charAt(0)) || s.charAt(0) == '-')) {
            try {
                return Integer.parseInt(s);
            } catch (NumberFormatException e) {
                throw t.error(p, "invalid priority '" + s + "'");
            }
        }
        Matcher m = NAMED_PRIO.matcher(s);
        if (!m.matches()) {
            throw t.error(p, "invalid priority '" + s + "'");
        }
        Integer base = standardPriority(f, m.group(1));
        if (base == null) {
            throw t.error(p, "'" + m.group(1) + "' is not a valid priority in this family");
        }
        int v = base;
        if (m.group(2) != null) {
            v += Integer.parseInt(m.group(2));
        } else if (t.at("+") || t.at("-")) {
            boolean minus = t.next().is("-");
            Token n = t.word("priority offset");
            int off = (int) RuleCompiler.parseLong(t, n, n.text());
            v += minus ? -off : off;
        } else if (t.peek().isWord() && t.peek().text().matches("[+-]\\d+")) {
            v += Integer.parseInt(t.next().text());
        }
        return v;
    }

    /** nft 1.0.6 accepts dstnat only on prerouting and srcnat only on postrouting (bridge: out on output). */
    private void checkPriorityName(Family f, Hook hook, Token pt) {
        String n = pt.text().replaceAll("[+-].*$", "");
        boolean ok = switch (n) {
            case "dstnat" -> hook == Hook.PREROUTING;
            case "srcnat" -> hook == Hook.POSTROUTING;
            case "out" -> hook == Hook.OUTPUT;
            default -> true;
        };
        if (!ok) {
            throw t.error(pt, "invalid priority expression value in this context.");
        }
    }

    private static Integer standardPriority(Family f, String name) {
        if (f == Family.BRIDGE) {
            return switch (name) {
                case "dstnat" -> -300;
                case "filter" -> -200;
                case "out" -> 100;
                case "srcnat" -> 300;
                default -> null;
            };
        }
        return switch (name) {
            case "raw" -> -300;
            case "mangle" -> -150;
            case "dstnat" -> -100;
            case "filter" -> 0;
            case "security" -> 50;
            case "srcnat" -> 100;
            default -> null;
        };
    }

    private List<String> devices() {
        List<String> out = new ArrayList<>();
        if (t.accept("=")) {
            // devices = { a, b }
        }
        if (t.accept("{")) {
            t.skipNewlines();
            while (!t.at("}")) {
                out.add(t.name("device").text());
                t.skipNewlines();
                t.accept(",");
                t.skipNewlines();
            }
            t.expect("}");
        } else {
            out.add(t.name("device").text());
        }
        return out;
    }

    /** {@code chain NAME { type ...; policy ...; rules }}: adds the chain slot and its rule slots. */
    private void chainDecl(Family f, String table, boolean create, List<Supplier<List<Op>>> chainSlots,
                           List<Supplier<List<Op>>> ruleSlots) {
        Token name = declName("chain name");
        String cn = name.text();
        info(f, table).chains.add(cn);
        info(f, table).rules.putIfAbsent(cn, new ArrayList<>());
        String type = null;
        Hook hook = null;
        Token hookTok = null;
        Token typeTok = name;
        int prio = 0;
        Optional<Chain.Policy> policy = Optional.empty();
        Token policyTok = null;
        List<String> devices = new ArrayList<>();
        Optional<String> comment = Optional.empty();
        braceOnNextLine();
        if (t.accept("{")) {
            while (!blockEnds()) {
                Token w = t.peek();
                if (w.is("type") && t.peek(1).isWord() && t.peek(2).is("hook")) {
                    t.next();
                    Token ty = t.word("chain type");
                    if (!ty.is("filter") && !ty.is("nat") && !ty.is("route")) {
                        throw t.error(ty, "unknown chain type '" + ty.text() + "'");
                    }
                    type = ty.text();
                    t.expect("hook");
                    hookTok = t.word("hook");
                    try {
                        hook = Hook.parse(hookTok.text());
                        hook.number(f);
                    } catch (IllegalArgumentException e) {
                        throw t.error(hookTok, "The " + f + " family does not support this hook");
                    }
                    boolean prioritySeen = false;
                    while (true) {
                        if (t.at("device") || t.at("devices")) {
                            t.next();
                            devices.addAll(devices());
                        } else if (t.at("priority")) {
                            t.next();
                            Token pt = t.peek();
                            prio = priority(f, false);
                            checkPriorityName(f, hook, pt);
                            prioritySeen = true;
                        } else {
                            break;
                        }
                    }
                    if (!prioritySeen) {
                        Token u = t.peek();
                        throw t.error(u, "syntax error, unexpected " + (u.is(";") ? "semicolon" : u.describe())
                                + ", expecting priority");
                    }
                    typeTok = w;
                    t.endOfStatement();
                } else if (w.is("policy")) {
                    if (policy.isPresent()) {
                        throw t.error(w, "you cannot set chain policy twice");
                    }
                    t.next();
                    Token p = t.word("policy");
                    policyTok = new Token(Token.Kind.WORD, "policy " + p.text(), w.line(), w.col(),
                            p.line() == w.line() ? p.endCol() : w.endCol());
                    policy = Optional.of(switch (p.text()) {
                        case "accept" -> Chain.Policy.ACCEPT;
                        case "drop" -> Chain.Policy.DROP;
                        default -> throw t.error(p, "invalid policy '" + p.text() + "'");
                    });
                    t.endOfStatement();
                } else if (w.is("devices") || (w.is("device") && type != null)) {
                    t.next();
                    devices.addAll(devices());
                    t.endOfStatement();
                } else if (w.is("comment") && (t.peek(1).kind() == Token.Kind.STRING) && t.peek(2).isEnd()) {
                    t.next();
                    comment = Optional.of(t.comment().text());
                    t.endOfStatement();
                } else {
                    RuleRef ref = new RuleRef(0, false);
                    info(f, table).rules.get(cn).add(ref);
                    ruleSlots.add(deferredRule(f, table, cn, null, Op.Placement.APPEND, OptionalLong.empty(),
                            OptionalInt.empty(), ref));
                    if (t.at("}")) {
                        // nft's grammar wants a rule ended by newline or ';' before the closing brace
                        throw t.error(t.peek(), "syntax error, unexpected '}', expecting newline or semicolon");
                    }
                }
            }
        }
        if (type != null && (f == Family.NETDEV || hook == Hook.INGRESS) && devices.isEmpty()) {
            throw t.error(typeTok, "Missing `device' in this chain definition");
        }
        Chain chain;
        Chain known = info(f, table).existingChains.get(cn);
        String baseKey = f + " " + table + " " + cn;
        Chain.Base earlier = known != null && known.base().isPresent() ? known.base().get()
                : scriptBaseChains.get(baseKey);
        if (type == null && policy.isPresent() && earlier != null) {
            // a new policy for an existing base chain: nft sends the chain again with its hook
            Chain.Base b = earlier;
            chain = Chain.base(f, table, cn, new Chain.Base(b.type(), b.hook(), b.priority(), policy, b.devices()));
        } else if (type == null && policy.isPresent()) {
            // the kernel refuses a policy on a regular chain (nf_tables_addchain/updchain: EOPNOTSUPP)
            throw t.error(policyTok, "Could not process rule: Operation not supported (policy on a chain "
                    + "without a hook)");
        } else if (type != null) {
            chain = Chain.base(f, table, cn, new Chain.Base(type, hook, prio, policy, devices));
            scriptBaseChains.put(baseKey, chain.base().orElseThrow());
        } else {
            chain = Chain.regular(f, table, cn);
        }
        if (comment.isPresent()) {
            chain = chain.withComment(comment.get());
        }
        Chain fc = chain;
        chainSlots.add(() -> List.of(new Op.AddChain(fc, create)));
    }

    // ---------------------------------------------------------------------------------------------- rules

    /**
     * Captures the tokens of one rule (up to newline, ';' or the chain's '}') for compilation later. The rule goes
     * relative to the kernel rule {@code handle} or the script's rule {@code positionId} when one is given;
     * {@code self} is its place in the chain model, whose id a later {@code index N} may set.
     */
    private Supplier<List<Op>> deferredRule(Family f, String table, String chain, Token chainTok,
                                            Op.Placement placement, OptionalLong handle, OptionalInt positionId,
                                            RuleRef self) {
        boolean replace = self.replaced;
        multiLine = null;
        multiLineFamily = f;
        multiLineTable = table;
        List<Token> body = captureRule();
        Token first = chainTok != null ? chainTok : body.isEmpty() ? t.peek() : body.getFirst();
        return () -> {
            List<Op> pre = new ArrayList<>();
            TableInfo ti = tables.get(new TableKey(f, table));
            RuleCompiler.Env env = env(f, table, pre);
            List<Token> toks = new ArrayList<>(body);
            Token last = body.isEmpty() ? first : body.getLast();
            toks.add(new Token(Token.Kind.EOF, "", last.line(), last.endCol() + 1, last.endCol() + 1));
            RuleCompiler.Result r = new RuleCompiler(env, new Tokens(toks, t.info())).compile();
            if (ti != null && !ti.chains.isEmpty() && !ti.chains.contains(chain)) {
                throw t.error(first, "Could not process rule: No such file or directory (chain '" + chain
                        + "' does not exist in table " + f + " " + table + ")");
            }
            Rule rule = Rule.of(f, table, chain, r.exprs());
            if (r.comment().isPresent()) {
                rule = rule.withComment(r.comment().get());
            }
            pre.add(replace ? new Op.ReplaceRule(rule, handle.orElseThrow())
                    : new Op.AddRule(rule, placement, handle, self.id == 0 ? OptionalInt.empty() : OptionalInt.of(self.id),
                    positionId));
            return pre;
        };
    }

    /**
     * The first line of the last rule whose braces spanned lines: when the file then ends unexpectedly, the
     * real mistake is usually an unclosed set on that line, and parsing the line alone reports it where nft does.
     */
    private List<Token> multiLine;
    private Family multiLineFamily;
    private String multiLineTable;

    private CompileException eofError(Token w) {
        if (multiLine != null && !multiLine.isEmpty()) {
            List<Token> toks = new ArrayList<>(multiLine);
            Token last = toks.getLast();
            toks.add(new Token(Token.Kind.EOF, "", last.line(), last.endCol() + 1, last.endCol() + 1));
            try {
                new RuleCompiler(env(multiLineFamily, multiLineTable, new ArrayList<>()), new Tokens(toks, t.info()))
                        .compile();
            } catch (CompileException better) {
                return better;
            }
        }
        return t.error(w, "syntax error, unexpected end of file, expecting '}'");
    }

    private List<Token> captureRule() {
        int startMark = t.mark();
        List<Token> body = new ArrayList<>();
        int depth = 0;
        while (true) {
            Token w = t.peek();
            if (w.kind() == Token.Kind.EOF) {
                if (depth > 0) {
                    // an unclosed brace: keep the rule's first line, whose parse reports the real culprit
                    t.reset(startMark);
                    List<Token> line = new ArrayList<>();
                    while (t.peek().kind() != Token.Kind.NEWLINE && t.peek().kind() != Token.Kind.EOF) {
                        line.add(t.next());
                    }
                    return line;
                }
                break;
            }
            if (depth == 0 && (w.kind() == Token.Kind.NEWLINE || w.is(";") || w.is("}"))) {
                break;
            }
            if (depth > 0 && w.kind() == Token.Kind.NEWLINE && multiLine == null) {
                multiLine = new ArrayList<>(body);
            }
            if (w.is("{") || w.is("(")) {
                depth++;
            } else if (w.is("}") || w.is(")")) {
                depth--;
            }
            t.next();
            if (w.kind() != Token.Kind.NEWLINE) {
                body.add(w);
            }
        }
        return body;
    }

    private RuleCompiler.Env env(Family f, String table, List<Op> pre) {
        return new RuleCompiler.Env() {
            public Family family() {
                return f;
            }

            public String table() {
                return table;
            }

            public Optional<SetDef> set(String name) {
                TableInfo ti = tables.get(new TableKey(f, table));
                return ti == null ? Optional.empty() : Optional.ofNullable(ti.sets.get(name));
            }

            public boolean chainExists(String chain) {
                TableInfo ti = tables.get(new TableKey(f, table));
                return ti == null || ti.chains.isEmpty() || ti.chains.contains(chain);
            }

            public int nextSetId() {
                return ++setId;
            }

            public Interfaces interfaces() {
                return interfaces;
            }

            public void emit(Op op) {
                pre.add(op);
            }
        };
    }

    /** {@code add|insert|replace rule [family] TABLE CHAIN [position N|handle N|index N] statements}. */
    private void ruleCommand(Op.Placement placement, boolean replace) {
        Family f = family();
        String table = declName("table name").text();
        Token chainTok = declName("chain name");
        String chain = chainTok.text();
        OptionalLong handle = OptionalLong.empty();
        OptionalInt positionId = OptionalInt.empty();
        TableInfo ti = tables.get(new TableKey(f, table));
        List<RuleRef> model = ti == null ? null : ti.rules.get(chain);
        int anchor = -1;
        if (t.at("position") || t.at("handle")) {
            t.next();
            long h = t.number("rule handle");
            handle = OptionalLong.of(h);
            for (int i = 0; model != null && i < model.size(); i++) {
                if (model.get(i).handle == h) {
                    anchor = i;
                }
            }
        } else if (t.at("index")) {
            t.next();
            Token it = t.peek();
            long idx = t.number("rule index");
            if (model == null || idx >= model.size()) {
                throw t.error(it, "Could not process rule: No such file or directory (no rule at index " + idx
                        + " in chain " + chain + (model == null ? "; pass the existing ruleset to resolve indexes)"
                        : ", which holds " + model.size() + " rules at this point)"));
            }
            anchor = (int) idx;
            RuleRef at = model.get(anchor);
            if (at.handle != 0) {
                handle = OptionalLong.of(at.handle);
            } else if (at.replaced) {
                throw t.error(it, "index " + idx + " names a rule replaced earlier in this script: place the rule"
                        + " relative to another one");
            } else {
                // nft names a rule of the same transaction by an id it gives that rule (link_rules in evaluate.c)
                if (at.id == 0) {
                    at.id = ++ruleIds;
                }
                positionId = OptionalInt.of(at.id);
            }
        }
        if (replace && handle.isEmpty()) {
            throw t.error(t.peek(), "replace rule needs 'handle N'");
        }
        RuleRef self = new RuleRef(0, replace);
        if (model != null) {
            if (replace) {
                if (anchor >= 0) {
                    model.set(anchor, self);
                }
            } else if (anchor >= 0) {
                model.add(placement == Op.Placement.APPEND ? anchor + 1 : anchor, self);
            } else if (placement == Op.Placement.APPEND || handle.isPresent()) {
                model.add(self);
            } else {
                model.add(0, self);
            }
        }
        slots.add(deferredRule(f, table, chain, chainTok, placement, handle, positionId, self));
    }

    // ----------------------------------------------------------------------------------------------- sets

    private Supplier<List<Op>> setDecl(Family f, String table, boolean isMap, boolean create) {
        Token name = declName(isMap ? "map name" : "set name");
        braceOnNextLine();
        t.expect("{");
        List<SetDef.Part> key = null;
        List<Operand> keyOps = null;
        List<Operand> typeofOps = null;
        boolean keyTypeof = false;
        Optional<SetDef.Part> data = Optional.empty();
        Optional<List<Operand>> dataTypeof = Optional.empty();
        List<SetDef.Part> dataConcat = new ArrayList<>();
        boolean verdict = false;
        int objectType = 0;
        int flags = isMap ? NftSet.F_MAP : 0;
        OptionalLong timeout = OptionalLong.empty();
        OptionalInt gc = OptionalInt.empty();
        OptionalInt size = OptionalInt.empty();
        OptionalInt policy = OptionalInt.empty();
        Optional<String> comment = Optional.empty();
        boolean autoMerge = false;
        List<Expr> exprs = new ArrayList<>();
        int elementsAt = -1;
        Token typeTok = name;
        while (true) {
            t.skipSeparators();
            Token w = t.peek();
            if (w.is("}")) {
                t.next();
                break;
            }
            Token kw = t.word("set item");
            switch (kw.text()) {
                case "type" -> {
                    typeTok = kw;
                    List<Datatype> types = new ArrayList<>();
                    do {
                        Token ty = t.word("datatype");
                        types.add(Datatype.byName(ty.text()).orElseThrow(() -> t.error(ty, "unknown datatype '"
                                + ty.text() + "'")));
                    } while (t.accept("."));
                    key = new ArrayList<>();
                    keyOps = new ArrayList<>();
                    for (Datatype d : types) {
                        int bytes = d.byteLength();
                        if (bytes == 0) {
                            // nft marks the set's name
                            throw t.error(name, "unqualified type " + d.name() + " specified in "
                                    + (isMap ? "map" : "set") + " definition. Try \"typeof expression\" instead of "
                                    + "\"type datatype\".");
                        }
                        key.add(new SetDef.Part(d, bytes));
                        keyOps.add(Operand.value(d, bytes));
                    }
                    if (isMap) {
                        t.expect(":");
                        Token dt = t.word("map data type");
                        switch (dt.text()) {
                            case "verdict" -> verdict = true;
                            case "counter" -> objectType = StatefulObject.COUNTER;
                            case "quota" -> objectType = StatefulObject.QUOTA;
                            case "limit" -> objectType = StatefulObject.LIMIT;
                            default -> {
                                Datatype d = Datatype.byName(dt.text()).orElseThrow(() -> t.error(dt,
                                        "unknown datatype '" + dt.text() + "'"));
                                if (d.byteLength() == 0) {
                                    throw t.error(name, "unqualified type " + d.name()
                                            + " specified in map definition. Try \"typeof expression\" instead of "
                                            + "\"type datatype\".");
                                }
                                data = Optional.of(new SetDef.Part(d, d.byteLength()));
                                if (t.at(".")) {
                                    dataConcat.add(data.get());
                                    while (t.accept(".")) {
                                        Token dn = t.word("datatype");
                                        Datatype d2 = Datatype.byName(dn.text()).orElseThrow(() -> t.error(dn,
                                                "unknown datatype '" + dn.text() + "'"));
                                        dataConcat.add(new SetDef.Part(d2, d2.byteLength()));
                                    }
                                    int len = dataConcat.stream().mapToInt(p -> (p.bytes() + 3) / 4 * 4).sum();
                                    data = Optional.of(new SetDef.Part(Datatype.INVALID, len));
                                    dataTypeof = Optional.of(List.of());
                                }
                            }
                        }
                    }
                    t.endOfStatement();
                }
                case "typeof" -> {
                    typeTok = kw;
                    keyTypeof = true;
                    RuleCompiler rc = new RuleCompiler(env(f, table, new ArrayList<>()), t);
                    typeofOps = rc.typeofParts();
                    key = typeofOps.stream().map(o -> new SetDef.Part(o.type(), o.bytes())).toList();
                    keyOps = typeofOps.stream().map(o -> o.masked() ? Operand.value(o.type(), o.bytes()) : o)
                            .toList();
                    if (isMap) {
                        t.expect(":");
                        if (t.at("verdict")) {
                            t.next();
                            verdict = true;
                        } else {
                            List<Operand> d = rc.typeofParts();
                            data = Optional.of(new SetDef.Part(d.getFirst().type(), d.getFirst().bytes()));
                            dataTypeof = Optional.of(d);
                            if (d.size() > 1) {
                                for (Operand o : d) {
                                    dataConcat.add(new SetDef.Part(o.type(), o.bytes()));
                                }
                                int len = dataConcat.stream().mapToInt(p -> (p.bytes() + 3) / 4 * 4).sum();
                                data = Optional.of(new SetDef.Part(Datatype.INVALID, len));
                            }
                        }
                        if (verdict) {
                            dataTypeof = Optional.of(List.of());
                        }
                    }
                    t.endOfStatement();
                }
                case "flags" -> {
                    do {
                        Token fl = t.word("set flag");
                        flags |= switch (fl.text()) {
                            case "constant" -> NftSet.F_CONSTANT;
                            case "interval" -> NftSet.F_INTERVAL;
                            case "timeout" -> NftSet.F_TIMEOUT;
                            case "dynamic" -> NftSet.F_EVAL;
                            default -> throw t.error(fl, "unknown set flag '" + fl.text() + "'");
                        };
                    } while (t.accept(","));
                    t.endOfStatement();
                }
                case "timeout" -> {
                    timeout = OptionalLong.of(RuleCompiler.parseTime(t, t.word("timeout")));
                    flags |= NftSet.F_TIMEOUT;
                    t.endOfStatement();
                }
                case "gc-interval" -> {
                    gc = OptionalInt.of((int) RuleCompiler.parseTime(t, t.word("gc-interval")));
                    t.endOfStatement();
                }
                case "size" -> {
                    size = OptionalInt.of((int) t.number("size"));
                    t.endOfStatement();
                }
                case "policy" -> {
                    Token p = t.word("set policy");
                    policy = OptionalInt.of(switch (p.text()) {
                        case "performance" -> 0;
                        case "memory" -> 1;
                        default -> throw t.error(p, "unknown set policy '" + p.text() + "'");
                    });
                    t.endOfStatement();
                }
                case "auto-merge" -> {
                    autoMerge = true;
                    t.endOfStatement();
                }
                case "comment" -> {
                    comment = Optional.of(t.comment().text());
                    t.endOfStatement();
                }
                case "counter" -> {
                    exprs.add(Emit.counter(0, 0));
                    t.endOfStatement();
                }
                case "quota" -> {
                    exprs.add(RuleCompiler.parseQuota(t));
                    t.endOfStatement();
                }
                case "limit" -> {
                    exprs.add(RuleCompiler.parseLimit(t));
                    t.endOfStatement();
                }
                case "elements" -> {
                    t.expect("=");
                    elementsAt = t.mark();
                    skipBraces();
                    t.endOfStatement();
                }
                default -> throw t.error(kw, "syntax error, unexpected '" + kw.text() + "'");
            }
        }
        if (key == null) {
            throw t.error(typeTok, "set definition does not specify key");
        }
        if (objectType != 0) {
            flags |= NftSet.F_OBJECT;
            flags &= ~NftSet.F_MAP;
        }
        boolean concat = key.size() > 1;
        if (concat && (flags & NftSet.F_INTERVAL) != 0) {
            flags |= NftSet.F_CONCAT;
        }
        int id = ++setId;
        SetDef def = new SetDef(name.text(), key, data, verdict, flags, objectType, dataConcat);
        info(f, table).sets.put(name.text(), def);
        Optional<List<Operand>> typeofKey = keyTypeof ? Optional.of(typeofOps) : concat ? Optional.of(List.of())
                : Optional.empty();
        Userdata ud = concat && !keyTypeof ? concatTypeUserdata(key, data, verdict, dataTypeof, comment, autoMerge)
                : SetEncoding.userdata(key, typeofKey, data, verdict, dataTypeof, comment);
        if (autoMerge && !(concat && !keyTypeof)) {
            ud = withMerge(ud);
        }
        if (objectType != 0) {
            // object maps carry NFTNL_UDATA_SET_DATA_INTERVAL (0) like other maps
            ud = reorder(ud.with(NftSet.UDATA_DATA_INTERVAL, SetEncoding.u32(0)));
        }
        NftSet set = new NftSet(f, table, name.text(), flags, SetEncoding.keySpec(key),
                verdict ? Optional.of(new DataSpec(DataSpec.VERDICT, 0))
                        : data.map(p -> new DataSpec(def.dataTypeNumber(), p.bytes())),
                objectType == 0 ? OptionalInt.empty() : OptionalInt.of(objectType), timeout, gc, policy, size,
                concat && (flags & NftSet.F_INTERVAL) != 0 ? key.stream().map(SetDef.Part::bytes).toList()
                        : List.of(), ud, exprs, OptionalInt.of(id), OptionalLong.empty());
        int at = elementsAt;
        List<SetDef.Part> keyParts = key;
        List<Operand> elemOps = keyOps;
        boolean vmap = verdict;
        Optional<SetDef.Part> elemData = objectType != 0 ? Optional.of(new SetDef.Part(null, 0)) : data;
        boolean merge = autoMerge;
        int fl = flags;
        return () -> {
            List<Op> ops = new ArrayList<>();
            ops.add(new Op.AddSet(set, create));
            AutoMerge.Key setKey = new AutoMerge.Key(f, table, set.name());
            boolean followed = merge && (fl & NftSet.F_INTERVAL) != 0 && (fl & NftSet.F_CONSTANT) == 0
                    && set.data().isEmpty() && keyParts.size() == 1;
            if (!followed) {
                mergedSets.untrack(setKey);
            } else if (!mergedSets.tracked(setKey)) {
                mergedSets.track(setKey, keyParts.getFirst().bytes(), OptionalInt.of(id), List.of());
            }
            if (at >= 0) {
                int save = t.mark();
                t.reset(at);
                List<RuleCompiler.Elem> elems = RuleCompiler.parseElements(t, env(f, table, ops), elemOps, elemData,
                        def.dataConcat(), vmap, op -> new RuleCompiler(env(f, table, ops), t).atomFor(op));
                t.reset(save);
                if ((fl & NftSet.F_INTERVAL) == 0) {
                    requireIntervalFlag(elems);
                }
                if (followed) {
                    // declared elements of an auto-merge set merge with what it holds, as add element's do
                    ops.addAll(mergedSets.add(setKey, SetEncoding.ranges(keyParts,
                            elemOps.stream().map(Operand::hostOrder).toList(), elems), false, emitted.size() + ops.size()));
                    return ops;
                }
                SetEncoding.Encoded enc;
                try {
                    enc = SetEncoding.encode(keyParts, elemOps.stream().map(Operand::hostOrder).toList(),
                            elems, (fl & NftSet.F_INTERVAL) != 0, merge, false);
                } catch (SetEncoding.Conflict c) {
                    throw t.error(c.element.at, c.getMessage());
                }
                if (!enc.elements().isEmpty()) {
                    if ((fl & NftSet.F_CONSTANT) != 0 && set.size().isEmpty()) {
                        // nft sizes a constant set to its elements (NFTA_SET_DESC_SIZE), as it does anonymous ones
                        NftSet s = set;
                        ops.set(0, new Op.AddSet(new NftSet(s.family(), s.table(), s.name(), s.flags(), s.key(),
                                s.data(), s.objectType(), s.timeoutMs(), s.gcIntervalMs(), s.policy(),
                                OptionalInt.of(enc.size()), s.concat(), s.userdata(), s.exprs(), s.id(), s.handle()),
                                create));
                    }
                    ops.add(new Op.AddElements(new SetElements(f, table, set.name(), OptionalInt.of(id),
                            enc.elements()), false));
                }
            }
            return ops;
        };
    }

    static Userdata withMerge(Userdata ud) {
        // NFTNL_UDATA_SET_MERGE_ELEMENTS goes after the byte orders
        List<Userdata.Entry> out = new ArrayList<>();
        boolean done = false;
        for (Userdata.Entry e : ud.entries()) {
            if (!done && e.type() > NftSet.UDATA_DATABYTEORDER) {
                out.add(new Userdata.Entry(NftSet.UDATA_MERGE_ELEMENTS, SetEncoding.u32(1)));
                done = true;
            }
            out.add(e);
        }
        if (!done) {
            out.add(new Userdata.Entry(NftSet.UDATA_MERGE_ELEMENTS, SetEncoding.u32(1)));
        }
        return new Userdata(out);
    }

    private void requireIntervalFlag(List<RuleCompiler.Elem> elems) {
        for (RuleCompiler.Elem e : elems) {
            for (RuleCompiler.Atom a : e.key) {
                if (!a.isValue()) {
                    throw t.error(e.at, "You must add 'flags interval' to your set declaration if you want to add "
                            + (a.prefixLen() >= 0 ? "prefix" : "range") + " elements");
                }
            }
        }
    }

    /** {@code type a . b}: nft records an empty concatenation as the key's typeof. */
    private static Userdata concatTypeUserdata(List<SetDef.Part> key, Optional<SetDef.Part> data, boolean verdict,
                                               Optional<List<Operand>> dataTypeof, Optional<String> comment,
                                               boolean autoMerge) {
        // a concatenated data type (`: ipv4_addr . inet_service`) is described as a bare concat, as for the key
        Userdata ud = SetEncoding.userdata(key, Optional.empty(), data, verdict, dataTypeof, Optional.empty());
        if (autoMerge) {
            ud = withMerge(ud);
        }
        ud = ud.with(NftSet.UDATA_KEY_TYPEOF, new byte[]{0, 4, 13, 0, 0, 0, 1, 0});
        if (comment.isPresent()) {
            ud = ud.withString(NftSet.UDATA_COMMENT, comment.get());
        }
        return reorder(ud);
    }

    /** Orders entries by type, as nft writes them. */
    private static Userdata reorder(Userdata ud) {
        List<Userdata.Entry> es = new ArrayList<>(ud.entries());
        es.sort((a, b) -> Integer.compare(a.type(), b.type()));
        return new Userdata(es);
    }

    private void skipBraces() {
        Token open = t.expect("{");
        int depth = 1;
        while (depth > 0) {
            Token w = t.next();
            if (w.kind() == Token.Kind.EOF) {
                throw t.error(open, "syntax error, unexpected end of file, missing '}'");
            }
            if (w.is("{")) {
                depth++;
            } else if (w.is("}")) {
                depth--;
            }
        }
    }

    // -------------------------------------------------------------------------------------------- objects

    /** A quota's or limit's declaration body: the statement (in braces with an optional comment, or bare). */
    private record ObjectBody(Expr data, Optional<String> comment) {
    }

    private ObjectBody objectBody(boolean block, Token name, String kind, String needs,
                                  java.util.function.Function<Tokens, Expr> parse) {
        Expr data = null;
        Optional<String> comment = Optional.empty();
        while (block) {
            t.skipSeparators();
            if (t.at("}")) {
                break;
            }
            if (t.at("comment")) {
                t.next();
                comment = Optional.of(t.comment().text());
            } else {
                data = parse.apply(t);
            }
        }
        if (!block) {
            data = parse.apply(t);
        }
        if (data == null) {
            throw t.error(name, kind + " '" + name.text() + "' needs " + needs);
        }
        return new ObjectBody(data, comment);
    }

    private Supplier<List<Op>> objectDecl(Family f, String table, Token kind, boolean create) {
        Token name = declName(kind.text() + " name");
        Expr data;
        int type;
        Optional<String> comment = Optional.empty();
        boolean block = t.accept("{");
        switch (kind.text()) {
            case "counter" -> {
                type = StatefulObject.COUNTER;
                long packets = 0;
                long bytes = 0;
                while (block) {
                    t.skipSeparators();
                    if (t.at("}")) {
                        break;
                    }
                    Token w = t.word("counter item");
                    switch (w.text()) {
                        case "packets" -> packets = t.number("packets");
                        case "bytes" -> bytes = t.number("bytes");
                        case "comment" -> comment = Optional.of(t.comment().text());
                        default -> throw t.error(w, "syntax error, unexpected '" + w.text() + "'");
                    }
                }
                data = Emit.counter(packets, bytes);
            }
            case "quota" -> {
                type = StatefulObject.QUOTA;
                ObjectBody b = objectBody(block, name, "quota", "a size", RuleCompiler::parseQuota);
                data = b.data();
                comment = b.comment();
            }
            default -> {
                type = StatefulObject.LIMIT;
                ObjectBody b = objectBody(block, name, "limit", "a rate", RuleCompiler::parseLimit);
                data = b.data();
                comment = b.comment();
            }
        }
        if (block) {
            t.skipSeparators();
            t.expect("}");
        }
        Userdata ud = comment.map(c -> Userdata.EMPTY.withString(StatefulObject.UDATA_COMMENT, c))
                .orElse(Userdata.EMPTY);
        StatefulObject obj = new StatefulObject(f, table, name.text(), type, data, ud, OptionalLong.empty());
        return () -> List.of(new Op.AddObject(obj, create));
    }

    /** {@code ct helper NAME { type "ftp" protocol tcp; l3proto inet; }} (NFT_OBJECT_CT_HELPER). */
    private Supplier<List<Op>> ctHelperDecl(Family f, String table, boolean create) {
        Token kind = t.word("helper, timeout or expectation");
        if (kind.is("timeout") || kind.is("expectation")) {
            return ctTimeoutOrExpectation(f, table, kind.is("timeout"), create);
        }
        if (!kind.is("helper")) {
            throw t.error(kind, "unknown ct object '" + kind.text() + "' (expected helper, timeout or expectation)");
        }
        return ctHelperBody(f, table, create);
    }

    /** The part of a ct helper declaration after {@code ct helper}: {@code NAME { ... }}. */
    private Supplier<List<Op>> ctHelperBody(Family f, String table, boolean create) {
        Token name = declName("ct helper name");
        t.expect("{");
        String helper = null;
        int l4 = 0;
        int l3 = 0; // nft sends NFTA_CT_HELPER_L3PROTO only when l3proto is given; the kernel uses the family
        Optional<String> comment = Optional.empty();
        while (true) {
            t.skipSeparators();
            if (t.accept("}")) {
                break;
            }
            Token w = t.word("ct helper item");
            switch (w.text()) {
                case "type" -> {
                    helper = t.string("helper name").text();
                    t.expect("protocol");
                    Token p = t.word("tcp or udp");
                    l4 = switch (p.text()) {
                        case "tcp" -> 6;
                        case "udp" -> 17;
                        default -> throw t.error(p, "ct helper protocol must be tcp or udp");
                    };
                }
                case "l3proto" -> {
                    Token p = t.word("l3proto");
                    l3 = switch (p.text()) {
                        case "ip" -> 2;
                        case "ip6" -> 10;
                        case "inet" -> 1;
                        default -> throw t.error(p, "invalid l3proto '" + p.text() + "'");
                    };
                }
                case "comment" -> comment = Optional.of(t.comment().text());
                default -> throw t.error(w, "syntax error, unexpected '" + w.text() + "'");
            }
            t.endOfStatement();
        }
        if (helper == null) {
            throw t.error(name, "ct helper '" + name.text() + "' needs 'type \"NAME\" protocol tcp|udp'");
        }
        // NFTA_CT_HELPER_NAME (string), _L3PROTO (u16, network order), _L4PROTO (u8): nf_tables.h
        java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
        byte[] hn = (helper + "\0").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        attr(b, 1, hn);
        if (l3 != 0) {
            attr(b, 2, new byte[]{(byte) (l3 >> 8), (byte) l3});
        }
        attr(b, 3, new byte[]{(byte) l4});
        Userdata ud = comment.map(c -> Userdata.EMPTY.withString(StatefulObject.UDATA_COMMENT, c))
                .orElse(Userdata.EMPTY);
        StatefulObject obj = new StatefulObject(f, table, name.text(), StatefulObject.CT_HELPER,
                new io.jnetlink.nftables.expr.RawExpr("ct_helper", b.toByteArray()), ud, OptionalLong.empty());
        return () -> List.of(new Op.AddObject(obj, create));
    }

    // nf_conntrack_proto_{tcp,udp}.c default timeouts in seconds, in NFTA_CT_TIMEOUT_DATA attribute order
    private static final List<String> TCP_STATES = List.of("syn_sent", "syn_recv", "established", "fin_wait",
            "close_wait", "last_ack", "time_wait", "close", "syn_sent2", "retrans", "unacknowledged");
    private static final int[] TCP_DEFAULTS = {120, 60, 432000, 120, 60, 30, 120, 10, 120, 300, 300};
    private static final List<String> UDP_STATES = List.of("unreplied", "replied");
    private static final int[] UDP_DEFAULTS = {30, 120};

    /**
     * {@code ct timeout NAME { protocol tcp; l3proto ip; policy = { established : 120 } }} (NFT_OBJECT_CT_TIMEOUT:
     * nft sends every state, defaults included) and {@code ct expectation NAME { protocol tcp; dport 21;
     * timeout 1m; size 12; l3proto ip }} (NFT_OBJECT_CT_EXPECT).
     */
    private Supplier<List<Op>> ctTimeoutOrExpectation(Family f, String table, boolean timeout, boolean create) {
        Token name = declName("object name");
        t.expect("{");
        int l4 = 0;
        // the family is the default l3proto; nft sends it for an expectation, for a timeout only when given
        int defaultL3 = switch (f) {
            case IP -> 2;
            case IP6 -> 10;
            default -> 0;
        };
        int l3 = 0;
        java.util.Map<String, Integer> policy = new java.util.LinkedHashMap<>();
        List<Token> policyToks = new ArrayList<>();
        int dport = 0;
        long expTimeout = 0;
        int size = 0;
        Optional<String> comment = Optional.empty();
        while (true) {
            t.skipSeparators();
            if (t.accept("}")) {
                break;
            }
            Token w = t.word("object item");
            switch (w.text()) {
                case "protocol" -> {
                    Token p = t.word("protocol");
                    l4 = switch (p.text()) {
                        case "tcp" -> 6;
                        case "udp" -> 17;
                        default -> throw t.error(p, "unsupported protocol '" + p.text() + "'");
                    };
                }
                case "l3proto" -> {
                    Token p = t.word("l3proto");
                    l3 = switch (p.text()) {
                        case "ip" -> 2;
                        case "ip6" -> 10;
                        case "inet" -> 1;
                        default -> throw t.error(p, "invalid l3proto '" + p.text() + "'");
                    };
                }
                case "policy" -> {
                    t.expect("=");
                    t.expect("{");
                    t.skipNewlines();
                    while (!t.at("}")) {
                        Token st = t.word("state");
                        t.expect(":");
                        Token v = t.word("timeout");
                        long secs = v.text().matches("\\d+") ? Long.parseLong(v.text())
                                : RuleCompiler.parseTime(t, v) / 1000;
                        policy.put(st.text(), (int) secs);
                        policyToks.add(st);
                        t.skipNewlines();
                        t.accept(",");
                        t.skipNewlines();
                    }
                    t.expect("}");
                }
                case "dport" -> dport = (int) t.number("dport");
                case "timeout" -> expTimeout = RuleCompiler.parseTime(t, t.word("timeout"));
                case "size" -> size = (int) t.number("size");
                case "comment" -> comment = Optional.of(t.comment().text());
                default -> throw t.error(w, "syntax error, unexpected '" + w.text() + "'");
            }
            t.endOfStatement();
        }
        RawAttrs a = new RawAttrs();
        int type;
        if (timeout) {
            type = 7;
            List<String> states = l4 == 17 ? UDP_STATES : TCP_STATES;
            int[] defaults = (l4 == 17 ? UDP_DEFAULTS : TCP_DEFAULTS).clone();
            int i = 0;
            for (var e : policy.entrySet()) {
                int idx = states.indexOf(e.getKey());
                if (idx < 0) {
                    throw t.error(policyToks.get(i), "unknown " + (l4 == 17 ? "udp" : "tcp") + " state '" + e.getKey()
                            + "'");
                }
                defaults[idx] = e.getValue();
                i++;
            }
            RawAttrs data = new RawAttrs();
            for (int s = 0; s < defaults.length; s++) {
                data.u32be(s + 1, defaults[s]);
            }
            // NFTA_CT_TIMEOUT_L3PROTO (u16 BE, only when given), _L4PROTO (u8), _DATA (nested)
            if (l3 != 0) {
                a.u16be(1, l3);
            }
            a.u8(2, l4).nested(3, data);
        } else {
            type = 9;
            // NFTA_CT_EXPECT_L3PROTO (u16 BE), _L4PROTO, _DPORT (u16 BE), _TIMEOUT (u32 host), _SIZE (u8)
            a.u16be(1, l3 != 0 ? l3 : defaultL3).u8(2, l4).u16be(3, dport).u32host(4, (int) expTimeout).u8(5, size);
        }
        Userdata ud = comment.map(c -> Userdata.EMPTY.withString(StatefulObject.UDATA_COMMENT, c))
                .orElse(Userdata.EMPTY);
        StatefulObject obj = new StatefulObject(f, table, name.text(), type,
                a.expr(timeout ? "ct_timeout" : "ct_expect"), ud, OptionalLong.empty());
        return () -> List.of(new Op.AddObject(obj, create));
    }

    /** {@code synproxy NAME { mss 1460; wscale 7; timestamp sack-perm; }} (NFT_OBJECT_SYNPROXY). */
    private Supplier<List<Op>> synproxyDecl(Family f, String table, boolean create) {
        Token name = declName("synproxy name");
        t.expect("{");
        t.skipSeparators();
        RawAttrs a = RuleCompiler.synproxy(t);
        t.skipSeparators();
        t.expect("}");
        StatefulObject obj = new StatefulObject(f, table, name.text(), 10, a.expr("synproxy"), Userdata.EMPTY,
                OptionalLong.empty());
        return () -> List.of(new Op.AddObject(obj, create));
    }

    private static void attr(java.io.ByteArrayOutputStream b, int type, byte[] value) {
        int len = 4 + value.length;
        b.write(len & 0xff);
        b.write(len >> 8);
        b.write(type & 0xff);
        b.write(type >> 8);
        b.writeBytes(value);
        for (int i = len; i % 4 != 0; i++) {
            b.write(0);
        }
    }

    private Supplier<List<Op>> flowtableDecl(Family f, String table, boolean create) {
        Token name = declName("flowtable name");
        t.expect("{");
        Hook hook = Hook.INGRESS;
        int prio = 0;
        List<String> devices = new ArrayList<>();
        int flags = 0;
        while (true) {
            t.skipSeparators();
            if (t.accept("}")) {
                break;
            }
            Token w = t.word("flowtable item");
            switch (w.text()) {
                case "hook" -> {
                    Token h = t.word("hook");
                    hook = Hook.parse(h.text());
                    if (t.at("priority")) {
                        t.next();
                        prio = priority(f, true);
                    }
                }
                case "priority" -> prio = priority(f, true);
                case "devices" -> devices.addAll(devices());
                case "flags" -> {
                    Token fl = t.word("flowtable flag");
                    if (!fl.is("offload")) {
                        throw t.error(fl, "unknown flowtable flag '" + fl.text() + "'");
                    }
                    flags |= 1;
                }
                case "counter" -> flags |= 2;
                default -> throw t.error(w, "syntax error, unexpected '" + w.text() + "'");
            }
            t.endOfStatement();
        }
        Flowtable ft = new Flowtable(f, table, name.text(), hook, prio, devices, flags, OptionalLong.empty());
        return () -> List.of(new Op.AddFlowtable(ft, create));
    }

    // ------------------------------------------------------------------------------------------- commands

    private void add(boolean create, Token kw) {
        Token what = t.word("object kind");
        switch (what.text()) {
            case "table" -> tableBlock(create, what);
            case "chain" -> {
                Family f = family();
                String table = declName("table name").text();
                List<Supplier<List<Op>>> chains = new ArrayList<>();
                List<Supplier<List<Op>>> rules = new ArrayList<>();
                chainDecl(f, table, create, chains, rules);
                slots.addAll(chains);
                slots.addAll(rules);
            }
            case "rule" -> ruleCommand(Op.Placement.APPEND, false);
            case "set", "map" -> {
                Family f = family();
                String table = declName("table name").text();
                slots.add(setDecl(f, table, what.is("map"), create));
            }
            case "element" -> elementCommand(create, false);
            case "counter", "quota", "limit" -> {
                Family f = family();
                String table = declName("table name").text();
                slots.add(objectDecl(f, table, what, create));
            }
            case "flowtable" -> {
                Family f = family();
                String table = declName("table name").text();
                slots.add(flowtableDecl(f, table, create));
            }
            case "ct" -> {
                // `add ct helper|timeout|expectation FAMILY TABLE NAME { ... }`: the kind comes before the table.
                Token kind = t.word("helper, timeout or expectation");
                if (!kind.is("helper") && !kind.is("timeout") && !kind.is("expectation")) {
                    throw t.error(kind, "syntax error, unexpected '" + kind.text() + "'");
                }
                Family f = family();
                String table = declName("table name").text();
                slots.add(kind.is("helper") ? ctHelperBody(f, table, create)
                        : ctTimeoutOrExpectation(f, table, kind.is("timeout"), create));
            }
            case "synproxy" -> {
                Family f = family();
                String table = declName("table name").text();
                slots.add(synproxyDecl(f, table, create));
            }
            default -> throw t.error(what, "syntax error, unexpected '" + what.text() + "'");
        }
    }

    private void elementCommand(boolean create, boolean delete) {
        Family f = family();
        String table = declName("table name").text();
        Token setTok = declName("set name");
        TableInfo ti = tables.get(new TableKey(f, table));
        SetDef def = ti == null ? null : ti.sets.get(setTok.text());
        if (def == null) {
            throw t.error(setTok, "Could not process rule: No such file or directory (set '" + setTok.text()
                    + "' does not exist in table " + f + " " + table + ")");
        }
        int at = t.mark();
        skipBraces();
        List<Operand> ops = def.key().stream().map(p -> Operand.value(p.type(), p.bytes())).toList();
        Optional<SetDef.Part> data = def.objectType() != 0 ? Optional.of(new SetDef.Part(null, 0)) : def.data();
        slots.add(() -> {
            List<Op> out = new ArrayList<>();
            int save = t.mark();
            t.reset(at);
            List<RuleCompiler.Elem> elems = RuleCompiler.parseElements(t, env(f, table, out), ops, data,
                    def.dataConcat(), def.verdictMap(), op -> new RuleCompiler(env(f, table, out), t).atomFor(op),
                    delete);
            t.reset(save);
            if (!def.isInterval()) {
                requireIntervalFlag(elems);
            }
            List<Boolean> hostOrder = ops.stream().map(Operand::hostOrder).toList();
            AutoMerge.Key key = new AutoMerge.Key(f, table, def.name());
            if (mergedSets.tracked(key)) {
                // an auto-merge set: the elements merge with what it holds, as nft's set_automerge does
                List<SetEncoding.Range> ranges = SetEncoding.ranges(def.key(), hostOrder, elems);
                if (!delete) {
                    out.addAll(mergedSets.add(key, ranges, create, emitted.size() + out.size()));
                    return out;
                }
                List<Op> deleted = mergedSets.delete(key, ranges);
                if (deleted != null) {
                    out.addAll(deleted);
                    return out;
                }
            }
            SetEncoding.Encoded enc;
            try {
                enc = delete ? SetEncoding.encodeDelete(def.key(), hostOrder, elems, def.isInterval())
                        : SetEncoding.encode(def.key(), hostOrder, elems, def.isInterval(), false, false);
            } catch (SetEncoding.Conflict c) {
                throw t.error(c.element.at, c.getMessage());
            }
            SetElements se = SetElements.of(f, table, def.name(), enc.elements());
            out.add(delete ? new Op.DeleteElements(se) : new Op.AddElements(se, create));
            return out;
        });
    }

    /**
     * rename chain [FAMILY] TABLE OLD NEW: nft sends the chain's handle with the new name, so the chain must be
     * in the kernel already (compile against the existing ruleset).
     */
    private void rename() {
        t.expect("chain");
        Family f = family();
        String table = declName("table name").text();
        Token old = declName("chain name");
        Token neu = declName("new chain name");
        TableInfo ti = info(f, table);
        Chain known = ti.existingChains.get(old.text());
        if (known == null || known.handle().isEmpty()) {
            throw t.error(old, "Could not process rule: No such file or directory (no chain '" + old.text()
                    + "' in " + f + " table " + table + " in the kernel; rename needs the existing ruleset)");
        }
        ti.chains.add(neu.text());
        List<RuleRef> model = ti.rules.remove(old.text());
        if (model != null) {
            ti.rules.put(neu.text(), model);
        }
        fixed(new Op.RenameChain(f, table, known.handle().getAsLong(), neu.text()));
    }

    private void delete() {
        Token what = t.word("object kind");
        switch (what.text()) {
            case "table" -> {
                Family f = family();
                String n;
                if (t.at("handle")) {
                    t.next();
                    Token h = t.peek();
                    long handle = t.number("table handle");
                    n = tableHandles.get(new TableKey(f, Long.toString(handle)));
                    if (n == null) {
                        throw t.error(h, "Could not process rule: No such file or directory (no " + f
                                + " table with handle " + handle + "; pass the existing ruleset to resolve handles)");
                    }
                } else {
                    n = declName("table name").text();
                }
                TableInfo ti = tables.get(new TableKey(f, n));
                if (ti != null) {
                    ti.rules.clear();
                }
                fixed(new Op.DeleteTable(f, n));
            }
            case "chain" -> {
                Family f = family();
                String table = declName("table name").text();
                String n;
                if (t.at("handle")) {
                    t.next();
                    Token h = t.peek();
                    n = chainByHandle(f, table, t.number("chain handle"), h);
                } else {
                    n = declName("chain name").text();
                }
                TableInfo ti = tables.get(new TableKey(f, table));
                if (ti != null) {
                    ti.rules.remove(n);
                }
                fixed(new Op.DeleteChain(f, table, n));
            }
            case "rule" -> {
                Family f = family();
                String table = declName("table name").text();
                String chain = declName("chain name").text();
                t.expect("handle");
                long h = t.number("rule handle");
                // the chain model keeps the deleted rule, as nft 1.0.6's cache does: a later "index N" still counts
                // it (checked against nft)
                fixed(new Op.DeleteRule(f, table, chain, h));
            }
            case "set", "map" -> {
                Family f = family();
                String table = declName("table name").text();
                String n = byHandleOrName(f, table, ti -> ti.setHandles, "set name");
                Op op = new Op.DeleteSet(f, table, n);
                // in slot order, as the element commands that read the set's content run
                slots.add(() -> {
                    mergedSets.untrack(new AutoMerge.Key(f, table, n));
                    return List.of(op);
                });
            }
            case "element" -> elementCommand(false, true);
            case "counter", "quota", "limit" -> {
                Family f = family();
                String table = declName("table name").text();
                String n = byHandleOrName(f, table, ti -> ti.objectHandles, "object name");
                int type = switch (what.text()) {
                    case "counter" -> StatefulObject.COUNTER;
                    case "quota" -> StatefulObject.QUOTA;
                    default -> StatefulObject.LIMIT;
                };
                fixed(new Op.DeleteObject(f, table, type, n));
            }
            case "flowtable" -> {
                Family f = family();
                String table = declName("table name").text();
                String n = byHandleOrName(f, table, ti -> ti.flowtableHandles, "flowtable name");
                fixed(new Op.DeleteFlowtable(f, table, n));
            }
            default -> throw t.error(what, "syntax error, unexpected '" + what.text() + "'");
        }
    }

    /** A name, or {@code handle N} resolved through the existing ruleset. */
    private String byHandleOrName(Family f, String table, java.util.function.Function<TableInfo, Map<Long, String>> which,
                                  String what) {
        if (!t.at("handle")) {
            return declName(what).text();
        }
        t.next();
        Token h = t.peek();
        long handle = t.number("handle");
        TableInfo ti = tables.get(new TableKey(f, table));
        String n = ti == null ? null : which.apply(ti).get(handle);
        if (n == null) {
            throw t.error(h, "Could not process rule: No such file or directory (no object with handle " + handle
                    + " in table " + f + " " + table + "; pass the existing ruleset to resolve handles)");
        }
        return n;
    }

    /** {@code delete chain T handle N}: the chain's name from the existing ruleset. */
    private String chainByHandle(Family f, String table, long handle, Token at) {
        TableInfo ti = tables.get(new TableKey(f, table));
        if (ti != null) {
            for (Chain c : ti.existingChains.values()) {
                if (c.handle().isPresent() && c.handle().getAsLong() == handle) {
                    return c.name();
                }
            }
        }
        throw t.error(at, "Could not process rule: No such file or directory (no chain with handle " + handle
                + " in table " + f + " " + table + "; pass the existing ruleset to resolve handles)");
    }

    private void flush() {
        Token what = t.word("ruleset, table, chain, set or map");
        switch (what.text()) {
            case "ruleset" -> {
                Optional<Family> f = Optional.empty();
                Token n = t.peek();
                if (n.isWord() && List.of("ip", "ip6", "inet", "arp", "bridge", "netdev").contains(n.text())) {
                    t.next();
                    f = Optional.of(Family.parse(n.text()));
                }
                fixed(new Op.FlushRuleset(f));
                // after a flush the script's own view starts from nothing
                if (f.isEmpty()) {
                    tables.clear();
                }
            }
            case "table" -> {
                Family f = family();
                String n = declName("table name").text();
                fixed(new Op.FlushTable(f, n));
            }
            case "chain" -> {
                Family f = family();
                String table = declName("table name").text();
                String n = declName("chain name").text();
                // The chain model keeps the flushed rules, as nft 1.0.6's cache does: a later "index N" counts
                // them, and a rule placed next to a flushed one lands where it was (checked against nft).
                fixed(new Op.FlushChain(f, table, n));
            }
            case "set", "map" -> {
                Family f = family();
                String table = declName("table name").text();
                String n = declName("set name").text();
                Op op = new Op.FlushSet(f, table, n);
                // in slot order, as the element commands that read the set's content run
                slots.add(() -> {
                    mergedSets.flush(new AutoMerge.Key(f, table, n));
                    return List.of(op);
                });
            }
            default -> throw t.error(what, "syntax error, unexpected '" + what.text()
                    + "', expecting ruleset, table, chain, set or map");
        }
    }
}
