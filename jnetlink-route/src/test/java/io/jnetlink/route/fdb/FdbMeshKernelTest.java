package io.jnetlink.route.fdb;

import com.fasterxml.jackson.databind.JsonNode;
import io.jnetlink.core.NetlinkSocket;
import io.jnetlink.core.error.BatchException;
import io.jnetlink.core.error.Errno;
import io.jnetlink.core.net.InetAddresses;
import io.jnetlink.core.net.MacAddress;
import io.jnetlink.oracles.Ip;
import io.jnetlink.route.Rtnetlink;
import io.jnetlink.testkit.NetnsTest;
import io.jnetlink.testkit.TestNamespace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static io.jnetlink.route.fdb.FdbFixture.bridgeBatch;
import static io.jnetlink.route.fdb.FdbFixture.fdbShow;
import static io.jnetlink.route.fdb.FdbFixture.quietNamespace;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link FdbMesh} against the kernel: the device's FDB is checked with {@code bridge -j fdb show dev vx0} (the
 * oracle) after each sync, and the socket's counters show what was sent.
 */
@NetnsTest
class FdbMeshKernelTest {

    private static final String ZERO = "00:00:00:00:00:00";

    /** One entry as bridge prints it, with what tells managed entries from the others. */
    record Row(String mac, String dst, Integer vni, String state, Set<String> flags) {
    }

    private static Set<Row> oracle(TestNamespace ns, String dev) {
        Set<Row> rows = new HashSet<>();
        for (JsonNode j : fdbShow(ns, "dev", dev)) {
            Set<String> flags = new HashSet<>();
            j.path("flags").forEach(f -> flags.add(f.asText()));
            Row r = new Row(j.get("mac").asText(), j.has("dst") ? j.get("dst").asText() : null,
                    j.has("vni") ? j.get("vni").asInt() : null, j.get("state").asText(), flags);
            assertTrue(rows.add(r), () -> "bridge lists " + r + " twice");
        }
        return rows;
    }

    private static Set<String> floodRemotes(Set<Row> rows) {
        return rows.stream().filter(r -> r.mac().equals(ZERO)).map(Row::dst).collect(Collectors.toSet());
    }

    /** Remotes number {@code from} (inclusive) to {@code to} (exclusive): 10.100.x.y. */
    private static List<InetAddress> remotes(int from, int to) {
        List<InetAddress> out = new ArrayList<>();
        for (int i = from; i < to; i++) {
            out.add(ip("10.100." + (i / 250) + "." + (i % 250 + 1)));
        }
        return out;
    }

    private static Set<String> strings(List<InetAddress> addresses) {
        return addresses.stream().map(InetAddresses::toString).collect(Collectors.toSet());
    }

    private static Set<String> dsts(List<FdbEntry> entries) {
        return entries.stream().map(e -> InetAddresses.toString(e.dst().orElseThrow())).collect(Collectors.toSet());
    }

    private static InetAddress ip(String s) {
        return InetAddresses.parse(s);
    }

    private static MacAddress mac(String s) {
        return MacAddress.parse(s);
    }

    /** vx0: VXLAN VNI 42 over IPv4, without learning, and down (the FDB is kept all the same). */
    private static Ip vxlan(TestNamespace ns, String name) {
        Ip ip = quietNamespace(ns);
        ip.run("link", "add", name, "type", "vxlan", "id", "42", "dstport", "4789", "local", "10.0.0.1", "nolearning");
        return ip;
    }

    @Test
    void aThousandRemotesThenHalfOfThemReplacedThenNothingToDo(TestNamespace ns) {
        vxlan(ns, "vx0");
        try (Rtnetlink rt = Rtnetlink.open(ns.netns())) {
            NetlinkSocket socket = rt.socket();
            FdbMesh mesh = rt.fdb().mesh("vx0");

            long before = socket.stats().messagesSent();
            FdbMesh.SyncResult first = mesh.sync(remotes(0, 1000));
            assertEquals(before + 1 + 1000, socket.stats().messagesSent(), "one dump, then one append per remote");
            assertEquals(1000, first.added().size());
            assertEquals(List.of(), first.removed());
            assertTrue(first.added().stream().allMatch(e -> e.isFlood() && e.index() == mesh.index()));
            Set<Row> afterFirst = oracle(ns, "vx0");
            assertEquals(1000, afterFirst.size());
            assertEquals(strings(remotes(0, 1000)), floodRemotes(afterFirst));

            // 500 kept (500..999), 500 new (1000..1499), 500 gone (0..499)
            FdbMesh.SyncResult second = mesh.sync(remotes(500, 1500));
            assertEquals(strings(remotes(1000, 1500)), dsts(second.added()));
            assertEquals(strings(remotes(0, 500)), dsts(second.removed()));
            assertEquals(500, second.added().size());
            assertEquals(500, second.removed().size());
            Set<Row> afterSecond = oracle(ns, "vx0");
            assertEquals(1000, afterSecond.size());
            assertEquals(strings(remotes(500, 1500)), floodRemotes(afterSecond));

            NetlinkSocket.Stats s = socket.stats();
            FdbMesh.SyncResult third = mesh.sync(remotes(500, 1500));
            assertTrue(third.unchanged(), third::toString);
            assertEquals(s.messagesSent() + 1, socket.stats().messagesSent(), "only the dump is sent");
            assertEquals(s.datagramsSent() + 1, socket.stats().datagramsSent());
            assertEquals(s.dumps() + 1, socket.stats().dumps());
            assertEquals(afterSecond, oracle(ns, "vx0"));
        }
    }

