package io.jnetlink.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.jnetlink.oracles.Ip;
import io.jnetlink.oracles.Oracle;
import io.jnetlink.testkit.NetnsTest;
import io.jnetlink.testkit.TestNamespace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static io.jnetlink.cli.LinkListTest.strings;
import static io.jnetlink.cli.LinkListTest.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code jnl fdb}: every change is made with jnl here and with {@code bridge fdb} in a twin namespace, after which
 * {@code bridge -j fdb show} must print the same table for both; listings are compared with {@code bridge -j fdb
 * show}; {@code fdb sync} is checked against the oracle with 1,000 remotes.
 */
@NetnsTest
class FdbCommandTest {

    /** Links with fixed addresses, so that the tables of two namespaces can be compared. */
    private static final String LINKS = """
            link add br0 address 02:00:00:00:0b:00 type bridge
            link add v0 address 02:00:00:00:0a:00 type veth peer name v1 address 02:00:00:00:0a:01
            link set v0 master br0
            link add vx0 address 02:00:00:00:0c:00 type vxlan id 100 local 10.0.0.1 dstport 4789
            """;

    @TempDir
    Path tmp;

    private static JsonNode fdb(String netns, String... filter) {
        List<String> args = new ArrayList<>(List.of("fdb", "show"));
        args.addAll(List.of(filter));
        return Cli.bridge(netns, args.toArray(String[]::new));
    }

    @Test
    void everyChangeLeavesTheTableBridgeLeaves(TestNamespace ns) {
        String twin = ns.name() + "-br";
        Cli.ipNetnsAdd(twin);
        try {
            Ip.in(ns.name()).batch(LINKS);
            Ip.in(twin).batch(LINKS);
            for (String line : List.of(
                    "fdb append 00:00:00:00:00:00 dev vx0 dst 10.0.0.2",
                    "fdb append 00:00:00:00:00:00 dev vx0 dst 10.0.0.3",
                    "fdb add 02:00:00:00:00:05 dev vx0 dst 10.0.0.4 vni 200 port 4790",
                    "fdb add 02:00:00:00:00:07 dev vx0 dst 10.0.0.5 via v1",
                    "fdb add 02:00:00:00:00:0c dev vx0 dst 10.0.0.7 router",
                    "fdb replace 02:00:00:00:00:05 dev vx0 dst 10.0.0.6",
                    "fdb del 00:00:00:00:00:00 dev vx0 dst 10.0.0.2",
                    "fdb add 02:00:00:00:00:08 dev v0 master static",
                    "fdb add 02:00:00:00:00:09 dev vx0 dst 10.0.0.8 dynamic",
                    "fdb add 02:00:00:00:00:0a dev v0 master static sticky",
                    "fdb add 02:00:00:00:00:0b dev br0 self local",
                    "fdb replace 02:00:00:00:00:09 dev vx0 dst 10.0.0.8 static",
                    "fdb del 02:00:00:00:00:08 dev v0 master")) {
                Cli.ok(ns.name(), line);
                Oracle.stdout(("bridge -n " + twin + " " + line).split(" "));
                assertEquals(Cli.sorted(fdb(twin)), Cli.sorted(fdb(ns.name())), "after '" + line + "': jnl (right), bridge (left)");
            }
            JsonNode vx = fdb(ns.name(), "dev", "vx0");
            assertTrue(vx.toString().contains("\"dst\":\"10.0.0.6\""), vx.toString());
            assertTrue(vx.toString().contains("\"port\":4790") == false, "replace dropped the port: " + vx);
        } finally {
            Cli.ipNetnsDel(twin);
        }
    }

    @Test
    void listingsAreBridges(TestNamespace ns) {
        Ip.in(ns.name()).batch(LINKS);
        Oracle.run("""
                fdb append 00:00:00:00:00:00 dev vx0 dst 10.0.0.2
                fdb add 02:00:00:00:00:05 dev vx0 dst 10.0.0.4 vni 200 port 4790
                fdb add 02:00:00:00:00:07 dev vx0 dst 10.0.0.5 via v1
                fdb add 02:00:00:00:00:08 dev v0 master static
                fdb add 02:00:00:00:00:0a dev v0 master static sticky
                fdb add 02:00:00:00:00:09 dev vx0 dst 10.0.0.8 dynamic
                """, "bridge", "-n", ns.name(), "-batch", "-").orThrow();
        assertListing(fdb(ns.name()), Cli.ok(ns.name(), "-j fdb list").json());
        assertListing(fdb(ns.name(), "dev", "vx0"), Cli.ok(ns.name(), "-j fdb show dev vx0").json());
        Cli.ok(ns.name(), "-j fdb show dev vx0").json().forEach(e -> assertEquals("vx0", e.path("dev").asText()));
        assertListing(fdb(ns.name(), "br", "br0"), Cli.ok(ns.name(), "-j fdb ls br br0").json());
        assertListing(fdb(ns.name(), "dev", "v0"), Cli.ok(ns.name(), "-j fdb list dev v0").json());
        String table = Cli.ok(ns.name(), "fdb").out();
        assertTrue(table.startsWith("MAC "), table);
        assertEquals(fdb(ns.name()).size() + 1, table.lines().count(), table);
    }

