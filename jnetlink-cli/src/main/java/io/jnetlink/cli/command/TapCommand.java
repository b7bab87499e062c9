package io.jnetlink.cli.command;

import io.jnetlink.cli.Failure;
import io.jnetlink.cli.Jnl;
import io.jnetlink.core.error.Errno;
import io.jnetlink.core.ns.NetNs;
import io.jnetlink.core.tun.TapSpec;
import io.jnetlink.core.tun.TunMode;
import io.jnetlink.core.tun.Tuntap;
import io.jnetlink.route.Rtnetlink;
import io.jnetlink.route.link.Link;
import io.jnetlink.route.link.LinkCodec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.util.List;
import java.util.OptionalLong;

/** {@code jnl tap add|del}: persistent TAP and TUN devices, as {@code ip tuntap}. */
@Command(name = "tap", aliases = {"tuntap"}, description = "Persistent TAP/TUN devices, as ip tuntap.",
        subcommands = {TapCommand.Add.class, TapCommand.Del.class})
public final class TapCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new Keywords(spec.commandLine(), List.of()).usage("missing command: add or del");
    }

    private static final String SYNTAX = "[dev] NAME [mode tap|tun] [user USER] [group GROUP] [multi_queue] [vnet_hdr]";

    /** Equivalent to: {@code ip tuntap add dev NAME mode tap|tun [user U] [group G] [multi_queue] [vnet_hdr]}. */
    @Command(name = "add", description = "Add a persistent device (mode tap unless given): " + SYNTAX)
    static final class Add implements Runnable {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "ARGS", arity = "1..*")
        List<String> args;

        @Override
        public void run() {
            TapSpec s = parse(new Keywords(spec.commandLine(), args));
            Jnl root = Jnl.root(spec);
            try (NetNs ns = root.netnsHandle()) {
                Tuntap.add(ns, s);
            }
        }
    }

    /**
     * Equivalent to: {@code ip tuntap del dev NAME mode tap|tun [multi_queue]}, but the mode and multi_queue need
     * not be repeated: the device is deleted over rtnetlink (RTM_DELLINK), after checking that it is a TUN/TAP
     * device ({@code ip -d link} kind {@code tun}), so that a typo cannot delete another kind of link.
     */
    @Command(name = "del", aliases = {"delete"}, description = "Delete a TUN/TAP device (of any mode): " + SYNTAX)
    static final class Del implements Runnable {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "ARGS", arity = "1..*")
        List<String> args;

        @Override
        public void run() {
            TapSpec s = parse(new Keywords(spec.commandLine(), args));
            try (Rtnetlink rt = Jnl.root(spec).rtnetlink()) {
                Link link = rt.links().require(s.name());
                if (!link.kind().orElse("").equals(TUN_KIND)) {
                    throw new Failure("delete tuntap " + s.name() + ": " + Errno.EINVAL + ": '" + s.name()
                            + "' is not a TUN/TAP device (kind " + link.kind().orElse("none") + ")");
                }
                // By index: the link checked is the link deleted, even if another took its name meanwhile.
                rt.socket().request(LinkCodec.delete(link.index()));
            }
        }
    }

    /** IFLA_INFO_KIND of TUN and TAP devices (drivers/net/tun.c). */
    private static final String TUN_KIND = "tun";

    static TapSpec parse(Keywords k) {
        String name = null;
        TunMode mode = TunMode.TAP;
        OptionalLong user = OptionalLong.empty();
        OptionalLong group = OptionalLong.empty();
        boolean multiQueue = false;
        boolean vnetHdr = false;
        while (k.hasNext()) {
            String t = k.next();
            switch (t) {
                case "dev", "name" -> name = k.value(t);
                case "mode" -> {
                    String v = k.value(t);
                    mode = switch (v) {
                        case "tap" -> TunMode.TAP;
                        case "tun" -> TunMode.TUN;
                        default -> throw k.usage("invalid mode '" + v + "': must be tap or tun");
                    };
                }
                case "user" -> user = OptionalLong.of(Accounts.resolve(k, t, k.value(t), Accounts.PASSWD));
                case "group" -> group = OptionalLong.of(Accounts.resolve(k, t, k.value(t), Accounts.GROUP));
                case "multi_queue" -> multiQueue = true;
                case "vnet_hdr" -> vnetHdr = true;
                default -> {
                    if (name != null) {
                        throw k.unknown(t, "mode, user, group, multi_queue or vnet_hdr");
                    }
                    name = t;
                }
            }
        }
        if (name == null) {
            throw k.usage("missing device name");
        }
        try {
            return new TapSpec(name, mode, user, group, multiQueue, vnetHdr);
        } catch (IllegalArgumentException e) {
            throw k.usage(e.getMessage());
        }
    }
}