    @Test
    void unicastEntriesAreManagedAndForeignEntriesLeftAlone(TestNamespace ns) {
        vxlan(ns, "vx0");
        // set up with the oracle, as another controller or the kernel's learning would have
        bridgeBatch(ns, """
                fdb append 00:00:00:00:00:00 dev vx0 dst 10.8.0.1
                fdb append 00:00:00:00:00:00 dev vx0 dst 10.8.0.9 vni 100
                fdb append 00:00:00:00:00:00 dev vx0 dst 10.8.0.7
                fdb add 02:00:00:00:00:aa dev vx0 dst 10.9.0.1 dynamic
                fdb add 02:00:00:00:00:bb dev vx0 dst 10.9.0.2 extern_learn
                fdb append 01:00:5e:01:01:01 dev vx0 dst 239.1.1.1
                fdb add 02:00:00:00:00:cc dev vx0 dst 10.9.0.3 static
                fdb add 02:00:00:00:00:dd dev vx0 dst 10.9.0.4
                fdb add 02:00:00:00:00:ff dev vx0 dst 10.9.0.8
                """);
        try (Rtnetlink rt = Rtnetlink.open(ns.netns())) {
            FdbMesh mesh = rt.fdb().mesh("vx0");
            Map<MacAddress, InetAddress> unicast = new LinkedHashMap<>();
            unicast.put(mac("02:00:00:00:00:dd"), ip("10.9.0.5"));
            unicast.put(mac("02:00:00:00:00:ee"), ip("10.9.0.6"));
            unicast.put(mac("02:00:00:00:00:ff"), ip("10.9.0.8"));
            long before = rt.socket().stats().messagesSent();
            FdbMesh.SyncResult r = mesh.sync(List.of(ip("10.8.0.1"), ip("10.8.0.2")), unicast);
            // one dump, then append 10.8.0.2, replace dd and ee, delete two flood remotes and cc
            assertEquals(before + 1 + 6, rt.socket().stats().messagesSent());

            Set<Row> expected = Set.of(
                    new Row(ZERO, "10.8.0.1", null, "permanent", Set.of("self")),
                    new Row(ZERO, "10.8.0.2", null, "permanent", Set.of("self")),
                    new Row("02:00:00:00:00:aa", "10.9.0.1", null, "", Set.of("self")),
                    new Row("02:00:00:00:00:bb", "10.9.0.2", null, "permanent", Set.of("self", "extern_learn")),
                    new Row("01:00:5e:01:01:01", "239.1.1.1", null, "permanent", Set.of("self")),
                    new Row("02:00:00:00:00:dd", "10.9.0.5", null, "permanent", Set.of("self")),
                    new Row("02:00:00:00:00:ee", "10.9.0.6", null, "permanent", Set.of("self")),
                    new Row("02:00:00:00:00:ff", "10.9.0.8", null, "permanent", Set.of("self")));
            assertEquals(expected, oracle(ns, "vx0"));

            assertEquals(Set.of(ZERO + " 10.8.0.2", "02:00:00:00:00:dd 10.9.0.5", "02:00:00:00:00:ee 10.9.0.6"),
                    describe(r.added()));
            assertEquals(Set.of(ZERO + " 10.8.0.9", ZERO + " 10.8.0.7", "02:00:00:00:00:cc 10.9.0.3",
                    "02:00:00:00:00:dd 10.9.0.4"), describe(r.removed()));

            long again = rt.socket().stats().messagesSent();
            assertTrue(mesh.sync(List.of(ip("10.8.0.2"), ip("10.8.0.1")), unicast).unchanged());
            assertEquals(again + 1, rt.socket().stats().messagesSent());
            assertEquals(expected, oracle(ns, "vx0"));

            // an empty wanted state removes every managed entry and nothing else
            FdbMesh.SyncResult cleared = mesh.sync(List.of(), Map.of());
            assertEquals(5, cleared.removed().size());
            assertEquals(Set.of(
                    new Row("02:00:00:00:00:aa", "10.9.0.1", null, "", Set.of("self")),
                    new Row("02:00:00:00:00:bb", "10.9.0.2", null, "permanent", Set.of("self", "extern_learn")),
                    new Row("01:00:5e:01:01:01", "239.1.1.1", null, "permanent", Set.of("self"))),
                    oracle(ns, "vx0"));
        }
    }

