package io.jnetlink.route.monitor;

import io.jnetlink.core.Message;
import io.jnetlink.core.NetlinkProtocol;
import io.jnetlink.core.NetlinkSocket;
import io.jnetlink.core.Subscription;
import io.jnetlink.core.error.DumpInterruptedException;
import io.jnetlink.core.error.KernelException;
import io.jnetlink.core.ns.NetNs;
import io.jnetlink.route.address.AddressCodec;
import io.jnetlink.route.link.LinkCodec;
import io.jnetlink.route.monitor.Event.Resynced;
import io.jnetlink.route.neigh.NeighbourCodec;
import io.jnetlink.route.route.RouteCodec;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Follows links, addresses, routes and neighbours of one network namespace as they change: typed events
 * decoded from rtnetlink notifications, on top of a full snapshot. Equivalent to:
 * {@code ip monitor link address route neigh}, preceded by {@code ip link/address/route/neigh show}.
 * <pre>{@code
 * try (var monitor = Monitor.open(netns, EnumSet.of(Kind.LINKS, Kind.ADDRESSES_V4))) {
 *     while (running) {
 *         monitor.next(Duration.ofSeconds(1)).ifPresent(event -> {
 *             switch (event) {
 *                 case Event.Resynced r -> mirror.reset(r.snapshot());
 *                 case Event.LinkAdded(var link) -> mirror.put(link);
 *                 ...
 *             }
 *         });
 *     }
 * }
 * }</pre>
 *
 * <h2>Ordering and the snapshot</h2>
 * {@code open} joins the multicast groups first and only then dumps, so a change made at any moment after
 * {@code open} started is either in the dump or announced afterwards; nothing falls in between. The first
 * event is always a {@link Resynced} ({@link Resynced.Cause#INITIAL}) carrying that dump. Later events are
 * the kernel's notifications, one {@link Event.Change} per message, in the order the kernel sent them.
 * Notifications queued while the dump ran are delivered after it, so a change may show up both in a
 * snapshot and in the events right after it; applied in order, the events always lead to the kernel's
 * current state. Each kind's list in a snapshot comes from one consistent dump; the kinds are dumped one
 * after the other (links, addresses, routes, neighbours), not at one instant.
 *
 * <h2>Overruns</h2>
 * When the kernel drops notifications because the socket's receive buffer is full (ENOBUFS), the monitor
 * discards what was still queued (those messages predate the loss; applied after a new dump they could undo
 * changes it shows), dumps every followed kind again and delivers a {@link Resynced}
 * ({@link Resynced.Cause#OVERRUN}) holding the new snapshot and the {@link Event.Change}s that turn the state
 * reported until then into it. So no change of state is missed: it is either an event or part of a resync's
 * changes. Individual intermediate steps during the overrun (a link added and removed again) are not
 * reported. A resync's changes ignore differences in counters, timers and ages (link statistics, address
 * lifetimes, neighbour cache ages), which move without notification; bridge timers inside
 * {@link io.jnetlink.route.link.Link#kindData()} are not ignored and can show as a change.
 *
 * <h2>What the kernel does not announce</h2>
 * The monitor reports what the kernel sends, and does not guess. IPv4 removes routes through a link that goes
 * down or away without any RTM_DELROUTE; they stay in the monitor's state until the next resync reports them
 * removed. Proxy neighbour entries ({@code ip neigh add proxy}) are not announced and not in snapshots.
 * Messages the monitor does not decode into a change, such as bridge port (AF_BRIDGE) link messages, bridge
 * FDB entries on the neighbour group and cached routes, arrive as {@link Event.Raw}, never dropped.
 *
 * <h2>Threads</h2>
 * One reader at a time calls {@link #next(Duration)} or {@link #run(Consumer)}; concurrent readers are
 * serialised. {@link #close()} may be called from any thread (also from a {@code run} handler) and wakes a
 * blocked reader, which then returns empty.
 */
public final class Monitor implements AutoCloseable {

    /**
     * How to open a monitor.
     *
     * @param kinds              what to follow; at least one kind
     * @param receiveBufferBytes SO_RCVBUF of the notification socket (SO_RCVBUFFORCE when privileged; the
     *                           kernel doubles it); 0 keeps the system default (net.core.rmem_default). Larger
     *                           buffers make overruns, and so resyncs, rarer.
     */
    public record Options(Set<Kind> kinds, int receiveBufferBytes) {

        /** 4 MiB, as for request sockets: bursts of thousands of notifications fit. */
        public static final int DEFAULT_RECEIVE_BUFFER_BYTES = 4 << 20;

        public Options {
            Objects.requireNonNull(kinds, "kinds");
            if (kinds.isEmpty()) {
                throw new IllegalArgumentException("kinds must name at least one kind to follow");
            }
            kinds = Collections.unmodifiableSet(EnumSet.copyOf(kinds));
            if (receiveBufferBytes < 0) {
                throw new IllegalArgumentException("receiveBufferBytes must not be negative: " + receiveBufferBytes);
            }
        }

        /** The given kinds with the default 4 MiB receive buffer. */
        public static Options of(Set<Kind> kinds) {
            return new Options(kinds, DEFAULT_RECEIVE_BUFFER_BYTES);
        }

        /** Every kind with the default receive buffer. */
        public static Options all() {
            return of(EnumSet.allOf(Kind.class));
        }

        public Options withReceiveBufferBytes(int bytes) {
            return new Options(kinds, bytes);
        }
    }

    /**
     * Discarding after an overrun stops once nothing arrived for this long: the socket was then empty, so every
     * notification queued before the loss is gone.
     */
    private static final Duration DRAIN_QUIET = Duration.ofMillis(1);
    /** How long {@link #run} waits per round; {@link #close()} wakes it at once. */
    private static final Duration RUN_WAIT = Duration.ofMinutes(1);

    private final Options options;
    private final Subscription subscription;
    private final NetlinkSocket socket;
    private final Tracker tracker;
    private final AtomicBoolean closed = new AtomicBoolean();
    /** Held by the reader; close() takes it before closing the dump socket. */
    private final ReentrantLock readLock = new ReentrantLock();
    /** Guarded by readLock: events ready for delivery (the initial resync). */
    private final ArrayDeque<Event> ready = new ArrayDeque<>();
    /** Guarded by readLock: an overrun was seen and its resync has not succeeded yet. */
    private boolean resyncPending;
    /** Written by the reader only; volatile so that other threads can read them without waiting for it. */
    private volatile long overruns;
    private volatile long discarded;

    private Monitor(Options options, Subscription subscription, NetlinkSocket socket) {
        this.options = options;
        this.subscription = subscription;
        this.socket = socket;
        this.tracker = new Tracker(options.kinds());
    }

    /** Follows {@code kinds} in the namespace {@code netns}, which may be closed afterwards. */
    public static Monitor open(NetNs netns, Set<Kind> kinds) {
        return open(netns, Options.of(kinds));
    }

    /**
     * Follows the kinds of {@code options} in the namespace {@code netns}: subscribes, then dumps. The
     * namespace handle may be closed afterwards; the monitor's sockets stay in the namespace.
     *
     * @throws io.jnetlink.core.error.NetlinkException when subscribing or the initial dump fails
     */
    public static Monitor open(NetNs netns, Options options) {
        Objects.requireNonNull(netns, "netns");
        Objects.requireNonNull(options, "options");
        return start(options,
                () -> netns.subscribeWithBuffer(NetlinkProtocol.ROUTE, options.receiveBufferBytes(), groups(options)),
                () -> netns.openSocket(NetlinkProtocol.ROUTE));
    }

    /** Follows {@code kinds} in the calling thread's namespace. */
    public static Monitor open(Set<Kind> kinds) {
        return open(Options.of(kinds));
    }

    /** Follows the kinds of {@code options} in the calling thread's namespace: subscribes, then dumps. */
    public static Monitor open(Options options) {
        Objects.requireNonNull(options, "options");
        return start(options,
                () -> Subscription.openWithBuffer(NetlinkProtocol.ROUTE, options.receiveBufferBytes(), groups(options)),
                () -> NetlinkSocket.open(NetlinkProtocol.ROUTE));
    }

    private static int[] groups(Options options) {
        return options.kinds().stream().mapToInt(Kind::group).toArray();
    }

    private static Monitor start(Options options, Supplier<Subscription> subscribe, Supplier<NetlinkSocket> open) {
        // Subscribe before dumping: a change during the dump is then queued as a notification, not lost.
        Subscription subscription = subscribe.get();
        NetlinkSocket socket;
        try {
            socket = open.get();
        } catch (RuntimeException e) {
            subscription.close();
            throw e;
        }
        Monitor monitor = new Monitor(options, subscription, socket);
        monitor.readLock.lock();
        try {
            monitor.ready.add(monitor.dumpAll(Resynced.Cause.INITIAL));
        } catch (RuntimeException e) {
            monitor.close();
            throw e;
        } finally {
            monitor.readLock.unlock();
        }
        return monitor;
    }

    /** The kinds this monitor follows. */
    public Set<Kind> kinds() {
        return options.kinds();
    }

    /** The options it was opened with. */
    public Options options() {
        return options;
    }

    /**
     * Waits up to {@code timeout} for the next event. Returns empty when the timeout passed without one, or
     * once the monitor is closed (see {@link #isOpen()}). A zero timeout still looks once at what the kernel
     * has queued. After an overrun this call does the resync (a few dumps) before returning.
     *
     * @throws DumpInterruptedException when a resync's dump kept being interrupted; the next call retries it
     * @throws KernelException          when the kernel refuses a resync's dump; the next call retries it
     */
    public Optional<Event> next(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        long deadline = System.nanoTime() + saturatedNanos(timeout);
        readLock.lock();
        try {
            boolean looked = false;
            while (!closed.get()) {
                Event queued = ready.poll();
                if (queued != null) {
                    return Optional.of(queued);
                }
                if (resyncPending) {
                    discardQueued();
                    if (closed.get()) {
                        break;
                    }
                    Resynced r = dumpAll(Resynced.Cause.OVERRUN);
                    resyncPending = false;
                    return Optional.of(r);
                }
                long left = deadline - System.nanoTime();
                if (left <= 0 && looked) {
                    return Optional.empty();
                }
                looked = true;
                // Subscription.next never reads the socket when its timeout has already run out by the time it
                // checks, so even a zero timeout is passed on as a short wait.
                Optional<Subscription.Event> e =
                        subscription.next(Duration.ofNanos(Math.max(left, DRAIN_QUIET.toNanos())));
                if (e.isEmpty()) {
                    continue; // timed out, or closed meanwhile: the loop decides which
                }
                switch (e.get()) {
                    case Subscription.Overrun _ -> {
                        overruns++;
                        resyncPending = true;
                    }
                    case Subscription.Notification n -> {
                        return Optional.of(tracker.apply(n.message()));
                    }
                }
            }
            return Optional.empty();
        } finally {
            readLock.unlock();
        }
    }

    /**
     * Delivers events to {@code handler} on the calling thread until {@link #close()}, then returns. Run it on
     * a thread or executor of the caller's choosing; a handler's exception ends the loop and propagates, the
     * monitor staying open.
     */
    public void run(Consumer<? super Event> handler) {
        Objects.requireNonNull(handler, "handler");
        while (!closed.get()) {
            next(RUN_WAIT).ifPresent(handler);
        }
    }

    /** Whether {@link #close()} has not been called yet. */
    public boolean isOpen() {
        return !closed.get();
    }

    /** How many receive-buffer overruns the kernel reported so far, each answered by a resync. */
    public long overruns() {
        return overruns;
    }

    /** How many queued notifications were discarded after overruns, their content being re-read by a dump. */
    public long discarded() {
        return discarded;
    }

    /**
     * Stops following: wakes a reader blocked in {@link #next(Duration)} (it returns empty), waits until it
     * has left, and closes both sockets. May be called from any thread, also from a {@link #run} handler.
     * Idempotent.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        subscription.close();
        readLock.lock();
        try {
            socket.close();
        } finally {
            readLock.unlock();
        }
    }

    @Override
    public String toString() {
        return "Monitor" + options.kinds() + (closed.get() ? "[closed]" : "");
    }

    // ---- resynchronisation ----

    /**
     * After an overrun the queue holds notifications from before the loss. Applied after the new dump they
     * would roll back what it shows (a link added before the loss and removed during it would come back), so
     * everything queued until the socket is quiet goes; later notifications are newer than the dump's start.
     */
    private void discardQueued() {
        while (!closed.get()) {
            Optional<Subscription.Event> e = subscription.next(DRAIN_QUIET);
            if (e.isEmpty()) {
                return;
            }
            switch (e.get()) {
                case Subscription.Overrun _ -> overruns++;
                case Subscription.Notification _ -> discarded++;
            }
        }
    }

    /** Dumps every followed kind and hands the result to the tracker. */
    private Resynced dumpAll(Resynced.Cause cause) {
        Set<Kind> k = options.kinds();
        List<Message> links = k.contains(Kind.LINKS) ? socket.dump(LinkCodec.dump()) : List.of();
        List<Message> addresses = k.contains(Kind.ADDRESSES_V4) || k.contains(Kind.ADDRESSES_V6)
                ? socket.dump(AddressCodec.dump()) : List.of();
        List<Message> routes = k.contains(Kind.ROUTES_V4) || k.contains(Kind.ROUTES_V6)
                ? socket.dump(RouteCodec.dump()) : List.of();
        List<Message> neighbours = k.contains(Kind.NEIGHBOURS) ? socket.dump(NeighbourCodec.dump()) : List.of();
        return tracker.resync(cause, new Tracker.Dumps(links, addresses, routes, neighbours));
    }

    private static long saturatedNanos(Duration d) {
        if (d.isNegative()) {
            return 0;
        }
        try {
            return d.toNanos();
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE / 2; // centuries: as good as forever, and deadline arithmetic cannot overflow
        }
    }
}
