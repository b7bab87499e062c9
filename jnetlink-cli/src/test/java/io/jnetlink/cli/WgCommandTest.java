package io.jnetlink.cli;

import io.jnetlink.oracles.Ip;
import io.jnetlink.oracles.Oracle;
import io.jnetlink.testkit.NetnsTest;
import io.jnetlink.testkit.TestNamespace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code jnl wg show|set}: configuration checked with {@code wg show DEV dump} where the kernel has WireGuard and
 * wg is installed; on a kernel without WireGuard, the one-line failure; usage errors on any kernel (everything is
 * read and checked before the kernel is asked).
 */
@NetnsTest
class WgCommandTest {

    @TempDir
    Path tmp;

    /** A key file as wg genkey writes it: 44 characters of base64 and a newline. */
    private Path keyFile(String name, long seed) throws IOException {
        byte[] key = new byte[32];
        new Random(seed).nextBytes(key);
        Path f = tmp.resolve(name);
        Files.writeString(f, Base64.getEncoder().encodeToString(key) + "\n");
        return f;
    }

    private static String publicKey(long seed) {
        byte[] key = new byte[32];
        new Random(seed).nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    @Test
    void aKernelWithoutWireGuardIsOneLine(TestNamespace ns) {
        assumeFalse(KernelSupport.hasWireGuardFamily(), "this kernel has WireGuard: the failure cannot happen here");
        for (String[] args : List.of(new String[]{"wg", "show", "wg0"},
                new String[]{"wg", "set", "wg0", "listen-port", "51820"})) {
            Cli.Result r = Cli.refused(ns.name(), args);
            assertTrue(r.err().contains("this kernel has no wireguard"), r.err());
            assertTrue(r.err().startsWith("jnl wg " + args[1] + ": "), r.err());
        }
    }

    @Test
    void setIsWhatWgShows(TestNamespace ns) throws IOException {
        KernelSupport.assumeWireGuard();
        assumeTrue(Oracle.installed("wg"), "wireguard-tools' wg is not installed: no independent oracle");
        Path priv = keyFile("private", 1);
        Path psk = keyFile("psk", 2);
        String peer = publicKey(3);
        Cli.ok(ns.name(), "link add wg0 type wireguard");
        Cli.ok(ns.name(), "wg set wg0 private-key " + priv + " listen-port 51820 fwmark 0x10 peer " + peer
                + " preshared-key " + psk + " endpoint 192.0.2.1:51821 allowed-ips 10.0.0.0/24,fd00::/64 "
                + "persistent-keepalive 25");
        // wg show DEV dump: the device line, then one line per peer, tab-separated
        List<String> dump = Oracle.stdout("ip", "netns", "exec", ns.name(), "wg", "show", "wg0", "dump").lines().toList();
        String[] dev = dump.get(0).split("\t");
        assertEquals(Files.readString(priv).strip(), dev[0], "private key");
        assertEquals("51820", dev[2], "listen port");
        assertEquals("0x10", dev[3], "fwmark");
        String[] p = dump.get(1).split("\t");
        assertEquals(peer, p[0]);
        assertEquals(Files.readString(psk).strip(), p[1]);
        assertEquals("192.0.2.1:51821", p[2]);
        assertEquals("10.0.0.0/24,fd00::/64", p[3]);
        assertEquals("25", p[7]);

        var json = Cli.ok(ns.name(), "-j wg show wg0").json();
        assertEquals(51820, json.path("listen_port").asInt());
        assertEquals(dev[1], json.path("public_key").asText());
        assertEquals(peer, json.path("peers").get(0).path("public_key").asText());
        assertEquals("192.0.2.1:51821", json.path("peers").get(0).path("endpoint").asText());

        Cli.ok(ns.name(), "wg set wg0 peer " + peer + " remove");
        assertEquals(1, Oracle.stdout("ip", "netns", "exec", ns.name(), "wg", "show", "wg0", "dump").lines().count());
    }

    @Test
    void usageErrorsOnAnyKernel(TestNamespace ns) throws IOException {
        Ip.in(ns.name()).batch("link add v0 type veth peer name v1\n");
        String before = Cli.l2State(ns.name());
        Path good = keyFile("good", 4);
        Path bad = tmp.resolve("bad");
        Files.writeString(bad, "not a key\n");
        String peer = publicKey(5);
        Cli.usage(ns.name(), "'short'", "wg", "set", "wg0", "peer", "short");
        Cli.usage(ns.name(), "'" + bad + "'", "wg", "set", "wg0", "private-key", bad.toString());
        Cli.usage(ns.name(), "'70000'", "wg", "set", "wg0", "listen-port", "70000");
        Cli.usage(ns.name(), "'vpn.example.com:51820'", "wg", "set", "wg0", "peer", peer, "endpoint", "vpn.example.com:51820");
        Cli.usage(ns.name(), "'fd00::1:51820'", "wg", "set", "wg0", "peer", peer, "endpoint", "fd00::1:51820");
        Cli.usage(ns.name(), "'10.0.0.0/33'", "wg", "set", "wg0", "peer", peer, "allowed-ips", "10.0.0.0/33");
        Cli.usage(ns.name(), "'70000'", "wg", "set", "wg0", "peer", peer, "persistent-keepalive", "70000");
        Cli.usage(ns.name(), "'frob'", "wg", "set", "wg0", "private-key", good.toString(), "frob");
        Cli.usage(ns.name(), "twice", "wg", "set", "wg0", "peer", peer, "peer", peer);
        assertTrue(Cli.refused(ns.name(), "wg", "set", "wg0", "private-key", tmp.resolve("none").toString()).err()
                .contains("ENOENT"));
        assertEquals(before, Cli.l2State(ns.name()));
    }
}
