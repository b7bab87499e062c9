package io.jnetlink.genl.wireguard;

import io.jnetlink.core.NetlinkProtocol;
import io.jnetlink.core.NetlinkSocket;
import io.jnetlink.core.error.Errno;
import io.jnetlink.core.error.KernelException;
import io.jnetlink.core.genl.GenericNetlink;
import io.jnetlink.core.net.InetAddresses;
import io.jnetlink.core.net.IpPrefix;
import io.jnetlink.oracles.Ip;
import io.jnetlink.oracles.Oracle;
import io.jnetlink.testkit.NetnsTest;
import io.jnetlink.testkit.TestNamespace;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static io.jnetlink.genl.wireguard.Keys.numbered;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * WireGuard against the kernel, on a wireguard link in a fresh namespace, checked with {@code wg show DEV dump}
 * when wireguard-tools is installed. Kernels without WireGuard (no {@code wireguard} generic netlink family) skip
 * every test with that reason; none of them counts as a pass there.
 */
@NetnsTest
class WireGuardKernelTest {

    /** A private key as {@code wg genkey} prints one; the kernel derives the public key. */
    private static final Key PRIVATE = Key.parse("YAnz5TF+lXXJte14tji3zlMNq+hd2rYUIgJBgB3fBmk=");

    private static WireGuard wireguard(TestNamespace ns) {
        NetlinkSocket socket = ns.openSocket(NetlinkProtocol.GENERIC);
        Assumptions.assumeTrue(GenericNetlink.resolve(socket, WireGuardCodec.FAMILY_NAME).isPresent(),
                "the kernel has no 'wireguard' generic netlink family (CONFIG_WIREGUARD off or module unavailable)");
        WireGuard wg = WireGuard.over(socket).orElseThrow();
        Ip.in(ns.name()).run("link", "add", "wg0", "type", "wireguard");
        return wg;
    }

    /** {@code wg show wg0 dump}: the device line, then one tab-separated line per peer. */
    private static List<String[]> wgDump(TestNamespace ns) {
        Assumptions.assumeTrue(Oracle.installed("wg"), "wireguard-tools' wg is not installed: no independent oracle");
        List<String[]> lines = new ArrayList<>();
        for (String line : Oracle.stdout("ip", "netns", "exec", ns.name(), "wg", "show", "wg0", "dump").split("\n")) {
            if (!line.isBlank()) {
                lines.add(line.split("\t"));
            }
        }
        return lines;
    }

    @Test
    void setThenGetRoundTripsAndWgAgrees(TestNamespace ns) {
        WireGuard wg = wireguard(ns);
        InetSocketAddress endpoint = new InetSocketAddress(InetAddresses.parse("192.0.2.1"), 51820);
        wg.set("wg0", DeviceConfig.empty().withPrivateKey(PRIVATE).withListenPort(51820).withFwmark(42)
                .withReplacePeers()
                .withPeers(PeerConfig.of(numbered(1)).withEndpoint(endpoint).withPresharedKey(numbered(9))
                                .withPersistentKeepalive(Duration.ofSeconds(25)).withAllowedIps("10.0.0.2/32", "fd00::2/128"),
                        PeerConfig.of(numbered(2)).withAllowedIps("10.0.1.0/24")));
        Device d = wg.get("wg0");
        assertEquals("wg0", d.name());
        assertEquals(Optional.of(PRIVATE), d.privateKey());
        assertEquals(51820, d.listenPort());
        assertEquals(42, d.fwmark().orElseThrow());
        assertEquals(List.of(numbered(1), numbered(2)), d.peers().stream().map(Peer::publicKey).toList());
        Peer p = d.peer(numbered(1)).orElseThrow();
        assertEquals(Optional.of(endpoint), p.endpoint());
        assertEquals(Optional.of(numbered(9)), p.presharedKey());
        assertEquals(Optional.of(Duration.ofSeconds(25)), p.persistentKeepalive());
        assertEquals(List.of(IpPrefix.parse("10.0.0.2/32"), IpPrefix.parse("fd00::2/128")), p.allowedIps());

        List<String[]> dump = wgDump(ns);
        assertEquals(PRIVATE.toBase64(), dump.get(0)[0]);
        assertEquals(d.publicKey().orElseThrow().toBase64(), dump.get(0)[1]);
        assertEquals("51820", dump.get(0)[2]);
        assertEquals(3, dump.size(), "device and two peers");
        assertEquals(numbered(1).toBase64(), dump.get(1)[0]);
        assertEquals("192.0.2.1:51820", dump.get(1)[2]);
        assertEquals("10.0.0.2/32,fd00::2/128", dump.get(1)[3]);
        assertEquals("25", dump.get(1)[7]);
    }

    @Test
    void replacePeersAndRemovalAndManyAllowedIpsOverSeveralMessages(TestNamespace ns) {
        WireGuard wg = wireguard(ns);
        List<String> ips = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            ips.add("10." + (i / 256) + "." + (i % 256) + ".1/32");
        }
        wg.set("wg0", DeviceConfig.empty().withPeers(PeerConfig.of(numbered(1)), PeerConfig.of(numbered(2))
                .withAllowedIps(ips.toArray(String[]::new))));
        assertEquals(2000, wg.get("wg0").peer(numbered(2)).orElseThrow().allowedIps().size(),
                "sent over several messages, dumped over several messages, merged");

        wg.removePeer("wg0", numbered(1));
        assertEquals(List.of(numbered(2)), wg.get("wg0").peers().stream().map(Peer::publicKey).toList());

        wg.set("wg0", DeviceConfig.empty().withReplacePeers().withPeers(PeerConfig.of(numbered(3))));
        assertEquals(List.of(numbered(3)), wg.get("wg0").peers().stream().map(Peer::publicKey).toList());
        List<String[]> dump = wgDump(ns);
        assertEquals(2, dump.size());
        assertEquals(numbered(3).toBase64(), dump.get(1)[0]);
    }

    @Test
    void aLinkThatIsNotWireGuardIsRefused(TestNamespace ns) {
        WireGuard wg = wireguard(ns);
        Ip.in(ns.name()).run("link", "add", "v0", "type", "veth", "peer", "name", "v1");
        KernelException e = assertThrows(KernelException.class, () -> wg.get("v0"));
        assertEquals(Errno.EOPNOTSUPP, e.errno());
        KernelException none = assertThrows(KernelException.class, () -> wg.get("nosuch0"));
        assertEquals(Errno.ENODEV, none.errno());
        assertTrue(none.operation().contains("nosuch0"), none.operation());
    }
}
