package io.jnetlink.cli.command;

import io.jnetlink.cli.Failure;
import io.jnetlink.cli.Jnl;
import io.jnetlink.cli.output.Json;
import io.jnetlink.core.NetlinkProtocol;
import io.jnetlink.core.NetlinkSocket;
import io.jnetlink.core.net.InetAddresses;
import io.jnetlink.core.net.IpPrefix;
import io.jnetlink.genl.wireguard.Device;
import io.jnetlink.genl.wireguard.DeviceConfig;
import io.jnetlink.genl.wireguard.Key;
import io.jnetlink.genl.wireguard.Peer;
import io.jnetlink.genl.wireguard.PeerConfig;
import io.jnetlink.genl.wireguard.WireGuard;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** {@code jnl wg show|set}: WireGuard devices and peers over generic netlink, as {@code wg}. */
@Command(name = "wg", description = "WireGuard devices and peers, as wg.",
        subcommands = {WgCommand.Show.class, WgCommand.Set.class})
public final class WgCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new Keywords(spec.commandLine(), List.of()).usage("missing command: show or set");
    }

    private static final int PORT_MAX = 0xFFFF;
    private static final long U32_MAX = 0xFFFF_FFFFL;
    private static final int KEEPALIVE_MAX = 0xFFFF;

    /** Equivalent to: {@code wg show DEV}. */
    @Command(name = "show", description = "Show a device and its peers: DEV")
    static final class Show implements Runnable {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "DEV")
        String dev;

        @Override
        public void run() {
            Jnl root = Jnl.root(spec);
            Device d;
            try (NetlinkSocket socket = root.openSocket(NetlinkProtocol.GENERIC)) {
                d = wireGuard(socket, "show device " + dev).get(dev);
            }
            PrintWriter out = spec.commandLine().getOut();
            if (root.json()) {
                out.println(Json.write(toJson(d)));
            } else {
                print(d, out);
            }
            out.flush();
        }
    }

    /** The family, or the one-line failure every wg command gives on a kernel without WireGuard. */
    private static WireGuard wireGuard(NetlinkSocket socket, String operation) {
        return WireGuard.over(socket).orElseThrow(() -> new Failure(operation
                + ": this kernel has no wireguard (no generic netlink family 'wireguard': CONFIG_WIREGUARD is off "
                + "or the module is not loaded)"));
    }

    /** As {@code wg show DEV} prints it; keys other than public ones are never printed. */
    private static void print(Device d, PrintWriter out) {
        out.println("interface: " + d.name());
        d.publicKey().ifPresent(k -> out.println("  public key: " + k));
        d.privateKey().ifPresent(k -> out.println("  private key: (hidden)"));
        out.println("  listening port: " + d.listenPort());
        if (d.fwmark().isPresent()) {
            out.println("  fwmark: 0x" + Integer.toHexString(d.fwmark().getAsInt()));
        }
        for (Peer p : d.peers()) {
            out.println();
            out.println("peer: " + p.publicKey());
            p.presharedKey().ifPresent(k -> out.println("  preshared key: (hidden)"));
            p.endpoint().ifPresent(e -> out.println("  endpoint: " + endpoint(e)));
            out.println("  allowed ips: " + (p.allowedIps().isEmpty() ? "(none)"
                    : p.allowedIps().stream().map(IpPrefix::toString).collect(Collectors.joining(", "))));
            p.lastHandshake().ifPresent(t -> out.println("  latest handshake: " + t));
            if (p.rxBytes() != 0 || p.txBytes() != 0) {
                out.println("  transfer: " + p.rxBytes() + " B received, " + p.txBytes() + " B sent");
            }
            p.persistentKeepalive().ifPresent(k -> out.println("  persistent keepalive: every " + k.toSeconds()
                    + " seconds"));
        }
    }

    private static String endpoint(InetSocketAddress e) {
        InetAddress a = e.getAddress();
        String host = InetAddresses.toString(a);
        return (InetAddresses.family(a) == InetAddresses.AF_INET6 ? "[" + host + "]" : host) + ":" + e.getPort();
    }

    static Map<String, Object> toJson(Device d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("index", d.ifindex());
        m.put("name", d.name());
        m.put("public_key", d.publicKey().map(Key::toBase64).orElse(null));
        m.put("has_private_key", d.privateKey().isPresent());
        m.put("listen_port", d.listenPort());
        m.put("fwmark", d.fwmark().isPresent() ? Integer.toUnsignedLong(d.fwmark().getAsInt()) : null);
        List<Map<String, Object>> peers = new ArrayList<>();
        for (Peer p : d.peers()) {
            Map<String, Object> pm = new LinkedHashMap<>();
            pm.put("public_key", p.publicKey().toBase64());
            pm.put("has_preshared_key", p.presharedKey().isPresent());
            pm.put("endpoint", p.endpoint().map(WgCommand::endpoint).orElse(null));
            pm.put("allowed_ips", p.allowedIps().stream().map(IpPrefix::toString).toList());
            pm.put("latest_handshake", p.lastHandshake().map(t -> t.getEpochSecond()).orElse(null));
            pm.put("rx_bytes", p.rxBytes());
            pm.put("tx_bytes", p.txBytes());
            pm.put("persistent_keepalive", p.persistentKeepalive().map(Duration::toSeconds).orElse(null));
            peers.add(pm);
        }
        m.put("peers", peers);
        return m;
    }

    /**
     * Equivalent to: {@code wg set DEV [listen-port N] [fwmark N|off] [private-key FILE] [peer KEY [remove]
     * [preshared-key FILE] [endpoint IP:PORT] [persistent-keepalive N|off] [allowed-ips CIDR,...]]...}.
     * Everything is read and checked before anything is sent.
     */
    @Command(name = "set", description = "Configure a device: DEV [listen-port N] [fwmark N|off] [private-key FILE] "
            + "[peer KEY [remove] [preshared-key FILE] [endpoint IP:PORT] [persistent-keepalive N|off] "
            + "[allowed-ips CIDR[,CIDR...]]]... (keys in files, base64, as wg genkey writes them)")
    static final class Set implements Runnable {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "ARGS", arity = "1..*")
        List<String> args;

        @Override
        public void run() {
            Keywords k = new Keywords(spec.commandLine(), args);
            String dev = k.next();
            DeviceConfig config = parse(k);
            try (NetlinkSocket socket = Jnl.root(spec).openSocket(NetlinkProtocol.GENERIC)) {
                wireGuard(socket, "set device " + dev).set(dev, config);
            }
        }
    }

    static DeviceConfig parse(Keywords k) {
        DeviceConfig config = DeviceConfig.empty();
        List<PeerConfig> peers = new ArrayList<>();
        PeerConfig peer = null;
        while (k.hasNext()) {
            String t = k.next();
            if (peer == null) {
                config = switch (t) {
                    case "listen-port" -> config.withListenPort(k.intValue(t, 0, PORT_MAX));
                    case "fwmark" -> config.withFwmark(fwmark(k, t));
                    case "private-key" -> config.withPrivateKey(keyFile(k, t));
                    case "peer" -> {
                        peer = PeerConfig.of(k.parsed(t, Key::parse));
                        yield config;
                    }
                    default -> throw k.unknown(t, "listen-port, fwmark, private-key or peer");
                };
                continue;
            }
            peer = switch (t) {
                case "peer" -> {
                    peers.add(peer);
                    yield PeerConfig.of(k.parsed(t, Key::parse));
                }
                case "remove" -> peer.withRemove();
                case "preshared-key" -> peer.withPresharedKey(keyFile(k, t));
                case "endpoint" -> peer.withEndpoint(endpoint(k, t));
                case "persistent-keepalive" -> {
                    String v = k.value(t);
                    int seconds = v.equals("off") ? 0 : k.intOf(t, v, 0, KEEPALIVE_MAX);
                    yield peer.withPersistentKeepalive(Duration.ofSeconds(seconds));
                }
                case "allowed-ips" -> {
                    // As wg: the list replaces the peer's allowed IPs (an empty one removes them all).
                    String v = k.value(t);
                    List<IpPrefix> prefixes = new ArrayList<>();
                    for (String p : v.split(",")) {
                        if (!p.isBlank()) {
                            prefixes.add(k.parse(t, p.strip(), IpPrefix::parse));
                        }
                    }
                    yield peer.withReplaceAllowedIps().withAllowedIps(prefixes);
                }
                default -> throw k.unknown(t, "peer, remove, preshared-key, endpoint, persistent-keepalive or "
                        + "allowed-ips");
            };
        }
        if (peer != null) {
            peers.add(peer);
        }
        try {
            return config.withPeers(peers);
        } catch (IllegalArgumentException e) {
            throw k.usage(e.getMessage());
        }
    }

    private static int fwmark(Keywords k, String keyword) {
        String v = k.value(keyword);
        return v.equals("off") ? 0 : (int) k.number(keyword, v, 0, U32_MAX);
    }

    /** A key from a file holding its base64 form (what wg genkey writes), surrounding white space ignored. */
    private static Key keyFile(Keywords k, String keyword) {
        Path file = Path.of(k.value(keyword));
        String text = String.join("\n", InputFiles.lines(k, keyword, file)).strip();
        try {
            return Key.parse(text);
        } catch (IllegalArgumentException e) {
            throw k.usage("invalid " + keyword + " file '" + file + "': must hold one key, 44 characters of base64");
        }
    }

    /** {@code IP:PORT} or {@code [IPv6]:PORT}; no host names (jnetlink does no DNS). */
    private static InetSocketAddress endpoint(Keywords k, String keyword) {
        String v = k.value(keyword);
        int colon = v.lastIndexOf(':');
        if (colon <= 0) {
            throw k.usage("invalid " + keyword + " '" + v + "': must be IP:PORT or [IPv6]:PORT");
        }
        String host = v.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        } else if (host.indexOf(':') >= 0) {
            throw k.usage("invalid " + keyword + " '" + v + "': write an IPv6 endpoint as [ADDRESS]:PORT");
        }
        InetAddress a;
        try {
            a = InetAddresses.parse(host);
        } catch (IllegalArgumentException e) {
            throw k.usage("invalid " + keyword + " '" + v + "': " + e.getMessage() + " (no host names)");
        }
        int port = k.intOf(keyword + " port", v.substring(colon + 1), 0, PORT_MAX);
        return new InetSocketAddress(a, port);
    }
}
