package io.jnetlink.cli.command;

import io.jnetlink.cli.Jnl;
import io.jnetlink.cli.output.Json;
import io.jnetlink.cli.output.Table;
import io.jnetlink.core.net.InetAddresses;
import io.jnetlink.core.net.IpPrefix;
import io.jnetlink.route.Rtnetlink;
import io.jnetlink.route.Scope;
import io.jnetlink.route.address.Address;
import io.jnetlink.route.address.AddressCodec;
import io.jnetlink.route.address.AddressFlags;
import io.jnetlink.route.link.Link;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.net.InetAddress;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
            Jnl root = Jnl.root(s);
            try (Rtnetlink rt = root.rtnetlink()) {
                printAddresses(rt, dev, root.family(), s.commandLine().getOut(), root.json());
            }
        }
    }

    /**
     * Prints the addresses of one link (or all), of one family (or both when {@code family} is 0), grouped by
     * link index like ip.
     */
    static void printAddresses(Rtnetlink rt, String dev, int family, PrintWriter out, boolean json) {
        Map<Integer, Link> links = rt.links().list().stream().collect(Collectors.toMap(Link::index, Function.identity()));
        List<Address> addresses = dev == null ? rt.addresses().list() : rt.addresses().list(dev);
        addresses = addresses.stream().filter(a -> family == 0 || a.family() == family)
                .sorted(Comparator.comparingInt(Address::index)).toList();
        if (json) {
            out.println(Json.write(addresses.stream().map(a -> toJson(a, links)).toList()));
        } else {
            Table t = new Table("DEV", "FAMILY", "ADDRESS", "PEER", "BROADCAST", "SCOPE", "LABEL", "FLAGS");
            for (Address a : addresses) {
                // As ip prints it: the prefix length goes with the peer when there is one.
                String peer = a.peer().map(p -> InetAddresses.toString(p) + "/" + a.local().length()).orElse(null);
                t.row(devName(a.index(), links), family(a),
                        peer == null ? a.local().toString() : InetAddresses.toString(a.local().address()), peer,
                        a.broadcast().map(InetAddresses::toString).orElse(null), a.scope().name(),
                        a.label().filter(l -> !l.equals(devName(a.index(), links))).orElse(null),
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

    static Map<String, Object> toJson(Address a, Map<Integer, Link> links) {
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
        Jnl root = Jnl.root(spec);
        Keywords k = new Keywords(spec.commandLine(), args);
        String localText = null;
        String dev = null;
        IpPrefix peer = null;
        String peerText = null;
        String broadcastText = null;
        String label = null;
        Scope scope = null;
        int flags = 0;
        while (k.hasNext()) {
            String t = k.next();
            switch (t) {
                case "dev" -> dev = k.value("dev");
                case "peer", "remote" -> {
                    peerText = k.value(t);
                    peer = k.parse(t, peerText, IpPrefix::parse);
                }
                case "broadcast", "brd" -> broadcastText = k.value(t);
                case "label" -> label = k.value("label");
                case "scope" -> scope = k.parsed("scope", Scope::parse);
                case "nodad" -> flags |= AddressFlags.NODAD;
                case "noprefixroute" -> flags |= AddressFlags.NOPREFIXROUTE;
                case "local" -> localText = k.value("local");
                default -> {
                    if (localText != null) {
                        throw k.unknown(t, "dev, peer, broadcast, label, scope, nodad or noprefixroute");
                    }
                    localText = t;
                }
            }
        }
        if (localText == null) {
            throw k.usage("missing address (CIDR such as 10.0.0.1/24)");
        }
        IpPrefix local;
        try {
            local = IpPrefix.parse(localText);
        } catch (IllegalArgumentException e) {
            throw k.usage("invalid address '" + localText + "': " + e.getMessage());
        }
        if (dev == null) {
            throw k.usage("missing 'dev NAME'");
        }
        int family = root.family();
        if (family != 0 && family != local.family()) {
            throw k.usage("address " + localText + " is not of the family chosen with "
                    + (family == InetAddresses.AF_INET ? "-4" : "-6"));
        }
        if (peer != null) {
            if (peer.family() != local.family()) {
                throw k.usage("invalid peer '" + peerText + "': not of the same family as " + localText);
            }
            // As ip: with a peer, the prefix length is the peer's (a bare peer is a /32 or /128).
            local = new IpPrefix(local.address(), peer.length());
        }
        InetAddress broadcast = null;
        if (broadcastText != null && !delete) {
            broadcast = broadcast(k, broadcastText, local, peer);
        }
        if (label != null && !label.equals(dev) && !label.startsWith(dev + ":")) {
            throw k.usage("invalid label '" + label + "': must be the device name '" + dev
                    + "' or start with '" + dev + ":'");
        }
        // "ip address del 10.0.0.1 dev X" (IPv4, no length, no peer) removes 10.0.0.1 whatever its prefix length.
        boolean wildcard = delete && local.isIpv4() && peer == null && !localText.contains("/");
        try (Rtnetlink rt = root.rtnetlink()) {
            int index = rt.links().indexOf(dev);
            IpPrefix target = local;
            Optional<InetAddress> targetPeer = Optional.ofNullable(peer).map(IpPrefix::address);
            if (wildcard) {
                InetAddress wanted = local.address();
                Optional<Address> existing = rt.addresses().list(index).stream()
                        .filter(a -> a.local().address().equals(wanted)).findFirst();
                if (existing.isPresent()) {
                    target = existing.get().local();
                    targetPeer = existing.get().peer();
                }
            }
            Address.Builder b = Address.builder(index, target).flags(flags);
            targetPeer.ifPresent(b::peer);
            if (broadcast != null) {
                b.broadcast(broadcast);
            }
            if (label != null) {
                b.label(label);
            }
            if (scope != null) {
                b.scope(scope);
            }
            Address a;
            try {
                a = b.build();
            } catch (IllegalArgumentException e) {
                throw k.usage(e.getMessage());
            }
            rt.socket().request(delete ? AddressCodec.delete(a, dev) : AddressCodec.add(a, dev));
        }
    }

    /**
     * The broadcast address: an address, or {@code +} (host bits set) or {@code -} (host bits clear) computed
     * from the prefix as ip does, and only for prefixes up to /30 (ip sets none for /31 and /32).
     */
    private static InetAddress broadcast(Keywords k, String text, IpPrefix local, IpPrefix peer) {
        if (!local.isIpv4()) {
            throw k.usage("invalid broadcast '" + text + "': only IPv4 addresses have a broadcast address");
        }
        if (!text.equals("+") && !text.equals("-")) {
            InetAddress b = k.parse("broadcast", text, InetAddresses::parse);
            if (InetAddresses.family(b) != InetAddresses.AF_INET) {
                throw k.usage("invalid broadcast '" + text + "': not an IPv4 address");
            }
            return b;
        }
        IpPrefix base = peer != null ? peer : local;
        if (base.length() > 30) {
            return null;
        }
        byte[] bytes = base.network().address().getAddress();
        if (text.equals("+")) {
            for (int bit = base.length(); bit < 32; bit++) {
                bytes[bit / 8] |= (byte) (0x80 >>> (bit % 8));
            }
        }
        return InetAddresses.fromBytes(bytes);
    }
}
