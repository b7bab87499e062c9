package io.jnetlink.route.monitor;

import io.jnetlink.core.Message;
import io.jnetlink.core.Request;
import io.jnetlink.core.codec.MessageWriter;
import io.jnetlink.core.codec.RawAttribute;
import io.jnetlink.core.error.DecodeException;
import io.jnetlink.core.net.InetAddresses;
import io.jnetlink.core.net.IpPrefix;
import io.jnetlink.core.net.MacAddress;
import io.jnetlink.route.Rtm;
import io.jnetlink.route.address.Address;
import io.jnetlink.route.address.AddressCodec;
import io.jnetlink.route.monitor.Event.Resynced;
import io.jnetlink.route.neigh.Neighbour;
import io.jnetlink.route.neigh.NeighbourCodec;
import io.jnetlink.route.route.Route;
import io.jnetlink.route.route.RouteCodec;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The tracker without a kernel: messages are synthesised with the codecs' own request builders (a request and
 * a notification share the layout) or with {@link MessageWriter}, and the events it derives are checked.
 */
class TrackerTest {

    // linux/if_link.h and linux/rtnetlink.h values, typed here independently of the code under test
    private static final int IFLA_IFNAME = 3;
    private static final int IFLA_MTU = 4;
    private static final int IFLA_TXQLEN = 13;
    private static final int IFLA_OPERSTATE = 16;
    private static final int IFLA_STATS64 = 23;
    private static final int AF_BRIDGE = 7;
    private static final int RTM_NEWNETCONF = 80;
    private static final int RTM_F_CLONED = 0x200;
    private static final int NLMSG_HDRLEN = 16;

    private static final Set<Kind> ALL = EnumSet.allOf(Kind.class);

    // ---- links ----

    @Test
    void newLinkIsAddedForAnUnknownIndexChangedForAKnownOneAndDelLinkRemoves() {
        Tracker t = new Tracker(ALL);
        Event.LinkAdded added = assertInstanceOf(Event.LinkAdded.class, t.apply(link(Rtm.RTM_NEWLINK, 5, "d0", 1500)));
        assertEquals("d0", added.link().name());
        assertEquals(5, added.link().index());

        Event.LinkChanged changed = assertInstanceOf(Event.LinkChanged.class,
                t.apply(link(Rtm.RTM_NEWLINK, 5, "d1", 1400)));
        assertEquals("d0", changed.before().name());
        assertEquals("d1", changed.after().name());
        assertEquals(1400, changed.after().mtu());

        Event.LinkRemoved removed = assertInstanceOf(Event.LinkRemoved.class,
                t.apply(link(Rtm.RTM_DELLINK, 5, "d1", 1400)));
        assertEquals("d1", removed.link().name());
        // gone from the view: a new link with the same index is an addition again
        assertInstanceOf(Event.LinkAdded.class, t.apply(link(Rtm.RTM_NEWLINK, 5, "d2", 1500)));
    }

    @Test
    void removalOfALinkNeverSeenIsStillReported() {
        Tracker t = new Tracker(ALL);
        assertInstanceOf(Event.LinkRemoved.class, t.apply(link(Rtm.RTM_DELLINK, 9, "x", 1500)));
    }

    @Test
    void bridgePortLinkMessagesAreRawAndLeaveTheViewAlone() {
        Tracker t = new Tracker(ALL);
        t.apply(link(Rtm.RTM_NEWLINK, 5, "d0", 1500));
        Event.Raw raw = assertInstanceOf(Event.Raw.class,
                t.apply(link(Rtm.RTM_DELLINK, AF_BRIDGE, 5, "d0", 1500, List.of())));
        assertEquals("RTM_DELLINK", raw.typeName());
        assertTrue(raw.error().isEmpty());
        assertTrue(raw.reason().contains("family 7"), raw.reason());
        // the AF_BRIDGE RTM_DELLINK (port left its bridge) did not remove the link
        assertInstanceOf(Event.LinkChanged.class, t.apply(link(Rtm.RTM_NEWLINK, 5, "d0", 1500)));
    }

