package io.jnetlink.route.monitor;

import io.jnetlink.core.Message;
import io.jnetlink.core.codec.RawAttribute;
import io.jnetlink.core.error.DecodeException;
import io.jnetlink.core.net.IpPrefix;
import io.jnetlink.route.Rtm;
import io.jnetlink.route.address.Address;
import io.jnetlink.route.address.AddressCodec;
import io.jnetlink.route.link.Link;
import io.jnetlink.route.link.LinkCodec;
import io.jnetlink.route.monitor.Event.Change;
import io.jnetlink.route.monitor.Event.Resynced;
import io.jnetlink.route.neigh.Neighbour;
import io.jnetlink.route.neigh.NeighbourCodec;
import io.jnetlink.route.route.Route;
import io.jnetlink.route.route.RouteCodec;
import io.jnetlink.route.route.RouteFlags;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * The monitor's view of the kernel: what it last reported for every followed object, keyed the way the kernel
 * identifies objects. It turns a notification into an {@link Event} (an RTM_NEW* for an unknown key is an
 * addition, for a known key a change) and compares a fresh dump with what was reported.
 *
 * <p>Not thread-safe: {@link Monitor} uses it under its reader lock.
 */
final class Tracker {

    // linux/if_link.h: attributes a notification carries and a dump with RTEXT_FILTER_SKIP_STATS does not
    // (counters), or that mark one notification (IFLA_EVENT, the netns-move ones). Ignored when a dump is
    // compared with what notifications reported.
    static final int IFLA_STATS = 7;
    static final int IFLA_NUM_VF = 21;
    static final int IFLA_VFINFO_LIST = 22;
    static final int IFLA_STATS64 = 23;
    /** Per-family data; for IPv6 it holds counters and timestamps, and sysctl changes do not send RTM_NEWLINK. */
    static final int IFLA_AF_SPEC = 26;
    static final int IFLA_EVENT = 44;
    static final int IFLA_NEW_NETNSID = 45;
    static final int IFLA_TARGET_NETNSID = 46;
    static final int IFLA_NEW_IFINDEX = 49;
    private static final Set<Integer> VOLATILE_LINK_ATTRIBUTES = Set.of(IFLA_STATS, IFLA_NUM_VF, IFLA_VFINFO_LIST,
            IFLA_STATS64, IFLA_AF_SPEC, IFLA_EVENT, IFLA_NEW_NETNSID, IFLA_TARGET_NETNSID, IFLA_NEW_IFINDEX);

    // linux/rtnetlink.h: enum rtattr_type_t
    static final int RTA_SRC = 2;
    /** IPv6 routes carry usage counters and the remaining lifetime here. */
    static final int RTA_CACHEINFO = 12;
    static final int RTA_EXPIRES = 23;
    private static final Set<Integer> VOLATILE_ROUTE_ATTRIBUTES = Set.of(RTA_CACHEINFO, RTA_EXPIRES);

    // linux/rtnetlink.h: struct ifinfomsg starts with ifi_family (u8); struct rtmsg has rtm_src_len (u8) at 2
    private static final int IFI_FAMILY = 0;
    private static final int RTM_SRC_LEN = 2;

    /** The kernel's identity of an IPv4 address is local, prefix length and peer; of an IPv6 one, the address. */
    private record AddressKey(int index, InetAddress local, int prefixLength, Optional<InetAddress> peer) {
        static AddressKey of(Address a) {
            return a.local().isIpv4()
                    ? new AddressKey(a.index(), a.local().address(), a.local().length(), a.peer())
                    : new AddressKey(a.index(), a.local().address(), -1, Optional.empty());
        }
    }

    /**
     * What a route replace or delete matches: table, destination, source prefix, TOS and metric. IPv4 routes
     * that differ only in their next hops ({@code ip route append}) share a key.
     */
    private record RouteKey(int family, int table, IpPrefix destination, int sourceLength, String source, int tos,
                            OptionalInt metric) {
        static RouteKey of(Message m, Route r) {
            ByteBuffer h = m.payload();
            int sourceLength = h.remaining() > RTM_SRC_LEN ? Byte.toUnsignedInt(h.get(RTM_SRC_LEN)) : 0;
            String source = r.unknown().stream().filter(a -> a.type() == RTA_SRC).findFirst()
                    .map(a -> HexFormat.of().formatHex(a.payload())).orElse("");
            return new RouteKey(r.family(), r.table(), r.destination(), sourceLength, source, r.tos(),
                    r.metric().isPresent() ? r.metric() : OptionalInt.of(0));
        }
    }

