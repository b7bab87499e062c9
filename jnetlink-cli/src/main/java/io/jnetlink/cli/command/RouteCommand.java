package io.jnetlink.cli.command;

import io.jnetlink.cli.Failure;
import io.jnetlink.cli.Jnl;
import io.jnetlink.cli.output.Json;
import io.jnetlink.cli.output.Table;
import io.jnetlink.core.net.InetAddresses;
import io.jnetlink.core.net.IpPrefix;
import io.jnetlink.route.Rtnetlink;
import io.jnetlink.route.Scope;
import io.jnetlink.route.link.Link;
import io.jnetlink.route.route.Route;
import io.jnetlink.route.route.RouteFlags;
import io.jnetlink.route.route.RouteProtocol;
import io.jnetlink.route.route.RouteType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.net.InetAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** {@code jnl route}: list, add and delete routes, as {@code ip route}. */
@Command(name = "route", aliases = {"r"}, description = "Routes, as ip route.",
        subcommands = {RouteCommand.ListRoutes.class, RouteCommand.Add.class, RouteCommand.Replace.class,
                RouteCommand.Del.class})
public final class RouteCommand implements Runnable {

    /** {@code table all}: every table (0, RT_TABLE_UNSPEC, is never the table of a route). */
    static final int ALL_TABLES = 0;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        new ListRoutes().print(spec, List.of());
    }

    /** Equivalent to: {@code ip [-4|-6] route show [table ID|all]}. */
    @Command(name = "list", aliases = {"ls", "show"},
            description = "List routes: [table ID|main|local|default|all]; IPv4 unless -6, both families for table all without -4/-6")
    static final class ListRoutes implements Runnable {
        @Spec
        CommandSpec spec;

        @Parameters(arity = "0..2", paramLabel = "table ID")
        List<String> args;

        @Override
        public void run() {
            print(spec, args);
        }

        void print(CommandSpec s, List<String> arguments) {
            Keywords k = new Keywords(s.commandLine(), arguments);
            int table = Route.TABLE_MAIN;
            while (k.hasNext()) {
                String t = k.next();
                if (!t.equals("table")) {
                    throw k.unknown(t, "table");
                }
                table = parseTable(k, true);
            }
            Jnl root = Jnl.root(s);
            // As ip: IPv4 unless -6, except that "table all" without -4 or -6 lists both families.
            int family = root.family() != 0 ? root.family() : table == ALL_TABLES ? 0 : InetAddresses.AF_INET;
            try (Rtnetlink rt = root.rtnetlink()) {
                printRoutes(rt, family, table, s.commandLine().getOut(), root.json());
            }
        }
    }

    static int parseTable(Keywords k, boolean allowAll) {
        String v = k.value("table");
        return switch (v) {
            case "main" -> Route.TABLE_MAIN;
            case "local" -> Route.TABLE_LOCAL;
            case "default" -> Route.TABLE_DEFAULT;
            case "all" -> {
                if (!allowAll) {
                    throw k.usage("'table all' is only for listing");
                }
                yield ALL_TABLES;
            }
            default -> {
                try {
                    long n = Long.parseLong(v);
                    if (n < 1 || n > 0xFFFF_FFFFL) {
                        throw k.usage("invalid table '" + v + "': must be between 1 and 4294967295");
                    }
                    yield (int) n;
                } catch (NumberFormatException e) {
                    throw k.usage("invalid table '" + v + "': use a number, main, local, default or all");
                }
            }
        };
    }

    /**
     * Prints the routes of one family (both when {@code family} is 0) and one table (or all tables), in the
     * kernel's order, like ip route show.
     */
    static void printRoutes(Rtnetlink rt, int family, int table, PrintWriter out, boolean json) {
        Map<Integer, Link> links = rt.links().list().stream().collect(Collectors.toMap(Link::index, Function.identity()));
        List<Route> routes = (table == ALL_TABLES ? rt.routes().list() : rt.routes().list(table)).stream()
                .filter(r -> family == 0 || r.family() == family).toList();
        if (json) {
            out.println(Json.write(routes.stream().map(r -> toJson(r, links)).toList()));
        } else {
            Table t = new Table("DESTINATION", "GATEWAY", "DEV", "TABLE", "METRIC", "PROTO", "SCOPE", "TYPE", "SRC");
            for (Route r : routes) {
                t.row(dst(r), r.gateway().map(InetAddresses::toString).orElse(null), dev(r, links),
                        Route.tableName(r.table()),
                        r.metric().isPresent() ? Integer.toUnsignedString(r.metric().getAsInt()) : null,
                        r.protocol().name(), r.scope().name(), r.type().name(),
                        r.preferredSource().map(InetAddresses::toString).orElse(null));
            }
            t.print(out);
        }
        out.flush();
    }

    private static String dst(Route r) {
        return r.isDefault() ? "default" : r.destination().toString();
    }

    private static String dev(Route r, Map<Integer, Link> links) {
        if (r.outputIndex().isEmpty()) {
            return null;
        }
        Link l = links.get(r.outputIndex().getAsInt());
        return l == null ? "if" + r.outputIndex().getAsInt() : l.name();
    }

    static Map<String, Object> toJson(Route r, Map<Integer, Link> links) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("family", r.family() == InetAddresses.AF_INET6 ? "inet6" : "inet");
        m.put("type", r.type().name());
        m.put("dst", dst(r));
        m.put("gateway", r.gateway().map(InetAddresses::toString).orElse(null));
        m.put("dev", dev(r, links));
        m.put("table", Integer.toUnsignedLong(r.table()));
        m.put("metric", r.metric().isPresent() ? Integer.toUnsignedLong(r.metric().getAsInt()) : null);
        m.put("protocol", r.protocol().name());
        m.put("scope", r.scope().name());
        m.put("prefsrc", r.preferredSource().map(InetAddresses::toString).orElse(null));
        m.put("flags", RouteFlags.names(r.flags()));
        return m;
    }

    /** Equivalent to: {@code ip route add [TYPE] PREFIX [via GW] [dev NAME] [table N] [metric N] [scope S] [proto P] [src A]}. */
    @Command(name = "add", description = "Add a route: [TYPE] PREFIX [via GW] [dev NAME] [table ID] [metric N] [scope S] [proto P] [src ADDR]")
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

    /** Equivalent to: {@code ip route replace ...}. */
    @Command(name = "replace", description = "Add or replace a route; arguments as for add.")
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

    /** Equivalent to: {@code ip route del ...}. */
    @Command(name = "del", aliases = {"delete"}, description = "Delete a route; arguments as for add.")
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

    private enum Change { ADD, REPLACE, DELETE }

    private static void change(CommandSpec spec, List<String> args, Change change) {
        Jnl root = Jnl.root(spec);
        Keywords k = new Keywords(spec.commandLine(), args);
        String prefixText = null;
        RouteType type = null;
        InetAddress gateway = null;
        String dev = null;
        Integer table = null;
        Integer metric = null;
        Scope scope = null;
        RouteProtocol protocol = null;
        InetAddress src = null;
        while (k.hasNext()) {
            String t = k.next();
            switch (t) {
                case "via" -> gateway = k.parsed("via", InetAddresses::parse);
                case "dev", "oif" -> dev = k.value(t);
                case "table" -> table = parseTable(k, false);
                case "metric", "priority", "preference" -> metric = k.u32Value(t, 0);
                case "scope" -> scope = k.parsed("scope", Scope::parse);
                case "proto", "protocol" -> protocol = k.parsed(t, RouteProtocol::parse);
                case "src" -> src = k.parsed("src", InetAddresses::parse);
                case "to" -> prefixText = k.value("to");
                default -> {
                    if (prefixText == null && type == null && isTypeName(t)) {
                        type = RouteType.parse(t);
                    } else if (prefixText == null) {
                        prefixText = t;
                    } else {
                        throw k.unknown(t, "via, dev, table, metric, scope, proto or src");
                    }
                }
            }
        }
        if (prefixText == null) {
            throw k.usage("missing destination prefix (e.g. 10.0.0.0/24 or default)");
        }
        // The family: -4/-6, else the gateway's, else the destination's ("default" alone is IPv4, as with ip).
        int family = root.family() != 0 ? root.family() : gateway != null ? InetAddresses.family(gateway) : 0;
        IpPrefix prefix;
        try {
            prefix = IpPrefix.parse(prefixText.equals("default") && family == InetAddresses.AF_INET6 ? "default6"
                    : prefixText);
        } catch (IllegalArgumentException e) {
            throw k.usage("invalid destination '" + prefixText + "': " + e.getMessage());
        }
        if (family != 0 && prefix.family() != family) {
            throw k.usage("invalid destination '" + prefixText + "': not of the family of "
                    + (root.family() != 0 ? "the -4/-6 option" : "gateway " + InetAddresses.toString(gateway)));
        }
        if (change != Change.DELETE && (type == null || type.equals(RouteType.UNICAST)) && gateway == null
                && dev == null) {
            throw k.usage("a unicast route needs 'via GATEWAY' or 'dev NAME'");
        }
        Route.Builder b = Route.builder(prefix);
        if (type != null) {
            b.type(type);
        } else if (change == Change.DELETE) {
            // ip route del without a type matches routes of any type (rtm_type RTN_UNSPEC).
            b.type(RouteType.UNSPEC);
        }
        if (gateway != null) {
            b.gateway(gateway);
        }
        if (table != null) {
            b.table(table);
        }
        if (metric != null) {
            b.metric(metric);
        }
        if (scope != null) {
            b.scope(scope);
        }
        if (protocol != null) {
            b.protocol(protocol);
        }
        if (src != null) {
            b.preferredSource(src);
        }
        try (Rtnetlink rt = root.rtnetlink()) {
            if (dev != null) {
                b.outputIndex(rt.links().indexOf(dev));
            }
            Route r;
            try {
                r = b.build();
            } catch (IllegalArgumentException e) {
                throw k.usage(e.getMessage());
            }
            switch (change) {
                case ADD -> rt.routes().add(r);
                case REPLACE -> rt.routes().replace(r);
                case DELETE -> {
                    if (protocol == null && scope == null) {
                        rt.routes().delete(r);
                    } else {
                        rt.routes().delete(match(rt, r, protocol, scope, String.join(" ", args)));
                    }
                }
            }
        }
    }

    /**
     * The route that {@code ip route del ... proto P scope S} would remove. The kernel matches protocol and
     * scope when they are set in the request, but Routes.delete always sends them as wildcards; so jnl finds
     * the first route matching everything given (as the kernel walks them) and removes exactly that one.
     */
    private static Route match(Rtnetlink rt, Route wanted, RouteProtocol protocol, Scope scope, String what) {
        for (Route r : rt.routes().list(wanted.table())) {
            if (r.family() == wanted.family() && r.destination().equals(wanted.destination())
                    && r.tos() == wanted.tos()
                    && (wanted.type().equals(RouteType.UNSPEC) || r.type().equals(wanted.type()))
                    && (wanted.metric().isEmpty() || r.metric().equals(wanted.metric()))
                    && (wanted.gateway().isEmpty() || r.gateway().equals(wanted.gateway()))
                    && (wanted.outputIndex().isEmpty() || r.outputIndex().equals(wanted.outputIndex()))
                    && (wanted.preferredSource().isEmpty() || r.preferredSource().equals(wanted.preferredSource()))
                    && (protocol == null || r.protocol().equals(protocol))
                    && (scope == null || r.scope().equals(scope))) {
                // Without what the kernel reported beyond the route's keys (cache info, preference, ...).
                return r.toBuilder().unknown(List.of()).build();
            }
        }
        throw new Failure("delete route " + what + ": ESRCH (No such process): no route matches");
    }

    private static boolean isTypeName(String t) {
        return switch (t) {
            case "unicast", "local", "broadcast", "anycast", "multicast", "blackhole", "unreachable", "prohibit",
                 "throw", "nat" -> true;
            default -> false;
        };
    }
}
