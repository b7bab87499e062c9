package io.jnetlink.cli.command;

import io.jnetlink.cli.Failure;
import io.jnetlink.cli.Jnl;
import io.jnetlink.cli.output.Json;
import io.jnetlink.core.error.Errno;
import io.jnetlink.core.ns.NetNs;
import io.jnetlink.route.sysctl.Sysctl;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code jnl sysctl get|set}: the net.* keys of the namespace, as {@code ip netns exec NS sysctl}, each going
 * the way that behaves as sysctl (rtnetlink or /proc/sys, see docs/sysctl.md).
 */
@Command(name = "sysctl", description = "net.* sysctl keys of the namespace, as ip netns exec NS sysctl.",
        subcommands = {SysctlCommand.Get.class, SysctlCommand.Set.class})
public final class SysctlCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new Keywords(spec.commandLine(), List.of()).usage("missing command: get or set");
    }

    /** Equivalent to: {@code ip netns exec NS sysctl -n KEY}. */
    @Command(name = "get", description = "Print a key's value: KEY (net.ipv4.ip_forward, net/ipv4/conf/eth0.100/...)")
    static final class Get implements Runnable {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "KEY")
        String key;

        @Override
        public void run() {
            Keywords k = new Keywords(spec.commandLine(), List.of());
            check(k, key);
            Jnl root = Jnl.root(spec);
            Optional<String> value;
            try (NetNs ns = root.netnsHandle(); Sysctl sysctl = Sysctl.open(ns)) {
                value = sysctl.get(key);
            }
            if (value.isEmpty()) {
                throw new Failure("get " + key + ": " + Errno.ENOENT + ": no such key in this namespace");
            }
            PrintWriter out = spec.commandLine().getOut();
            if (root.json()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("key", key);
                m.put("value", value.get());
                out.println(Json.write(m));
            } else {
                out.println(value.get());
            }
            out.flush();
        }
    }

    /** Equivalent to: {@code ip netns exec NS sysctl -w KEY=VALUE}. */
    @Command(name = "set", description = "Set a key: KEY VALUE (or KEY=VALUE)")
    static final class Set implements Runnable {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "KEY VALUE", arity = "1..2")
        List<String> args;

        @Override
        public void run() {
            Keywords k = new Keywords(spec.commandLine(), List.of());
            String key = args.getFirst();
            String value;
            if (args.size() == 2) {
                value = args.get(1);
            } else {
                int eq = key.indexOf('=');
                if (eq < 0) {
                    throw k.usage("missing value for '" + key + "' (KEY VALUE or KEY=VALUE)");
                }
                value = key.substring(eq + 1);
                key = key.substring(0, eq);
            }
            check(k, key);
            try (NetNs ns = Jnl.root(spec).netnsHandle(); Sysctl sysctl = Sysctl.open(ns)) {
                sysctl.set(key, value);
            }
        }
    }

    /** Checks the key's form before anything is opened: the library's complaint, as a usage error. */
    private static void check(Keywords k, String key) {
        try {
            Sysctl.transportOf(key);
        } catch (IllegalArgumentException e) {
            throw k.usage(e.getMessage());
        }
    }
}
