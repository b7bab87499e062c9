package io.jnetlink.route.monitor;

import com.fasterxml.jackson.databind.JsonNode;
import io.jnetlink.core.net.InetAddresses;
import io.jnetlink.oracles.Ip;
import io.jnetlink.route.address.Address;
import io.jnetlink.route.link.Link;
import io.jnetlink.route.neigh.Neighbour;
import io.jnetlink.route.route.Route;
import io.jnetlink.route.testing.NetFixture;
import io.jnetlink.testkit.NetnsTest;
import io.jnetlink.testkit.TestNamespace;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The monitor against the kernel. {@code ip} is the independent actor that makes every change, and
 * {@code ip -j} the oracle the reported content is compared with; the monitor's own sockets are never used to
 * check it.
 */
@NetnsTest
class MonitorKernelTest {

    /** IFA_F_NODAD of linux/if_addr.h, typed independently of AddressFlags. */
    private static final int IFA_F_NODAD = 0x02;
    /** Table names ip prints (rt_tables). */
    private static final Map<String, Long> IP_TABLES = Map.of("main", 254L, "local", 255L, "default", 253L);

    // ---- links ----

    @Test
    void linkAddChangeRenameAndDeleteAreReportedAsIpSeesThem(TestNamespace ns) {
        Ip ip = Ip.in(ns.name());
        try (Monitor m = Monitor.open(ns.netns(), EnumSet.of(Kind.LINKS))) {
            Events events = new Events(m);
            assertEquals(oracleLinks(ip), names(events.initial().snapshot().links()));

            ip.run("link", "add", "d0", "type", "veth", "peer", "name", "p0");
            Link added = events.await(Event.LinkAdded.class, e -> e.link().name().equals("d0")).link();
            JsonNode o = ip.json("-d", "link", "show", "dev", "d0").get(0);
            assertEquals(o.get("ifindex").asInt(), added.index());
            assertLinkAsIpShowsIt(o, added);
            assertEquals(o.get("linkinfo").get("info_kind").asText(), added.kind().orElseThrow());
            int index = added.index();

            ip.run("link", "set", "dev", "d0", "mtu", "1400", "up");
            Link up = events.await(Event.LinkChanged.class,
                    e -> e.after().index() == index && e.after().isUp() && e.after().mtu() == 1400).after();
            assertEquals(added.name(), up.name());
            // the kernel may announce carrier and operational state in further messages: read until the
            // events describe what ip shows
            events.until(() -> sameAsIp(ip, events.links().get(index)));
            assertLinkAsIpShowsIt(ip.json("link", "show", "dev", "d0").get(0), events.links().get(index));

            ip.run("link", "set", "dev", "d0", "down");
            ip.run("link", "set", "dev", "d0", "name", "d1");
            Event.LinkChanged renamed = events.await(Event.LinkChanged.class, e -> e.after().name().equals("d1"));
            assertEquals("d0", renamed.before().name());
            assertEquals(index, renamed.after().index());
            assertLinkAsIpShowsIt(ip.json("link", "show", "dev", "d1").get(0), renamed.after());

            int peer = NetFixture.indexOf(ip, "p0");
            ip.run("link", "del", "d1");
            Link removed = events.await(Event.LinkRemoved.class, e -> e.link().index() == index).link();
            assertEquals("d1", removed.name());
            assertFalse(oracleLinks(ip).containsKey(index));
            events.until(() -> !events.links().containsKey(peer)); // deleting a veth deletes its peer
            assertEquals(oracleLinks(ip), names(events.links().values()));
        }
    }

