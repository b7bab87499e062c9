package io.jnetlink.cli.command;

import io.jnetlink.cli.Failure;
import io.jnetlink.cli.Jnl;
import io.jnetlink.cli.output.Json;
import io.jnetlink.core.ns.NetNs;
import io.jnetlink.nftables.CommitResult;
import io.jnetlink.nftables.Nftables;
import io.jnetlink.nftables.Op;
import io.jnetlink.nftables.lang.CompileException;
import io.jnetlink.nftables.lang.NftCompiler;
import io.jnetlink.nftables.lang.Script;
import io.jnetlink.nftables.expr.Data;
import io.jnetlink.nftables.model.Chain;
import io.jnetlink.nftables.model.DataSpec;
import io.jnetlink.nftables.model.Family;
import io.jnetlink.nftables.model.Ruleset;
import io.jnetlink.nftables.model.NftSet;
import io.jnetlink.nftables.model.SetElement;
import io.jnetlink.nftables.model.SetElements;
import io.jnetlink.nftables.model.StatefulObject;
import io.jnetlink.nftables.monitor.NftEvent;
import io.jnetlink.nftables.monitor.NftMonitor;
import io.jnetlink.nftables.proto.Datatype;
import io.jnetlink.route.Rtnetlink;
import io.jnetlink.route.link.Link;
import io.jnetlink.core.error.Errno;
import java.util.function.IntFunction;
import io.jnetlink.nftables.text.NftJson;
import io.jnetlink.nftables.text.NftText;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code jnl nft ...}: nftables without the nft binary. {@code apply -f FILE} compiles an nft script and commits it
 * as one transaction, {@code list} prints the ruleset as {@code nft list ruleset} does, {@code delete table}
 * removes a table, {@code monitor} prints changes as they are committed.
 */
@Command(name = "nft", description = "nftables: apply a script in one transaction, list, delete a table, monitor",
        subcommands = {NftCommand.Apply.class, NftCommand.ListCmd.class, NftCommand.Delete.class,
                NftCommand.Monitor.class})
