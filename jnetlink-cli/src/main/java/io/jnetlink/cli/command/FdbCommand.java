package io.jnetlink.cli.command;

import io.jnetlink.cli.Jnl;
import io.jnetlink.cli.output.Json;
import io.jnetlink.cli.output.Table;
import io.jnetlink.core.net.InetAddresses;
import io.jnetlink.core.net.MacAddress;
import io.jnetlink.route.Rtnetlink;
import io.jnetlink.route.fdb.FdbCodec;
import io.jnetlink.route.fdb.FdbEntry;
import io.jnetlink.route.fdb.FdbMesh;
import io.jnetlink.route.link.Link;
import io.jnetlink.route.neigh.NeighbourFlags;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.function.Function;
import java.util.stream.Collectors;

/** {@code jnl fdb}: the bridge forwarding database and VXLAN remotes, as {@code bridge fdb}. */
@Command(name = "fdb", description = "Bridge forwarding database and VXLAN remotes, as bridge fdb.",
        subcommands = {FdbCommand.ListFdb.class, FdbCommand.Add.class, FdbCommand.Append.class,
                FdbCommand.Replace.class, FdbCommand.Del.class, FdbCommand.Sync.class})
public final class FdbCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        ListFdb.print(spec, List.of());
    }

    /** Equivalent to: {@code bridge fdb show [dev NAME | br BRIDGE]}. */
    @Command(name = "list", aliases = {"ls", "show"}, description = "List entries: [dev NAME | br BRIDGE]")
    static final class ListFdb implements Runnable {
        @Spec
        CommandSpec spec;

        @Parameters(arity = "0..2", paramLabel = "dev NAME|br BRIDGE")
        List<String> args;

        @Override
        public void run() {
            print(spec, args);
        }

        static void print(CommandSpec s, List<String> arguments) {
            Keywords k = new Keywords(s.commandLine(), arguments);
            String dev = null;
            String bridge = null;
            while (k.hasNext()) {
                String t = k.next();
                switch (t) {
                    case "dev" -> dev = k.value("dev");
                    case "br" -> bridge = k.value("br");
                    default -> throw k.unknown(t, "dev or br");
                }
            }
            if (dev != null && bridge != null) {
                throw k.usage("'dev' and 'br' exclude each other");
            }
            Jnl root = Jnl.root(s);
            PrintWriter out = s.commandLine().getOut();
            try (Rtnetlink rt = root.rtnetlink()) {
                List<FdbEntry> entries = dev != null ? rt.fdb().list(dev)
                        : bridge != null ? rt.fdb().listBridge(bridge) : rt.fdb().list();
                Map<Integer, Link> links = links(rt);
                if (root.json()) {
                    out.println(Json.write(entries.stream().map(e -> toJson(e, links)).toList()));
                } else {
                    Table t = new Table("MAC", "DEV", "DST", "VNI", "PORT", "VIA", "VLAN", "MASTER", "FLAGS", "STATE");
                    for (FdbEntry e : entries) {
                        t.row(e.mac(), LinkCommand.nameOf(e.index(), links), e.dst().map(InetAddresses::toString).orElse(null),
                                value(e.vni()), value(e.port()),
                                e.ifindex().isPresent() ? LinkCommand.nameOf(e.ifindex().getAsInt(), links) : null,
                                value(e.vlan()),
                                e.master().isPresent() ? LinkCommand.nameOf(e.master().getAsInt(), links) : null,
                                String.join(",", e.flags().names()), state(e));
                    }
                    t.print(out);
                }
            }
            out.flush();
        }
    }

    static Map<Integer, Link> links(Rtnetlink rt) {
        return rt.links().list().stream().collect(Collectors.toMap(Link::index, Function.identity()));
    }

    static Integer value(OptionalInt v) {
        return v.isPresent() ? v.getAsInt() : null;
    }

    /** bridge's state names, with {@code reachable} where bridge prints an empty string. */
    static String state(FdbEntry e) {
        String s = e.stateName();
        return s.isEmpty() ? "reachable" : s;
    }

    static Map<String, Object> toJson(FdbEntry e, Map<Integer, Link> links) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("index", e.index());
        m.put("dev", LinkCommand.nameOf(e.index(), links));
        m.put("mac", e.mac().toString());
        m.put("dst", e.dst().map(InetAddresses::toString).orElse(null));
        m.put("vni", value(e.vni()));
        m.put("port", value(e.port()));
        m.put("via", e.ifindex().isPresent() ? LinkCommand.nameOf(e.ifindex().getAsInt(), links) : null);
        m.put("src_vni", value(e.srcVni()));
        m.put("vlan", value(e.vlan()));
        m.put("master", e.master().isPresent() ? LinkCommand.nameOf(e.master().getAsInt(), links) : null);
        m.put("flags", e.flags().names());
        m.put("state", state(e));
        return m;
    }

    /** Equivalent to: {@code bridge fdb add MAC dev NAME ...}. */
    @Command(name = "add", description = "Add an entry: " + Change.SYNTAX)
    static final class Add implements Runnable {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "ARGS", arity = "1..*")
        List<String> args;

        @Override
        public void run() {
            change(spec, args, Change.ADD);
        }
    }

    /** Equivalent to: {@code bridge fdb append MAC dev NAME ...}. */
    @Command(name = "append", description = "Add a remote to an entry (VXLAN flood list): " + Change.SYNTAX)
    static final class Append implements Runnable {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "ARGS", arity = "1..*")
        List<String> args;

        @Override
        public void run() {
            change(spec, args, Change.APPEND);
        }
    }

    /** Equivalent to: {@code bridge fdb replace MAC dev NAME ...}. */
    @Command(name = "replace", description = "Add or change an entry: " + Change.SYNTAX)
    static final class Replace implements Runnable {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "ARGS", arity = "1..*")
        List<String> args;

        @Override
        public void run() {
            change(spec, args, Change.REPLACE);
        }
    }

    /** Equivalent to: {@code bridge fdb del MAC dev NAME ...}. */
    @Command(name = "del", aliases = {"delete"}, description = "Delete an entry (on VXLAN, with dst: that remote): "
            + Change.SYNTAX)
    static final class Del implements Runnable {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "ARGS", arity = "1..*")
        List<String> args;

        @Override
        public void run() {
            change(spec, args, Change.DELETE);
        }
    }

    private enum Change {
        ADD, APPEND, REPLACE, DELETE;

        static final String SYNTAX = "MAC dev NAME [dst IP] [vni N] [port N] [via DEV] [src_vni N] [vlan N] "
                + "[self|master] [router] [sticky] [extern_learn] [permanent|local|static|dynamic]";
    }

    private static final int VNI_MAX = (1 << 24) - 1;
    private static final int PORT_MAX = 0xFFFF;
    private static final int VLAN_MAX = 4094;

    private static void change(CommandSpec spec, List<String> args, Change change) {
        Keywords k = new Keywords(spec.commandLine(), args);
        MacAddress mac = null;
        String dev = null;
        String via = null;
        InetAddress dst = null;
        Integer vni = null;
        Integer port = null;
        Integer srcVni = null;
        Integer vlan = null;
        boolean self = false;
        boolean master = false;
        NeighbourFlags extra = NeighbourFlags.NONE;
        String state = null;
        while (k.hasNext()) {
            String t = k.next();
            switch (t) {
                case "dev" -> dev = k.value(t);
                case "dst" -> dst = k.parsed(t, InetAddresses::parse);
                case "vni" -> vni = k.intValue(t, 0, VNI_MAX);
                case "port", "dst_port" -> port = k.intValue(t, 1, PORT_MAX);
                case "via" -> via = k.value(t);
                case "src_vni" -> srcVni = k.intValue(t, 0, VNI_MAX);
                case "vlan" -> vlan = k.intValue(t, 1, VLAN_MAX);
                case "self" -> self = true;
                case "master" -> master = true;
                case "router" -> extra = extra.with(NeighbourFlags.ROUTER);
                case "sticky" -> extra = extra.with(NeighbourFlags.STICKY);
                case "extern_learn" -> extra = extra.with(NeighbourFlags.EXTERN_LEARN);
                case "permanent", "local", "static", "dynamic" -> {
                    if (state != null && !state.equals(t)) {
                        throw k.usage("'" + state + "' and '" + t + "' exclude each other");
                    }
                    state = t;
                }
                default -> {
                    if (mac != null) {
                        throw k.unknown(t, "dev, dst, vni, port, via, src_vni, vlan, self, master, router, sticky, "
                                + "extern_learn, permanent, static or dynamic");
                    }
                    mac = k.parse("MAC", t, FdbCommand::ethernet);
                }
            }
        }
        if (mac == null) {
            throw k.usage("missing MAC address");
        }
        if (dev == null) {
            throw k.usage("missing 'dev NAME'");
        }
        Jnl root = Jnl.root(spec);
        try (Rtnetlink rt = root.rtnetlink()) {
            int index = rt.links().indexOf(dev);
            FdbEntry.Builder b = FdbEntry.builder(index, mac);
            if (dst != null) {
                b.dst(dst);
            }
            if (vni != null) {
                b.vni(vni);
            }
            if (port != null) {
                b.port(port);
            }
            if (via != null) {
                b.via(rt.links().indexOf(via));
            }
            if (srcVni != null) {
                b.srcVni(srcVni);
            }
            if (vlan != null) {
                b.vlan(vlan);
            }
            // As bridge: self unless master is given; both may be.
            if (master) {
                b.flags(self ? NeighbourFlags.SELF.with(NeighbourFlags.MASTER) : NeighbourFlags.MASTER);
            }
            b.addFlags(extra);
            if (state != null) {
                switch (state) {
                    case "static" -> b.asStatic();
                    case "dynamic" -> b.dynamic();
                    default -> b.permanent();
                }
            }
            FdbEntry entry = b.build();
            // By name: the kernel's refusal then names the device as it was given.
            rt.socket().request(switch (change) {
                case ADD -> FdbCodec.add(entry, dev);
                case APPEND -> FdbCodec.append(entry, dev);
                case REPLACE -> FdbCodec.replace(entry, dev);
                case DELETE -> FdbCodec.delete(entry, dev);
            });
        }
    }

    /** FDB entries are Ethernet addresses. */
    private static MacAddress ethernet(String text) {
        MacAddress mac = MacAddress.parse(text);
        if (mac.bytes().length != 6) {
            throw new IllegalArgumentException("must be a 6-byte (Ethernet) address");
        }
        return mac;
    }

    /**
     * Makes a VXLAN device's remotes (its 00:00:00:00:00:00 flood entries) exactly the given set, with one dump
     * and at most one batch, and prints what changed. Replaces a loop of {@code bridge fdb append} and
     * {@code bridge fdb del} lines computed from {@code bridge fdb show dev DEV}.
     */
    @Command(name = "sync", description = "Make a VXLAN device's remotes exactly these: DEV (--remotes-file FILE | "
            + "--remote IP...); prints what was added and removed")
    static final class Sync implements Runnable {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "DEV", description = "The VXLAN device.")
        String dev;

        @Option(names = "--remotes-file", paramLabel = "FILE",
                description = "One remote IP per line; blank lines and # comments are ignored.")
        Path file;

        @Option(names = "--remote", paramLabel = "IP", arity = "1..*", description = "A remote IP (repeatable).")
        List<String> remotes;

        @Override
        public void run() {
            Keywords k = new Keywords(spec.commandLine(), List.of());
            if (file != null && remotes != null) {
                throw k.usage("--remotes-file and --remote exclude each other");
            }
            if (file == null && remotes == null) {
                throw k.usage("missing --remotes-file FILE or --remote IP");
            }
            List<InetAddress> wanted = new ArrayList<>();
            if (file != null) {
                wanted.addAll(readRemotes(k, file));
            } else {
                for (String r : remotes) {
                    wanted.add(k.parse("--remote", r, InetAddresses::parse));
                }
            }
            Jnl root = Jnl.root(spec);
            PrintWriter out = spec.commandLine().getOut();
            try (Rtnetlink rt = root.rtnetlink()) {
                FdbMesh mesh = rt.fdb().mesh(dev);
                FdbMesh.SyncResult result;
                try {
                    result = mesh.sync(wanted);
                } catch (IllegalArgumentException e) {
                    throw k.usage(e.getMessage());
                }
                Map<Integer, Link> links = links(rt);
                if (root.json()) {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("added", result.added().stream().map(e -> toJson(e, links)).toList());
                    m.put("removed", result.removed().stream().map(e -> toJson(e, links)).toList());
                    out.println(Json.write(m));
                } else {
                    Table t = new Table("ACTION", "MAC", "DST");
                    for (FdbEntry e : result.added()) {
                        t.row("added", e.mac(), e.dst().map(InetAddresses::toString).orElse(null));
                    }
                    for (FdbEntry e : result.removed()) {
                        t.row("removed", e.mac(), e.dst().map(InetAddresses::toString).orElse(null));
                    }
                    t.print(out);
                }
            }
            out.flush();
        }

        /**
         * The remotes of a file: one IP address per line; blank lines and everything from a {@code #} on are
         * ignored. A line that is not an address is a usage error naming the file and the line number.
         */
        static List<InetAddress> readRemotes(Keywords k, Path file) {
            List<String> lines = InputFiles.lines(k, "--remotes-file", file);
            List<InetAddress> out = new ArrayList<>(lines.size());
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i);
                int hash = line.indexOf('#');
                String text = (hash >= 0 ? line.substring(0, hash) : line).strip();
                if (text.isEmpty()) {
                    continue;
                }
                try {
                    out.add(InetAddresses.parse(text));
                } catch (IllegalArgumentException e) {
                    throw k.usage("invalid remote '" + text + "' at " + file + " line " + (i + 1) + ": "
                            + e.getMessage());
                }
            }
            return out;
        }
    }
}