    @Test
    void anUndecodableMessageIsRawWithItsDecodeError() {
        MessageWriter w = new MessageWriter();
        w.beginMessage(Rtm.RTM_NEWLINK, 0, 0, 0);
        w.put8(Rtm.AF_UNSPEC).put8(0).put16(1).put32(5).put32(0).put32(0);
        w.string(IFLA_IFNAME, "d0"); // no IFLA_MTU, which the kernel always sends
        w.endMessage();
        Message m = parse(w.toByteArray());
        Event.Raw raw = assertInstanceOf(Event.Raw.class, new Tracker(ALL).apply(m));
        assertInstanceOf(DecodeException.class, raw.error().orElseThrow());
        assertTrue(raw.reason().contains("IFLA_MTU"), raw.reason());
        assertEquals(m, raw.message());

        Message truncated = parse(bytes(Rtm.RTM_NEWADDR, new byte[]{2, 24}));
        assertTrue(assertInstanceOf(Event.Raw.class, new Tracker(ALL).apply(truncated)).error().isPresent());
    }

    @Test
    void aMessageTypeThatIsNotModelledIsRaw() {
        Message m = parse(bytes(RTM_NEWNETCONF, new byte[]{2, 0, 0, 0}));
        Event.Raw raw = assertInstanceOf(Event.Raw.class, new Tracker(ALL).apply(m));
        assertTrue(raw.error().isEmpty());
        assertEquals("RTM_80", raw.typeName());
    }

    // ---- addresses ----

    @Test
    void addressesAreKeyedAsTheKernelKeysThem() {
        Tracker t = new Tracker(ALL);
        Address a24 = Address.builder(2, IpPrefix.parse("10.0.0.1/24")).build();
        Address a16 = Address.builder(2, IpPrefix.parse("10.0.0.1/16")).build();
        assertInstanceOf(Event.AddressAdded.class, t.apply(request(AddressCodec.add(a24))));
        // IPv4: the same local address with another prefix length is another address
        assertInstanceOf(Event.AddressAdded.class, t.apply(request(AddressCodec.add(a16))));
        Address finite = a24.toBuilder().validLifetime(100).preferredLifetime(50).build();
        Event.AddressChanged changed = assertInstanceOf(Event.AddressChanged.class,
                t.apply(request(AddressCodec.replace(finite))));
        assertTrue(changed.before().validLifetime().isEmpty());
        assertEquals(100, changed.after().validLifetime().getAsLong());
        assertInstanceOf(Event.AddressRemoved.class, t.apply(request(AddressCodec.delete(a24))));

        // IPv6: the address alone identifies it
        Address v6 = Address.builder(2, IpPrefix.parse("2001:db8::1/64")).build();
        assertInstanceOf(Event.AddressAdded.class, t.apply(request(AddressCodec.add(v6))));
        assertInstanceOf(Event.AddressChanged.class,
                t.apply(request(AddressCodec.add(Address.builder(2, IpPrefix.parse("2001:db8::1/56")).build()))));
    }

    @Test
    void addressesOfAFamilyNotFollowedAreRaw() {
        Tracker t = new Tracker(EnumSet.of(Kind.ADDRESSES_V4));
        Address v6 = Address.builder(2, IpPrefix.parse("2001:db8::1/64")).build();
        Event.Raw raw = assertInstanceOf(Event.Raw.class, t.apply(request(AddressCodec.add(v6))));
        assertTrue(raw.reason().contains("not followed"), raw.reason());
    }

    // ---- routes ----

    @Test
    void routesAreKeyedByTableDestinationTosAndMetric() {
        Tracker t = new Tracker(ALL);
        Route r = Route.builder("192.0.2.0/24").gateway("10.0.0.2").metric(5).build();
        assertInstanceOf(Event.RouteAdded.class, t.apply(request(RouteCodec.add(r))));
        Route replaced = Route.builder("192.0.2.0/24").gateway("10.0.0.3").metric(5).build();
        Event.RouteChanged changed = assertInstanceOf(Event.RouteChanged.class,
                t.apply(request(RouteCodec.replace(replaced))));
        assertEquals("10.0.0.2", InetAddresses.toString(changed.before().gateway().orElseThrow()));
        assertEquals("10.0.0.3", InetAddresses.toString(changed.after().gateway().orElseThrow()));
        assertInstanceOf(Event.RouteAdded.class,
                t.apply(request(RouteCodec.add(Route.builder("192.0.2.0/24").gateway("10.0.0.2").metric(6).build()))));
        assertInstanceOf(Event.RouteAdded.class,
                t.apply(request(RouteCodec.add(Route.builder("192.0.2.0/24").gateway("10.0.0.2").metric(5)
                        .table(100).build()))));
        assertInstanceOf(Event.RouteRemoved.class, t.apply(request(RouteCodec.delete(replaced))));
    }

