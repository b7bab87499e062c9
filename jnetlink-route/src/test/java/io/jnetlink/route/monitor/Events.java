package io.jnetlink.route.monitor;

import io.jnetlink.route.link.Link;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Reads a monitor's events for a test and keeps a mirror of its links built only from those events, as an
 * application would. Waiting is bounded by a generous liveness guard that a working monitor never reaches;
 * no test asserts on how long anything took.
 */
final class Events {

    /** Liveness guard: how long to wait for an event that must come. */
    static final Duration GUARD = Duration.ofSeconds(20);

    private final Monitor monitor;
    private final List<Event> seen = new ArrayList<>();
    private final Map<Integer, Link> links = new LinkedHashMap<>();

    Events(Monitor monitor) {
        this.monitor = monitor;
    }

    /** The next event; fails when none comes within the guard. */
    Event next() {
        Optional<Event> e = monitor.next(GUARD);
        if (e.isEmpty()) {
            fail("no event within " + GUARD + "; the last ones were " + tail());
        }
        Event event = e.get();
        seen.add(event);
        mirror(event);
        return event;
    }

    /** The initial resync, which must be the first event. */
    Event.Resynced initial() {
        Event e = next();
        if (!(e instanceof Event.Resynced r) || r.cause() != Event.Resynced.Cause.INITIAL) {
            throw new AssertionError("the first event must be the initial Resynced, was " + e);
        }
        return r;
    }

    /**
     * Reads until a change of {@code type} matching {@code p} arrives, on its own or among a resync's changes
     * (a change made while notifications were lost is reported there).
     */
    <T extends Event.Change> T await(Class<T> type, Predicate<? super T> p) {
        while (true) {
            Event e = next();
            List<Event.Change> changes = switch (e) {
                case Event.Resynced r -> r.changes();
                case Event.Change c -> List.of(c);
                case Event.Raw _ -> List.of();
            };
            for (Event.Change c : changes) {
                if (type.isInstance(c) && p.test(type.cast(c))) {
                    return type.cast(c);
                }
            }
        }
    }

    /** Reads events until {@code done} holds (checked before each read). */
    void until(BooleanSupplier done) {
        while (!done.getAsBoolean()) {
            next();
        }
    }

    /** Reads until an event matching {@code p} arrives. */
    Event awaitEvent(Predicate<Event> p) {
        while (true) {
            Event e = next();
            if (p.test(e)) {
                return e;
            }
        }
    }

    /** The links as the events so far describe them, by index. */
    Map<Integer, Link> links() {
        return links;
    }

    List<Event> seen() {
        return seen;
    }

    private void mirror(Event e) {
        switch (e) {
            case Event.Resynced r -> {
                links.clear();
                r.snapshot().links().forEach(l -> links.put(l.index(), l));
            }
            case Event.LinkAdded(Link l) -> links.put(l.index(), l);
            case Event.LinkChanged(Link before, Link after) -> links.put(after.index(), after);
            case Event.LinkRemoved(Link l) -> links.remove(l.index());
            default -> {
            }
        }
    }

    private String tail() {
        return seen.subList(Math.max(0, seen.size() - 10), seen.size()).toString();
    }
}
