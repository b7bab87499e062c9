package io.jnetlink.core;

import io.jnetlink.core.codec.AttributeReader;
import io.jnetlink.core.codec.MessageWriter;
import io.jnetlink.core.codec.Nl;
import io.jnetlink.core.error.DecodeException;
import io.jnetlink.core.error.Errno;
import io.jnetlink.core.error.KernelException;
import io.jnetlink.core.error.SyscallException;
import io.jnetlink.core.internal.ffm.Syscalls;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
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
    private int seq;

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
            // Errors of request(...) carry the kernel's text; harmless for a socket that only listens.
            Syscalls.setsockopt(s, Syscalls.SOL_NETLINK, Syscalls.NETLINK_EXT_ACK, 1);
            Syscalls.setsockopt(s, Syscalls.SOL_NETLINK, Syscalls.NETLINK_CAP_ACK, 1);
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

    /**
     * Sends a request from this subscription's own socket and waits up to {@code timeout} for its
     * acknowledgement. Some kernel subsystems deliver their events by unicast to the socket that configured
     * them rather than to a multicast group (nfnetlink_log binds a log group to the sender's port id,
     * nfnetlink_queue likewise): configuring and receiving must then happen on one socket. Messages that
     * arrive while waiting with another sequence number (events carry 0) stay queued for
     * {@link #next(Duration)}. Not for use while another thread is blocked in {@code next}: both take the
     * same read lock.
     *
     * @return the messages with the request's sequence number that came before its acknowledgement (answers,
     *         and any notification the kernel stamped with the request's sequence number)
     * @throws KernelException  when the kernel refuses
     * @throws SyscallException ETIMEDOUT when no acknowledgement arrives in time
     */
    public List<Message> request(Request request, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        readLock.lock();
        try {
            if (closed.get()) {
                throw new IllegalStateException("subscription is closed");
            }
            int s = ++seq <= 0 ? (seq = 1) : seq; // never 0: notifications use 0
            MessageWriter w = new MessageWriter();
            request.encodeTo(w, Nl.NLM_F_ACK, s, 0);
            byte[] bytes = w.toByteArray();
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment out = arena.allocate(bytes.length);
                MemorySegment.copy(bytes, 0, out, ValueLayout.JAVA_BYTE, 0, bytes.length);
                Syscalls.sendToKernel(fd, out, bytes.length, scratch);
            }
            List<Message> replies = new ArrayList<>();
            while (true) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new SyscallException("recvfrom", Errno.ETIMEDOUT,
                            "no acknowledgement for '" + request.operation() + "' within " + timeout);
                }
                int ready = Syscalls.pollIn(new int[]{fd, wakeFd}, (int) Math.min(Integer.MAX_VALUE,
                        (left + 999_999) / 1_000_000));
                if (closed.get()) {
                    throw new IllegalStateException("subscription closed while waiting for '" + request.operation() + "'");
                }
                if ((ready & 1) == 0) {
                    continue;
                }
                List<Message> got;
                try {
                    long size = Syscalls.recvFrom(fd, rx.segment(), 0, Syscalls.MSG_PEEK | Syscalls.MSG_TRUNC
                            | Syscalls.MSG_DONTWAIT, scratch);
                    MemorySegment in = rx.atLeast(size);
                    long n = Syscalls.recvFrom(fd, in, in.byteSize(), Syscalls.MSG_DONTWAIT, scratch);
                    if (scratch.senderPort() != 0) {
                        continue;
                    }
                    byte[] copy = in.asSlice(0, n).toArray(ValueLayout.JAVA_BYTE);
                    got = Message.parseAll(ByteBuffer.wrap(copy).order(ByteOrder.LITTLE_ENDIAN));
                } catch (SyscallException e) {
                    if (e.errno().equals(Errno.ENOBUFS)) {
                        overruns.incrementAndGet(); // notifications were lost; the ACK itself may still come
                        continue;
                    }
                    if (e.errno().equals(Errno.EAGAIN)) {
                        continue;
                    }
                    throw e;
                }
                for (Message m : got) {
                    if (m.seq() != s) {
                        pending.add(m);
                    } else if (m.type() == Nl.NLMSG_ERROR) {
                        int error = ackError(m);
                        if (error != 0) {
                            throw refusal(request.operation(), m, error);
                        }
                        return replies;
                    } else if (m.type() != Nl.NLMSG_NOOP) {
                        replies.add(m);
                    }
                }
            }
        } finally {
            readLock.unlock();
        }
    }

    private static int ackError(Message m) {
        ByteBuffer p = m.payload();
        if (p.remaining() < 4) {
            throw new DecodeException.Truncated("NLMSG_ERROR", 4, p.remaining());
        }
        return -p.getInt(0);
    }

    /** The error of an NLMSG_ERROR with its extended-ACK message (the socket sets NETLINK_CAP_ACK). */
    private static KernelException refusal(String operation, Message m, int error) {
        String text = null;
        int offset = -1;
        int missType = -1;
        int missNest = -1;
        int tlvStart = 4 + Nl.NLMSG_HDRLEN;
        if (m.hasFlag(Nl.NLM_F_ACK_TLVS) && m.hasFlag(Nl.NLM_F_CAPPED) && tlvStart <= m.payload().remaining()) {
            AttributeReader a = m.attributes(tlvStart, type -> "NLMSGERR_ATTR_" + type);
            while (a.next()) {
                switch (a.type()) {
                    case Nl.NLMSGERR_ATTR_MSG -> text = a.string();
                    case Nl.NLMSGERR_ATTR_OFFS -> offset = a.u32();
                    case Nl.NLMSGERR_ATTR_MISS_TYPE -> missType = a.u32();
                    case Nl.NLMSGERR_ATTR_MISS_NEST -> missNest = a.u32();
                    default -> {
                    }
                }
            }
        }
        return new KernelException(operation, Errno.of(error), text, offset, missType, missNest, m.seq());
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
