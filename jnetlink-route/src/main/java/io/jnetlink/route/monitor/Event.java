package io.jnetlink.route.monitor;

import io.jnetlink.core.Message;
import io.jnetlink.core.error.DecodeException;
import io.jnetlink.route.Rtm;
import io.jnetlink.route.address.Address;
import io.jnetlink.route.link.Link;
import io.jnetlink.route.neigh.Neighbour;
import io.jnetlink.route.route.Route;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a {@link Monitor} delivers: a {@link Change} to one object, a {@link Resynced} snapshot of everything
 * followed, or a {@link Raw} message the monitor could not (or does not) decode.
 * <pre>{@code
 * switch (event) {
 *     case Event.LinkAdded(var link) -> ...
 *     case Event.LinkChanged(var before, var after) -> ...
 *     case Event.Resynced r -> mirror.replaceWith(r.snapshot());
 *     ...
 * }
 * }</pre>
 */
public sealed interface Event permits Event.Change, Event.Resynced, Event.Raw {

    /**
     * A change to one object. Delivered on its own for each notification the kernel sends, and in
     * {@link Resynced#changes()} for what a resynchronisation found.
     *
     * <p>Added versus Changed is the monitor's view: an RTM_NEW* for an object it did not know is an addition,
     * one for an object it knew is a change ({@code before} is the last version the monitor reported). Removed
     * carries the object as the kernel described it in its RTM_DEL* message; it is reported even when the
     * monitor did not know the object.
     */
    sealed interface Change extends Event permits LinkAdded, LinkChanged, LinkRemoved, AddressAdded, AddressChanged,
            AddressRemoved, RouteAdded, RouteChanged, RouteRemoved, NeighbourAdded, NeighbourChanged,
            NeighbourRemoved {
    }

    /** A new link (RTM_NEWLINK for an unknown index), e.g. after {@code ip link add}. */
    record LinkAdded(Link link) implements Change {
        public LinkAdded {
            Objects.requireNonNull(link, "link");
        }
    }

    /** A link changed (RTM_NEWLINK for a known index): flags, MTU, name, master, ... */
    record LinkChanged(Link before, Link after) implements Change {
        public LinkChanged {
            Objects.requireNonNull(before, "before");
            Objects.requireNonNull(after, "after");
        }
    }

    /** A link went away (RTM_DELLINK): deleted, or moved to another namespace. */
    record LinkRemoved(Link link) implements Change {
        public LinkRemoved {
            Objects.requireNonNull(link, "link");
        }
    }

    /** A new IPv4 or IPv6 address (RTM_NEWADDR). */
    record AddressAdded(Address address) implements Change {
        public AddressAdded {
            Objects.requireNonNull(address, "address");
        }
    }

    /** An address changed: flags (IPv6 duplicate address detection finished), lifetimes, ... */
    record AddressChanged(Address before, Address after) implements Change {
        public AddressChanged {
            Objects.requireNonNull(before, "before");
            Objects.requireNonNull(after, "after");
        }
    }

    /** An address went away (RTM_DELADDR). */
    record AddressRemoved(Address address) implements Change {
        public AddressRemoved {
            Objects.requireNonNull(address, "address");
        }
    }

    /** A new route in any table (RTM_NEWROUTE). */
    record RouteAdded(Route route) implements Change {
        public RouteAdded {
            Objects.requireNonNull(route, "route");
        }
    }

    /** A route was replaced ({@code ip route replace}) or its next hops changed state. */
    record RouteChanged(Route before, Route after) implements Change {
        public RouteChanged {
            Objects.requireNonNull(before, "before");
            Objects.requireNonNull(after, "after");
        }
    }

    /** A route went away (RTM_DELROUTE). */
    record RouteRemoved(Route route) implements Change {
        public RouteRemoved {
            Objects.requireNonNull(route, "route");
        }
    }

    /** A new ARP or NDP entry (RTM_NEWNEIGH). */
    record NeighbourAdded(Neighbour neighbour) implements Change {
        public NeighbourAdded {
            Objects.requireNonNull(neighbour, "neighbour");
        }
    }

    /** A neighbour changed: its state (REACHABLE to STALE, ...), link-layer address or flags. */
    record NeighbourChanged(Neighbour before, Neighbour after) implements Change {
        public NeighbourChanged {
            Objects.requireNonNull(before, "before");
            Objects.requireNonNull(after, "after");
        }
    }

    /** A neighbour entry went away (RTM_DELNEIGH). */
    record NeighbourRemoved(Neighbour neighbour) implements Change {
        public NeighbourRemoved {
            Objects.requireNonNull(neighbour, "neighbour");
        }
    }

    /**
     * The full current state of every followed kind, freshly dumped, and how it differs from what the monitor
     * had reported until then. The first event of every monitor is one ({@link Cause#INITIAL}, every object
     * as added); later ones follow a receive-buffer overrun ({@link Cause#OVERRUN}), after which notifications
     * were lost and only a dump can tell the truth.
     *
     * @param cause    why the state was dumped
     * @param snapshot everything followed, as the kernel listed it just now
     * @param changes  what turns the previously reported state into {@code snapshot}: removals first
     *                 (neighbours, routes, addresses, links), then additions and changes (links, addresses,
     *                 routes, neighbours). Changes of counters, timers and ages alone are not listed.
     */
    record Resynced(Cause cause, Snapshot snapshot, List<Change> changes) implements Event {

        /** Why a {@link Resynced} was delivered. */
        public enum Cause {
            /** The dump taken when the monitor was opened, after it had subscribed. */
            INITIAL,
            /** The kernel dropped notifications because the receive buffer was full (ENOBUFS). */
            OVERRUN
        }

        public Resynced {
            Objects.requireNonNull(cause, "cause");
            Objects.requireNonNull(snapshot, "snapshot");
            changes = List.copyOf(changes);
        }
    }

    /**
     * A notification the monitor does not turn into a {@link Change}, delivered rather than dropped: a message
     * type it does not model, a family it does not model (bridge port information and bridge FDB entries have
     * family AF_BRIDGE), a cached route (RTM_F_CLONED), or a message that failed to decode.
     *
     * @param message the message as received
     * @param reason  why it was not decoded, for logs
     * @param error   the decoding failure, when that is the reason
     */
    record Raw(Message message, String reason, Optional<DecodeException> error) implements Event {
        public Raw {
            Objects.requireNonNull(message, "message");
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(error, "error");
        }

        /** The message type's name, e.g. {@code RTM_NEWLINK}. */
        public String typeName() {
            return Rtm.name(message.type());
        }
    }
}
