package io.jnetlink.nftables.log;

import io.jnetlink.core.Message;
import io.jnetlink.core.NetlinkProtocol;
import io.jnetlink.core.Subscription;
import io.jnetlink.core.error.Errno;
import io.jnetlink.core.error.KernelException;
import io.jnetlink.core.ns.NetNs;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Receives the packets that rules with {@code log group N} send to nfnetlink_log, in-process:
 * <pre>{@code
 * try (Nflog log = Nflog.open(netns, 5)) {
 *     Optional<NflogRecord> r = log.receive(Duration.ofSeconds(1));
 * }
 * }</pre>
 * Equivalent to what {@code ulogd} with its NFLOG input plugin (or {@code tcpdump -i nflog:5}) does.
 *
 * <p>The kernel sends a group's packets by unicast to the one socket that bound it (a second binder gets
 * EPERM), so binding and receiving share one socket. When the socket's buffer fills, the kernel drops log
 * messages and {@link #next(Duration)} reports an {@link Event.Overrun}. Closing unbinds the group.
 *
 * <p>One reader at a time; {@link #close()} may be called from any thread and wakes it.
 */
public final class Nflog implements AutoCloseable {

    /** What the kernel copies of each packet (NFULNL_COPY_*). */
    public enum CopyMode {
        /** Nothing but the message itself. */
        NONE(0x00),
        /** Metadata only: hook, devices, prefix, uid, mark; no payload. */
        META(0x01),
        /** Metadata and up to {@link Options#copyRange()} bytes of the packet from the network header on. */
        PACKET(0x02);

        private final int code;

        CopyMode(int code) {
            this.code = code;
        }

        public int code() {
            return code;
        }
    }

    /**
     * How the group is bound.
     *
     * @param copyMode           what to copy
     * @param copyRange          how many packet bytes to copy at most (0xFFFF: the whole packet)
     * @param sequence           ask for instance-local sequence numbers (NFULNL_CFG_F_SEQ)
     * @param globalSequence     ask for global sequence numbers (NFULNL_CFG_F_SEQ_GLOBAL)
     * @param queueThreshold     packets the kernel batches before sending (NFULA_CFG_QTHRESH); default 1
     * @param flushTimeoutCentis how long the kernel holds a batch, in 1/100 s (NFULA_CFG_TIMEOUT)
     * @param kernelBufferBytes  the kernel's batching buffer size (NFULA_CFG_NLBUFSIZ)
     * @param receiveBufferBytes this socket's SO_RCVBUF (0: the system default)
     * @param timeout            how long to wait for the kernel to acknowledge the bind
     */
    public record Options(CopyMode copyMode, int copyRange, boolean sequence, boolean globalSequence,
                          OptionalInt queueThreshold, OptionalInt flushTimeoutCentis, OptionalInt kernelBufferBytes,
                          int receiveBufferBytes, Duration timeout) {

        public Options {
            Objects.requireNonNull(copyMode, "copyMode");
            Objects.requireNonNull(timeout, "timeout");
            if (copyRange < 0 || copyRange > 0xFFFF) {
                throw new IllegalArgumentException("copyRange: must be 0..65535, was " + copyRange);
            }
            if (receiveBufferBytes < 0) {
                throw new IllegalArgumentException("receiveBufferBytes: must not be negative, was " + receiveBufferBytes);
            }
            positive("queueThreshold", queueThreshold);
            positive("flushTimeoutCentis", flushTimeoutCentis);
            positive("kernelBufferBytes", kernelBufferBytes);
        }

        private static void positive(String name, OptionalInt v) {
            if (v.isPresent() && v.getAsInt() <= 0) {
                throw new IllegalArgumentException(name + ": must be positive, was " + v.getAsInt());
            }
        }

        /** Whole packets, one message per packet, a 4 MiB receive buffer. */
        public static Options defaults() {
            return new Options(CopyMode.PACKET, 0xFFFF, false, false, OptionalInt.empty(), OptionalInt.empty(),
                    OptionalInt.empty(), 4 << 20, Duration.ofSeconds(5));
        }

        public Options withCopy(CopyMode mode, int range) {
            return new Options(mode, range, sequence, globalSequence, queueThreshold, flushTimeoutCentis,
                    kernelBufferBytes, receiveBufferBytes, timeout);
        }

        public Options withSequence(boolean local, boolean global) {
            return new Options(copyMode, copyRange, local, global, queueThreshold, flushTimeoutCentis,
                    kernelBufferBytes, receiveBufferBytes, timeout);
        }

        public Options withBatching(int threshold, int timeoutCentis) {
            return new Options(copyMode, copyRange, sequence, globalSequence, OptionalInt.of(threshold),
                    OptionalInt.of(timeoutCentis), kernelBufferBytes, receiveBufferBytes, timeout);
        }

        public Options withReceiveBufferBytes(int bytes) {
            return new Options(copyMode, copyRange, sequence, globalSequence, queueThreshold, flushTimeoutCentis,
                    kernelBufferBytes, bytes, timeout);
        }
    }

    /** What {@link #next(Duration)} delivers. */
    public sealed interface Event permits Event.Packet, Event.Overrun {
        /** A logged packet. */
        record Packet(NflogRecord record) implements Event {
        }

        /** The kernel dropped log messages because this socket's buffer was full (ENOBUFS). */
        record Overrun() implements Event {
        }
    }

    private final int group;
    private final Subscription socket;
    private final Options options;
    private final ArrayDeque<NflogRecord> ready = new ArrayDeque<>();
    private final AtomicLong overruns = new AtomicLong();

    private Nflog(int group, Subscription socket, Options options) {
        this.group = group;
        this.socket = socket;
        this.options = options;
    }

    /** Binds {@code group} in {@code netns} with {@link Options#defaults()}. */
    public static Nflog open(NetNs netns, int group) {
        return open(netns, group, Options.defaults());
    }

    /**
     * Binds {@code group} in {@code netns}.
     *
     * @throws io.jnetlink.core.error.KernelException EPERM when another socket has bound the group
     */
    public static Nflog open(NetNs netns, int group, Options options) {
        NflogCodec.checkGroup(group);
        Objects.requireNonNull(options, "options");
        // No multicast group: nfnetlink_log sends to the port id that bound the log group.
        Subscription s = netns.subscribeWithBuffer(NetlinkProtocol.NETFILTER, options.receiveBufferBytes());
        return bindOn(s, group, options);
    }

    /** Binds {@code group} in the calling thread's namespace. */
    public static Nflog open(int group, Options options) {
        NflogCodec.checkGroup(group);
        Objects.requireNonNull(options, "options");
        return bindOn(Subscription.openWithBuffer(NetlinkProtocol.NETFILTER, options.receiveBufferBytes()), group,
                options);
    }

    private static Nflog bindOn(Subscription s, int group, Options options) {
        try {
            s.request(NflogCodec.bind(group, options), options.timeout());
        } catch (KernelException e) {
            s.close();
            if (e.errno().equals(Errno.EPERM) && e.kernelMessage().isEmpty()) {
                // nfnetlink_log says EPERM, without a message, when another socket owns the group
                throw new KernelException(e.operation(), e.errno(), "group " + group + " is bound by another socket",
                        -1, -1, -1, e.sequence());
            }
            throw e;
        } catch (RuntimeException e) {
            s.close();
            throw e;
        }
        return new Nflog(group, s, options);
    }

    /** The bound group. */
    public int group() {
        return group;
    }

    public Options options() {
        return options;
    }

    /**
     * Waits up to {@code timeout} for the next packet or overrun; empty on timeout or once closed. Messages
     * that are not packets (a batch's NLMSG_DONE) are skipped.
     */
    public Optional<Event> next(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            NflogRecord r = ready.poll();
            if (r != null) {
                return Optional.of(new Event.Packet(r));
            }
            long left = Math.max(0, deadline - System.nanoTime());
            Optional<Subscription.Event> e = socket.next(Duration.ofNanos(left));
            if (e.isEmpty()) {
                return Optional.empty();
            }
            switch (e.get()) {
                case Subscription.Overrun o -> {
                    overruns.incrementAndGet();
                    return Optional.of(new Event.Overrun());
                }
                case Subscription.Notification n -> {
                    Message m = n.message();
                    // Anything else is the NLMSG_DONE ending a batch of packets (qthreshold > 1).
                    if (m.type() == NflogCodec.TYPE_PACKET) {
                        ready.add(NflogCodec.decode(m));
                    }
                }
            }
            if (ready.isEmpty() && deadline - System.nanoTime() <= 0) {
                return Optional.empty();
            }
        }
    }

    /**
     * The next packet within {@code timeout}, empty on timeout. Overruns are counted in {@link #overruns()}
     * and otherwise skipped: use {@link #next(Duration)} to see where packets were lost.
     */
    public Optional<NflogRecord> receive(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Optional<Event> e = next(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
            if (e.isEmpty()) {
                return Optional.empty();
            }
            if (e.get() instanceof Event.Packet p) {
                return Optional.of(p.record());
            }
        }
    }

    /** How many overruns the kernel reported so far. */
    public long overruns() {
        return overruns.get();
    }

    /**
     * Closes the socket, which unbinds the group: the kernel destroys a log instance when the socket that
     * bound it is released (NETLINK_URELEASE), so no unbind request is needed, and a reader blocked in
     * {@link #next(Duration)} on another thread is woken at once.
     */
    @Override
    public void close() {
        socket.close();
    }

    @Override
    public String toString() {
        return "Nflog[group " + group + "]";
    }
}
