package io.jnetlink.nftables.log;

import io.jnetlink.core.error.KernelException;
import io.jnetlink.oracles.Nft;
import io.jnetlink.oracles.Oracle;
import io.jnetlink.testkit.NetnsTest;
import io.jnetlink.testkit.TestNamespace;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * NFLOG against the kernel: nft installs {@code log group 5} rules, the test sends packets from Java sockets
 * opened inside the namespace (on the namespace handle's thread), and the records must carry the addresses,
 * ports, prefix and devices of those packets. Ground truth is what the test sent and `ip -j link` for the
 * device indexes; the nft counters confirm the rules matched.
 */
@NetnsTest
class NflogKernelTest {

    /** Liveness guard for a record that must come; a working path never waits this long. */
    private static final Duration GUARD = Duration.ofSeconds(10);

    private static final String RULES = """
            table inet t {
                chain out {
                    type filter hook output priority 0; policy accept;
                    ip daddr 10.9.0.2 tcp dport 4711 counter log prefix "jnl: " group 5
                    ip daddr 10.9.0.2 udp dport 4712 counter log prefix "jnl: " group 5
                    meta skuid 0 udp dport 4713 counter log prefix "uid: " group 5
                }
                chain in {
                    type filter hook input priority 0; policy accept;
                    ip6 daddr ::1 udp dport 4714 counter log prefix "in6: " group 5
                }
            }
            """;

    private static void setUp(TestNamespace ns) {
        Oracle.stdout("ip", "-n", ns.name(), "link", "set", "lo", "up");
        // veth: the output hook logs before neighbour resolution, so nobody needs to answer at 10.9.0.2
        Oracle.stdout("ip", "-n", ns.name(), "link", "add", "d0", "type", "veth", "peer", "name", "d1");
        Oracle.stdout("ip", "-n", ns.name(), "link", "set", "d1", "up");
        Oracle.stdout("ip", "-n", ns.name(), "addr", "add", "10.9.0.1/24", "dev", "d0");
        Oracle.stdout("ip", "-n", ns.name(), "link", "set", "d0", "up");
        Nft.in(ns.name()).apply(RULES);
    }

    private static int ifindex(TestNamespace ns, String dev) {
        String out = Oracle.stdout("ip", "-n", ns.name(), "-o", "link", "show", "dev", dev);
        return Integer.parseInt(out.substring(0, out.indexOf(':')).strip());
    }

    @Test
    void logsTcpAndUdpWithAddressesPortsPrefixAndDevice(TestNamespace ns) {
        setUp(ns);
        int d0 = ifindex(ns, "d0");
        try (Nflog log = Nflog.open(ns.netns(), 5)) {
            int tcpSource = ns.netns().call(() -> {
                try (Socket s = new Socket()) {
                    s.bind(new InetSocketAddress(InetAddress.getByName("10.9.0.1"), 0));
                    int port = s.getLocalPort();
                    try {
                        s.connect(new InetSocketAddress("10.9.0.2", 4711), 300); // nobody answers at 10.9.0.2
                    } catch (IOException expected) {
                        // the SYN left; that is all the test needs
                    }
                    return port;
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            int udpSource = sendUdp(ns, "10.9.0.2", 4712, "hello nflog");

            NflogRecord syn = await(log, r -> r.headers().transport().orElse(null) instanceof PacketHeaders.Tcp);
            PacketHeaders.Ipv4 ip = (PacketHeaders.Ipv4) syn.headers().network().orElseThrow();
            assertEquals("10.9.0.1", ip.source().getHostAddress());
            assertEquals("10.9.0.2", ip.destination().getHostAddress());
            assertEquals(PacketHeaders.IPPROTO_TCP, ip.protocol());
            assertEquals(64, ip.ttl());
            PacketHeaders.Tcp tcp = (PacketHeaders.Tcp) syn.headers().transport().orElseThrow();
            assertEquals(tcpSource, tcp.sourcePort());
            assertEquals(4711, tcp.destinationPort());
            assertTrue(tcp.has(PacketHeaders.Tcp.SYN), "SYN flag: " + tcp.flagNames());
            assertFalse(tcp.has(PacketHeaders.Tcp.ACK), "no ACK on the first SYN: " + tcp.flagNames());
            assertEquals("jnl: ", syn.prefix());
            assertEquals(5, syn.group());
            assertEquals(2, syn.family());
            assertEquals(0x0800, syn.hwProtocol());
            assertEquals(Optional.of(io.jnetlink.nftables.model.Hook.OUTPUT), syn.hook());
            assertEquals(d0, syn.outDevice().orElseThrow());
            assertTrue(syn.inDevice().isEmpty(), "no input device on output");
            assertEquals(0, syn.uid().orElseThrow(), "a local socket's uid");

            NflogRecord udp = await(log, r -> r.headers().transport().orElse(null) instanceof PacketHeaders.Udp u
                    && u.destinationPort() == 4712);
            PacketHeaders.Udp u = (PacketHeaders.Udp) udp.headers().transport().orElseThrow();
            assertEquals(udpSource, u.sourcePort());
            assertEquals(8 + "hello nflog".length(), u.length().orElseThrow());
            assertEquals("10.9.0.2", udp.headers().network().orElseThrow().destination().getHostAddress());
            assertEquals("jnl: ", udp.prefix());
            byte[] payload = udp.payload();
            assertEquals("hello nflog", new String(payload, 28, payload.length - 28));
        }
        String listing = Nft.in(ns.name()).listRuleset();
        assertTrue(listing.matches("(?s).*tcp dport 4711 counter packets [1-9].*"), listing);
        assertTrue(listing.matches("(?s).*udp dport 4712 counter packets 1 .*"), listing);
    }

    @Test
    void carriesUidAndGidOfTheLocalSocket(TestNamespace ns) throws IOException {
        setUp(ns);
        long uid = idOf("Uid:");
        long gid = idOf("Gid:");
        try (Nflog log = Nflog.open(ns.netns(), 5)) {
            int source = sendUdp(ns, "10.9.0.2", 4713, "x");
            NflogRecord r = await(log, x -> x.prefix().equals("uid: "));
            assertEquals(uid, r.uid().orElseThrow());
            assertEquals(gid, r.gid().orElseThrow());
            assertEquals(source, ((PacketHeaders.Udp) r.headers().transport().orElseThrow()).sourcePort());
        }
    }

    @Test
    void logsIpv6OnInputWithInputDevice(TestNamespace ns) {
        setUp(ns);
        try (Nflog log = Nflog.open(ns.netns(), 5)) {
            int source = sendUdp(ns, "::1", 4714, "six");
            NflogRecord r = await(log, x -> x.prefix().equals("in6: "));
            PacketHeaders.Ipv6 ip = (PacketHeaders.Ipv6) r.headers().network().orElseThrow();
            assertTrue(ip.destination().isLoopbackAddress(), "destination " + ip.destination());
            assertTrue(ip.source().isLoopbackAddress(), "source " + ip.source());
            assertEquals(PacketHeaders.IPPROTO_UDP, ip.nextHeader());
            assertEquals(PacketHeaders.IPPROTO_UDP, ip.protocol());
            assertEquals(10, r.family());
            assertEquals(0x86DD, r.hwProtocol());
            assertEquals(Optional.of(io.jnetlink.nftables.model.Hook.INPUT), r.hook());
            assertEquals(ifindex(ns, "lo"), r.inDevice().orElseThrow());
            PacketHeaders.Udp u = (PacketHeaders.Udp) r.headers().transport().orElseThrow();
            assertEquals(source, u.sourcePort());
            assertEquals(4714, u.destinationPort());
        }
    }

    @Test
    void copyRangeTruncatesThePayloadAndHeadersStillDecode(TestNamespace ns) {
        setUp(ns);
        Nflog.Options o = Nflog.Options.defaults().withCopy(Nflog.CopyMode.PACKET, 24).withSequence(true, false);
        try (Nflog log = Nflog.open(ns.netns(), 5, o)) {
            int source = sendUdp(ns, "10.9.0.2", 4712, "a payload longer than the copy range");
            NflogRecord r = await(log, x -> x.prefix().equals("jnl: "));
            assertEquals(24, r.payload().length);
            PacketHeaders.Udp u = (PacketHeaders.Udp) r.headers().transport().orElseThrow();
            assertEquals(source, u.sourcePort());
            assertTrue(u.length().isEmpty(), "length lies beyond the 24 copied bytes");
            assertTrue(r.sequence().isPresent(), "NFULNL_CFG_F_SEQ asked for sequence numbers");
        }
    }

    @Test
    void secondBinderOfAGroupIsRefused(TestNamespace ns) {
        try (Nflog first = Nflog.open(ns.netns(), 7)) {
            KernelException e = assertThrows(KernelException.class, () -> Nflog.open(ns.netns(), 7));
            assertEquals("EPERM", e.errno().name()); // nfnetlink_log: instance owned by another port id
            assertEquals(java.util.Optional.of("group 7 is bound by another socket"), e.kernelMessage());
            assertEquals(7, first.group());
        }
        // closing released the group: binding again works
        try (Nflog again = Nflog.open(ns.netns(), 7)) {
            assertEquals(7, again.group());
        }
    }

    private static int sendUdp(TestNamespace ns, String host, int port, String text) {
        return ns.netns().call(() -> {
            try (DatagramSocket s = new DatagramSocket()) {
                byte[] b = text.getBytes();
                s.send(new DatagramPacket(b, b.length, new InetSocketAddress(host, port)));
                return s.getLocalPort();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private static NflogRecord await(Nflog log, Predicate<NflogRecord> p) {
        List<NflogRecord> seen = new ArrayList<>();
        long deadline = System.nanoTime() + GUARD.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<NflogRecord> r = log.receive(Duration.ofMillis(500));
            if (r.isPresent()) {
                if (p.test(r.get())) {
                    return r.get();
                }
                seen.add(r.get());
            }
        }
        return fail("no matching record within " + GUARD + "; saw " + seen);
    }

    private static long idOf(String key) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith(key)) {
                String[] f = line.substring(key.length()).trim().split("\\s+");
                return Long.parseLong(f[3]); // real, effective, saved, fs: the kernel reports the fs id
            }
        }
        throw new IllegalStateException(key + " not in /proc/self/status");
    }
}
