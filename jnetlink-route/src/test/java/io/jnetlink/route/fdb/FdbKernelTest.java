package io.jnetlink.route.fdb;

import com.fasterxml.jackson.databind.JsonNode;
import io.jnetlink.core.Message;
import io.jnetlink.core.error.Errno;
import io.jnetlink.core.error.KernelException;
import io.jnetlink.core.net.InetAddresses;
import io.jnetlink.core.net.MacAddress;
import io.jnetlink.oracles.Ip;
import io.jnetlink.route.Rtnetlink;
import io.jnetlink.route.neigh.NeighbourFlags;
import io.jnetlink.testkit.NetnsTest;
import io.jnetlink.testkit.TestNamespace;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;

import static io.jnetlink.route.fdb.FdbFixture.bridge;
import static io.jnetlink.route.fdb.FdbFixture.fdbShow;
import static io.jnetlink.route.fdb.FdbFixture.linkNames;
import static io.jnetlink.route.fdb.FdbFixture.quietNamespace;
import static io.jnetlink.route.fdb.FdbFixture.settle;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * FDB entries against the kernel, each result checked with {@code bridge -j fdb show} (the oracle), never only
 * with jnetlink's own reader. The namespace has: vx0 (VXLAN, VNI 42, IPv4), vx1 (VXLAN, external, so that
 * entries carry a source VNI), vx6 (VXLAN, VNI 43, IPv6), u0 (an underlay device for {@code via}), and bridge
 * br0 with the port p0.
 */
@NetnsTest
class FdbKernelTest {

    /** The flag names bridge -j fdb prints. */
    private static final Set<String> BRIDGE_FLAGS = Set.of("self", "router", "extern_learn", "offload", "master",
            "sticky", "locked");

    /** One entry as both sides can describe it (cache ages change between the reads). */
    record Row(String dev, String mac, String dst, Integer vni, Integer port, String via, Integer srcVni,
               Integer vlan, String master, Set<String> flags, String state) {
    }

    private static Row row(FdbEntry e, Map<Integer, String> names) {
        Set<String> flags = new TreeSet<>(e.flags().names());
        flags.retainAll(BRIDGE_FLAGS);
        return new Row(names.get(e.index()), e.mac().toString(), e.dst().map(InetAddresses::toString).orElse(null),
                value(e.vni()), value(e.port()), name(e.ifindex(), names), value(e.srcVni()), value(e.vlan()),
                name(e.master(), names), flags, e.stateName());
    }

    private static Integer value(OptionalInt v) {
        return v.isPresent() ? v.getAsInt() : null;
    }

    private static String name(OptionalInt index, Map<Integer, String> names) {
        return index.isPresent() ? names.get(index.getAsInt()) : null;
    }

    private static Row row(JsonNode j, String dev) {
        Set<String> flags = new TreeSet<>();
        j.path("flags").forEach(f -> flags.add(f.asText()));
        return new Row(j.has("ifname") ? j.get("ifname").asText() : dev, j.get("mac").asText(), text(j, "dst"),
                number(j, "vni"), number(j, "port"), text(j, "viaIf"), number(j, "src_vni"), number(j, "vlan"),
                text(j, "master"), flags, j.path("state").asText());
    }

    private static String text(JsonNode j, String field) {
        return j.has(field) ? j.get(field).asText() : null;
    }

    private static Integer number(JsonNode j, String field) {
        return j.has(field) ? j.get(field).asInt() : null;
    }

    /** The oracle's entries; {@code dev} names the device when the oracle was asked for one. */
    private static Set<Row> oracle(TestNamespace ns, String dev, String... args) {
        Set<Row> rows = new HashSet<>();
        for (JsonNode j : fdbShow(ns, args)) {
            Row r = row(j, dev);
            assertTrue(rows.add(r), () -> "bridge lists " + r + " twice");
        }
        return rows;
    }

    private static Set<Row> rows(List<FdbEntry> entries, Map<Integer, String> names) {
        Set<Row> rows = new HashSet<>();
        for (FdbEntry e : entries) {
            Row r = row(e, names);
            assertTrue(rows.add(r), () -> "jnetlink lists " + r + " twice");
        }
        return rows;
    }