    @Test
    void bridgePortMessagesArriveRawNextToTheLinkChange(TestNamespace ns) {
        Ip ip = Ip.in(ns.name());
        ip.run("link", "add", "br0", "type", "bridge");
        ip.run("link", "add", "d0", "type", "veth", "peer", "name", "p0");
        try (Monitor m = Monitor.open(ns.netns(), EnumSet.of(Kind.LINKS))) {
            Events events = new Events(m);
            events.initial();
            ip.run("link", "set", "dev", "d0", "master", "br0");
            int bridge = NetFixture.indexOf(ip, "br0");
            AtomicBoolean raw = new AtomicBoolean();
            AtomicBoolean enslaved = new AtomicBoolean();
            events.until(() -> {
                List<Event> seen = events.seen();
                if (!seen.isEmpty()) {
                    switch (seen.getLast()) {
                        // AF_BRIDGE (7): the port's bridge settings, not modelled
                        case Event.Raw r when r.typeName().equals("RTM_NEWLINK")
                                && r.message().payload().get(0) == 7 -> raw.set(true);
                        case Event.LinkChanged c when c.after().name().equals("d0")
                                && c.after().master().orElse(0) == bridge -> enslaved.set(true);
                        default -> {
                        }
                    }
                }
                return raw.get() && enslaved.get();
            });
            assertEquals("br0", ip.json("link", "show", "dev", "d0").get(0).get("master").asText());
        }
    }

    // ---- addresses ----

    @Test
    void addressAddAndDeleteAreReportedForBothFamilies(TestNamespace ns) {
        Ip ip = Ip.in(ns.name());
        quietVeth(ip, "d0");
        int d0 = NetFixture.indexOf(ip, "d0");
        try (Monitor m = Monitor.open(ns.netns(), EnumSet.of(Kind.ADDRESSES_V4, Kind.ADDRESSES_V6))) {
            Events events = new Events(m);
            assertEquals(oracleAddresses(ip), addresses(events.initial().snapshot().addresses()));

            ip.run("address", "add", "10.1.0.1/24", "dev", "d0");
            Address v4 = events.await(Event.AddressAdded.class,
                    e -> InetAddresses.toString(e.address().local().address()).equals("10.1.0.1")).address();
            assertEquals(d0, v4.index());
            assertAddressAsIpShowsIt(oracleAddress(ip, "d0", "10.1.0.1"), v4);

            ip.run("address", "add", "2001:db8:1::1/64", "dev", "d0", "nodad");
            Address v6 = events.await(Event.AddressAdded.class,
                    e -> InetAddresses.toString(e.address().local().address()).equals("2001:db8:1::1")).address();
            assertEquals(d0, v6.index());
            JsonNode o6 = oracleAddress(ip, "d0", "2001:db8:1::1");
            assertAddressAsIpShowsIt(o6, v6);
            assertTrue(o6.path("nodad").asBoolean(false));
            assertTrue(v6.hasFlag(IFA_F_NODAD));

            ip.run("address", "del", "10.1.0.1/24", "dev", "d0");
            Address gone4 = events.await(Event.AddressRemoved.class,
                    e -> InetAddresses.toString(e.address().local().address()).equals("10.1.0.1")).address();
            assertEquals(v4.local(), gone4.local());
            ip.run("address", "del", "2001:db8:1::1/64", "dev", "d0");
            Address gone6 = events.await(Event.AddressRemoved.class,
                    e -> InetAddresses.toString(e.address().local().address()).equals("2001:db8:1::1")).address();
            assertEquals(v6.local(), gone6.local());
            Set<String> left = oracleAddresses(ip);
            assertFalse(left.contains(d0 + " 10.1.0.1/24"), left.toString());
            assertFalse(left.contains(d0 + " 2001:db8:1::1/64"), left.toString());
        }
    }

    // ---- routes ----

