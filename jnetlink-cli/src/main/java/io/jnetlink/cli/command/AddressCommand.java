package io.jnetlink.cli.command;

import io.jnetlink.cli.Jnl;
import io.jnetlink.cli.output.Json;
import io.jnetlink.cli.output.Table;
import io.jnetlink.core.net.InetAddresses;
import io.jnetlink.core.net.IpPrefix;
import io.jnetlink.route.Rtnetlink;
import io.jnetlink.route.address.Address;
import io.jnetlink.route.address.AddressFlags;
import io.jnetlink.route.Scope;
import io.jnetlink.route.link.Link;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** {@code jnl addr}: list, add and delete interface addresses, as {@code ip address}. */
@Command(name = "addr", aliases = {"address", "a"}, description = "Interface addresses, as ip address.",
        subcommands = {AddressCommand.ListAddresses.class, AddressCommand.Add.class, AddressCommand.Del.class})
public final class AddressCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        new ListAddresses().print(spec, List.of());
    }

    /** Equivalent to: {@code ip address show [dev NAME]}. */
    @Command(name = "list", aliases = {"ls", "show"}, description = "List addresses: [dev NAME]")
    static final class ListAddresses implements Runnable {
        @Spec
        CommandSpec spec;

        @Parameters(arity = "0..2", paramLabel = "[dev] NAME")
        List<String> args;

        @Override
        public void run() {
            print(spec, args);
        }

        void print(CommandSpec s, List<String> arguments) {
            Keywords k = new Keywords(s.commandLine(), arguments);
            String dev = null;
            while (k.hasNext()) {
                String t = k.next();
                dev = t.equals("dev") ? k.value("dev") : t;
            }
            try (Rtnetlink rt = Jnl.root(s).rtnetlink()) {
                printAddresses(rt, dev, s.commandLine().getOut(), Jnl.root(s).json());
            }
        }
    }

    /** Prints the addresses of one link (or all), grouped by link index like ip. */
    static void printAddresses(Rtnetlink rt, String dev, PrintWriter out, boolean json) {
        Map<Integer, Link> links = rt.links().list().stream().collect(Collectors.toMap(Link::index, Function.identity()));
        List<Address> addresses = dev == null ? rt.addresses().list() : rt.addresses().list(dev);
        addresses = addresses.stream().sorted(Comparator.comparingInt(Address::index)).toList();
        if (json) {
            out.println(Json.write(addresses.stream().map(a -> toJson(a, links)).toList()));
        } else {
            Table t = new Table("DEV", "FAMILY", "ADDRESS", "PEER", "BROADCAST", "SCOPE", "FLAGS");
            for (Address a : addresses) {
                t.row(devName(a.index(), links), family(a), a.local(),
                        a.peer().map(InetAddresses::toString).orElse(null),
                        a.broadcast().map(InetAddresses::toString).orElse(null), a.scope().name(),
                        String.join(",", AddressFlags.names(a.flags(), a.local().isIpv6())));
            }
            t.print(out);
        }
        out.flush();
    }

    private static String devName(int index, Map<Integer, Link> links) {
        Link l = links.get(index);
        return l == null ? "if" + index : l.name();
    }

    private static String family(Address a) {
        return a.local().isIpv6() ? "inet6" : "inet";
    }

    private static Map<String, Object> toJson(Address a, Map<Integer, Link> links) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("index", a.index());
        m.put("dev", devName(a.index(), links));
        m.put("family", family(a));
        m.put("local", InetAddresses.toString(a.local().address()));
        m.put("prefixlen", a.local().length());
        m.put("peer", a.peer().map(InetAddresses::toString).orElse(null));
        m.put("broadcast", a.broadcast().map(InetAddresses::toString).orElse(null));
        m.put("scope", a.scope().name());
        m.put("label", a.label().orElse(null));
        m.put("flags", AddressFlags.names(a.flags(), a.local().isIpv6()));
        m.put("valid_lft", a.validLifetime().isPresent() ? a.validLifetime().getAsLong() : null);
        m.put("preferred_lft", a.preferredLifetime().isPresent() ? a.preferredLifetime().getAsLong() : null);
        return m;
    }

    /** Equivalent to: {@code ip address add CIDR dev NAME [peer A] [broadcast A] [label L] [scope S] [nodad] [noprefixroute]}. */
    @Command(name = "add", description = "Add an address: CIDR dev NAME [peer ADDR] [broadcast ADDR] [label L] [scope S] [nodad] [noprefixroute]")
    static final class Add implements Runnable {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "ARGS", arity = "1..*")
        List<String> args;

        @Override
        public void run() {
            change(spec, args, false);
        }
    }

    /** Equivalent to: {@code ip address del CIDR dev NAME}. */
    @Command(name = "del", aliases = {"delete"}, description = "Delete an address: CIDR dev NAME")
    static final class Del implements Runnable {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "ARGS", arity = "1..*")
        List<String> args;

        @Override
        public void run() {
            change(spec, args, true);
        }
    }

    private static void change(CommandSpec spec, List<String> args, boolean delete) {
        Keywords k = new Keywords(spec.commandLine(), args);
        IpPrefix prefix = null;
        String dev = null;
        String peer = null;
        String broadcast = null;
        String label = null;
        Scope scope = null;
        int flags = 0;
        while (k.hasNext()) {
            String t = k.next();
            switch (t) {
                case "dev" -> dev = k.value("dev");
                case "peer" -> peer = k.value("peer");
                case "broadcast", "brd" -> broadcast = k.value("broadcast");
                case "label" -> label = k.value("label");
                case "scope" -> scope = k.parsed("scope", Scope::parse);
                case "nodad" -> flags |= AddressFlags.NODAD;
                case "noprefixroute" -> flags |= AddressFlags.NOPREFIXROUTE;
                case "local" -> prefix = k.parsed("local", IpPrefix::parse);
                default -> {
                    if (prefix != null) {
                        throw k.unknown(t, "dev, peer, broadcast, label, scope, nodad or noprefixroute");
                    }
                    try {
                        prefix = IpPrefix.parse(t);
                    } catch (IllegalArgumentException e) {
                        throw k.usage("invalid address '" + t + "': " + e.getMessage());
                    }
                }
            }
        }
        if (prefix == null) {
            throw k.usage("missing address (CIDR such as 10.0.0.1/24)");
        }
        if (dev == null) {
            throw k.usage("missing 'dev NAME'");
        }
        try (Rtnetlink rt = Jnl.root(spec).rtnetlink()) {
            int index = rt.links().indexOf(dev);
            Address.Builder b = Address.builder(index, prefix).flags(flags);
            if (peer != null) {
                b.peer(InetAddresses.parse(peer));
            }
            if (broadcast != null) {
                b.broadcast(InetAddresses.parse(broadcast));
            }
            if (label != null) {
                b.label(label);
            }
            if (scope != null) {
                b.scope(scope);
            }
            Address a = b.build();
            if (delete) {
                rt.addresses().delete(a);
            } else {
                rt.addresses().add(a);
            }
        }
    }
}
