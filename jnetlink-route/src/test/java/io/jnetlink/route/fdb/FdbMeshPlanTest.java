package io.jnetlink.route.fdb;

import io.jnetlink.core.net.InetAddresses;
import io.jnetlink.core.net.MacAddress;
import io.jnetlink.route.neigh.NeighbourFlags;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The delta FdbMesh computes from one dump: which entries it manages, keeps, adds, replaces and deletes. */
class FdbMeshPlanTest {

    private static final int VX0 = 4;
    private static final int OTHER = 5;

    private static InetAddress ip(String s) {
        return InetAddresses.parse(s);
    }

    private static MacAddress mac(String s) {
        return MacAddress.parse(s);
    }

    private static Set<InetAddress> set(String... ips) {
        Set<InetAddress> s = new LinkedHashSet<>();
        for (String i : ips) {
            s.add(ip(i));
        }
        return s;
    }

    @Test
    void fromEmptyEverythingIsAddedFloodByAppendUnicastByReplace() {
        FdbMesh.Plan p = FdbMesh.plan(VX0, List.of(), set("10.0.0.1", "10.0.0.2"),
                Map.of(mac("02:00:00:00:00:01"), ip("10.0.0.3")));
        assertEquals(List.of(FdbEntry.flood(VX0, ip("10.0.0.1")).build(), FdbEntry.flood(VX0, ip("10.0.0.2")).build()),
                p.appends());
        assertEquals(List.of(FdbEntry.builder(VX0, mac("02:00:00:00:00:01")).dst(ip("10.0.0.3")).build()), p.replaces());
        assertEquals(List.of(), p.deletes());
        assertEquals(List.of(), p.overwritten());
    }

    @Test
    void plainEntriesThatAreWantedAreKeptWhateverTheirState() {
        List<FdbEntry> current = List.of(
                FdbEntry.flood(VX0, ip("10.0.0.1")).build(),
                FdbEntry.flood(VX0, ip("10.0.0.2")).asStatic().build(),
                FdbEntry.builder(VX0, mac("02:00:00:00:00:01")).dst(ip("10.0.0.3")).asStatic().build());
        FdbMesh.Plan p = FdbMesh.plan(VX0, current, set("10.0.0.1", "10.0.0.2"),
                Map.of(mac("02:00:00:00:00:01"), ip("10.0.0.3")));
        assertEquals(new FdbMesh.Plan(List.of(), List.of(), List.of(), List.of()), p);
    }

    @Test
    void managedEntriesThatAreNotWantedAreDeletedOthersLeftAlone() {
        FdbEntry unwantedFlood = FdbEntry.flood(VX0, ip("10.0.0.9")).build();
        FdbEntry floodWithOwnVni = FdbEntry.flood(VX0, ip("10.0.0.1")).vni(100).build();
        FdbEntry floodWithOwnPort = FdbEntry.flood(VX0, ip("10.0.0.1")).port(4790).build();
        FdbEntry unwantedStatic = FdbEntry.builder(VX0, mac("02:00:00:00:00:09")).dst(ip("10.0.0.9")).asStatic().build();
        List<FdbEntry> untouched = List.of(
                FdbEntry.builder(VX0, mac("02:00:00:00:00:0a")).dst(ip("10.0.0.9")).dynamic().build(),
                FdbEntry.builder(VX0, mac("02:00:00:00:00:0b")).dst(ip("10.0.0.9"))
                        .addFlags(NeighbourFlags.EXTERN_LEARN).build(),
                FdbEntry.builder(VX0, mac("01:00:5e:00:00:01")).dst(ip("239.0.0.1")).build(),
                FdbEntry.builder(VX0, mac("02:00:00:00:00:0c")).build(),
                FdbEntry.flood(VX0, ip("10.0.0.8")).srcVni(5).build(),
                FdbEntry.flood(OTHER, ip("10.0.0.7")).build());
        List<FdbEntry> current = new java.util.ArrayList<>(untouched);
        current.addAll(List.of(unwantedFlood, floodWithOwnVni, floodWithOwnPort, unwantedStatic));
        FdbMesh.Plan p = FdbMesh.plan(VX0, current, set("10.0.0.1"), Map.of());
        assertEquals(List.of(FdbEntry.flood(VX0, ip("10.0.0.1")).build()), p.appends());
        assertEquals(List.of(unwantedFlood, floodWithOwnVni, floodWithOwnPort, unwantedStatic), p.deletes());
        assertEquals(List.of(), p.replaces());
        assertEquals(List.of(), p.overwritten());
    }

    @Test
    void aWantedUnicastMacReplacesWhateverEntryItHas() {
        FdbEntry moved = FdbEntry.builder(VX0, mac("02:00:00:00:00:01")).dst(ip("10.0.0.1")).build();
        FdbEntry learned = FdbEntry.builder(VX0, mac("02:00:00:00:00:02")).dst(ip("10.0.0.2")).dynamic().build();
        FdbEntry ownPort = FdbEntry.builder(VX0, mac("02:00:00:00:00:03")).dst(ip("10.0.0.3")).port(9).build();
        FdbEntry external = FdbEntry.builder(VX0, mac("02:00:00:00:00:04")).dst(ip("10.0.0.4"))
                .addFlags(NeighbourFlags.EXTERN_LEARN).build();
        FdbEntry otherVni = FdbEntry.builder(VX0, mac("02:00:00:00:00:04")).dst(ip("10.0.0.4")).srcVni(7).build();
        FdbMesh.Plan p = FdbMesh.plan(VX0, List.of(moved, learned, ownPort, external, otherVni), set(),
                Map.of(mac("02:00:00:00:00:01"), ip("10.0.0.5"), mac("02:00:00:00:00:02"), ip("10.0.0.2"),
                        mac("02:00:00:00:00:03"), ip("10.0.0.3"), mac("02:00:00:00:00:04"), ip("10.0.0.4")));
        assertEquals(Set.of(
                        FdbEntry.builder(VX0, mac("02:00:00:00:00:01")).dst(ip("10.0.0.5")).build(),
                        FdbEntry.builder(VX0, mac("02:00:00:00:00:02")).dst(ip("10.0.0.2")).build(),
                        FdbEntry.builder(VX0, mac("02:00:00:00:00:03")).dst(ip("10.0.0.3")).build(),
                        FdbEntry.builder(VX0, mac("02:00:00:00:00:04")).dst(ip("10.0.0.4")).build()),
                Set.copyOf(p.replaces()));
        assertEquals(List.of(moved, learned, ownPort, external), p.overwritten(), "entries of other VNIs stay");
        assertEquals(List.of(), p.deletes());
    }
}