    private static Set<String> describe(List<FdbEntry> entries) {
        return entries.stream().map(e -> e.mac() + " " + InetAddresses.toString(e.dst().orElseThrow()))
                .collect(Collectors.toSet());
    }

    @Test
    void badInputIsRefusedBeforeAnythingIsSentAndDuplicatesCollapse(TestNamespace ns) {
        Ip ip = vxlan(ns, "vx0");
        ip.run("link", "add", "vxe", "type", "vxlan", "id", "43", "dstport", "4789", "local", "10.0.0.1", "nolearning");
        try (Rtnetlink rt = Rtnetlink.open(ns.netns())) {
            FdbMesh mesh = rt.fdb().mesh("vx0");
            long before = rt.socket().stats().messagesSent();
            InetAddress r1 = ip("10.7.0.1");
            assertRefused("remote 239.1.1.1 is not a unicast IP address", () -> mesh.sync(List.of(ip("239.1.1.1"))));
            assertRefused("remote 0.0.0.0", () -> mesh.sync(List.of(ip("0.0.0.0"))));
            assertRefused("remote 255.255.255.255", () -> mesh.sync(List.of(ip("255.255.255.255"))));
            assertRefused("remote ff02::1", () -> mesh.sync(List.of(ip("ff02::1"))));
            assertRefused("remotes mix IPv4 and IPv6 (10.7.0.1, 2001:db8::1)",
                    () -> mesh.sync(List.of(r1, ip("2001:db8::1"))));
            assertRefused("remotes mix IPv4 and IPv6 (10.7.0.1, 2001:db8::2)",
                    () -> mesh.sync(List.of(r1), Map.of(mac("02:00:00:00:00:01"), ip("2001:db8::2"))));
            assertRefused("unicast MAC 01:00:5e:00:00:01 is not a unicast Ethernet address",
                    () -> mesh.sync(List.of(r1), Map.of(mac("01:00:5e:00:00:01"), r1)));
            assertRefused("unicast MAC 00:00:00:00:00:00",
                    () -> mesh.sync(List.of(r1), Map.of(MacAddress.ZERO, r1)));
            assertRefused("remote of unicast MAC 02:00:00:00:00:01 ff02::2",
                    () -> mesh.sync(List.of(), Map.of(mac("02:00:00:00:00:01"), ip("ff02::2"))));
            Map<MacAddress, InetAddress> nullRemote = new HashMap<>();
            nullRemote.put(mac("02:00:00:00:00:01"), null);
            assertThrows(NullPointerException.class, () -> mesh.sync(List.of(), nullRemote));
            assertEquals(before, rt.socket().stats().messagesSent(), "nothing was sent");

            FdbMesh.SyncResult r = mesh.sync(List.of(r1, ip("10.7.0.2"), ip("10.7.0.1"), r1));
            assertEquals(2, r.added().size());
            assertEquals(Set.of("10.7.0.1", "10.7.0.2"), floodRemotes(oracle(ns, "vx0")));

            // the device's family shows in its remotes: checked after the dump, before any change
            long dumpOnly = rt.socket().stats().messagesSent();
            assertRefused("remotes are IPv6 but vx0 has the remote 10.7.0.",
                    () -> mesh.sync(List.of(ip("2001:db8::1"))));
            assertEquals(dumpOnly + 1, rt.socket().stats().messagesSent());
            assertEquals(Set.of("10.7.0.1", "10.7.0.2"), floodRemotes(oracle(ns, "vx0")));

            // on an empty device only the kernel knows: it refuses, and the error names each operation
            BatchException refused = assertThrows(BatchException.class,
                    () -> rt.fdb().mesh("vxe").sync(List.of(ip("2001:db8::1"), ip("2001:db8::2"))));
            assertEquals(2, refused.failures().size());
            assertEquals(Errno.EAFNOSUPPORT, refused.first().errno());
            assertEquals("append fdb 00:00:00:00:00:00 dev vxe dst 2001:db8::1 self permanent",
                    refused.first().operation());
            assertEquals(Set.of(), oracle(ns, "vxe"));
        }
    }

    private static void assertRefused(String fragment, Executable e) {
        IllegalArgumentException x = assertThrows(IllegalArgumentException.class, e);
        assertTrue(x.getMessage().contains(fragment), () -> "'" + x.getMessage() + "' should contain '" + fragment + "'");
    }
}