    /** A neighbour is one address on one link; proxy entries live in a table of their own. */
    private record NeighbourKey(int index, InetAddress destination, boolean proxy) {
        static NeighbourKey of(Neighbour n) {
            return new NeighbourKey(n.index(), n.destination(), n.isProxy());
        }
    }

    /** Messages of one dump per followed kind (addresses and routes: both families in one dump). */
    record Dumps(List<Message> links, List<Message> addresses, List<Message> routes, List<Message> neighbours) {
    }

    private final Set<Kind> kinds;
    private Map<Integer, Link> links = new LinkedHashMap<>();
    private Map<AddressKey, Address> addresses = new LinkedHashMap<>();
    private Map<RouteKey, Route> routes = new LinkedHashMap<>();
    private Map<NeighbourKey, Neighbour> neighbours = new LinkedHashMap<>();

    Tracker(Set<Kind> kinds) {
        this.kinds = Set.copyOf(kinds);
    }

    // ---- notifications ----

    /** The event for one notification; updates the view. Never throws for a malformed message: that is Raw. */
    Event apply(Message m) {
        try {
            return switch (m.type()) {
                case Rtm.RTM_NEWLINK, Rtm.RTM_DELLINK -> link(m);
                case Rtm.RTM_NEWADDR, Rtm.RTM_DELADDR -> address(m);
                case Rtm.RTM_NEWROUTE, Rtm.RTM_DELROUTE -> route(m);
                case Rtm.RTM_NEWNEIGH, Rtm.RTM_DELNEIGH -> neighbour(m);
                default -> raw(m, "message type " + Rtm.name(m.type()) + " is not modelled");
            };
        } catch (DecodeException e) {
            return new Event.Raw(m, Rtm.name(m.type()) + " failed to decode: " + e.getMessage(), Optional.of(e));
        }
    }

    private Event link(Message m) {
        ByteBuffer p = m.payload();
        int family = p.remaining() > IFI_FAMILY ? Byte.toUnsignedInt(p.get(IFI_FAMILY)) : Rtm.AF_UNSPEC;
        if (family != Rtm.AF_UNSPEC) {
            // AF_BRIDGE: a bridge port's VLANs and port settings, not the link itself (its RTM_DELLINK only
            // means the link left the bridge).
            return raw(m, Rtm.name(m.type()) + " of family " + family
                    + " describes per-family link data, not the link");
        }
        if (!kinds.contains(Kind.LINKS)) {
            return raw(m, "links are not followed");
        }
        Link l = LinkCodec.decode(m);
        if (m.type() == Rtm.RTM_DELLINK) {
            links.remove(l.index());
            return new Event.LinkRemoved(l);
        }
        Link before = links.put(l.index(), l);
        return before == null ? new Event.LinkAdded(l) : new Event.LinkChanged(before, l);
    }

    private Event address(Message m) {
        if (!AddressCodec.isIpAddress(m)) {
            return raw(m, Rtm.name(m.type()) + " of a family other than AF_INET and AF_INET6");
        }
        Address a = AddressCodec.decode(m);
        if (!kinds.contains(a.local().isIpv4() ? Kind.ADDRESSES_V4 : Kind.ADDRESSES_V6)) {
            return raw(m, "addresses of this family are not followed");
        }
        AddressKey key = AddressKey.of(a);
        if (m.type() == Rtm.RTM_DELADDR) {
            addresses.remove(key);
            return new Event.AddressRemoved(a);
        }
        Address before = addresses.put(key, a);
        return before == null ? new Event.AddressAdded(a) : new Event.AddressChanged(before, a);
    }

    private Event route(Message m) {
        if (!RouteCodec.isIpRoute(m)) {
            return raw(m, Rtm.name(m.type()) + " of a family other than AF_INET and AF_INET6");
        }
        Route r = RouteCodec.decode(m);
        if ((r.flags() & RouteFlags.CLONED) != 0) {
            return raw(m, "a cached route (RTM_F_CLONED) is not part of a routing table");
        }
        if (!kinds.contains(r.family() == Rtm.AF_INET ? Kind.ROUTES_V4 : Kind.ROUTES_V6)) {
            return raw(m, "routes of this family are not followed");
        }
        RouteKey key = RouteKey.of(m, r);
        if (m.type() == Rtm.RTM_DELROUTE) {
            routes.remove(key);
            return new Event.RouteRemoved(r);
        }
        Route before = routes.put(key, r);
        return before == null ? new Event.RouteAdded(r) : new Event.RouteChanged(before, r);
    }