    @Test
    void routeAddReplaceAndDeleteAreReportedForBothFamilies(TestNamespace ns) {
        Ip ip = Ip.in(ns.name());
        quietVeth(ip, "d0");
        ip.run("address", "add", "10.2.0.1/24", "dev", "d0");
        ip.run("address", "add", "2001:db8:2::1/64", "dev", "d0", "nodad");
        NetFixture.settle(ip);
        int d0 = NetFixture.indexOf(ip, "d0");
        try (Monitor m = Monitor.open(ns.netns(), EnumSet.of(Kind.ROUTES_V4, Kind.ROUTES_V6))) {
            Events events = new Events(m);
            assertEquals(oracleRoutes(ip), routes(events.initial().snapshot().routes()));

            ip.run("route", "add", "192.0.2.0/24", "via", "10.2.0.2", "dev", "d0", "metric", "7");
            Route v4 = events.await(Event.RouteAdded.class,
                    e -> e.route().destination().toString().equals("192.0.2.0/24")).route();
            JsonNode o4 = ip.json("route", "show", "192.0.2.0/24").get(0);
            assertEquals(o4.get("gateway").asText(), InetAddresses.toString(v4.gateway().orElseThrow()));
            assertEquals(NetFixture.indexOf(ip, o4.get("dev").asText()), v4.outputIndex().orElseThrow());
            assertEquals(o4.get("metric").asInt(), v4.metric().orElseThrow());
            assertEquals(d0, v4.outputIndex().orElseThrow());

            ip.run("-6", "route", "add", "2001:db8:99::/48", "via", "2001:db8:2::2", "dev", "d0", "metric", "9");
            Route v6 = events.await(Event.RouteAdded.class,
                    e -> e.route().destination().toString().equals("2001:db8:99::/48")).route();
            JsonNode o6 = ip.json("-6", "route", "show", "2001:db8:99::/48").get(0);
            assertEquals(o6.get("gateway").asText(), InetAddresses.toString(v6.gateway().orElseThrow()));
            assertEquals(NetFixture.indexOf(ip, o6.get("dev").asText()), v6.outputIndex().orElseThrow());
            assertEquals(o6.get("metric").asInt(), v6.metric().orElseThrow());

            ip.run("route", "replace", "192.0.2.0/24", "via", "10.2.0.3", "dev", "d0", "metric", "7");
            Event.RouteChanged replaced = events.await(Event.RouteChanged.class,
                    e -> e.after().destination().toString().equals("192.0.2.0/24"));
            assertEquals("10.2.0.2", InetAddresses.toString(replaced.before().gateway().orElseThrow()));
            assertEquals(ip.json("route", "show", "192.0.2.0/24").get(0).get("gateway").asText(),
                    InetAddresses.toString(replaced.after().gateway().orElseThrow()));

            ip.run("route", "del", "192.0.2.0/24", "via", "10.2.0.3", "dev", "d0", "metric", "7");
            Route gone4 = events.await(Event.RouteRemoved.class,
                    e -> e.route().destination().toString().equals("192.0.2.0/24")).route();
            assertEquals("10.2.0.3", InetAddresses.toString(gone4.gateway().orElseThrow()));
            assertTrue(ip.json("route", "show", "192.0.2.0/24").isEmpty());

            ip.run("-6", "route", "del", "2001:db8:99::/48", "via", "2001:db8:2::2", "dev", "d0");
            events.await(Event.RouteRemoved.class, e -> e.route().destination().toString().equals("2001:db8:99::/48"));
            assertTrue(ip.json("-6", "route", "show", "2001:db8:99::/48").isEmpty());
        }
    }

    // ---- neighbours ----

    @Test
    void neighbourAddChangeAndDeleteAreReportedForBothFamilies(TestNamespace ns) {
        Ip ip = NetFixture.vethPair(ns, "va", "vb");
        int va = NetFixture.indexOf(ip, "va");
        try (Monitor m = Monitor.open(ns.netns(), EnumSet.of(Kind.NEIGHBOURS))) {
            Events events = new Events(m);
            assertEquals(oracleNeighbours(ip), neighbours(events.initial().snapshot().neighbours()));

            ip.run("neigh", "add", "10.3.0.2", "lladdr", "02:00:00:00:00:02", "dev", "va", "nud", "permanent");
            Neighbour v4 = events.await(Event.NeighbourAdded.class,
                    e -> InetAddresses.toString(e.neighbour().destination()).equals("10.3.0.2")).neighbour();
            assertEquals(va, v4.index());
            assertNeighbourAsIpShowsIt(ip.json("neigh", "show", "dev", "va", "to", "10.3.0.2").get(0), v4);

            ip.run("-6", "neigh", "add", "2001:db8:3::2", "lladdr", "02:00:00:00:00:03", "dev", "va", "nud",
                    "permanent");
            Neighbour v6 = events.await(Event.NeighbourAdded.class,
                    e -> InetAddresses.toString(e.neighbour().destination()).equals("2001:db8:3::2")).neighbour();
            assertNeighbourAsIpShowsIt(ip.json("-6", "neigh", "show", "dev", "va", "to", "2001:db8:3::2").get(0), v6);

            ip.run("neigh", "change", "10.3.0.2", "lladdr", "02:00:00:00:00:04", "dev", "va", "nud", "permanent");
            Event.NeighbourChanged changed = events.await(Event.NeighbourChanged.class,
                    e -> InetAddresses.toString(e.after().destination()).equals("10.3.0.2"));
            assertEquals("02:00:00:00:00:02", changed.before().lladdr().orElseThrow().toString());
            assertNeighbourAsIpShowsIt(ip.json("neigh", "show", "dev", "va", "to", "10.3.0.2").get(0),
                    changed.after());

            ip.run("neigh", "del", "10.3.0.2", "dev", "va");
            events.await(Event.NeighbourRemoved.class,
                    e -> InetAddresses.toString(e.neighbour().destination()).equals("10.3.0.2"));
            ip.run("-6", "neigh", "del", "2001:db8:3::2", "dev", "va");
            events.await(Event.NeighbourRemoved.class,
                    e -> InetAddresses.toString(e.neighbour().destination()).equals("2001:db8:3::2"));
            assertTrue(ip.json("neigh", "show", "dev", "va", "to", "10.3.0.2").isEmpty());
        }
    }

