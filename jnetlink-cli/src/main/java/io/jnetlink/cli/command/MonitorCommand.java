package io.jnetlink.cli.command;

import io.jnetlink.cli.Jnl;
import io.jnetlink.cli.output.Json;
import io.jnetlink.core.net.InetAddresses;
import io.jnetlink.core.ns.NetNs;
import io.jnetlink.route.Rtnetlink;
import io.jnetlink.route.address.Address;
import io.jnetlink.route.link.Link;
import io.jnetlink.route.monitor.Event;
import io.jnetlink.route.monitor.Kind;
import io.jnetlink.route.monitor.Monitor;
import io.jnetlink.route.neigh.Neighbour;
import io.jnetlink.route.route.Route;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code jnl monitor [link] [address] [route] [neigh]}: one line per change the kernel announces, as
 * {@code ip monitor}, until interrupted, or until {@code --count N} lines were printed. With {@code --json}, each
 * line is one JSON object (JSON lines).
 */
@Command(name = "monitor", description = "Print changes as they happen, one line each (JSON lines with --json): "
        + "[link] [address] [route] [neigh] (all when none is given); until interrupted or --count lines")
public final class MonitorCommand implements Runnable {

    /** How long one wait lasts: the loop notices an interrupt of its thread within this time. */
    private static final Duration POLL = Duration.ofMillis(200);

    @Spec
    CommandSpec spec;

    @Parameters(arity = "0..*", paramLabel = "OBJECT")
    List<String> args;

    @Option(names = "--count", paramLabel = "N", description = "Exit after printing N lines.")
    Integer count;

    @Override
    public void run() {
        Keywords k = new Keywords(spec.commandLine(), args);
        Jnl root = Jnl.root(spec);
        Set<Kind> kinds = kinds(k, root.family());
        if (count != null && count < 1) {
            throw k.usage("invalid --count '" + count + "': must be at least 1");
        }
        PrintWriter out = spec.commandLine().getOut();
        try (NetNs ns = root.netnsHandle(); Monitor monitor = Monitor.open(ns, kinds);
             Names names = new Names(ns, kinds.contains(Kind.LINKS))) {
            long printed = 0;
            while (!Thread.currentThread().isInterrupted() && (count == null || printed < count)) {
                Optional<Event> event = monitor.next(POLL);
                if (event.isEmpty()) {
                    continue;
                }
                for (Line line : lines(event.get(), names)) {
                    out.println(root.json() ? Json.write(line.json()) : line.text());
                    out.flush();
                    printed++;
                    if (count != null && printed >= count) {
                        break;
                    }
                }
            }
        }
    }

    private static Set<Kind> kinds(Keywords k, int family) {
        Set<Kind> kinds = EnumSet.noneOf(Kind.class);
        boolean v4 = family != InetAddresses.AF_INET6;
        boolean v6 = family != InetAddresses.AF_INET;
        while (k.hasNext()) {
            String t = k.next();
            switch (t) {
                case "link" -> kinds.add(Kind.LINKS);
                case "address", "addr", "a" -> addFamilies(kinds, v4, v6, Kind.ADDRESSES_V4, Kind.ADDRESSES_V6);
                case "route", "r" -> addFamilies(kinds, v4, v6, Kind.ROUTES_V4, Kind.ROUTES_V6);
                case "neigh", "neighbour", "neighbor" -> kinds.add(Kind.NEIGHBOURS);
                case "all" -> {
                    kinds.add(Kind.LINKS);
                    addFamilies(kinds, v4, v6, Kind.ADDRESSES_V4, Kind.ADDRESSES_V6);
                    addFamilies(kinds, v4, v6, Kind.ROUTES_V4, Kind.ROUTES_V6);
                    kinds.add(Kind.NEIGHBOURS);
                }
                default -> throw k.unknown(t, "link, address, route, neigh or all");
            }
        }
        if (kinds.isEmpty()) {
            kinds.add(Kind.LINKS);
            addFamilies(kinds, v4, v6, Kind.ADDRESSES_V4, Kind.ADDRESSES_V6);
            addFamilies(kinds, v4, v6, Kind.ROUTES_V4, Kind.ROUTES_V6);
            kinds.add(Kind.NEIGHBOURS);
        }
        return kinds;
    }

    private static void addFamilies(Set<Kind> kinds, boolean v4, boolean v6, Kind ipv4, Kind ipv6) {
        if (v4) {
            kinds.add(ipv4);
        }
        if (v6) {
            kinds.add(ipv6);
        }
    }

    /** One printed line: its text form and its JSON form. */
    private record Line(String text, Map<String, Object> json) {
    }

