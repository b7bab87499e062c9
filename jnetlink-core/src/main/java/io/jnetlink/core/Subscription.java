package io.jnetlink.core;

import io.jnetlink.core.error.Errno;
import io.jnetlink.core.error.SyscallException;
import io.jnetlink.core.internal.ffm.Syscalls;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A socket subscribed to multicast groups (RTNLGRP_LINK, NFNLGRP_NFTABLES, a generic netlink family's
 * group, ...). {@link #next(Duration)} delivers notifications one by one. When the kernel had to drop
 * notifications because this socket's buffer was full (ENOBUFS), the next call returns {@link Overrun}
 * instead of throwing: the listener keeps running and knows to resynchronise with a dump.
 *
 * <p>{@link #close()} may be called from any thread and wakes a thread blocked in {@code next}.
 */
public final class Subscription implements AutoCloseable {

    /** What {@link #next(Duration)} delivers. */
    public sealed interface Event permits Notification, Overrun {
    }

    /** A multicast message. */
    public record Notification(Message message) implements Event {
    }

    /** The kernel dropped notifications (ENOBUFS): state must be re-read with a dump. */
    public record Overrun() implements Event {
    }

    private final NetlinkProtocol protocol;
    private final int fd;
    private final int wakeFd;
    private final NativeBuffer rx = new NativeBuffer(64 * 1024);
    private final ReentrantLock readLock = new ReentrantLock();
    private final ArrayDeque<Message> pending = new ArrayDeque<>();
    private final Syscalls.Scratch scratch = new Syscalls.Scratch();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicLong overruns = new AtomicLong();

    private Subscription(NetlinkProtocol protocol, int receiveBufferBytes, int... groups) {
        this.protocol = protocol;
        int s = Syscalls.socket(Syscalls.AF_NETLINK, Syscalls.SOCK_RAW | Syscalls.SOCK_CLOEXEC, protocol.number());
        int w = -1;
        try {
            if (receiveBufferBytes > 0) {
                try {
                    Syscalls.setsockopt(s, Syscalls.SOL_SOCKET, Syscalls.SO_RCVBUFFORCE, receiveBufferBytes);
                } catch (SyscallException e) {
                    Syscalls.setsockopt(s, Syscalls.SOL_SOCKET, Syscalls.SO_RCVBUF, receiveBufferBytes);
                }
            }
            Syscalls.bindNetlink(s, 0, 0);
            for (int g : groups) {
                if (g <= 0) {
                    throw new IllegalArgumentException("multicast group must be positive: " + g);
                }
                Syscalls.setsockopt(s, Syscalls.SOL_NETLINK, Syscalls.NETLINK_ADD_MEMBERSHIP, g);
            }
            w = Syscalls.eventfd();
        } catch (RuntimeException e) {
            Syscalls.close(s);
            if (w >= 0) {
                Syscalls.close(w);
            }
            rx.close();
            scratch.close();
            throw e;
        }
        this.fd = s;
        this.wakeFd = w;
    }

    /**
     * Subscribes, in the calling thread's network namespace, to the given multicast groups (group numbers
     * as in the uapi headers: RTNLGRP_LINK is 1).
     */
    public static Subscription open(NetlinkProtocol protocol, int... groups) {
        return new Subscription(protocol, 0, groups);
    }

    /** As {@link #open(NetlinkProtocol, int...)} with a given SO_RCVBUF (0 keeps the default). */
    public static Subscription openWithBuffer(NetlinkProtocol protocol, int receiveBufferBytes, int... groups) {
        if (receiveBufferBytes < 0) {
            throw new IllegalArgumentException("receiveBufferBytes must not be negative: " + receiveBufferBytes);
        }
        return new Subscription(protocol, receiveBufferBytes, groups);
    }

    public NetlinkProtocol protocol() {
        return protocol;
    }

    /**
     * Waits up to {@code timeout} for the next event. Returns empty on timeout or once the subscription is
     * closed.
     */
    public Optional<Event> next(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        readLock.lock();
        try {
            while (!closed.get()) {
                Message queued = pending.poll();
                if (queued != null) {
                    return Optional.of(new Notification(queued));
                }
                // Poll at least once, even with a timeout that has run out: next(ZERO) reads a ready socket.
                long left = deadline - System.nanoTime();
                int ready = Syscalls.pollIn(new int[]{fd, wakeFd}, (int) Math.min(Integer.MAX_VALUE,
                        Math.max(0, (left + 999_999) / 1_000_000)));
                if (closed.get()) {
                    break;
                }
                if ((ready & 1) == 0) {
                    if (deadline - System.nanoTime() <= 0) {
                        return Optional.empty();
                    }
                    continue;
                }
                try {
                    long size = Syscalls.recvFrom(fd, rx.segment(), 0, Syscalls.MSG_PEEK | Syscalls.MSG_TRUNC
                            | Syscalls.MSG_DONTWAIT, scratch);
                    MemorySegment in = rx.atLeast(size);
                    long n = Syscalls.recvFrom(fd, in, in.byteSize(), Syscalls.MSG_DONTWAIT, scratch);
                    if (scratch.senderPort() != 0) {
                        continue; // only the kernel multicasts; ignore unicast from other sockets
                    }
                    byte[] copy = in.asSlice(0, n).toArray(ValueLayout.JAVA_BYTE);
                    pending.addAll(Message.parseAll(ByteBuffer.wrap(copy).order(ByteOrder.LITTLE_ENDIAN)));
                } catch (SyscallException e) {
                    if (e.errno().equals(Errno.ENOBUFS)) {
                        overruns.incrementAndGet();
                        return Optional.of(new Overrun());
                    }
                    if (!e.errno().equals(Errno.EAGAIN)) {
                        throw e;
                    }
                }
            }
            return Optional.empty();
        } finally {
            readLock.unlock();
        }
    }

    /** How many overruns were reported so far; does not wait for a reader blocked in {@link #next}. */
    public long overruns() {
        return overruns.get();
    }

    /** Closes the subscription, waking a reader blocked in {@link #next(Duration)}. Idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        Syscalls.eventfdSignal(wakeFd);
        readLock.lock();
        try {
            if (rx.isOpen()) {
                Syscalls.close(fd);
                Syscalls.close(wakeFd);
                rx.close();
                scratch.close();
            }
        } finally {
            readLock.unlock();
        }
    }
}