    // ---- overruns ----

    @Test
    void anOverrunIsAnsweredWithAResyncThatMatchesIpAndLaterChangesAreStillReported(TestNamespace ns) {
        Ip ip = Ip.in(ns.name());
        Monitor.Options small = Monitor.Options.of(EnumSet.of(Kind.LINKS)).withReceiveBufferBytes(8192);
        try (Monitor m = Monitor.open(ns.netns(), small)) {
            Events events = new Events(m);
            events.initial();
            // 300 links (150 veth pairs) in one go while nobody reads: far more notifications than 8 KiB can
            // hold. The first pairs are deleted again: the notifications still queued when the kernel starts
            // dropping announce those first links, and must not resurrect them after the resync.
            StringBuilder batch = new StringBuilder();
            for (int i = 0; i < 150; i++) {
                batch.append("link add d").append(i).append(" type veth peer name p").append(i).append('\n');
            }
            for (int i = 0; i < 20; i++) {
                batch.append("link del d").append(i).append('\n');
            }
            ip.batch(batch.toString());

            Event.Resynced r = (Event.Resynced) events.awaitEvent(
                    e -> e instanceof Event.Resynced x && x.cause() == Event.Resynced.Cause.OVERRUN);
            assertEquals(oracleLinks(ip), names(r.snapshot().links()));
            assertEquals(1 + 2 * 130, r.snapshot().links().size());
            assertTrue(m.overruns() >= 1);
            assertTrue(m.discarded() >= 1, "the notifications queued before the loss were discarded");
            // what was reported before plus the resync's changes is the full state
            assertEquals(oracleLinks(ip), names(events.links().values()));

            int d77 = NetFixture.indexOf(ip, "d77");
            int p77 = NetFixture.indexOf(ip, "p77");
            int d88 = NetFixture.indexOf(ip, "d88");
            ip.run("link", "del", "d77");
            ip.run("link", "set", "dev", "d88", "up");
            Link removed = events.await(Event.LinkRemoved.class, e -> e.link().index() == d77).link();
            assertEquals("d77", removed.name());
            events.until(() -> !events.links().containsKey(p77)
                    && events.links().containsKey(d88) && events.links().get(d88).isUp());
            assertEquals(oracleLinks(ip), names(events.links().values()));
        }
    }

    // ---- threads and namespaces ----