    /** The devices of the class comment, all down except the bridge, its port and the port's peer. */
    private static Ip devices(TestNamespace ns) {
        Ip ip = quietNamespace(ns);
        ip.run("link", "add", "vx0", "type", "vxlan", "id", "42", "dstport", "4789", "local", "10.0.0.1", "nolearning");
        ip.run("link", "add", "vx1", "type", "vxlan", "external", "dstport", "4789", "local", "10.0.0.1", "nolearning");
        ip.run("link", "add", "vx6", "type", "vxlan", "id", "43", "dstport", "4789", "local", "2001:db8::1",
                "nolearning");
        ip.run("link", "add", "u0", "type", "veth", "peer", "name", "u0peer");
        ip.run("link", "add", "br0", "type", "bridge", "vlan_default_pvid", "0");
        ip.run("link", "add", "p0", "type", "veth", "peer", "name", "p0peer");
        ip.run("link", "set", "p0", "master", "br0");
        // no learning: the port's table holds only what the test puts there
        ip.run("link", "set", "p0", "type", "bridge_slave", "learning", "off");
        // the port must forward for dynamic entries (the bridge refuses them on a disabled port)
        ip.run("link", "set", "p0peer", "up");
        ip.run("link", "set", "p0", "up");
        ip.run("link", "set", "br0", "up");
        settle(ns);
        return ip;
    }

    private static InetAddress ip(String s) {
        return InetAddresses.parse(s);
    }

    private static MacAddress mac(String s) {
        return MacAddress.parse(s);
    }