    /** The same entries in the same order, every field as bridge prints it. */
    private static void assertListing(JsonNode bridge, JsonNode jnl) {
        assertEquals(bridge.size(), jnl.size(), "entries:\n" + bridge + "\n" + jnl);
        for (int i = 0; i < bridge.size(); i++) {
            JsonNode b = bridge.get(i);
            JsonNode j = jnl.get(i);
            String where = "entry " + i + " " + b + ": ";
            assertEquals(b.path("mac").asText(), j.path("mac").asText(), where + "mac");
            if (b.has("ifname")) { // bridge leaves it out when the listing was for one device
                assertEquals(b.path("ifname").asText(), j.path("dev").asText(), where + "dev");
            }
            assertEquals(text(b, "dst"), text(j, "dst"), where + "dst");
            assertEquals(b.has("vni") ? b.path("vni").asInt() : null, j.path("vni").isNull() ? null : j.path("vni").asInt(), where + "vni");
            assertEquals(b.has("port") ? b.path("port").asInt() : null, j.path("port").isNull() ? null : j.path("port").asInt(), where + "port");
            assertEquals(text(b, "viaIf"), text(j, "via"), where + "via (bridge: viaIf)");
            assertEquals(text(b, "master"), text(j, "master"), where + "master");
            assertEquals(strings(b.path("flags")), strings(j.path("flags")), where + "flags");
            String state = b.path("state").asText();
            assertEquals(state.isEmpty() ? "reachable" : state, j.path("state").asText(), where + "state");
        }
    }

    private Path remotesFile(String name, List<String> lines) throws IOException {
        Path f = tmp.resolve(name);
        Files.write(f, lines);
        return f;
    }

    private static Set<String> floodRemotes(String netns) {
        Set<String> out = new TreeSet<>();
        for (JsonNode e : fdb(netns, "dev", "vx0")) {
            if (e.path("mac").asText().equals("00:00:00:00:00:00")) {
                out.add(e.path("dst").asText());
            }
        }
        return out;
    }

    private static Set<String> dsts(JsonNode entries) {
        Set<String> out = new HashSet<>();
        for (JsonNode e : entries) {
            assertEquals("00:00:00:00:00:00", e.path("mac").asText(), e.toString());
            assertEquals("vx0", e.path("dev").asText(), e.toString());
            out.add(e.path("dst").asText());
        }
        return out;
    }

    @Test
    void syncMakesTheRemotesThoseOfTheFileAndPrintsTheDelta(TestNamespace ns) throws IOException {
        Ip.in(ns.name()).batch(LINKS);
        List<String> first = new ArrayList<>(List.of("# the first mesh", ""));
        List<String> firstIps = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            String ip = "10.1." + (i / 250) + "." + (i % 250 + 1);
            firstIps.add(ip);
            first.add(i % 100 == 0 ? "  " + ip + "   # with a comment" : ip);
        }
        JsonNode r1 = Cli.ok(ns.name(), "-j fdb sync vx0 --remotes-file " + remotesFile("first", first)).json();
        assertEquals(1000, r1.path("added").size());
        assertEquals(0, r1.path("removed").size());
        assertEquals(new HashSet<>(firstIps), dsts(r1.path("added")));
        assertEquals(new TreeSet<>(firstIps), floodRemotes(ns.name()), "bridge fdb show: exactly the file's remotes");

        // half of them stay, 500 new ones come
        List<String> secondIps = new ArrayList<>(firstIps.subList(500, 1000));
        for (int i = 0; i < 500; i++) {
            secondIps.add("10.2." + (i / 250) + "." + (i % 250 + 1));
        }
        Path second = remotesFile("second", secondIps);
        JsonNode r2 = Cli.ok(ns.name(), "-j fdb sync vx0 --remotes-file " + second).json();
        assertEquals(new HashSet<>(secondIps.subList(500, 1000)), dsts(r2.path("added")));
        assertEquals(new HashSet<>(firstIps.subList(0, 500)), dsts(r2.path("removed")));
        assertEquals(new TreeSet<>(secondIps), floodRemotes(ns.name()));