    @Test
    void closeWakesAReaderBlockedInNext(TestNamespace ns) throws Exception {
        Monitor m = Monitor.open(ns.netns(), EnumSet.of(Kind.LINKS));
        new Events(m).initial();
        CompletableFuture<Optional<Event>> read = new CompletableFuture<>();
        Thread reader = Thread.ofPlatform().name("monitor-reader").start(() -> {
            try {
                read.complete(m.next(Duration.ofHours(1)));
            } catch (RuntimeException | Error e) {
                read.completeExceptionally(e);
            }
        });
        // wait until the reader sits in poll(2), so that close() really has to wake it
        long guard = System.nanoTime() + Events.GUARD.toNanos();
        while (Arrays.stream(reader.getStackTrace()).noneMatch(f -> f.getMethodName().equals("pollIn"))) {
            if (System.nanoTime() - guard > 0) {
                fail("the reader never blocked in poll: " + Arrays.toString(reader.getStackTrace()));
            }
            Thread.sleep(1);
        }
        m.close();
        assertEquals(Optional.empty(), read.get(Events.GUARD.toSeconds(), TimeUnit.SECONDS));
        reader.join();
        assertFalse(m.isOpen());
        assertEquals(Optional.empty(), m.next(Duration.ZERO));
    }

    @Test
    void runDeliversUntilAHandlerClosesTheMonitor(TestNamespace ns) throws Exception {
        Ip ip = Ip.in(ns.name());
        Monitor m = Monitor.open(ns.netns(), EnumSet.of(Kind.LINKS));
        List<Event> delivered = new ArrayList<>();
        CompletableFuture<Void> done = new CompletableFuture<>();
        // a thread of its own: run() blocks for the monitor's lifetime, and the oracle needs the common pool
        Thread.ofPlatform().name("monitor-run").start(() -> {
            try {
                m.run(e -> {
                    delivered.add(e);
                    if (e instanceof Event.LinkAdded(Link l) && l.name().equals("d0")) {
                        m.close();
                    }
                });
                done.complete(null);
            } catch (RuntimeException | Error e) {
                done.completeExceptionally(e);
            }
        });
        ip.run("link", "add", "d0", "type", "veth", "peer", "name", "p0");
        done.get(Events.GUARD.toSeconds(), TimeUnit.SECONDS);
        assertTrue(delivered.getFirst() instanceof Event.Resynced r && r.cause() == Event.Resynced.Cause.INITIAL);
        assertFalse(m.isOpen());
    }

    @Test
    void openedOnAThreadInsideTheNamespaceItFollowsThatNamespace(TestNamespace ns) {
        Ip ip = Ip.in(ns.name());
        ip.run("link", "add", "only-here", "type", "veth", "peer", "name", "only-here-p");
        try (Monitor m = ns.netns().call(() -> Monitor.open(EnumSet.of(Kind.LINKS)))) {
            assertEquals(oracleLinks(ip), names(new Events(m).initial().snapshot().links()));
        }
    }

    // ---- oracles and comparisons ----

    /**
     * A veth pair {@code name}/{@code name}p, both up, without IPv6 link-local addresses (so that nothing
     * changes behind the test's back). Not dummy links: some kernels are built without them.
     */
    private static void quietVeth(Ip ip, String name) {
        ip.run("link", "add", name, "type", "veth", "peer", "name", name + "p");
        for (String dev : List.of(name, name + "p")) {
            ip.run("link", "set", "dev", dev, "addrgenmode", "none");
            ip.run("link", "set", "dev", dev, "up");
        }
    }

    private static Map<Integer, String> oracleLinks(Ip ip) {
        return new TreeMap<>(NetFixture.linkNames(ip));
    }

    private static Map<Integer, String> names(java.util.Collection<Link> links) {
        return links.stream().collect(Collectors.toMap(Link::index, Link::name, (a, b) -> a, TreeMap::new));
    }

    private static boolean sameAsIp(Ip ip, Link l) {
        JsonNode o = ip.json("link", "show", "dev", l.name()).get(0);
        return flags(o).equals(l.flagNames()) && o.get("mtu").asInt() == l.mtu()
                && o.get("operstate").asText().equals(l.operState().name());
    }

    private static void assertLinkAsIpShowsIt(JsonNode o, Link l) {
        assertEquals(o.get("ifname").asText(), l.name());
        assertEquals(flags(o), l.flagNames());
        assertEquals(o.get("mtu").asInt(), l.mtu());
        assertEquals(o.get("operstate").asText(), l.operState().name());
        assertEquals(o.get("address").asText(), l.address().orElseThrow().toString());
    }