    @Test
    void entriesOfEveryFieldCombinationMatchBridge(TestNamespace ns) {
        Ip ip = devices(ns);
        Map<Integer, String> names = linkNames(ip);
        Set<Row> before = oracle(ns, null);
        try (Rtnetlink rt = Rtnetlink.open(ns.netns())) {
            Fdb fdb = rt.fdb();
            int vx0 = rt.links().indexOf("vx0");
            int vx1 = rt.links().indexOf("vx1");
            int vx6 = rt.links().indexOf("vx6");
            int u0 = rt.links().indexOf("u0");
            int p0 = rt.links().indexOf("p0");
            int br0 = rt.links().indexOf("br0");
            List<FdbEntry> added = new ArrayList<>();
            // VXLAN flood entries: dst alone, with vni, port, via, and all three
            added.add(FdbEntry.flood(vx0, ip("10.1.0.1")).build());
            added.add(FdbEntry.flood(vx0, ip("10.1.0.2")).vni(100).build());
            added.add(FdbEntry.flood(vx0, ip("10.1.0.3")).port(4790).build());
            added.add(FdbEntry.flood(vx0, ip("10.1.0.4")).via(u0).build());
            added.add(FdbEntry.flood(vx0, ip("10.1.0.5")).vni(101).port(4791).via(u0).build());
            added.forEach(fdb::append);
            // VXLAN unicast entries: permanent, static, dynamic, extern_learn + router, a multicast MAC
            List<FdbEntry> unicast = List.of(
                    FdbEntry.builder(vx0, mac("02:00:00:00:00:01")).dst(ip("10.1.0.6")).build(),
                    FdbEntry.builder(vx0, mac("02:00:00:00:00:02")).dst(ip("10.1.0.7")).asStatic().vni(102).build(),
                    FdbEntry.builder(vx0, mac("02:00:00:00:00:03")).dst(ip("10.1.0.8")).dynamic().port(4792).build(),
                    FdbEntry.builder(vx0, mac("02:00:00:00:00:04")).dst(ip("10.1.0.9"))
                            .addFlags(NeighbourFlags.EXTERN_LEARN.with(NeighbourFlags.ROUTER)).build(),
                    // external device: source VNI, and a VNI (its own default is 0, so it is reported)
                    FdbEntry.builder(vx1, mac("02:00:00:00:01:01")).dst(ip("10.2.0.2")).srcVni(78).build(),
                    // IPv6 remote with port and VNI
                    FdbEntry.builder(vx6, mac("02:00:00:00:02:01")).dst(ip("2001:db8::3")).port(4800).vni(500)
                            .build(),
                    // bridge port, in the bridge's table: permanent, static + sticky, dynamic, extern_learn
                    FdbEntry.builder(p0, mac("02:00:00:00:03:01")).master().build(),
                    FdbEntry.builder(p0, mac("02:00:00:00:03:02")).master().asStatic()
                            .addFlags(NeighbourFlags.STICKY).build(),
                    FdbEntry.builder(p0, mac("02:00:00:00:03:03")).master().dynamic().build(),
                    FdbEntry.builder(p0, mac("02:00:00:00:03:05")).master().addFlags(NeighbourFlags.EXTERN_LEARN)
                            .build(),
                    // the port's own table (its unicast address list), and the bridge device's own entry
                    FdbEntry.builder(p0, mac("02:00:00:00:03:06")).build(),
                    FdbEntry.builder(br0, mac("02:00:00:00:03:07")).build());
            unicast.forEach(fdb::add);
            added.addAll(unicast);
            FdbEntry multicastFlood = FdbEntry.builder(vx0, mac("01:00:5e:01:02:03")).dst(ip("239.1.2.3")).via(u0)
                    .build();
            fdb.append(multicastFlood);
            FdbEntry externalFlood = FdbEntry.flood(vx1, ip("10.2.0.1")).srcVni(77).vni(77).build();
            fdb.append(externalFlood);
            added.add(multicastFlood);
            added.add(externalFlood);

            // A VLAN on a bridge port needs a kernel with bridge VLAN filtering; without it both sides are refused.
            FdbEntry vlan = FdbEntry.builder(p0, mac("02:00:00:00:03:08")).master().asStatic().vlan(10).build();
            boolean vlans = bridge(ns, "vlan", "add", "vid", "10", "dev", "p0").exitCode() == 0;
            if (vlans) {
                fdb.add(vlan);
                added.add(vlan);
            } else {
                KernelException refused = assertThrows(KernelException.class, () -> fdb.add(vlan));
                assertEquals(Errno.EINVAL, refused.errno());
                assertNotEquals(0, bridge(ns, "fdb", "add", "02:00:00:00:03:08", "dev", "p0", "master", "static",
                        "vlan", "10").exitCode(), "bridge is refused the same entry");
            }

            for (String dev : List.of("vx0", "vx1", "vx6", "p0", "br0")) {
                assertEquals(oracle(ns, dev, "dev", dev), rows(fdb.list(dev), names), dev);
            }
            Set<Row> all = rows(fdb.list(), names);
            assertEquals(oracle(ns, null), all);
            assertEquals(oracle(ns, null, "br", "br0"), rows(fdb.listBridge("br0"), names));

            // what each added entry looks like in bridge's own words
            Set<Row> expected = Set.of(
                    new Row("vx0", "00:00:00:00:00:00", "10.1.0.1", null, null, null, null, null, null,
                            Set.of("self"), "permanent"),
                    new Row("vx0", "00:00:00:00:00:00", "10.1.0.5", 101, 4791, "u0", null, null, null,
                            Set.of("self"), "permanent"),
                    new Row("vx0", "02:00:00:00:00:02", "10.1.0.7", 102, null, null, null, null, null,
                            Set.of("self"), "static"),
                    new Row("vx0", "02:00:00:00:00:03", "10.1.0.8", null, 4792, null, null, null, null,
                            Set.of("self"), ""),
                    new Row("vx0", "02:00:00:00:00:04", "10.1.0.9", null, null, null, null, null, null,
                            Set.of("self", "router", "extern_learn"), "permanent"),
                    new Row("vx1", "00:00:00:00:00:00", "10.2.0.1", 77, null, null, 77, null, null,
                            Set.of("self"), "permanent"),
                    new Row("vx1", "02:00:00:00:01:01", "10.2.0.2", null, null, null, 78, null, null,
                            Set.of("self"), "permanent"),
                    new Row("vx6", "02:00:00:00:02:01", "2001:db8::3", 500, 4800, null, null, null, null,
                            Set.of("self"), "permanent"),
                    new Row("p0", "02:00:00:00:03:01", null, null, null, null, null, null, "br0", Set.of(),
                            "permanent"),
                    new Row("p0", "02:00:00:00:03:02", null, null, null, null, null, null, "br0", Set.of("sticky"),
                            "static"),
                    new Row("p0", "02:00:00:00:03:03", null, null, null, null, null, null, "br0", Set.of(), ""),
                    new Row("p0", "02:00:00:00:03:05", null, null, null, null, null, null, "br0",
                            Set.of("extern_learn"), ""),
                    new Row("p0", "02:00:00:00:03:06", null, null, null, null, null, null, null, Set.of("self"),
                            "permanent"),
                    new Row("br0", "02:00:00:00:03:07", null, null, null, null, null, null, "br0", Set.of(),
                            "permanent"));
            for (Row r : expected) {
                assertTrue(all.contains(r), () -> r + " missing from " + all);
            }
            if (vlans) {
                assertTrue(all.contains(new Row("p0", "02:00:00:00:03:08", null, null, null, null, null, 10, "br0",
                        Set.of(), "static")), all::toString);
            }

            // Every entry a list returned goes back to delete as it is, whichever table it is in.
            Set<Row> addedRows = new HashSet<>();
            List<FdbEntry> listed = fdb.list();
            for (FdbEntry e : listed) {
                Row r = row(e, names);
                if (!before.contains(r)) {
                    fdb.delete(e);
                    addedRows.add(r);
                }
            }
            assertEquals(added.size(), addedRows.size(), addedRows::toString);
            assertEquals(before, oracle(ns, null));
        }
    }

