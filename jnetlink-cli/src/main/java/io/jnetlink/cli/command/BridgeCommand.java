package io.jnetlink.cli.command;

import io.jnetlink.cli.Jnl;
import io.jnetlink.cli.output.Json;
import io.jnetlink.cli.output.Table;
import io.jnetlink.route.Rtnetlink;
import io.jnetlink.route.link.Link;
import io.jnetlink.route.link.bridge.BridgePort;
import io.jnetlink.route.link.bridge.BridgePortEntry;
import io.jnetlink.route.link.bridge.BridgePortState;
import io.jnetlink.route.link.bridge.BridgeVlan;
import io.jnetlink.route.link.bridge.PortVlans;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/** {@code jnl bridge link|vlan}: bridge port settings and VLAN tables, as {@code bridge link} and {@code bridge vlan}. */
@Command(name = "bridge", description = "Bridge ports and VLANs, as bridge link and bridge vlan.",
        subcommands = {BridgeCommand.PortCommand.class, BridgeCommand.VlanCommand.class})
public final class BridgeCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new Keywords(spec.commandLine(), List.of()).usage("missing command: link or vlan");
    }

    // ---- bridge link ----

    /** {@code jnl bridge link}: bridge port settings. */
    @Command(name = "link", description = "Bridge port settings, as bridge link.",
            subcommands = {ListPorts.class, SetPort.class})
    static final class PortCommand implements Runnable {
        @Spec
        CommandSpec spec;

        @Override
        public void run() {
            ListPorts.print(spec, List.of());
        }
    }

    /** Equivalent to: {@code bridge -d link show [dev NAME]}. */
    @Command(name = "list", aliases = {"ls", "show"}, description = "List bridge ports: [dev NAME]")
    static final class ListPorts implements Runnable {
        @Spec
        CommandSpec spec;

        @Parameters(arity = "0..2", paramLabel = "[dev] NAME")
        List<String> args;

        @Override
        public void run() {
            print(spec, args);
        }

        static void print(CommandSpec s, List<String> arguments) {
            Keywords k = new Keywords(s.commandLine(), arguments);
            String dev = null;
            while (k.hasNext()) {
                String t = k.next();
                dev = t.equals("dev") ? k.value("dev") : t;
            }
            Jnl root = Jnl.root(s);
            PrintWriter out = s.commandLine().getOut();
            try (Rtnetlink rt = root.rtnetlink()) {
                List<BridgePortEntry> ports = rt.bridgePorts().list();
                if (dev != null) {
                    int index = rt.links().indexOf(dev);
                    ports = ports.stream().filter(p -> p.index() == index).toList();
                }
                Map<Integer, Link> links = FdbCommand.links(rt);
                if (root.json()) {
                    out.println(Json.write(ports.stream().map(p -> toJson(p, links)).toList()));
                } else {
                    Table t = new Table("DEV", "MASTER", "STATE", "PRIORITY", "COST", "SETTINGS");
                    for (BridgePortEntry p : ports) {
                        BridgePort b = p.settings();
                        t.row(p.name(), p.master().isPresent() ? LinkCommand.nameOf(p.master().getAsInt(), links) : null,
                                b.state().map(BridgePortState::name).orElse(null), value(b.priority()),
                                b.cost().isPresent() ? Integer.toUnsignedLong(b.cost().getAsInt()) : null, switches(b));
                    }
                    t.print(out);
                }
            }
            out.flush();
        }
    }

    private static Integer value(OptionalInt v) {
        return v.isPresent() ? v.getAsInt() : null;
    }

    /** {@code learning=on,flood=on,...}: the on/off settings the kernel reported. */
    private static String switches(BridgePort b) {
        List<String> s = new ArrayList<>();
        onOff(s, "learning", b.learning());
        onOff(s, "flood", b.unicastFlood());
        onOff(s, "mcast_flood", b.multicastFlood());
        onOff(s, "bcast_flood", b.broadcastFlood());
        onOff(s, "hairpin", b.hairpin());
        onOff(s, "isolated", b.isolated());
        onOff(s, "neigh_suppress", b.neighSuppress());
        return String.join(",", s);
    }

    private static void onOff(List<String> out, String name, Optional<Boolean> v) {
        v.ifPresent(on -> out.add(name + "=" + (on ? "on" : "off")));
    }

    static Map<String, Object> toJson(BridgePortEntry p, Map<Integer, Link> links) {
        BridgePort b = p.settings();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("index", p.index());
        m.put("dev", p.name());
        m.put("master", p.master().isPresent() ? LinkCommand.nameOf(p.master().getAsInt(), links) : null);
        m.put("state", b.state().map(BridgePortState::name).orElse(null));
        m.put("priority", value(b.priority()));
        m.put("cost", b.cost().isPresent() ? Integer.toUnsignedLong(b.cost().getAsInt()) : null);
        m.put("hairpin", b.hairpin().orElse(null));
        m.put("learning", b.learning().orElse(null));
        m.put("flood", b.unicastFlood().orElse(null));
        m.put("mcast_flood", b.multicastFlood().orElse(null));
        m.put("bcast_flood", b.broadcastFlood().orElse(null));
        m.put("neigh_suppress", b.neighSuppress().orElse(null));
        m.put("isolated", b.isolated().orElse(null));
        return m;
    }

    private static final String PORT_SETTINGS = "learning, flood, mcast_flood, bcast_flood, hairpin, isolated, "
            + "neigh_suppress, cost, priority or state";
    private static final int PRIORITY_MAX = 63;
    private static final int COST_MAX = 65535;

    /** Equivalent to: {@code bridge link set dev NAME [learning on|off] [flood on|off] ... [cost N] [priority N]}. */
    @Command(name = "set", description = "Change a bridge port: dev NAME [learning on|off] [flood on|off] "
            + "[mcast_flood on|off] [bcast_flood on|off] [hairpin on|off] [isolated on|off] [neigh_suppress on|off] "
            + "[cost N] [priority N] [state disabled|listening|learning|forwarding|blocking]")
    static final class SetPort implements Runnable {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "ARGS", arity = "1..*")
        List<String> args;

        @Override
        public void run() {
            Keywords k = new Keywords(spec.commandLine(), args);
            String dev = null;
            BridgePort change = BridgePort.of();
            while (k.hasNext()) {
                String t = k.next();
                change = switch (t) {
                    case "dev" -> {
                        dev = k.value(t);
                        yield change;
                    }
                    case "learning" -> change.withLearning(k.onOff(t));
                    case "flood" -> change.withUnicastFlood(k.onOff(t));
                    case "mcast_flood" -> change.withMulticastFlood(k.onOff(t));
                    case "bcast_flood" -> change.withBroadcastFlood(k.onOff(t));
                    case "hairpin" -> change.withHairpin(k.onOff(t));
                    case "isolated" -> change.withIsolated(k.onOff(t));
                    case "neigh_suppress" -> change.withNeighSuppress(k.onOff(t));
                    case "cost" -> change.withCost(k.intValue(t, 1, COST_MAX));
                    case "priority" -> change.withPriority(k.intValue(t, 0, PRIORITY_MAX));
                    case "state" -> change.withState(portState(k));
                    default -> throw k.unknown(t, "dev, " + PORT_SETTINGS);
                };
            }
            if (dev == null) {
                throw k.usage("missing 'dev NAME'");
            }
            if (change.isEmpty()) {
                throw k.usage("nothing to change (expected " + PORT_SETTINGS + ")");
            }
            try (Rtnetlink rt = Jnl.root(spec).rtnetlink()) {
                rt.bridgePorts().set(dev, change);
            }
        }

        private static BridgePortState portState(Keywords k) {
            String v = k.value("state");
            return switch (v) {
                case "disabled", "0" -> BridgePortState.DISABLED;
                case "listening", "1" -> BridgePortState.LISTENING;
                case "learning", "2" -> BridgePortState.LEARNING;
                case "forwarding", "3" -> BridgePortState.FORWARDING;
                case "blocking", "4" -> BridgePortState.BLOCKING;
                default -> throw k.usage("invalid state '" + v
                        + "': must be disabled, listening, learning, forwarding or blocking");
            };
        }
    }

    // ---- bridge vlan ----

    /** {@code jnl bridge vlan}: VLAN tables of bridge ports and bridges. */
    @Command(name = "vlan", description = "VLAN tables of bridge ports, as bridge vlan.",
            subcommands = {ListVlans.class, AddVlan.class, DelVlan.class})
    static final class VlanCommand implements Runnable {
        @Spec
        CommandSpec spec;

        @Override
        public void run() {
            ListVlans.print(spec, List.of());
        }
    }

    /** Equivalent to: {@code bridge vlan show [dev NAME]}. */
    @Command(name = "list", aliases = {"ls", "show"}, description = "List VLAN tables: [dev NAME]")
    static final class ListVlans implements Runnable {
        @Spec
        CommandSpec spec;

        @Parameters(arity = "0..2", paramLabel = "[dev] NAME")
        List<String> args;

        @Override
        public void run() {
            print(spec, args);
        }

        static void print(CommandSpec s, List<String> arguments) {
            Keywords k = new Keywords(s.commandLine(), arguments);
            String dev = null;
            while (k.hasNext()) {
                String t = k.next();
                dev = t.equals("dev") ? k.value("dev") : t;
            }
            Jnl root = Jnl.root(s);
            PrintWriter out = s.commandLine().getOut();
            try (Rtnetlink rt = root.rtnetlink()) {
                List<PortVlans> tables = rt.bridgeVlans().list();
                if (dev != null) {
                    int index = rt.links().indexOf(dev);
                    tables = tables.stream().filter(p -> p.index() == index).toList();
                }
                if (root.json()) {
                    out.println(Json.write(tables.stream().map(BridgeCommand::toJson).toList()));
                } else {
                    Table t = new Table("DEV", "VLAN", "FLAGS");
                    for (PortVlans p : tables) {
                        for (BridgeVlan v : p.vlans()) {
                            List<String> flags = new ArrayList<>();
                            if (v.pvid()) {
                                flags.add("PVID");
                            }
                            if (v.untagged()) {
                                flags.add("untagged");
                            }
                            t.row(p.name(), v.isRange() ? v.vid() + "-" + v.vidEnd() : String.valueOf(v.vid()),
                                    flags.isEmpty() ? null : String.join(",", flags));
                        }
                    }
                    t.print(out);
                }
            }
            out.flush();
        }
    }

    static Map<String, Object> toJson(PortVlans p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("index", p.index());
        m.put("dev", p.name());
        m.put("vlans", p.vlans().stream().map(v -> {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("vid", v.vid());
            e.put("vid_end", v.vidEnd());
            e.put("pvid", v.pvid());
            e.put("untagged", v.untagged());
            return e;
        }).toList());
        return m;
    }

    /** Equivalent to: {@code bridge vlan add dev NAME vid N[-M] [pvid] [untagged] [self|master]}. */
    @Command(name = "add", description = "Add a VLAN (or range): dev NAME vid N[-M] [pvid] [untagged] [self|master]")
    static final class AddVlan implements Runnable {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "ARGS", arity = "1..*")
        List<String> args;

        @Override
        public void run() {
            vlanChange(spec, args, false);
        }
    }

    /** Equivalent to: {@code bridge vlan del dev NAME vid N[-M] [self|master]}. */
    @Command(name = "del", aliases = {"delete"}, description = "Delete a VLAN (or range): dev NAME vid N[-M] [self|master]")
    static final class DelVlan implements Runnable {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "ARGS", arity = "1..*")
        List<String> args;

        @Override
        public void run() {
            vlanChange(spec, args, true);
        }
    }

    private static final int VID_MAX = 4094;

    private static void vlanChange(CommandSpec spec, List<String> args, boolean delete) {
        Keywords k = new Keywords(spec.commandLine(), args);
        String dev = null;
        String vidText = null;
        boolean pvid = false;
        boolean untagged = false;
        boolean self = false;
        boolean master = false;
        while (k.hasNext()) {
            String t = k.next();
            switch (t) {
                case "dev" -> dev = k.value(t);
                case "vid" -> vidText = k.value(t);
                case "pvid" -> pvid = true;
                case "untagged" -> untagged = true;
                case "self" -> self = true;
                case "master" -> master = true;
                default -> throw k.unknown(t, "dev, vid, pvid, untagged, self or master");
            }
        }
        if (dev == null) {
            throw k.usage("missing 'dev NAME'");
        }
        if (vidText == null) {
            throw k.usage("missing 'vid N[-M]'");
        }
        if (self && master) {
            throw k.usage("'self' and 'master' exclude each other here");
        }
        int dash = vidText.indexOf('-');
        int vid = k.intOf("vid", dash < 0 ? vidText : vidText.substring(0, dash), 1, VID_MAX);
        int vidEnd = dash < 0 ? vid : k.intOf("vid", vidText.substring(dash + 1), 1, VID_MAX);
        BridgeVlan vlan;
        try {
            vlan = new BridgeVlan(vid, vidEnd, pvid, untagged);
        } catch (IllegalArgumentException e) {
            throw k.usage("invalid vid '" + vidText + "': " + e.getMessage());
        }
        try (Rtnetlink rt = Jnl.root(spec).rtnetlink()) {
            if (self) {
                if (delete) {
                    rt.bridgeVlans().deleteSelf(dev, vlan);
                } else {
                    rt.bridgeVlans().addSelf(dev, vlan);
                }
            } else if (delete) {
                rt.bridgeVlans().delete(dev, vlan);
            } else {
                rt.bridgeVlans().add(dev, vlan);
            }
        }
    }
}
