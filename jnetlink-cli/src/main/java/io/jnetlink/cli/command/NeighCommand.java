package io.jnetlink.cli.command;

import io.jnetlink.cli.Jnl;
import io.jnetlink.cli.output.Json;
import io.jnetlink.cli.output.Table;
import io.jnetlink.core.net.InetAddresses;
import io.jnetlink.core.net.MacAddress;
import io.jnetlink.route.Rtnetlink;
import io.jnetlink.route.link.Link;
import io.jnetlink.route.neigh.Neighbour;
import io.jnetlink.route.neigh.NeighbourCodec;
import io.jnetlink.route.neigh.NeighbourFlags;
import io.jnetlink.route.neigh.NeighbourState;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.net.InetAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code jnl neigh}: ARP and NDP entries, as {@code ip neigh}. */
@Command(name = "neigh", aliases = {"neighbour", "neighbor", "n"}, description = "ARP and NDP entries, as ip neigh.",
        subcommands = {NeighCommand.ListNeigh.class, NeighCommand.Add.class, NeighCommand.Replace.class,
                NeighCommand.Del.class})
public final class NeighCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        ListNeigh.print(spec, List.of());
    }

    /** Equivalent to: {@code ip [-4|-6] neigh show [dev NAME] nud all}, or {@code ip neigh show proxy [dev NAME]}. */
    @Command(name = "list", aliases = {"ls", "show"}, description = "List entries in every state: [dev NAME] [proxy]")
    static final class ListNeigh implements Runnable {
        @Spec
        CommandSpec spec;

        @Parameters(arity = "0..3", paramLabel = "[dev NAME] [proxy]")
        List<String> args;

        @Override
        public void run() {
            print(spec, args);
        }

        static void print(CommandSpec s, List<String> arguments) {
            Keywords k = new Keywords(s.commandLine(), arguments);
            String dev = null;
            boolean proxy = false;
            while (k.hasNext()) {
                String t = k.next();
                switch (t) {
                    case "dev" -> dev = k.value("dev");
                    case "proxy" -> proxy = true;
                    default -> throw k.unknown(t, "dev or proxy");
                }
            }
            Jnl root = Jnl.root(s);
            int family = root.family();
            PrintWriter out = s.commandLine().getOut();
            try (Rtnetlink rt = root.rtnetlink()) {
                List<Neighbour> all = proxy ? (dev == null ? rt.neighbours().proxies() : rt.neighbours().proxies(dev))
                        : (dev == null ? rt.neighbours().list() : rt.neighbours().list(dev));
                List<Neighbour> shown = all.stream().filter(n -> family == 0 || n.family() == family).toList();
                Map<Integer, Link> links = FdbCommand.links(rt);
                if (root.json()) {
                    out.println(Json.write(shown.stream().map(n -> toJson(n, links)).toList()));
                } else {
                    Table t = new Table("DST", "DEV", "LLADDR", "STATE", "FLAGS");
                    for (Neighbour n : shown) {
                        t.row(InetAddresses.toString(n.destination()), dev(n, links),
                                n.lladdr().map(Object::toString).orElse(null),
                                n.state().names().isEmpty() ? null : String.join(",", n.state().names()),
                                n.flags().isEmpty() ? null : String.join(",", n.flags().names()));
                    }
                    t.print(out);
                }
            }
            out.flush();
        }
    }

    private static String dev(Neighbour n, Map<Integer, Link> links) {
        return n.index() == 0 ? null : LinkCommand.nameOf(n.index(), links);
    }

    static Map<String, Object> toJson(Neighbour n, Map<Integer, Link> links) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("index", n.index());
        m.put("dev", dev(n, links));
        m.put("family", n.family() == InetAddresses.AF_INET6 ? "inet6" : "inet");
        m.put("dst", InetAddresses.toString(n.destination()));
        m.put("lladdr", n.lladdr().map(Object::toString).orElse(null));
        m.put("state", n.state().names());
        m.put("flags", n.flags().names());
        return m;
    }

    /** Equivalent to: {@code ip neigh add ADDR [lladdr MAC] dev NAME [nud STATE] [router] [proxy]}. */
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

    /** Equivalent to: {@code ip neigh replace ADDR [lladdr MAC] dev NAME [nud STATE] [router] [proxy]}. */
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

    /** Equivalent to: {@code ip neigh del ADDR dev NAME [proxy]}. */
    @Command(name = "del", aliases = {"delete"}, description = "Delete an entry: ADDR dev NAME [proxy]")
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
        ADD, REPLACE, DELETE;

        static final String SYNTAX = "ADDR [lladdr MAC] dev NAME [nud permanent|reachable|stale|noarp|...] [router] "
                + "[proxy]";
    }

    private static void change(CommandSpec spec, List<String> args, Change change) {
        Keywords k = new Keywords(spec.commandLine(), args);
        InetAddress dst = null;
        MacAddress lladdr = null;
        String dev = null;
        NeighbourState state = null;
        String nudText = null;
        boolean router = false;
        boolean proxy = false;
        while (k.hasNext()) {
            String t = k.next();
            switch (t) {
                case "lladdr" -> lladdr = k.parsed(t, MacAddress::parse);
                case "dev" -> dev = k.value(t);
                case "nud" -> {
                    nudText = k.value(t);
                    state = k.parse(t, nudText, NeighbourState::parse);
                }
                case "router" -> router = true;
                case "proxy" -> proxy = true;
                case "to" -> dst = k.parsed(t, InetAddresses::parse);
                default -> {
                    if (dst != null) {
                        throw k.unknown(t, "lladdr, dev, nud, router or proxy");
                    }
                    dst = k.parse("address", t, InetAddresses::parse);
                }
            }
        }
        if (dst == null) {
            throw k.usage("missing address (such as 10.0.0.2 or fd00::2)");
        }
        if (dev == null) {
            throw k.usage("missing 'dev NAME'");
        }
        Jnl root = Jnl.root(spec);
        int family = root.family();
        if (family != 0 && family != InetAddresses.family(dst)) {
            throw k.usage("address " + InetAddresses.toString(dst) + " is not of the family chosen with "
                    + (family == InetAddresses.AF_INET ? "-4" : "-6"));
        }
        if (state != null && Integer.bitCount(state.value()) > 1) {
            throw k.usage("invalid nud '" + nudText + "': one state at a time (" + state + ")");
        }
        try (Rtnetlink rt = root.rtnetlink()) {
            int index = rt.links().indexOf(dev);
            Neighbour.Builder b = proxy ? Neighbour.proxy(index, dst) : Neighbour.builder(index, dst);
            if (lladdr != null) {
                b.lladdr(lladdr);
            }
            if (state != null) {
                b.state(state);
            }
            if (router) {
                b.addFlags(NeighbourFlags.ROUTER);
            }
            Neighbour n = b.build();
            // By name: the kernel's refusal then names the link as it was given.
            rt.socket().request(switch (change) {
                case ADD -> NeighbourCodec.add(n, dev);
                case REPLACE -> NeighbourCodec.replace(n, dev);
                case DELETE -> NeighbourCodec.delete(n, dev);
            });
        }
    }
}