    /**
     * ip's flags without M-DOWN, which ip derives from the state of the link's IFLA_LINK (the veth peer): it is
     * not a flag of the link itself.
     */
    private static List<String> flags(JsonNode link) {
        List<String> out = texts(link.get("flags"));
        out.remove("M-DOWN");
        return out;
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    /** Every address as "index local/prefixlen", from {@code ip -j address}. */
    private static Set<String> oracleAddresses(Ip ip) {
        Set<String> out = new HashSet<>();
        for (JsonNode link : ip.json("address")) {
            for (JsonNode a : link.get("addr_info")) {
                out.add(link.get("ifindex").asInt() + " " + a.get("local").asText() + "/" + a.get("prefixlen").asInt());
            }
        }
        return out;
    }

    private static Set<String> addresses(List<Address> addresses) {
        return addresses.stream().map(a -> a.index() + " " + a.local()).collect(Collectors.toSet());
    }

    private static JsonNode oracleAddress(Ip ip, String dev, String local) {
        for (JsonNode a : ip.json("address", "show", "dev", dev).get(0).get("addr_info")) {
            if (a.get("local").asText().equals(local)) {
                return a;
            }
        }
        throw new AssertionError("ip does not show " + local + " on " + dev);
    }

    private static void assertAddressAsIpShowsIt(JsonNode o, Address a) {
        assertEquals(o.get("prefixlen").asInt(), a.local().length());
        assertEquals(o.get("scope").asText(), a.scope().name());
        assertEquals(o.get("family").asText(), a.local().isIpv4() ? "inet" : "inet6");
        assertEquals(o.has("label") ? Optional.of(o.get("label").asText()) : Optional.empty(), a.label());
        assertEquals(o.has("broadcast") ? Optional.of(o.get("broadcast").asText()) : Optional.empty(),
                a.broadcast().map(InetAddresses::toString));
    }

    /** Every route as "family type dst table", from {@code ip -j [-6] route show table all}. */
    private static Set<String> oracleRoutes(Ip ip) {
        Set<String> out = new HashSet<>();
        for (String family : List.of("-4", "-6")) {
            for (JsonNode r : ip.json(family, "route", "show", "table", "all")) {
                boolean v4 = family.equals("-4");
                String dst = r.get("dst").asText();
                if (dst.equals("default")) {
                    dst = v4 ? "0.0.0.0/0" : "::/0";
                } else if (!dst.contains("/")) {
                    dst += v4 ? "/32" : "/128";
                }
                String table = r.has("table") ? r.get("table").asText() : "main";
                long id = IP_TABLES.containsKey(table) ? IP_TABLES.get(table) : Long.parseLong(table);
                out.add((v4 ? "inet" : "inet6") + " " + (r.has("type") ? r.get("type").asText() : "unicast") + " "
                        + dst + " " + id);
            }
        }
        return out;
    }

    private static Set<String> routes(List<Route> routes) {
        return routes.stream().map(r -> (r.family() == InetAddresses.AF_INET ? "inet" : "inet6") + " "
                + r.type().name() + " " + r.destination() + " " + Integer.toUnsignedLong(r.table()))
                .collect(Collectors.toSet());
    }

    /** Every neighbour as "index dst", from {@code ip -j neigh show nud all}. */
    private static Set<String> oracleNeighbours(Ip ip) {
        Map<String, Integer> indexes = NetFixture.linkNames(ip).entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getValue, Map.Entry::getKey));
        Set<String> out = new HashSet<>();
        for (JsonNode n : ip.json("neigh", "show", "nud", "all")) {
            out.add(indexes.get(n.get("dev").asText()) + " " + n.get("dst").asText());
        }
        return out;
    }

    private static Set<String> neighbours(List<Neighbour> neighbours) {
        return neighbours.stream().map(n -> n.index() + " " + InetAddresses.toString(n.destination()))
                .collect(Collectors.toSet());
    }

    private static void assertNeighbourAsIpShowsIt(JsonNode o, Neighbour n) {
        assertEquals(o.get("dst").asText(), InetAddresses.toString(n.destination()));
        assertEquals(o.get("lladdr").asText(), n.lladdr().orElseThrow().toString());
        assertEquals(texts(o.get("state")), n.state().names());
        assertNotEquals(0, n.index());
    }
}