    @Test
    void addRefusesAnExistingMacAppendAddsARemoteOnceReplaceMovesDeleteRemovesOneRemote(TestNamespace ns) {
        devices(ns);
        try (Rtnetlink rt = Rtnetlink.open(ns.netns())) {
            Fdb fdb = rt.fdb();
            int vx0 = rt.links().indexOf("vx0");
            FdbEntry unicast = FdbEntry.builder(vx0, mac("02:00:00:00:00:01")).dst(ip("10.1.0.1")).build();
            fdb.add(unicast);
            KernelException exists = assertThrows(KernelException.class, () -> fdb.add(unicast));
            assertEquals(Errno.EEXIST, exists.errno());
            assertEquals("add fdb 02:00:00:00:00:01 ifindex " + vx0 + " dst 10.1.0.1 self permanent",
                    exists.operation());

            fdb.replace(unicast.toBuilder().dst(ip("10.1.0.2")).build());
            JsonNode moved = fdbShow(ns, "dev", "vx0");
            assertEquals(1, moved.size());
            assertEquals("10.1.0.2", moved.get(0).get("dst").asText());

            FdbEntry flood = FdbEntry.flood(vx0, ip("10.1.0.3")).build();
            fdb.append(flood);
            fdb.append(flood); // the same remote again: no second copy, no error
            fdb.append(FdbEntry.flood(vx0, ip("10.1.0.4")).build());
            assertEquals(3, fdbShow(ns, "dev", "vx0").size());

            fdb.delete(flood); // one remote of the flood list, the other stays
            Set<String> remaining = new TreeSet<>();
            fdbShow(ns, "dev", "vx0").forEach(j -> remaining.add(j.get("mac").asText() + " " + j.get("dst").asText()));
            assertEquals(Set.of("00:00:00:00:00:00 10.1.0.4", "02:00:00:00:00:01 10.1.0.2"), remaining);
            // The kernel's rule, the same for bridge: a remote the MAC's entry lacks is "deleted" without change,
            // a MAC without entry is ENOENT.
            fdb.delete(flood);
            assertEquals(0, bridge(ns, "fdb", "del", "00:00:00:00:00:00", "dev", "vx0", "dst", "10.1.0.3").exitCode());
            assertEquals(2, fdbShow(ns, "dev", "vx0").size());
            KernelException gone = assertThrows(KernelException.class,
                    () -> fdb.delete(FdbEntry.builder(vx0, mac("02:00:00:00:00:09")).dst(ip("10.1.0.3")).build()));
            assertEquals(Errno.ENOENT, gone.errno());

            KernelException noDevice = assertThrows(KernelException.class, () -> fdb.list("nosuchdev"));
            assertEquals(Errno.ENODEV, noDevice.errno());
        }
    }

    @Test
    void theKernelHonoursTheDeviceAndBridgeFilters(TestNamespace ns) {
        Ip ip = devices(ns);
        Map<Integer, String> names = linkNames(ip);
        try (Rtnetlink rt = Rtnetlink.open(ns.netns())) {
            int vx0 = rt.links().indexOf("vx0");
            int p0 = rt.links().indexOf("p0");
            int br0 = rt.links().indexOf("br0");
            rt.fdb().append(FdbEntry.flood(vx0, ip("10.1.0.1")).build());
            rt.fdb().add(FdbEntry.builder(vx0, mac("02:00:00:00:00:01")).dst(ip("10.1.0.2")).build());
            rt.fdb().add(FdbEntry.builder(p0, mac("02:00:00:00:03:01")).master().build());

            List<Message> device = rt.socket().dump(FdbCodec.dump(vx0));
            assertEquals(2, device.size());
            for (Message m : device) {
                assertEquals(vx0, FdbCodec.decode(m).index(), "the kernel returns only the device's entries");
            }
            List<Message> port = rt.socket().dump(FdbCodec.dump(p0));
            assertFalse(port.isEmpty());
            List<FdbEntry> portEntries = port.stream().map(FdbCodec::decode).toList();
            assertTrue(portEntries.stream().allMatch(e -> e.index() == p0));
            assertEquals(oracle(ns, "p0", "dev", "p0"), rows(portEntries, names));

            List<Message> bridged = rt.socket().dump(FdbCodec.dumpBridge(br0));
            List<FdbEntry> bridgeEntries = bridged.stream().map(FdbCodec::decode).toList();
            assertTrue(bridgeEntries.stream().allMatch(e -> e.index() == br0 || e.index() == p0),
                    "the kernel returns only the bridge's and its ports' entries: " + bridgeEntries);
            assertTrue(bridgeEntries.stream().anyMatch(e -> e.mac().equals(mac("02:00:00:00:03:01"))));
            assertEquals(oracle(ns, null, "br", "br0"), rows(bridgeEntries, names));

            List<FdbEntry> everything = rt.socket().dump(FdbCodec.dump()).stream().map(FdbCodec::decode).toList();
            assertTrue(everything.size() > bridged.size(), "the unfiltered dump holds the VXLAN entries too");
            assertEquals(oracle(ns, null), rows(everything, names));
        }
    }
}
