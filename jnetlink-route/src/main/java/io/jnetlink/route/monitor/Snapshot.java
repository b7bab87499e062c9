package io.jnetlink.route.monitor;

import io.jnetlink.route.address.Address;
import io.jnetlink.route.link.Link;
import io.jnetlink.route.neigh.Neighbour;
import io.jnetlink.route.route.Route;

import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Everything a {@link Monitor} follows, as dumped from the kernel in one go: each kind's list comes from one
 * consistent dump (in kernel order), the kinds one after the other. Lists of kinds not followed are empty.
 *
 * @param kinds      the kinds this snapshot covers
 * @param links      every link ({@code ip link show})
 * @param addresses  every address of the followed families ({@code ip address show})
 * @param routes     every route of the followed families in every table, without cached clones
 *                   ({@code ip route show table all})
 * @param neighbours every ARP and NDP entry in every state, without proxy entries ({@code ip neigh show nud all})
 * @param undecoded  dumped messages that failed to decode, kept rather than dropped
 */
public record Snapshot(Set<Kind> kinds, List<Link> links, List<Address> addresses, List<Route> routes,
                       List<Neighbour> neighbours, List<Event.Raw> undecoded) {

    public Snapshot {
        kinds = Collections.unmodifiableSet(kinds.isEmpty() ? EnumSet.noneOf(Kind.class) : EnumSet.copyOf(kinds));
        links = List.copyOf(links);
        addresses = List.copyOf(addresses);
        routes = List.copyOf(routes);
        neighbours = List.copyOf(neighbours);
        undecoded = List.copyOf(undecoded);
    }

    /** The link with this name, if there is one. */
    public Optional<Link> link(String name) {
        return links.stream().filter(l -> l.name().equals(name)).findFirst();
    }

    /** The link with this index, if there is one. */
    public Optional<Link> link(int index) {
        return links.stream().filter(l -> l.index() == index).findFirst();
    }
}