    @Test
    void aCachedRouteIsRaw() {
        byte[] b = RouteCodec.add(Route.builder("192.0.2.1/32").gateway("10.0.0.2").build()).encode(0, 0);
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putInt(NLMSG_HDRLEN + 8, RTM_F_CLONED);
        Event.Raw raw = assertInstanceOf(Event.Raw.class, new Tracker(ALL).apply(parse(b)));
        assertTrue(raw.reason().contains("RTM_F_CLONED"), raw.reason());
    }

    // ---- neighbours ----

    @Test
    void neighboursAreAddedChangedAndRemoved() {
        Tracker t = new Tracker(ALL);
        Neighbour n = Neighbour.builder(2, InetAddresses.parse("10.0.0.2"))
                .lladdr(MacAddress.parse("02:00:00:00:00:02")).build();
        assertInstanceOf(Event.NeighbourAdded.class, t.apply(request(NeighbourCodec.add(n))));
        Neighbour moved = n.toBuilder().lladdr(MacAddress.parse("02:00:00:00:00:03")).build();
        Event.NeighbourChanged changed = assertInstanceOf(Event.NeighbourChanged.class,
                t.apply(request(NeighbourCodec.replace(moved))));
        assertEquals("02:00:00:00:00:02", changed.before().lladdr().orElseThrow().toString());
        assertEquals("02:00:00:00:00:03", changed.after().lladdr().orElseThrow().toString());
        assertInstanceOf(Event.NeighbourRemoved.class, t.apply(request(NeighbourCodec.delete(moved))));
    }

    @Test
    void bridgeFdbEntriesOnTheNeighbourGroupAreRaw() {
        byte[] b = NeighbourCodec.add(Neighbour.builder(2, InetAddresses.parse("10.0.0.2")).build()).encode(0, 0);
        b[NLMSG_HDRLEN] = AF_BRIDGE;
        Event.Raw raw = assertInstanceOf(Event.Raw.class, new Tracker(ALL).apply(parse(b)));
        assertTrue(raw.reason().contains("AF_BRIDGE"), raw.reason());
    }

    // ---- resynchronisation ----

    @Test
    void theInitialResyncReportsEverythingAsAdded() {
        Tracker t = new Tracker(EnumSet.of(Kind.LINKS));
        Resynced r = t.resync(Resynced.Cause.INITIAL, dumps(List.of(link(Rtm.RTM_NEWLINK, 1, "lo", 65536),
                link(Rtm.RTM_NEWLINK, 2, "d0", 1500)), List.of(), List.of(), List.of()));
        assertEquals(Resynced.Cause.INITIAL, r.cause());
        assertEquals(List.of("lo", "d0"), r.snapshot().links().stream().map(l -> l.name()).toList());
        assertEquals(List.of("lo", "d0"), r.changes().stream()
                .map(c -> assertInstanceOf(Event.LinkAdded.class, c).link().name()).toList());
        assertEquals(EnumSet.of(Kind.LINKS), r.snapshot().kinds());
    }

