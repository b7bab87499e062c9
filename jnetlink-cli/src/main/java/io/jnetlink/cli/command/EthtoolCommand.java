package io.jnetlink.cli.command;

import io.jnetlink.cli.Failure;
import io.jnetlink.cli.Jnl;
import io.jnetlink.cli.output.Json;
import io.jnetlink.cli.output.Table;
import io.jnetlink.core.NetlinkProtocol;
import io.jnetlink.core.NetlinkSocket;
import io.jnetlink.genl.ethtool.Ethtool;
import io.jnetlink.genl.ethtool.Feature;
import io.jnetlink.genl.ethtool.FeatureChanges;
import io.jnetlink.genl.ethtool.Features;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** {@code jnl ethtool features|set}: netdev features over generic netlink, as {@code ethtool -k} and {@code -K}. */
@Command(name = "ethtool", description = "Device features, as ethtool -k and ethtool -K.",
        subcommands = {EthtoolCommand.ShowFeatures.class, EthtoolCommand.SetFeatures.class})
public final class EthtoolCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new Keywords(spec.commandLine(), List.of()).usage("missing command: features or set");
    }

    /** Equivalent to: {@code ethtool -k DEV}, with the kernel's names of every feature. */
    @Command(name = "features", aliases = {"show"}, description = "List a device's features: [dev] DEV")
    static final class ShowFeatures implements Runnable {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "[dev] DEV", arity = "1..2")
        List<String> args;

        @Override
        public void run() {
            Keywords k = new Keywords(spec.commandLine(), args);
            String dev = device(k);
            k.end("nothing after the device");
            Jnl root = Jnl.root(spec);
            Features features;
            try (NetlinkSocket socket = root.openSocket(NetlinkProtocol.GENERIC)) {
                features = ethtool(socket).features(dev);
            }
            PrintWriter out = spec.commandLine().getOut();
            if (root.json()) {
                out.println(Json.write(features.features().stream().map(EthtoolCommand::toJson).toList()));
            } else {
                Table t = new Table("FEATURE", "STATE", "NOTE");
                for (Feature f : features.features()) {
                    t.row(f.name(), f.active() ? "on" : "off", note(f));
                }
                t.print(out);
            }
            out.flush();
        }
    }

    private static String device(Keywords k) {
        String dev = k.next();
        return dev.equals("dev") ? k.value("dev") : dev;
    }

    /** As ethtool -k marks a line: {@code fixed}, or {@code requested on|off} while wanted differs from active. */
    private static String note(Feature f) {
        if (f.fixed()) {
            return "fixed";
        }
        return f.pending() ? "requested " + (f.wanted() ? "on" : "off") : null;
    }

    static Map<String, Object> toJson(Feature f) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", f.name());
        m.put("active", f.active());
        m.put("wanted", f.wanted());
        m.put("available", f.available());
        m.put("fixed", f.fixed());
        return m;
    }

    /** Equivalent to: {@code ethtool -K DEV NAME on|off ...}. */
    @Command(name = "set", description = "Turn features on or off: [dev] DEV NAME on|off... (kernel names such as "
            + "rx-gro, or ethtool's short names tx, tso, gro, ...)")
    static final class SetFeatures implements Runnable {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "ARGS", arity = "1..*")
        List<String> args;

        @Override
        public void run() {
            Keywords k = new Keywords(spec.commandLine(), args);
            String dev = device(k);
            Map<String, Boolean> wanted = new LinkedHashMap<>();
            while (k.hasNext()) {
                String name = k.next();
                boolean on = k.onOff(name);
                if (wanted.containsKey(name)) {
                    throw k.usage("feature '" + name + "' is given twice");
                }
                wanted.put(name, on);
            }
            if (wanted.isEmpty()) {
                throw k.usage("nothing to change (expected NAME on|off)");
            }
            Jnl root = Jnl.root(spec);
            FeatureChanges changes;
            try (NetlinkSocket socket = root.openSocket(NetlinkProtocol.GENERIC)) {
                Ethtool ethtool = ethtool(socket);
                try {
                    changes = ethtool.setFeatures(dev, wanted);
                } catch (IllegalArgumentException e) {
                    throw k.usage(e.getMessage());
                }
            }
            PrintWriter out = spec.commandLine().getOut();
            if (root.json()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("changed", new LinkedHashMap<>(changes.changed()));
                m.put("not_applied", new LinkedHashMap<>(changes.notApplied()));
                out.println(Json.write(m));
            } else if (!changes.changed().isEmpty()) {
                Table t = new Table("FEATURE", "STATE");
                changes.changed().forEach((name, on) -> t.row(name, on ? "on" : "off"));
                t.print(out);
            }
            out.flush();
            if (!changes.fullyApplied()) {
                List<String> missed = new ArrayList<>();
                changes.notApplied().forEach((name, on) -> missed.add(name + " " + (on ? "on" : "off")));
                throw new Failure("set features dev " + dev + ": not applied (the device cannot change them): "
                        + missed.stream().collect(Collectors.joining(", ")));
            }
        }
    }

    /** ethtool over the socket; a kernel without the family is a failure, not a usage error. */
    private static Ethtool ethtool(NetlinkSocket socket) {
        try {
            return Ethtool.over(socket);
        } catch (UnsupportedOperationException e) {
            throw new Failure("resolve generic netlink family ethtool: " + e.getMessage());
        }
    }
}
