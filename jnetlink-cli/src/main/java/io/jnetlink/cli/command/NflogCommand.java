package io.jnetlink.cli.command;

import io.jnetlink.cli.Jnl;
import io.jnetlink.cli.output.Json;
import io.jnetlink.core.ns.NetNs;
import io.jnetlink.nftables.log.Nflog;
import io.jnetlink.nftables.log.NflogRecord;
import io.jnetlink.nftables.log.PacketHeaders;
import io.jnetlink.route.Rtnetlink;
import io.jnetlink.route.link.Link;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * {@code jnl nflog GROUP}: binds an NFLOG group and prints one line per logged packet (JSON lines with
 * {@code --json}) until interrupted or until {@code --count N} records were printed. The packets come from
 * rules such as {@code log prefix "x: " group 5}. Equivalent in spirit to {@code tcpdump -i nflog:GROUP}.
 */
@Command(name = "nflog", description = "Print packets logged to an NFLOG group (rules with 'log group N'), "
        + "one line each (JSON lines with --json); until interrupted or --count records")
public final class NflogCommand implements Runnable {

    private static final Duration POLL = Duration.ofMillis(200);

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "GROUP", description = "Log group, 0..65535.")
    int group;

    @Option(names = "--count", paramLabel = "N", description = "Exit after printing N records.")
    Integer count;

    @Option(names = "--snaplen", paramLabel = "BYTES", defaultValue = "65535",
            description = "Copy at most BYTES of each packet (default ${DEFAULT-VALUE}).")
    int snaplen;

    @Option(names = "--payload", description = "Include the copied packet bytes (hex) in each line.")
    boolean payload;

    @Override
    public void run() {
        Keywords k = new Keywords(spec.commandLine(), java.util.List.of());
        if (group < 0 || group > 0xFFFF) {
            throw k.usage("invalid GROUP '" + group + "': must be 0..65535");
        }
        if (count != null && count < 1) {
            throw k.usage("invalid --count '" + count + "': must be at least 1");
        }
        if (snaplen < 0 || snaplen > 0xFFFF) {
            throw k.usage("invalid --snaplen '" + snaplen + "': must be 0..65535");
        }
        Jnl root = Jnl.root(spec);
        PrintWriter out = spec.commandLine().getOut();
        Nflog.Options options = Nflog.Options.defaults().withCopy(Nflog.CopyMode.PACKET, snaplen);
        try (NetNs ns = root.netnsHandle(); Nflog log = Nflog.open(ns, group, options); Names names = new Names(ns)) {
            long printed = 0;
            while (!Thread.currentThread().isInterrupted() && (count == null || printed < count)) {
                Optional<Nflog.Event> e = log.next(POLL);
                if (e.isEmpty()) {
                    continue;
                }
                switch (e.get()) {
                    case Nflog.Event.Overrun o -> out.println(root.json() ? Json.write(Map.of("overrun", true))
                            : "overrun: the kernel dropped log messages");
                    case Nflog.Event.Packet p -> {
                        out.println(root.json() ? Json.write(toJson(p.record(), names, payload))
                                : text(p.record(), names, payload));
                        printed++;
                    }
                }
                out.flush();
            }
        }
    }

    /** One line: hook, prefix, devices by name, uid/gid, mark, then the headers. */
    static String text(NflogRecord r, Names names, boolean withPayload) {
        StringBuilder sb = new StringBuilder();
        r.timestamp().ifPresent(t -> sb.append(t).append(' '));
        sb.append("group ").append(r.group());
        sb.append(" hook ").append(r.hook().map(h -> h.nftName()).orElse(Integer.toString(r.hookNumber())));
        if (!r.prefix().isEmpty()) {
            sb.append(" prefix \"").append(r.prefix()).append('"');
        }
        r.inDevice().ifPresent(i -> sb.append(" in ").append(names.name(i)));
        r.outDevice().ifPresent(i -> sb.append(" out ").append(names.name(i)));
        r.uid().ifPresent(u -> sb.append(" uid ").append(u));
        r.gid().ifPresent(g -> sb.append(" gid ").append(g));
        r.mark().ifPresent(m -> sb.append(" mark 0x").append(String.format("%08x", m)));
        r.headers().network().ifPresent(n -> {
            switch (n) {
                case PacketHeaders.Ipv4 v4 -> sb.append(" ip saddr ").append(v4.source().getHostAddress())
                        .append(" daddr ").append(v4.destination().getHostAddress()).append(" ttl ").append(v4.ttl())
                        .append(" length ").append(v4.totalLength());
                case PacketHeaders.Ipv6 v6 -> sb.append(" ip6 saddr ").append(v6.source().getHostAddress())
                        .append(" daddr ").append(v6.destination().getHostAddress()).append(" hoplimit ")
                        .append(v6.hopLimit()).append(" length ").append(v6.payloadLength() + 40);
            }
        });
        r.headers().transport().ifPresent(t -> {
            switch (t) {
                case PacketHeaders.Tcp tcp -> {
                    sb.append(" tcp sport ").append(tcp.sourcePort()).append(" dport ").append(tcp.destinationPort());
                    if (tcp.flags().isPresent()) {
                        sb.append(" flags ").append(String.join(",", tcp.flagNames()));
                    }
                }
                case PacketHeaders.Udp udp -> sb.append(" udp sport ").append(udp.sourcePort())
                        .append(" dport ").append(udp.destinationPort());
                case PacketHeaders.Icmp icmp -> sb.append(" icmp type ").append(icmp.type())
                        .append(" code ").append(icmp.code());
                case PacketHeaders.Icmpv6 icmp -> sb.append(" icmpv6 type ").append(icmp.type())
                        .append(" code ").append(icmp.code());
                case PacketHeaders.Other o -> sb.append(" proto ").append(o.protocol());
            }
        });
        if (withPayload) {
            sb.append(" payload ").append(HexFormat.of().formatHex(r.payload()));
        }
        return sb.toString();
    }

    static Map<String, Object> toJson(NflogRecord r, Names names, boolean withPayload) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("group", r.group());
        m.put("family", r.family());
        m.put("hook", r.hook().map(h -> (Object) h.nftName()).orElse(r.hookNumber()));
        m.put("prefix", r.prefix());
        r.timestamp().ifPresent(t -> m.put("timestamp", t.toString()));
        putDev(m, "indev", r.inDevice(), names);
        putDev(m, "outdev", r.outDevice(), names);
        r.uid().ifPresent(u -> m.put("uid", u));
        r.gid().ifPresent(g -> m.put("gid", g));
        r.mark().ifPresent(x -> m.put("mark", x));
        m.put("hw_protocol", r.hwProtocol());
        r.headers().network().ifPresent(n -> {
            Map<String, Object> net = new LinkedHashMap<>();
            switch (n) {
                case PacketHeaders.Ipv4 v4 -> {
                    net.put("version", 4);
                    net.put("saddr", v4.source().getHostAddress());
                    net.put("daddr", v4.destination().getHostAddress());
                    net.put("protocol", v4.protocol());
                    net.put("ttl", v4.ttl());
                    net.put("length", v4.totalLength());
                }
                case PacketHeaders.Ipv6 v6 -> {
                    net.put("version", 6);
                    net.put("saddr", v6.source().getHostAddress());
                    net.put("daddr", v6.destination().getHostAddress());
                    net.put("nexthdr", v6.nextHeader());
                    net.put("protocol", v6.protocol());
                    net.put("hoplimit", v6.hopLimit());
                    net.put("length", v6.payloadLength() + 40);
                }
            }
            m.put("network", net);
        });
        r.headers().transport().ifPresent(t -> {
            Map<String, Object> tr = new LinkedHashMap<>();
            switch (t) {
                case PacketHeaders.Tcp tcp -> {
                    tr.put("protocol", "tcp");
                    tr.put("sport", tcp.sourcePort());
                    tr.put("dport", tcp.destinationPort());
                    if (tcp.flags().isPresent()) {
                        tr.put("flags", tcp.flagNames());
                    }
                }
                case PacketHeaders.Udp udp -> {
                    tr.put("protocol", "udp");
                    tr.put("sport", udp.sourcePort());
                    tr.put("dport", udp.destinationPort());
                }
                case PacketHeaders.Icmp icmp -> {
                    tr.put("protocol", "icmp");
                    tr.put("type", icmp.type());
                    tr.put("code", icmp.code());
                }
                case PacketHeaders.Icmpv6 icmp -> {
                    tr.put("protocol", "icmpv6");
                    tr.put("type", icmp.type());
                    tr.put("code", icmp.code());
                }
                case PacketHeaders.Other o -> tr.put("protocol", o.protocol());
            }
            m.put("transport", tr);
        });
        if (withPayload) {
            m.put("payload", HexFormat.of().formatHex(r.payload()));
        }
        return m;
    }

    private static void putDev(Map<String, Object> m, String key, OptionalInt index, Names names) {
        index.ifPresent(i -> m.put(key, names.name(i)));
    }

    /** Interface names by index, looked up once each over an rtnetlink socket opened on first need. */
    static final class Names implements AutoCloseable {
        private final NetNs ns;
        private final Map<Integer, String> names = new HashMap<>();
        private Rtnetlink rt;

        Names(NetNs ns) {
            this.ns = ns;
        }

        String name(int index) {
            return names.computeIfAbsent(index, i -> {
                if (rt == null) {
                    rt = Rtnetlink.open(ns);
                }
                return rt.links().get(i).map(Link::name).orElse(Integer.toString(i));
            });
        }

        @Override
        public void close() {
            if (rt != null) {
                rt.close();
            }
        }
    }
}
