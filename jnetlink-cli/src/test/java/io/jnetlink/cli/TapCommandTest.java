package io.jnetlink.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.jnetlink.oracles.Ip;
import io.jnetlink.testkit.NetnsTest;
import io.jnetlink.testkit.TestNamespace;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code jnl tap add|del}: devices made with jnl here and with {@code ip tuntap} in a twin namespace must show the
 * same TUN settings in {@code ip -j -d link show} (type, vnet_hdr, multi_queue, persist, user, group).
 */
@NetnsTest
class TapCommandTest {

    private static JsonNode tun(String netns, String dev) {
        JsonNode a = Ip.in(netns).json("-d", "link", "show", "dev", dev);
        assertEquals(1, a.size(), dev);
        assertEquals("tun", a.get(0).path("linkinfo").path("info_kind").asText());
        return a.get(0).path("linkinfo").path("info_data");
    }

    /** A user and a group named in /etc/passwd and /etc/group, other than root, or root. */
    private static String firstName(Path file, String fallback) throws IOException {
        return Files.readAllLines(file).stream().map(l -> l.split(":", -1)).filter(f -> f.length >= 3)
                .filter(f -> !f[2].equals("0")).map(f -> f[0]).findFirst().orElse(fallback);
    }

    @Test
    void devicesAreTheOnesIpMakes(TestNamespace ns) throws IOException {
        assumeTrue(Files.isReadable(Path.of("/etc/passwd")) && Files.isReadable(Path.of("/etc/group")),
                "no /etc/passwd or /etc/group to resolve names with");
        String user = firstName(Path.of("/etc/passwd"), "root");
        String group = firstName(Path.of("/etc/group"), "root");
        String twin = ns.name() + "-ip";
        Cli.ipNetnsAdd(twin);
        try {
            List<String[]> pairs = List.of(
                    new String[]{"tap add tp0", "tuntap add dev tp0 mode tap", "tp0"},
                    new String[]{"tap add tn0 mode tun user 4242 group 4343", "tuntap add dev tn0 mode tun user 4242 group 4343", "tn0"},
                    new String[]{"tap add dev tp1 mode tap user " + user + " group " + group + " multi_queue vnet_hdr",
                            "tuntap add dev tp1 mode tap user " + user + " group " + group + " multi_queue vnet_hdr", "tp1"},
                    new String[]{"tuntap add tp2 user 0 vnet_hdr", "tuntap add dev tp2 mode tap user 0 vnet_hdr", "tp2"});
            for (String[] p : pairs) {
                Cli.ok(ns.name(), p[0]);
                Ip.in(twin).run(p[1].split(" "));
                assertEquals(tun(twin, p[2]), tun(ns.name(), p[2]), "jnl " + p[0] + " (right), ip " + p[1] + " (left)");
            }
            JsonNode tp1 = tun(ns.name(), "tp1");
            assertEquals("tap", tp1.path("type").asText());
            assertTrue(tp1.path("multi_queue").asBoolean());
            assertTrue(tp1.path("vnet_hdr").asBoolean());
            assertTrue(tp1.path("persist").asBoolean());
            assertEquals(user, tp1.path("user").asText(), "resolved from /etc/passwd, as ip resolves it");
            assertEquals(4242, tun(ns.name(), "tn0").path("user").asInt());
            assertEquals("tun", tun(ns.name(), "tn0").path("type").asText());

            // del needs neither mode nor multi_queue
            Cli.ok(ns.name(), "tap del tp1");
            Cli.ok(ns.name(), "tap delete dev tn0 mode tun");
            List<String> names = LinkCommandTest.names(ns.name());
            assertFalse(names.contains("tp1") || names.contains("tn0"), names.toString());
            assertTrue(names.contains("tp0"), names.toString());
        } finally {
            Cli.ipNetnsDel(twin);
        }
    }

    @Test
    void refusalsAndUsageErrors(TestNamespace ns) {
        Ip.in(ns.name()).batch("link add v0 type veth peer name v1\ntuntap add dev tp0 mode tap\n");
        String before = Cli.l2State(ns.name());
        assertTrue(Cli.refused(ns.name(), "tap", "add", "tp0").err().contains("EEXIST"));
        assertTrue(Cli.refused(ns.name(), "tap", "add", "v0").err().contains("EEXIST"));
        assertTrue(Cli.refused(ns.name(), "tap", "del", "v0").err()
                .startsWith("jnl tap del: delete tuntap v0: EINVAL (Invalid argument): 'v0' is not a TUN/TAP device"));
        assertTrue(Cli.refused(ns.name(), "tap", "del", "nosuch").err().contains("ENODEV"));
        Cli.usage(ns.name(), "'no-such-user-jnl'", "tap", "add", "tp9", "user", "no-such-user-jnl");
        Cli.usage(ns.name(), "'no-such-group-jnl'", "tap", "add", "tp9", "group", "no-such-group-jnl");
        Cli.usage(ns.name(), "'4294967295'", "tap", "add", "tp9", "user", "4294967295");
        Cli.usage(ns.name(), "'tunnel'", "tap", "add", "tp9", "mode", "tunnel");
        Cli.usage(ns.name(), "'this-name-is-too-long'", "tap", "add", "this-name-is-too-long");
        Cli.usage(ns.name(), "'frob'", "tap", "add", "tp9", "frob");
        assertEquals(before, Cli.l2State(ns.name()));
    }
}