    private Event neighbour(Message m) {
        if (!NeighbourCodec.isNeighbour(m)) {
            return raw(m, Rtm.name(m.type()) + " of a family other than AF_INET and AF_INET6 (AF_BRIDGE: a bridge"
                    + " forwarding database entry)");
        }
        if (!kinds.contains(Kind.NEIGHBOURS)) {
            return raw(m, "neighbours are not followed");
        }
        Neighbour n = NeighbourCodec.decode(m);
        NeighbourKey key = NeighbourKey.of(n);
        if (m.type() == Rtm.RTM_DELNEIGH) {
            neighbours.remove(key);
            return new Event.NeighbourRemoved(n);
        }
        Neighbour before = neighbours.put(key, n);
        return before == null ? new Event.NeighbourAdded(n) : new Event.NeighbourChanged(before, n);
    }

    private static Event.Raw raw(Message m, String reason) {
        return new Event.Raw(m, reason, Optional.empty());
    }

    // ---- resynchronisation ----

    /**
     * Replaces the view with the dumped state and returns it with the changes from the previous view. Nothing
     * is modified when decoding throws (it does not: undecodable messages land in {@link Snapshot#undecoded()}).
     */
    Resynced resync(Resynced.Cause cause, Dumps dumps) {
        List<Event.Raw> undecoded = new ArrayList<>();
        Map<Integer, Link> newLinks = new LinkedHashMap<>();
        Map<AddressKey, Address> newAddresses = new LinkedHashMap<>();
        Map<RouteKey, Route> newRoutes = new LinkedHashMap<>();
        Map<NeighbourKey, Neighbour> newNeighbours = new LinkedHashMap<>();

        for (Message m : dumps.links()) {
            if (m.type() == Rtm.RTM_NEWLINK) {
                decodeInto(m, undecoded, () -> {
                    Link l = LinkCodec.decode(m);
                    newLinks.put(l.index(), l);
                });
            }
        }
        for (Message m : dumps.addresses()) {
            if (AddressCodec.isIpAddress(m)) {
                decodeInto(m, undecoded, () -> {
                    Address a = AddressCodec.decode(m);
                    if (kinds.contains(a.local().isIpv4() ? Kind.ADDRESSES_V4 : Kind.ADDRESSES_V6)) {
                        newAddresses.put(AddressKey.of(a), a);
                    }
                });
            }
        }
        for (Message m : dumps.routes()) {
            if (RouteCodec.isIpRoute(m)) {
                decodeInto(m, undecoded, () -> {
                    Route r = RouteCodec.decode(m);
                    if ((r.flags() & RouteFlags.CLONED) == 0
                            && kinds.contains(r.family() == Rtm.AF_INET ? Kind.ROUTES_V4 : Kind.ROUTES_V6)) {
                        newRoutes.put(RouteKey.of(m, r), r);
                    }
                });
            }
        }
        for (Message m : dumps.neighbours()) {
            if (NeighbourCodec.isNeighbour(m)) {
                decodeInto(m, undecoded, () -> {
                    Neighbour n = NeighbourCodec.decode(m);
                    newNeighbours.put(NeighbourKey.of(n), n);
                });
            }
        }

        List<Change> removedNeighbours = new ArrayList<>();
        List<Change> removedRoutes = new ArrayList<>();
        List<Change> removedAddresses = new ArrayList<>();
        List<Change> removedLinks = new ArrayList<>();
        List<Change> updated = new ArrayList<>();
        diff(links, newLinks, Tracker::stable, Event.LinkRemoved::new, Event.LinkAdded::new,
                Event.LinkChanged::new, removedLinks, updated);
        diff(addresses, newAddresses, Tracker::stable, Event.AddressRemoved::new, Event.AddressAdded::new,
                Event.AddressChanged::new, removedAddresses, updated);
        diff(routes, newRoutes, Tracker::stable, Event.RouteRemoved::new, Event.RouteAdded::new,
                Event.RouteChanged::new, removedRoutes, updated);
        diff(neighbours, newNeighbours, Tracker::stable, Event.NeighbourRemoved::new, Event.NeighbourAdded::new,
                Event.NeighbourChanged::new, removedNeighbours, updated);
        List<Change> changes = new ArrayList<>();
        changes.addAll(removedNeighbours);
        changes.addAll(removedRoutes);
        changes.addAll(removedAddresses);
        changes.addAll(removedLinks);
        changes.addAll(updated);

        links = newLinks;
        addresses = newAddresses;
        routes = newRoutes;
        neighbours = newNeighbours;
        Snapshot snapshot = new Snapshot(kinds, List.copyOf(newLinks.values()), List.copyOf(newAddresses.values()),
                List.copyOf(newRoutes.values()), List.copyOf(newNeighbours.values()), undecoded);
        return new Resynced(cause, snapshot, changes);
    }