    @Test
    void aResyncListsRemovalsFirstAndIgnoresCounters() {
        Tracker t = new Tracker(ALL);
        Address addr = Address.builder(4, IpPrefix.parse("10.0.0.1/24")).validLifetime(100).preferredLifetime(50)
                .build();
        Route route = Route.builder("192.0.2.0/24").gateway("10.0.0.2").build();
        Neighbour neigh = Neighbour.builder(4, InetAddresses.parse("10.0.0.2"))
                .lladdr(MacAddress.parse("02:00:00:00:00:02")).build();
        t.resync(Resynced.Cause.INITIAL, dumps(
                List.of(link(Rtm.RTM_NEWLINK, 1, "lo", 65536), link(Rtm.RTM_NEWLINK, 2, "d0", 1500),
                        link(Rtm.RTM_NEWLINK, 4, "gone", 1500)),
                List.of(request(AddressCodec.add(addr))), List.of(request(RouteCodec.add(route))),
                List.of(request(NeighbourCodec.add(neigh)))));
        // a notification carries statistics, which a dump does not
        RawAttribute stats = new RawAttribute(IFLA_STATS64, new byte[8]);
        assertInstanceOf(Event.LinkChanged.class, t.apply(link(Rtm.RTM_NEWLINK, Rtm.AF_UNSPEC, 1, "lo", 65536,
                List.of(stats))));

        Address aged = addr.toBuilder().validLifetime(90).preferredLifetime(40).build();
        Resynced r = t.resync(Resynced.Cause.OVERRUN, dumps(
                List.of(link(Rtm.RTM_NEWLINK, 1, "lo", 65536), link(Rtm.RTM_NEWLINK, 2, "d0", 9000),
                        link(Rtm.RTM_NEWLINK, 3, "new", 1500)),
                List.of(request(AddressCodec.add(aged))), List.of(), List.of()));

        List<Event.Change> changes = r.changes();
        assertEquals(5, changes.size(), changes.toString());
        assertEquals(neigh.destination(),
                assertInstanceOf(Event.NeighbourRemoved.class, changes.get(0)).neighbour().destination());
        assertEquals(route.destination(),
                assertInstanceOf(Event.RouteRemoved.class, changes.get(1)).route().destination());
        assertEquals("gone", assertInstanceOf(Event.LinkRemoved.class, changes.get(2)).link().name());
        Event.LinkChanged mtu = assertInstanceOf(Event.LinkChanged.class, changes.get(3));
        assertEquals(1500, mtu.before().mtu());
        assertEquals(9000, mtu.after().mtu());
        assertEquals("new", assertInstanceOf(Event.LinkAdded.class, changes.get(4)).link().name());
        // lo (statistics only) and the address (remaining lifetime only) are not listed as changed
        assertEquals(List.of("lo", "d0", "new"), r.snapshot().links().stream().map(l -> l.name()).toList());
        assertEquals(90, r.snapshot().addresses().getFirst().validLifetime().getAsLong());

        // the view is the snapshot now
        assertInstanceOf(Event.LinkAdded.class, t.apply(link(Rtm.RTM_NEWLINK, 4, "gone", 1500)));
        assertInstanceOf(Event.RouteAdded.class, t.apply(request(RouteCodec.add(route))));
    }

    @Test
    void undecodableDumpedMessagesAreKeptInTheSnapshot() {
        MessageWriter w = new MessageWriter();
        w.beginMessage(Rtm.RTM_NEWLINK, 0, 0, 0);
        w.put8(Rtm.AF_UNSPEC).put8(0).put16(1).put32(7).put32(0).put32(0);
        w.endMessage();
        Resynced r = new Tracker(ALL).resync(Resynced.Cause.INITIAL,
                dumps(List.of(parse(w.toByteArray()), link(Rtm.RTM_NEWLINK, 1, "lo", 65536)), List.of(), List.of(),
                        List.of()));
        assertEquals(1, r.snapshot().links().size());
        assertEquals(1, r.snapshot().undecoded().size());
        assertTrue(r.snapshot().undecoded().getFirst().error().isPresent());
    }

    // ---- helpers ----

    private static Tracker.Dumps dumps(List<Message> links, List<Message> addresses, List<Message> routes,
                                       List<Message> neighbours) {
        return new Tracker.Dumps(links, addresses, routes, neighbours);
    }

    private static Message link(int type, int index, String name, int mtu) {
        return link(type, Rtm.AF_UNSPEC, index, name, mtu, List.of());
    }

    /** An RTM_NEWLINK/RTM_DELLINK with the attributes the kernel always sends. */
    private static Message link(int type, int family, int index, String name, int mtu, List<RawAttribute> extra) {
        MessageWriter w = new MessageWriter();
        w.beginMessage(type, 0, 0, 0);
        w.put8(family).put8(0).put16(1).put32(index).put32(0).put32(0);
        w.string(IFLA_IFNAME, name);
        w.u32(IFLA_MTU, mtu);
        w.u32(IFLA_TXQLEN, 1000);
        w.u8(IFLA_OPERSTATE, 0);
        extra.forEach(w::raw);
        w.endMessage();
        return parse(w.toByteArray());
    }

    private static byte[] bytes(int type, byte[] payload) {
        MessageWriter w = new MessageWriter();
        w.beginMessage(type, 0, 0, 0);
        w.putBytes(payload);
        w.endMessage();
        return w.toByteArray();
    }

    /** A request read back as a message: notifications have the same layout. */
    private static Message request(Request r) {
        return parse(r.encode(0, 0));
    }

    private static Message parse(byte[] b) {
        List<Message> all = Message.parseAll(ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN));
        assertEquals(1, all.size());
        return all.getFirst();
    }
}
