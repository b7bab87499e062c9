package io.jnetlink.cli.command;

import io.jnetlink.cli.Jnl;
import io.jnetlink.cli.output.Json;
import io.jnetlink.cli.output.Table;
import io.jnetlink.core.Request;
import io.jnetlink.core.net.MacAddress;
import io.jnetlink.core.ns.NetNs;
import io.jnetlink.route.Rtnetlink;
import io.jnetlink.route.link.Link;
import io.jnetlink.route.link.LinkCodec;
import io.jnetlink.route.link.LinkSpec;
import io.jnetlink.route.link.VethSpec;
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
import java.util.stream.Collectors;

/** {@code jnl link}: list, show, add, del and set links, as {@code ip link}. */
@Command(name = "link", description = "Network links, as ip link.",
        subcommands = {LinkCommand.ListLinks.class, LinkCommand.Show.class, LinkCommand.Add.class,
                LinkCommand.Del.class, LinkCommand.Set.class})
public final class LinkCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        print(spec, Optional.empty());
    }

    /** Equivalent to: {@code ip link show}. */
    @Command(name = "list", aliases = {"ls"}, description = "List all links.")
    static final class ListLinks implements Runnable {
        @Spec
        CommandSpec spec;

        @Override
        public void run() {
            print(spec, Optional.empty());
        }
    }

    /** Equivalent to: {@code ip link show [dev] NAME}. */
    @Command(name = "show", description = "Show one link, or all.")
    static final class Show implements Runnable {
        @Spec
        CommandSpec spec;

        @Parameters(arity = "0..2", paramLabel = "[dev] NAME")
        List<String> args;

        @Override
        public void run() {
            Keywords k = new Keywords(spec.commandLine(), args);
            Optional<String> name = Optional.empty();
            while (k.hasNext()) {
                String t = k.next();
                name = Optional.of(t.equals("dev") ? k.value("dev") : t);
            }
            print(spec, name);
        }
    }

    /**
     * Equivalent to: {@code ip link add NAME [mtu N] [address MAC] [link PARENT] [master BRIDGE] type KIND
     * [KIND options]}, for veth ({@code peer [name] NAME2 [netns NS] [address MAC]}), bridge, vxlan, macvlan,
     * vlan, dummy and wireguard.
     */
    @Command(name = "add", description = "Add a link: NAME [mtu N] [address MAC] [link PARENT] [master BRIDGE] "
            + "type {veth|bridge|vxlan|macvlan|vlan|dummy|wireguard} [KIND OPTIONS] (see docs/cli.md)")
    static final class Add implements Runnable {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "ARGS", arity = "1..*")
        List<String> args;

        @Override
        public void run() {
            Keywords k = new Keywords(spec.commandLine(), args);
            String name = k.next();
            if (name.equals("name") || name.equals("dev")) {
                name = k.value(name);
            }
            OptionalInt mtu = OptionalInt.empty();
            Optional<MacAddress> address = Optional.empty();
            Optional<String> parent = Optional.empty();
            Optional<String> master = Optional.empty();
            String type = null;
            while (k.hasNext() && type == null) {
                String t = k.next();
                switch (t) {
                    case "mtu" -> mtu = OptionalInt.of(k.intValue("mtu", 1, Integer.MAX_VALUE));
                    case "address" -> address = Optional.of(k.parsed("address", Add::ethernet));
                    case "link" -> parent = Optional.of(k.value("link"));
                    case "master" -> master = Optional.of(k.value("master"));
                    case "type" -> type = k.value("type");
                    default -> throw k.unknown(t, "mtu, address, link, master or type");
                }
            }
            if (type == null) {
                throw k.usage("missing 'type KIND' (supported: veth, " + String.join(", ", LinkKindOptions.KINDS) + ")");
            }
            if (type.equals("veth")) {
                if (parent.isPresent() || master.isPresent()) {
                    throw k.usage("'" + (parent.isPresent() ? "link" : "master") + "' is not supported with type veth");
                }
                addVeth(k, name, mtu, address);
                return;
            }
            LinkKindOptions.Parsed kind = LinkKindOptions.parse(k, type, true);
            if ((type.equals("macvlan") || type.equals("vlan")) && parent.isEmpty()) {
                throw k.usage("type " + type + " needs 'link PARENT', the device it sits on");
            }
            LinkSpec s;
            try {
                s = LinkSpec.of(name, kind.kind());
                if (mtu.isPresent()) {
                    s = s.withMtu(mtu.getAsInt());
                }
                if (address.isPresent()) {
                    s = s.withAddress(address.get());
                }
                if (parent.isPresent()) {
                    s = s.withParent(parent.get());
                }
                if (master.isPresent()) {
                    s = s.withMaster(master.get());
                }
            } catch (IllegalArgumentException e) {
                throw k.usage(e.getMessage());
            }
            try (Rtnetlink rt = Jnl.root(spec).rtnetlink()) {
                LinkSpec resolved = s;
                if (kind.device().isPresent()) {
                    resolved = new LinkSpec(s.name(), kind.resolve(rt.links()), s.mtu(), s.address(), s.master(),
                            s.parent());
                }
                rt.links().add(resolved);
            }
        }

        private void addVeth(Keywords k, String name, OptionalInt mtu, Optional<MacAddress> address) {
            String peer = null;
            String peerNs = null;
            Optional<MacAddress> peerAddress = Optional.empty();
            while (k.hasNext()) {
                String t = k.next();
                switch (t) {
                    case "peer" -> {
                        String v = k.value("peer");
                        peer = v.equals("name") ? k.value("peer name") : v;
                    }
                    case "netns" -> peerNs = k.value("netns");
                    case "address" -> peerAddress = Optional.of(k.parsed("address", Add::ethernet));
                    default -> throw k.unknown(t, "peer, netns or address");
                }
            }
            if (peer == null) {
                throw k.usage("missing 'peer NAME' for type veth");
            }
            VethSpec v;
            try {
                v = VethSpec.of(name, peer);
            } catch (IllegalArgumentException e) {
                throw k.usage(e.getMessage());
            }
            if (mtu.isPresent()) {
                v = v.withMtu(mtu.getAsInt());
            }
            if (address.isPresent()) {
                v = v.withAddress(address.get());
            }
            if (peerAddress.isPresent()) {
                v = v.withPeerAddress(peerAddress.get());
            }
            try (Rtnetlink rt = Jnl.root(spec).rtnetlink();
                 NetNs ns = peerNs == null ? null : openNamespace(peerNs)) {
                rt.links().addVeth(ns == null ? v : v.withPeerNamespace(ns));
            }
        }

        /** The kinds jnl creates are Ethernet-like: their addresses have 6 bytes. */
        private static MacAddress ethernet(String text) {
            MacAddress mac = MacAddress.parse(text);
            if (mac.bytes().length != 6) {
                throw new IllegalArgumentException("must be a 6-byte (Ethernet) address");
            }
            return mac;
        }
    }

    /** Equivalent to: {@code ip link del [dev] NAME}. */
    @Command(name = "del", aliases = {"delete"}, description = "Delete a link.")
    static final class Del implements Runnable {
        @Spec
        CommandSpec spec;

        @Parameters(arity = "1..2", paramLabel = "[dev] NAME")
        List<String> args;

        @Override
        public void run() {
            Keywords k = new Keywords(spec.commandLine(), args);
            String name = k.next();
            if (name.equals("dev")) {
                name = k.value("dev");
            }
            if (k.hasNext()) {
                throw k.unknown(k.next(), "nothing after the link name");
            }
            try (Rtnetlink rt = Jnl.root(spec).rtnetlink()) {
                rt.links().delete(name);
            }
        }
    }

    /**
     * Equivalent to: {@code ip link set [dev] NAME up|down|mtu N|address MAC|name NEW|alias TEXT|master BRIDGE|nomaster|
     * netns NS|type KIND [KIND OPTIONS]}.
     * Several settings may follow one another; they are applied in order, and every value is checked (and
     * the target namespace opened) before the first is applied.
     */
    @Command(name = "set", description = "Change a link: [dev] NAME {up|down|mtu N|address MAC|name NEW|alias TEXT"
            + "|master BRIDGE|nomaster|netns NS}... [type KIND KIND OPTIONS]")
    static final class Set implements Runnable {
        private static final String SETTINGS = "up, down, mtu, address, name, alias, master, nomaster, type or netns";

        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "ARGS", arity = "1..*")
        List<String> args;

        /**
         * One setting, turned into a request once the link's index is known (and, for master and the VXLAN
         * device, the other link's); a rename updates the name.
         */
        private interface Change {
            Request request(Rtnetlink rt, int index, String[] currentName);
        }

        @Override
        public void run() {
            Keywords k = new Keywords(spec.commandLine(), args);
            String name = k.next();
            if (name.equals("dev")) {
                name = k.value("dev");
            }
            List<Change> changes = new ArrayList<>();
            List<MacAddress> addresses = new ArrayList<>();
            String netns = null;
            while (k.hasNext()) {
                if (netns != null) {
                    throw k.usage("'netns' must be the last setting: the link leaves this namespace");
                }
                String t = k.next();
                switch (t) {
                    case "up" -> changes.add((rt, i, n) -> LinkCodec.setUp(n[0]));
                    case "down" -> changes.add((rt, i, n) -> LinkCodec.setDown(n[0]));
                    case "mtu" -> {
                        int mtu = k.intValue("mtu", 1, Integer.MAX_VALUE);
                        changes.add((rt, i, n) -> LinkCodec.setMtu(n[0], mtu));
                    }
                    case "address" -> {
                        MacAddress mac = k.parsed("address", MacAddress::parse);
                        addresses.add(mac);
                        changes.add((rt, i, n) -> LinkCodec.setAddress(n[0], mac));
                    }
                    case "name" -> {
                        String newName = k.value("name");
                        changes.add((rt, i, n) -> {
                            Request r = LinkCodec.rename(i, newName);
                            n[0] = newName;
                            return r;
                        });
                    }
                    case "alias" -> {
                        String alias = k.value("alias");
                        changes.add((rt, i, n) -> LinkCodec.setAlias(n[0], alias));
                    }
                    case "master" -> {
                        String master = k.value("master");
                        changes.add((rt, i, n) -> LinkCodec.setMaster(n[0], rt.links().indexOf(master)));
                    }
                    case "nomaster" -> changes.add((rt, i, n) -> LinkCodec.setNoMaster(n[0]));
                    case "type" -> {
                        // As ip: everything after 'type KIND' belongs to the kind.
                        LinkKindOptions.Parsed kind = LinkKindOptions.parse(k, k.value("type"), false);
                        changes.add((rt, i, n) -> LinkCodec.modify(n[0], kind.resolve(rt.links())));
                    }
                    case "netns" -> netns = k.value("netns");
                    default -> throw k.unknown(t, SETTINGS);
                }
            }
            if (changes.isEmpty() && netns == null) {
                throw k.usage("nothing to change (expected " + SETTINGS + ")");
            }
            try (Rtnetlink rt = Jnl.root(spec).rtnetlink();
                 NetNs target = netns == null ? null : openNamespace(netns)) {
                Link link = rt.links().require(name);
                int index = link.index();
                for (MacAddress mac : addresses) {
                    // As ip: the new address must have the length of the link's (6 bytes for Ethernet).
                    int length = link.address().map(m -> m.bytes().length).orElse(mac.bytes().length);
                    if (mac.bytes().length != length) {
                        throw k.usage("invalid address '" + mac + "': " + name + " has " + length + "-byte addresses");
                    }
                }
                // Build every request first: the codecs reject bad values before anything is sent.
                List<Request> requests = new ArrayList<>();
                String[] current = {name};
                for (Change c : changes) {
                    requests.add(c.request(rt, index, current));
                }
                if (target != null) {
                    requests.add(LinkCodec.moveToNamespace(current[0], target));
                }
                for (Request r : requests) {
                    rt.socket().request(r);
                }
            }
        }
    }

    /** A namespace by name, or by the pid of a process in it, as ip link set ... netns accepts. */
    static NetNs openNamespace(String nameOrPid) {
        if (!NetNs.exists(nameOrPid) && nameOrPid.chars().allMatch(Character::isDigit)) {
            return NetNs.openPid(Long.parseLong(nameOrPid));
        }
        return NetNs.open(nameOrPid);
    }

    // ---- listing ----

    private static void print(CommandSpec spec, Optional<String> only) {
        Jnl root = Jnl.root(spec);
        try (Rtnetlink rt = root.rtnetlink()) {
            printLinks(rt, spec.commandLine().getOut(), root.json(), only);
        }
    }

    /** Prints all links (or the one named), as a table or JSON. */
    static void printLinks(Rtnetlink rt, PrintWriter out, boolean json, Optional<String> only) {
        List<Link> all = rt.links().list();
        Map<Integer, Link> byIndex = all.stream().collect(Collectors.toMap(Link::index, l -> l));
        List<Link> shown = all;
        if (only.isPresent()) {
            // The kernel resolves the name (or an alternative name), and says ENODEV when there is none.
            int index = rt.links().indexOf(only.get());
            shown = all.stream().filter(l -> l.index() == index).toList();
        }
        if (json) {
            out.println(Json.write(shown.stream().map(l -> toJson(l, byIndex)).toList()));
        } else {
            Table t = new Table("INDEX", "NAME", "KIND", "STATE", "MTU", "MAC", "MASTER", "FLAGS");
            for (Link l : shown) {
                t.row(l.index(), displayName(l, byIndex), l.kind().orElse(null), l.operState().name(), l.mtu(),
                        l.address().map(Object::toString).orElse(null),
                        l.master().isPresent() ? nameOf(l.master().getAsInt(), byIndex) : null,
                        String.join(",", ipFlags(l, byIndex)));
            }
            t.print(out);
        }
        out.flush();
    }

    /** {@code veth0@veth1} as ip prints a link that sits on another. */
    private static String displayName(Link l, Map<Integer, Link> byIndex) {
        if (l.link().isEmpty()) {
            return l.name();
        }
        int peer = l.link().getAsInt();
        if (peer == 0) {
            return l.name() + "@NONE";
        }
        if (l.linkNetnsId().isPresent()) {
            return l.name() + "@if" + peer;
        }
        return l.name() + "@" + nameOf(peer, byIndex);
    }

    static String nameOf(int index, Map<Integer, Link> byIndex) {
        Link l = byIndex.get(index);
        return l == null ? "if" + index : l.name();
    }

    /**
     * The flags as ip prints them: the link's own, plus M-DOWN when the link it sits on (in this namespace)
     * is not up, which is how ip shows a veth whose peer is down.
     */
    static List<String> ipFlags(Link l, Map<Integer, Link> byIndex) {
        List<String> flags = new ArrayList<>(l.flagNames());
        if (l.link().isPresent() && l.link().getAsInt() != 0 && l.linkNetnsId().isEmpty()) {
            Link lower = byIndex.get(l.link().getAsInt());
            if (lower == null || !lower.isUp()) {
                flags.add("M-DOWN");
            }
        }
        return flags;
    }

    static Map<String, Object> toJson(Link l, Map<Integer, Link> byIndex) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("index", l.index());
        m.put("name", l.name());
        m.put("kind", l.kind().orElse(null));
        m.put("flags", ipFlags(l, byIndex));
        m.put("mtu", l.mtu());
        m.put("mac", l.address().map(Object::toString).orElse(null));
        m.put("broadcast", l.broadcast().map(Object::toString).orElse(null));
        m.put("operstate", l.operState().name());
        m.put("master", l.master().isPresent() ? nameOf(l.master().getAsInt(), byIndex) : null);
        m.put("master_index", l.master().isPresent() ? l.master().getAsInt() : null);
        m.put("link_index", l.link().isPresent() ? l.link().getAsInt() : null);
        m.put("link_netnsid", l.linkNetnsId().isPresent() ? l.linkNetnsId().getAsInt() : null);
        m.put("alias", l.alias().orElse(null));
        m.put("altnames", l.altNames());
        m.put("txqlen", l.txQueueLength());
        m.put("qdisc", l.qdisc().orElse(null));
        m.put("kind_data", LinkKindJson.of(l, byIndex));
        return m;
    }
}