    private static void decodeInto(Message m, List<Event.Raw> undecoded, Runnable decode) {
        try {
            decode.run();
        } catch (DecodeException e) {
            undecoded.add(new Event.Raw(m, "dumped " + Rtm.name(m.type()) + " failed to decode: " + e.getMessage(),
                    Optional.of(e)));
        }
    }

    /** Appends removals to {@code removals}, additions and changes (in {@code now}'s order) to {@code updated}. */
    private static <K, V> void diff(Map<K, V> before, Map<K, V> now, UnaryOperator<V> stable,
                                    Function<V, Change> removed, Function<V, Change> added,
                                    BiFunction<V, V, Change> changed, List<Change> removals, List<Change> updated) {
        for (Map.Entry<K, V> e : before.entrySet()) {
            if (!now.containsKey(e.getKey())) {
                removals.add(removed.apply(e.getValue()));
            }
        }
        for (Map.Entry<K, V> e : now.entrySet()) {
            V old = before.get(e.getKey());
            if (old == null) {
                updated.add(added.apply(e.getValue()));
            } else if (!stable.apply(old).equals(stable.apply(e.getValue()))) {
                updated.add(changed.apply(old, e.getValue()));
            }
        }
    }

    // ---- what a comparison ignores: counters, timers, ages ----

    static Link stable(Link l) {
        List<RawAttribute> kept = without(l.unknown(), VOLATILE_LINK_ATTRIBUTES);
        if (kept.size() == l.unknown().size()) {
            return l;
        }
        return new Link(l.index(), l.name(), l.kind(), l.flags(), l.mtu(), l.address(), l.broadcast(), l.master(),
                l.link(), l.linkNetnsId(), l.operState(), l.alias(), l.altNames(), l.type(), l.txQueueLength(),
                l.qdisc(), l.minMtu(), l.maxMtu(), l.kindData(), l.slaveKind(), l.slaveData(), kept);
    }

    /** Remaining lifetimes count down: only whether they are finite is compared. */
    static Address stable(Address a) {
        boolean finite = a.validLifetime().isPresent();
        OptionalLong valid = finite ? OptionalLong.of(0) : OptionalLong.empty();
        OptionalLong preferred = finite || a.preferredLifetime().isPresent()
                ? OptionalLong.of(0) : OptionalLong.empty();
        return new Address(a.index(), a.local(), a.peer(), a.broadcast(), a.label(), a.scope(), a.flags(), valid,
                preferred, a.unknown());
    }

    static Route stable(Route r) {
        List<RawAttribute> kept = without(r.unknown(), VOLATILE_ROUTE_ATTRIBUTES);
        if (kept.size() == r.unknown().size()) {
            return r;
        }
        return new Route(r.family(), r.destination(), r.gateway(), r.outputIndex(), r.table(), r.metric(), r.scope(),
                r.protocol(), r.type(), r.preferredSource(), r.flags(), r.tos(), kept);
    }

    /** Probes and cache ages are kernel bookkeeping that changes without a notification. */
    static Neighbour stable(Neighbour n) {
        return new Neighbour(n.index(), n.destination(), n.lladdr(), n.state(), n.flags(), n.type(), n.protocol(),
                OptionalInt.empty(), Optional.empty(), n.unknown());
    }

    private static List<RawAttribute> without(List<RawAttribute> attributes, Set<Integer> types) {
        return attributes.stream().filter(a -> !types.contains(a.type())).toList();
    }
}