public final class NftCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "missing command: one of apply, list, delete, monitor");
    }

    private static Nftables open(CommandSpec spec) {
        Jnl root = Jnl.root(spec);
        if (root.netnsName() == null) {
            return Nftables.open();
        }
        try (NetNs ns = NetNs.open(root.netnsName())) {
            return Nftables.open(ns);
        }
    }

    /**
     * Compiles for the namespace the rules go to: {@code iif}/{@code oif} names resolve to that namespace's
     * interface indexes (nft resolves them in its own namespace, which is the target one).
     */
    private static Script compileIn(CommandSpec spec, String text, String source, Ruleset existing) {
        Jnl root = Jnl.root(spec);
        if (root.netnsName() == null) {
            return NftCompiler.compile(text, source, existing);
        }
        try (NetNs ns = NetNs.open(root.netnsName())) {
            return NftCompiler.compile(text, source, existing, ns::interfaceIndex);
        }
    }

    private static Family family(Keywords k, String name) {
        try {
            return Family.parse(name);
        } catch (IllegalArgumentException e) {
            throw k.usage(e.getMessage());
        }
    }

    /**
     * {@code jnl nft apply -f FILE}: compiles FILE ({@code -} for standard input) and applies it in one
     * transaction: either all of it takes effect or nothing does. Equivalent to: {@code nft -f FILE}.
     * A compile error prints nft's message (file, line, columns, the source line and a marker) and exits 2.
     */
    @Command(name = "apply", description = "Apply an nft script in one transaction (as nft -f FILE)")
    public static final class Apply implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = {"-f", "--file"}, required = true, paramLabel = "FILE",
                description = "The nft script; - reads standard input.")
        String file;

        @Option(names = {"-c", "--check"},
                description = "Compile only and change nothing (unlike nft -c, the kernel is not asked to check).")
        boolean check;

        @Override
        public Integer call() {
            Keywords k = new Keywords(spec.commandLine(), List.of());
            String source = file.equals("-") ? "/dev/stdin" : file;
            String text = read(k, file);
            PrintWriter out = spec.commandLine().getOut();
            try (Nftables nft = open(spec)) {
                Script script;
                try {
                    script = compileIn(spec, text, source, nft.list());
                } catch (CompileException e) {
                    PrintWriter err = spec.commandLine().getErr();
                    err.println(e.getMessage());
                    err.flush();
                    return Jnl.EXIT_USAGE;
                }
                if (check || script.ops().isEmpty()) {
                    return 0;
                }
                CommitResult r = nft.apply(script.ops());
                if (Jnl.root(spec).json()) {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("operations", script.ops().size());
                    m.put("generation", r.generation());
                    out.println(Json.write(m));
                }
            }
            out.flush();
            return 0;
        }

        private static String read(Keywords k, String file) {
            try {
                byte[] bytes;
                if (file.equals("-")) {
                    InputStream in = System.in;
                    bytes = in.readAllBytes();
                } else {
                    bytes = Files.readAllBytes(Path.of(file));
                }
                return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .decode(java.nio.ByteBuffer.wrap(bytes)).toString();
            } catch (CharacterCodingException e) {
                throw k.usage("invalid -f '" + file + "': not UTF-8 text");
            } catch (IOException e) {
                throw new Failure("read " + file + ": " + InputFiles.reason(e));
            }
        }
    }

    /**
     * {@code jnl nft list [ruleset | table FAMILY NAME]}: the ruleset, or one table, exactly as
     * {@code nft list ruleset} prints it; {@code --json} as {@code nft -j list ruleset}.
     */
    @Command(name = "list", description = "List the ruleset or one table (as nft list ruleset / nft list table F N)")
    public static final class ListCmd implements Runnable {
        @Spec
        CommandSpec spec;

        @Parameters(arity = "0..*", paramLabel = "WHAT", description = "ruleset (default) | table FAMILY NAME")
        List<String> args;

        @Override
        public void run() {
            Keywords k = new Keywords(spec.commandLine(), args);
            Family family = null;
            String table = null;
            if (k.hasNext()) {
                String what = k.next();
                switch (what) {
                    case "ruleset" -> {
                    }
                    case "table" -> {
                        family = family(k, k.value("table"));
                        table = k.value("table " + family);
                    }
                    default -> throw k.unknown(what, "ruleset or table");
                }
                k.end("nothing");
            }
            PrintWriter out = spec.commandLine().getOut();
            Jnl root = Jnl.root(spec);
            try (NetNs ns = root.netnsHandle(); Nftables nft = Nftables.open(ns); Rtnetlink rt = Rtnetlink.open(ns)) {
                Ruleset rs;
                if (table == null) {
                    rs = nft.list();
                } else {
                    rs = nft.list(family, table);
                    if (rs.tables().isEmpty()) {
                        // what nft says: the kernel answers a GETTABLE of a missing table with ENOENT
                        throw new Failure("list table " + family + " " + table + ": " + Errno.ENOENT
                                + ": No such table");
                    }
                }
                // nft names iif/oif interfaces as its namespace knows them; so does jnl, in --netns's namespace
                IntFunction<Optional<String>> ifnames = i -> rt.links().get(i).map(Link::name);
                if (root.json()) {
                    out.println(NftJson.render(rs, ifnames));
                } else {
                    out.print(NftText.render(rs, ifnames));
                }
            }
            out.flush();
        }
    }

    /** {@code jnl nft delete table FAMILY NAME}. Equivalent to: {@code nft delete table FAMILY NAME}. */
    @Command(name = "delete", description = "Delete a table with everything in it: delete table FAMILY NAME")
    public static final class Delete implements Runnable {
        @Spec
        CommandSpec spec;

        @Parameters(arity = "0..*", paramLabel = "ARGS")
        List<String> args;

        @Override
        public void run() {
            Keywords k = new Keywords(spec.commandLine(), args);
            if (!k.hasNext()) {
                throw k.usage("missing object: delete table FAMILY NAME");
            }
            String what = k.next();
            if (!what.equals("table")) {
                throw k.unknown(what, "table");
            }
            Family family = family(k, k.value("table"));
            String name = k.value("table " + family);
            k.end("nothing");
            try (Nftables nft = open(spec)) {
                nft.apply(List.of(new Op.DeleteTable(family, name)));
            }
        }
    }

    /**
     * {@code jnl nft monitor}: one line per change, as {@code nft monitor} prints them, until interrupted or
     * {@code --count N} lines; JSON lines with {@code --json}.
     */
    @Command(name = "monitor", description = "Print ruleset changes as they are committed, one line each "
            + "(JSON lines with --json); until interrupted or --count lines")
    public static final class Monitor implements Runnable {
        private static final Duration POLL = Duration.ofMillis(200);

        @Spec
        CommandSpec spec;

        @Option(names = "--count", paramLabel = "N", description = "Exit after printing N lines.")
        Integer count;

        @Override
        public void run() {
            Keywords k = new Keywords(spec.commandLine(), List.of());
            if (count != null && count < 1) {
                throw k.usage("invalid --count '" + count + "': must be at least 1");
            }
            Jnl root = Jnl.root(spec);
            PrintWriter out = spec.commandLine().getOut();
            Mirror sets = new Mirror();
            try (NetNs ns = root.netnsHandle(); NftMonitor m = NftMonitor.open(ns)) {
                long printed = 0;
                while (!Thread.currentThread().isInterrupted() && (count == null || printed < count)) {
                    Optional<NftEvent> e = m.next(POLL);
                    if (e.isEmpty()) {
                        continue;
                    }
                    String line = root.json() ? Json.write(json(e.get(), sets)) : text(e.get(), sets);
                    sets.apply(e.get()); // after: a deleted set's elements still format as its type
                    if (line == null) {
                        continue;
                    }
                    out.println(line);
                    out.flush();
                    printed++;
                }
            }
        }
    }

    /**
     * The sets and elements announced so far, so that a rule referring to a set (an anonymous one announced in
     * the same transaction, typically) renders as nft prints it.
     */
    static final class Mirror {
        private final Map<String, NftSet> sets = new LinkedHashMap<>();
        private final Map<String, List<SetElement>> elements = new LinkedHashMap<>();

        private static String key(Family f, String table, String set) {
            return f + " " + table + " " + set;
        }

        void apply(NftEvent e) {
            switch (e) {
                case NftEvent.SetChange s -> {
                    String k = key(s.set().family(), s.set().table(), s.set().name());
                    if (s.action() == NftEvent.Action.ADD) {
                        sets.put(k, s.set());
                    } else {
                        sets.remove(k);
                        elements.remove(k);
                    }
                }
                case NftEvent.ElementChange el -> {
                    String k = key(el.elements().family(), el.elements().table(), el.elements().set());
                    List<SetElement> l = elements.computeIfAbsent(k, x -> new ArrayList<>());
                    if (el.action() == NftEvent.Action.ADD) {
                        l.addAll(el.elements().elements());
                    } else {
                        l.removeIf(x -> el.elements().elements().stream().anyMatch(
                                y -> y.key().equals(x.key()) && y.flags() == x.flags()));
                    }
                }
                case NftEvent.TableChange t when t.action() == NftEvent.Action.DELETE -> {
                    String prefix = key(t.table().family(), t.table().name(), "");
                    sets.keySet().removeIf(k -> k.startsWith(prefix));
                    elements.keySet().removeIf(k -> k.startsWith(prefix));
                }
                default -> {
                }
            }
        }

        Optional<NftSet> find(SetElements e) {
            return Optional.ofNullable(sets.get(key(e.family(), e.table(), e.set())));
        }

        Ruleset ruleset() {
            List<SetElements> els = new ArrayList<>();
            for (var e : elements.entrySet()) {
                NftSet s = sets.get(e.getKey());
                if (s != null && !e.getValue().isEmpty()) {
                    els.add(SetElements.of(s.family(), s.table(), s.name(), e.getValue()));
                }
            }
            return new Ruleset(List.of(), List.of(), List.of(), List.copyOf(sets.values()), els, List.of(), List.of(), 0);
        }
    }

    /**
     * One line per event, in nft monitor's words where it has them. Like nft monitor, the creation of an
     * anonymous set and its elements is not printed (the rule that uses it shows them inline); its deletion is.
     * Returns null for such a hidden event.
     */
    static String text(NftEvent e, Mirror sets) {
        return switch (e) {
            case NftEvent.TableChange t -> t.action().nftName() + " table " + t.table().family() + " " + t.table().name();
            case NftEvent.ChainChange c -> c.action().nftName() + " chain " + c.chain().family() + " "
                    + c.chain().table() + " " + c.chain().name()
                    + (c.action() == NftEvent.Action.ADD ? chainSummary(c.chain()) : "");
            case NftEvent.RuleChange r -> r.action().nftName() + " rule " + r.rule().family() + " " + r.rule().table()
                    + " " + r.rule().chain() + (r.action() == NftEvent.Action.ADD
                    ? ruleText(r, sets) + r.rule().handle().stream().mapToObj(h -> " # handle " + h).findFirst().orElse("")
                    : r.rule().handle().stream().mapToObj(h -> " handle " + h).findFirst().orElse(""));
            case NftEvent.SetChange s when s.action() == NftEvent.Action.ADD && s.set().isAnonymous() -> null;
            case NftEvent.SetChange s -> s.action().nftName() + (s.set().isMap() ? " map " : " set ")
                    + s.set().family() + " " + s.set().table() + " " + s.set().name()
                    + (s.action() == NftEvent.Action.ADD ? setSummary(s.set()) : "");
            case NftEvent.ElementChange el when el.action() == NftEvent.Action.ADD
                    && sets.find(el.elements()).map(NftSet::isAnonymous).orElse(false) -> null;
            case NftEvent.ElementChange el -> el.action().nftName() + " element " + el.elements().family() + " "
                    + el.elements().table() + " " + el.elements().set() + " { " + String.join(", ",
                    el.elements().elements().stream().filter(x -> !x.isIntervalEnd())
                            .map(x -> element(x, sets.find(el.elements()))).toList()) + " }";
            case NftEvent.ObjectChange o -> o.action().nftName() + " " + objectKind(o.object().type()) + " "
                    + o.object().family() + " " + o.object().table() + " " + o.object().name();
            case NftEvent.FlowtableChange f -> f.action().nftName() + " flowtable " + f.flowtable().family() + " "
                    + f.flowtable().table() + " " + f.flowtable().name();
            case NftEvent.Generation g -> "# new generation " + g.generation()
                    + (g.pid().isPresent() ? " by process " + g.pid().getAsInt() + g.process().map(p -> " (" + p + ")")
                    .orElse("") : "");
            case NftEvent.Overrun o -> "# overrun: the kernel dropped notifications; list the ruleset again";
            case NftEvent.Undecoded u -> "# undecoded message 0x" + Integer.toHexString(u.messageType()) + ": "
                    + u.reason();
        };
    }

    private static String setSummary(NftSet s) {
        String key = typeName(s.key().type());
        String data = s.data().map(d -> d.type() == io.jnetlink.nftables.model.DataSpec.VERDICT ? "verdict"
                : typeName(d.type())).map(x -> " : " + x).orElse("");
        return " { type " + key + data + "; }";
    }

    private static String typeName(int type) {
        return Datatype.of(type).map(Datatype::name).orElse(Integer.toString(type));
    }

    private static String chainSummary(Chain c) {
        return c.base().map(b -> " { type " + b.type() + " hook " + b.hook().nftName() + " priority " + b.priority()
                + ";" + b.policy().map(p -> " policy " + p.nftName() + ";").orElse("") + " }").orElse("");
    }

    /** The rule's statements as nft lists them, rendered from the announced rule alone. */
    private static String ruleText(NftEvent.RuleChange r, Mirror sets) {
        if (r.action() == NftEvent.Action.DELETE) {
            return ""; // the kernel announces a deleted rule by its handle only
        }
        String text = NftText.renderRule(sets.ruleset(), r.rule()).strip();
        return text.isEmpty() ? "" : " " + text;
    }

    /** An element's key in its set's datatype when the set is known, else in hex. */
    private static String element(SetElement e, Optional<NftSet> set) {
        Optional<Integer> keyType = set.map(s -> s.key().type());
        String key = value(e.key().bytes(), keyType);
        StringBuilder k = new StringBuilder(key);
        e.keyEnd().ifPresent(x -> k.append('-').append(value(x.bytes(), keyType)));
        if (e.data().isPresent()) {
            String d = switch (e.data().get()) {
                case Data.Verdict v -> Datatype.verdictName(v.code()) + v.chain().map(c -> " " + c).orElse("");
                case Data.Value v -> value(v.bytes(), set.flatMap(s -> s.data()).map(DataSpec::type));
            };
            k.append(" : ").append(d);
        }
        e.objectRef().ifPresent(o -> k.append(" : \"").append(o).append('"'));
        return k.toString();
    }

    private static String value(byte[] b, Optional<Integer> type) {
        Optional<Datatype> dt = type.flatMap(Datatype::of);
        if (dt.isPresent() && dt.get().byteLength() == b.length) {
            try {
                return dt.get().format(b);
            } catch (RuntimeException unformattable) {
                // fall back to hex: a monitor line must never fail
            }
        }
        return "0x" + HexFormat.of().formatHex(b);
    }

    private static String objectKind(int type) {
        return switch (type) {
            case StatefulObject.COUNTER -> "counter";
            case StatefulObject.QUOTA -> "quota";
            case StatefulObject.CT_HELPER -> "ct helper";
            case StatefulObject.LIMIT -> "limit";
            case StatefulObject.CONNLIMIT -> "connlimit";
            default -> "object";
        };
    }

    static Map<String, Object> json(NftEvent e, Mirror sets) {
        Map<String, Object> m = new LinkedHashMap<>();
        switch (e) {
            case NftEvent.Change c -> {
                m.put("action", c.action().nftName());
                switch (c) {
                    case NftEvent.TableChange t -> object(m, "table", t.table().family(), null, t.table().name());
                    case NftEvent.ChainChange ch -> object(m, "chain", ch.chain().family(), ch.chain().table(),
                            ch.chain().name());
                    case NftEvent.RuleChange r -> {
                        object(m, "rule", r.rule().family(), r.rule().table(), null);
                        m.put("chain", r.rule().chain());
                        r.rule().handle().ifPresent(h -> m.put("handle", h));
                        if (r.action() == NftEvent.Action.ADD) {
                            m.put("rule", NftText.renderRule(sets.ruleset(), r.rule()).strip());
                        }
                    }
                    case NftEvent.SetChange s -> object(m, s.set().isMap() ? "map" : "set", s.set().family(),
                            s.set().table(), s.set().name());
                    case NftEvent.ElementChange el -> {
                        object(m, "element", el.elements().family(), el.elements().table(), el.elements().set());
                        m.put("elements", el.elements().elements().stream()
                                .map(x -> element(x, sets.find(el.elements()))).toList());
                    }
                    case NftEvent.ObjectChange o -> object(m, objectKind(o.object().type()), o.object().family(),
                            o.object().table(), o.object().name());
                    case NftEvent.FlowtableChange f -> object(m, "flowtable", f.flowtable().family(),
                            f.flowtable().table(), f.flowtable().name());
                }
            }
            case NftEvent.Generation g -> {
                m.put("object", "generation");
                m.put("generation", g.generation());
                g.pid().ifPresent(p -> m.put("pid", p));
                g.process().ifPresent(p -> m.put("process", p));
            }
            case NftEvent.Overrun o -> m.put("object", "overrun");
            case NftEvent.Undecoded u -> {
                m.put("object", "undecoded");
                m.put("type", u.messageType());
                m.put("reason", u.reason());
            }
        }
        return m;
    }

    private static void object(Map<String, Object> m, String kind, Family family, String table, String name) {
        m.put("object", kind);
        m.put("family", family.nftName());
        if (table != null) {
            m.put("table", table);
        }
        if (name != null) {
            m.put("name", name);
        }
    }
}