    private static Line line(String object, String action, String summary, Map<String, Object> data) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("object", object);
        m.put("action", action);
        m.put("data", data);
        return new Line(object + " " + (action == null ? "" : action + " ") + summary, m);
    }

    /**
     * The lines of one event: none for the snapshot the monitor starts with (ip monitor prints no state either),
     * one per change, and after an overrun a {@code resync} line followed by what the new dump changed.
     */
    private static List<Line> lines(Event event, Names names) {
        List<Line> out = new ArrayList<>();
        switch (event) {
            case Event.Resynced r -> {
                names.reset(r.snapshot().links());
                if (r.cause() == Event.Resynced.Cause.OVERRUN) {
                    Map<String, Object> data = new LinkedHashMap<>();
                    data.put("cause", "overrun");
                    data.put("changes", r.changes().size());
                    out.add(line("resync", null, "after overrun: " + r.changes().size() + " changes", data));
                    for (Event.Change c : r.changes()) {
                        out.add(change(c, names));
                    }
                }
            }
            case Event.Change c -> out.add(change(c, names));
            case Event.Raw raw -> {
                Map<String, Object> data = new LinkedHashMap<>();
                data.put("type", raw.typeName());
                data.put("reason", raw.reason());
                out.add(line("raw", null, raw.typeName() + ": " + raw.reason(), data));
            }
        }
        return out;
    }

    private static Line change(Event.Change c, Names names) {
        return switch (c) {
            case Event.LinkAdded(Link l) -> link("added", names.seen(l), names);
            case Event.LinkChanged(Link _, Link after) -> link("changed", names.seen(after), names);
            case Event.LinkRemoved(Link l) -> {
                Line line = link("removed", l, names);
                names.removed(l);
                yield line;
            }
            case Event.AddressAdded(Address a) -> address("added", a, names);
            case Event.AddressChanged(Address _, Address after) -> address("changed", after, names);
            case Event.AddressRemoved(Address a) -> address("removed", a, names);
            case Event.RouteAdded(Route r) -> route("added", r, names);
            case Event.RouteChanged(Route _, Route after) -> route("changed", after, names);
            case Event.RouteRemoved(Route r) -> route("removed", r, names);
            case Event.NeighbourAdded(Neighbour n) -> neigh("added", n, names);
            case Event.NeighbourChanged(Neighbour _, Neighbour after) -> neigh("changed", after, names);
            case Event.NeighbourRemoved(Neighbour n) -> neigh("removed", n, names);
        };
    }

    private static Line link(String action, Link l, Names names) {
        l.master().ifPresent(names::ensure);
        Map<String, Object> data = LinkCommand.toJson(l, names.links);
        StringBuilder sb = new StringBuilder(l.name()).append(" index ").append(l.index());
        l.kind().ifPresent(kind -> sb.append(" kind ").append(kind));
        sb.append(" mtu ").append(l.mtu()).append(" state ").append(l.operState().name());
        if (data.get("master") != null) {
            sb.append(" master ").append(data.get("master"));
        }
        sb.append(" flags ").append(String.join(",", l.flagNames()));
        return line("link", action, sb.toString(), data);
    }

    private static Line address(String action, Address a, Names names) {
        names.ensure(a.index());
        Map<String, Object> data = AddressCommand.toJson(a, names.links);
        return line("address", action, a.local() + " dev " + data.get("dev") + " scope " + data.get("scope"), data);
    }

    private static Line route(String action, Route r, Names names) {
        r.outputIndex().ifPresent(names::ensure);
        Map<String, Object> data = RouteCommand.toJson(r, names.links);
        StringBuilder sb = new StringBuilder(String.valueOf(data.get("dst")));
        if (data.get("gateway") != null) {
            sb.append(" via ").append(data.get("gateway"));
        }
        if (data.get("dev") != null) {
            sb.append(" dev ").append(data.get("dev"));
        }
        sb.append(" table ").append(Route.tableName(r.table())).append(" proto ").append(data.get("protocol"));
        return line("route", action, sb.toString(), data);
    }

    private static Line neigh(String action, Neighbour n, Names names) {
        names.ensure(n.index());
        Map<String, Object> data = NeighCommand.toJson(n, names.links);
        StringBuilder sb = new StringBuilder(InetAddresses.toString(n.destination())).append(" dev ").append(data.get("dev"));
        n.lladdr().ifPresent(mac -> sb.append(" lladdr ").append(mac));
        if (!n.state().names().isEmpty()) {
            sb.append(' ').append(String.join(",", n.state().names()));
        }
        return line("neigh", action, sb.toString(), data);
    }

    /**
     * Link names for the lines: from the monitor's own link events when it follows links, else looked up once per
     * index over an rtnetlink socket opened on first need.
     */
    private static final class Names implements AutoCloseable {
        final Map<Integer, Link> links = new HashMap<>();
        private final NetNs ns;
        private final boolean followed;
        private Rtnetlink rt;

        Names(NetNs ns, boolean followed) {
            this.ns = ns;
            this.followed = followed;
        }

        void reset(List<Link> snapshot) {
            if (followed) {
                links.clear();
                snapshot.forEach(l -> links.put(l.index(), l));
            }
        }

        Link seen(Link l) {
            links.put(l.index(), l);
            return l;
        }

        void removed(Link l) {
            links.remove(l.index());
        }

        void ensure(int index) {
            if (index <= 0 || links.containsKey(index) || followed) {
                return;
            }
            if (rt == null) {
                rt = Rtnetlink.open(ns);
            }
            rt.links().get(index).ifPresent(l -> links.put(index, l));
        }

        @Override
        public void close() {
            if (rt != null) {
                rt.close();
            }
        }
    }
}