        JsonNode r3 = Cli.ok(ns.name(), "-j fdb sync vx0 --remotes-file " + second).json();
        assertEquals(Cli.parse("{\"added\":[],\"removed\":[]}"), r3, "nothing to do");
        assertEquals(new TreeSet<>(secondIps), floodRemotes(ns.name()));

        // the table form, with --remote
        Cli.Result text = Cli.ok(ns.name(), "fdb sync vx0 --remote 10.3.0.1 10.3.0.2");
        List<String> lines = text.out().lines().toList();
        assertEquals("ACTION   MAC                DST", lines.getFirst());
        assertEquals(1 + 2 + 1000, lines.size());
        assertTrue(lines.contains("added    00:00:00:00:00:00  10.3.0.1"), lines.subList(0, 4).toString());
        assertTrue(lines.contains("removed  00:00:00:00:00:00  " + secondIps.getFirst()), text.out());
        assertEquals(new TreeSet<>(List.of("10.3.0.1", "10.3.0.2")), floodRemotes(ns.name()));
    }

    @Test
    void badSyncInputIsAUsageErrorThatChangesNothing(TestNamespace ns) throws IOException {
        Ip.in(ns.name()).batch(LINKS);
        Oracle.stdout("bridge", "-n", ns.name(), "fdb", "append", "00:00:00:00:00:00", "dev", "vx0", "dst", "10.0.0.9");
        String before = Cli.l2State(ns.name());
        Path bad = remotesFile("bad", List.of("10.0.0.1", "# fine", "10.0.0.300", "10.0.0.4"));
        Cli.usage(ns.name(), "line 3", "fdb", "sync", "vx0", "--remotes-file", bad.toString());
        Cli.usage(ns.name(), "'10.0.0.300'", "fdb", "sync", "vx0", "--remotes-file", bad.toString());
        Cli.usage(ns.name(), "'nope'", "fdb", "sync", "vx0", "--remote", "10.0.0.1", "nope");
        Cli.usage(ns.name(), "exclude", "fdb", "sync", "vx0", "--remote", "10.0.0.1", "--remotes-file", bad.toString());
        Cli.usage(ns.name(), "--remote", "fdb", "sync", "vx0");
        Cli.usage(ns.name(), "239.1.1.1", "fdb", "sync", "vx0", "--remote", "10.0.0.1", "239.1.1.1");
        Cli.usage(ns.name(), "IPv6", "fdb", "sync", "vx0", "--remote", "10.0.0.1", "fd00::1");
        Cli.usage(ns.name(), "10.0.0.9", "fdb", "sync", "vx0", "--remote", "fd00::1");
        assertEquals(before, Cli.l2State(ns.name()));

        Cli.Result missing = Cli.refused(ns.name(), "fdb", "sync", "vx0", "--remotes-file", tmp.resolve("none").toString());
        assertTrue(missing.err().contains("ENOENT"), missing.err());
        Cli.Result noDevice = Cli.refused(ns.name(), "fdb", "sync", "nosuch", "--remote", "10.0.0.1");
        assertTrue(noDevice.err().contains("ENODEV"), noDevice.err());
        assertEquals(before, Cli.l2State(ns.name()));
    }

    @Test
    void kernelRefusalsExitOneWithOneLine(TestNamespace ns) {
        Ip.in(ns.name()).batch(LINKS);
        Cli.ok(ns.name(), "fdb add 02:00:00:00:00:05 dev vx0 dst 10.0.0.4");
        String before = Cli.l2State(ns.name());
        assertTrue(Cli.refused(ns.name(), "fdb", "add", "02:00:00:00:00:05", "dev", "vx0", "dst", "10.0.0.4").err()
                .startsWith("jnl fdb add: add fdb 02:00:00:00:00:05 dev vx0 dst 10.0.0.4 self permanent: EEXIST"));
        assertTrue(Cli.refused(ns.name(), "fdb", "del", "02:00:00:00:00:06", "dev", "vx0").err().contains("ENOENT"));
        assertTrue(Cli.refused(ns.name(), "fdb", "add", "02:00:00:00:00:06", "dev", "nosuch").err().contains("ENODEV"));
        assertTrue(Cli.refused(ns.name(), "fdb", "list", "br", "nosuch").err().contains("ENODEV"));
        // as bridge: the kernel takes no dynamic entry for a port that is down
        assertTrue(Cli.refused(ns.name(), "fdb", "add", "02:00:00:00:00:06", "dev", "v0", "master", "dynamic").err()
                .contains("EPERM"));
        assertEquals(before, Cli.l2State(ns.name()));
    }
}
