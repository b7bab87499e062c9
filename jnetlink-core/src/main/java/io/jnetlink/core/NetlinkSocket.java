package io.jnetlink.core;

import io.jnetlink.core.codec.AttributeNames;
import io.jnetlink.core.codec.AttributeReader;
import io.jnetlink.core.codec.MessageWriter;
import io.jnetlink.core.codec.Nl;
import io.jnetlink.core.error.BatchException;
import io.jnetlink.core.error.DecodeException;
import io.jnetlink.core.error.DumpInterruptedException;
import io.jnetlink.core.error.Errno;
import io.jnetlink.core.error.KernelException;
import io.jnetlink.core.error.SyscallException;
import io.jnetlink.core.internal.ffm.Syscalls;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A netlink socket for requests: single requests with acknowledgement, dumps, and batches of many
 * requests in few sendto calls.
 *
 * <p>Opened in the caller's current network namespace by {@link #open(NetlinkProtocol)}, or in any
 * namespace through {@code NetNs.openSocket}; once open, it stays bound to that namespace whichever
 * thread uses it. Extended ACK, capped ACKs and strict checking are switched on.
 *
 * <p>Thread-safe: operations are serialised; a socket serves one exchange at a time. Use one socket per
 * thread for parallelism.
 */
public final class NetlinkSocket implements AutoCloseable {

    /**
     * Tunables.
     *
     * @param timeout            how long to wait for the kernel's answer to any one receive
     * @param dumpAttempts       how many times a dump marked NLM_F_DUMP_INTR is restarted before failing
     * @param receiveBufferBytes SO_RCVBUF wanted (SO_RCVBUFFORCE is tried first; the kernel doubles it)
     * @param sendChunkBytes     largest datagram a batch is cut into
     */
    public record Options(Duration timeout, int dumpAttempts, int receiveBufferBytes, int sendChunkBytes) {
        public Options {
            Objects.requireNonNull(timeout, "timeout");
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("timeout must be positive: " + timeout);
            }
            if (dumpAttempts < 1) {
                throw new IllegalArgumentException("dumpAttempts must be at least 1: " + dumpAttempts);
            }
            if (receiveBufferBytes < 32 * 1024) {
                throw new IllegalArgumentException("receiveBufferBytes must be at least 32768: " + receiveBufferBytes);
            }
            if (sendChunkBytes < 4096) {
                throw new IllegalArgumentException("sendChunkBytes must be at least 4096: " + sendChunkBytes);
            }
        }

        /** 30 s timeout, 10 dump attempts, 4 MiB receive buffer, 64 KiB datagrams. */
        public static Options defaults() {
            return new Options(Duration.ofSeconds(30), 10, 4 << 20, 64 << 10);
        }

        public Options withTimeout(Duration t) {
            return new Options(t, dumpAttempts, receiveBufferBytes, sendChunkBytes);
        }

        public Options withDumpAttempts(int n) {
            return new Options(timeout, n, receiveBufferBytes, sendChunkBytes);
        }

        public Options withReceiveBufferBytes(int n) {
            return new Options(timeout, dumpAttempts, n, sendChunkBytes);
        }

        public Options withSendChunkBytes(int n) {
            return new Options(timeout, dumpAttempts, receiveBufferBytes, n);
        }
    }

    /**
     * Counters since the socket was opened, for observability (and for checking that a no-op sync sent
     * nothing).
     *
     * @param messagesSent    netlink messages sent (each request of a batch counts once)
     * @param datagramsSent   sendto calls
     * @param datagramsRead   datagrams received
     * @param bytesSent       bytes sent
     * @param bytesReceived   bytes received
     * @param dumps           dumps completed
     * @param dumpRestarts    dumps restarted because the kernel marked them NLM_F_DUMP_INTR
     * @param discarded       messages dropped because their sequence, port or sender did not match
     * @param sendNanos       time spent inside sendto. The kernel handles a netlink datagram's messages before
     *                        sendto returns (rtnetlink, generic netlink and nfnetlink all do), so this is the
     *                        kernel's own work on what was sent: what separates it from the caller's time is
     *                        jnetlink's (benchmarks report both)
     */
    public record Stats(long messagesSent, long datagramsSent, long datagramsRead, long bytesSent,
                        long bytesReceived, long dumps, long dumpRestarts, long discarded, long sendNanos) {
    }

    private static final AttributeNames EXT_ACK_NAMES = type -> switch (type) {
        case Nl.NLMSGERR_ATTR_MSG -> "NLMSGERR_ATTR_MSG";
        case Nl.NLMSGERR_ATTR_OFFS -> "NLMSGERR_ATTR_OFFS";
        case Nl.NLMSGERR_ATTR_MISS_TYPE -> "NLMSGERR_ATTR_MISS_TYPE";
        case Nl.NLMSGERR_ATTR_MISS_NEST -> "NLMSGERR_ATTR_MISS_NEST";
        default -> "NLMSGERR_ATTR_" + type;
    };

    /** Conservative kernel memory charged per queued acknowledgement (skb truesize), for batch pacing. */
    private static final int ACK_TRUESIZE_BUDGET = 2048;

    private final NetlinkProtocol protocol;
    private final Options options;
    private final int fd;
    private final int portId;
    private final int maxInFlight;
    private final NativeBuffer rx = new NativeBuffer(64 * 1024);
    private final NativeBuffer tx;
    private final ReentrantLock lock = new ReentrantLock();
    private final MessageWriter writer = new MessageWriter(64 * 1024);
    private final Syscalls.Scratch scratch = new Syscalls.Scratch();
    private int seq;
    private boolean closed;

    private long messagesSent;
    private long datagramsSent;
    private long datagramsRead;
    private long bytesSent;
    private long bytesReceived;
    private long dumps;
    private long dumpRestarts;
    private long discarded;
    private long sendNanos;

    private NetlinkSocket(NetlinkProtocol protocol, Options options) {
        this.protocol = protocol;
        this.options = options;
        int s = Syscalls.socket(Syscalls.AF_NETLINK, Syscalls.SOCK_RAW | Syscalls.SOCK_CLOEXEC, protocol.number());
        try {
            Syscalls.setsockopt(s, Syscalls.SOL_NETLINK, Syscalls.NETLINK_EXT_ACK, 1);
            Syscalls.setsockopt(s, Syscalls.SOL_NETLINK, Syscalls.NETLINK_CAP_ACK, 1);
            if (protocol == NetlinkProtocol.ROUTE) {
                Syscalls.setsockopt(s, Syscalls.SOL_NETLINK, Syscalls.NETLINK_GET_STRICT_CHK, 1);
            }
            setBuffer(s, Syscalls.SO_RCVBUFFORCE, Syscalls.SO_RCVBUF, options.receiveBufferBytes());
            setBuffer(s, Syscalls.SO_SNDBUFFORCE, Syscalls.SO_SNDBUF, Math.max(options.sendChunkBytes() * 2, 256 * 1024));
            Syscalls.setReceiveTimeout(s, options.timeout().toMillis());
            Syscalls.bindNetlink(s, 0, 0);
            this.portId = Syscalls.netlinkPortId(s);
            int rcvbuf = Syscalls.getsockopt(s, Syscalls.SOL_SOCKET, Syscalls.SO_RCVBUF);
            this.maxInFlight = Math.max(16, rcvbuf / ACK_TRUESIZE_BUDGET);
        } catch (RuntimeException e) {
            Syscalls.close(s);
            rx.close();
            scratch.close();
            throw e;
        }
        this.fd = s;
        this.tx = new NativeBuffer(options.sendChunkBytes());
    }

    /** Privileged processes may exceed rmem_max/wmem_max with the FORCE variant; others get the capped size. */
    private static void setBuffer(int fd, int forceOption, int option, int bytes) {
        try {
            Syscalls.setsockopt(fd, Syscalls.SOL_SOCKET, forceOption, bytes);
        } catch (SyscallException e) {
            Syscalls.setsockopt(fd, Syscalls.SOL_SOCKET, option, bytes);
        }
    }

    /** Opens a socket in the calling thread's network namespace with default options. */
    public static NetlinkSocket open(NetlinkProtocol protocol) {
        return open(protocol, Options.defaults());
    }

    /** Opens a socket in the calling thread's network namespace. */
    public static NetlinkSocket open(NetlinkProtocol protocol, Options options) {
        return new NetlinkSocket(Objects.requireNonNull(protocol), Objects.requireNonNull(options));
    }

    public NetlinkProtocol protocol() {
        return protocol;
    }

    /** The port id the kernel assigned at bind. */
    public int portId() {
        return portId;
    }

    public Options options() {
        return options;
    }

    /**
     * Sends one request with NLM_F_ACK and returns the messages the kernel answered before its
     * acknowledgement (empty for most changes; the object for a GET).
     *
     * @throws KernelException when the kernel refuses
     */
    public List<Message> request(Request request) {
        lock.lock();
        try {
            ensureOpen();
            int s = nextSeq(1);
            writer.reset();
            request.encodeTo(writer, Nl.NLM_F_ACK, s, portId);
            send(writer.array(), 0, writer.size());
            messagesSent++;
            List<Message> replies = new ArrayList<>();
            while (true) {
                for (Message m : receive()) {
                    if (!mine(m, s)) {
                        continue;
                    }
                    if (m.type() == Nl.NLMSG_ERROR) {
                        int error = errorCode(m);
                        if (error != 0) {
                            throw kernelError(request.operation(), m, error);
                        }
                        return replies;
                    }
                    if (m.type() == Nl.NLMSG_DONE) {
                        int error = doneError(m);
                        if (error != 0) {
                            throw kernelError(request.operation(), m, error);
                        }
                        if ((request.flags() & Nl.NLM_F_DUMP) == Nl.NLM_F_DUMP) {
                            return replies; // a dump ends at DONE; the kernel sends no ACK after it
                        }
                    } else if (m.type() != Nl.NLMSG_NOOP) {
                        replies.add(m);
                    }
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Dumps: sends the request with NLM_F_DUMP and returns every message up to NLMSG_DONE. A dump the
     * kernel marks NLM_F_DUMP_INTR (objects changed while it was walking them) is discarded and restarted,
     * up to {@link Options#dumpAttempts()} times; the caller only ever sees a consistent dump.
     *
     * @throws DumpInterruptedException when every attempt was interrupted
     * @throws KernelException          when the kernel refuses the dump
     */
    public List<Message> dump(Request request) {
        lock.lock();
        try {
            ensureOpen();
            for (int attempt = 1; attempt <= options.dumpAttempts(); attempt++) {
                int s = nextSeq(1);
                writer.reset();
                request.encodeTo(writer, Nl.NLM_F_DUMP, s, portId);
                send(writer.array(), 0, writer.size());
                messagesSent++;
                List<Message> out = new ArrayList<>();
                boolean interrupted = false;
                boolean done = false;
                while (!done) {
                    for (Message m : receive()) {
                        if (!mine(m, s)) {
                            continue;
                        }
                        interrupted |= m.hasFlag(Nl.NLM_F_DUMP_INTR);
                        switch (m.type()) {
                            case Nl.NLMSG_ERROR -> {
                                int error = errorCode(m);
                                if (error != 0) {
                                    throw kernelError(request.operation(), m, error);
                                }
                                done = true;
                            }
                            case Nl.NLMSG_DONE -> {
                                int error = doneError(m);
                                if (error != 0) {
                                    throw kernelError(request.operation(), m, error);
                                }
                                done = true;
                            }
                            case Nl.NLMSG_NOOP -> {
                            }
                            default -> out.add(m);
                        }
                    }
                }
                if (!interrupted) {
                    dumps++;
                    return out;
                }
                dumpRestarts++;
            }
            throw new DumpInterruptedException(request.operation(), options.dumpAttempts());
        } finally {
            lock.unlock();
        }
    }

    /**
     * Sends many requests packed into as few datagrams as the socket buffers allow, and matches every answer
     * back to its request by sequence number. Every request is encoded before anything is sent, so an
     * encoding error (bad input) sends nothing. rtnetlink has no transactions: the kernel attempts every
     * request; all answers are drained before this returns.
     *
     * <p>Only the last request of each datagram asks for an acknowledgement: the kernel processes a
     * datagram's messages in order and answers every failed one with an error whether or not it asked for
     * an ACK, so the last ACK proves that every earlier request of the datagram succeeded unless an error
     * named it. This halves the receive work of a large batch.
     *
     * @return for each request, the messages the kernel answered for it (empty for most changes)
     * @throws BatchException naming the first refused request (and listing all) when any was refused
     */
    public List<List<Message>> batch(List<Request> requests) {
        int n = requests.size();
        List<List<Message>> replies = new ArrayList<>(n);
        if (n == 0) {
            return replies;
        }
        lock.lock();
        try {
            ensureOpen();
            int first = nextSeq(n);
            writer.reset();
            int[] ends = new int[n];
            for (int i = 0; i < n; i++) {
                requests.get(i).encodeTo(writer, 0, first + i, portId);
                ends[i] = writer.size();
                replies.add(new ArrayList<>(0));
            }
            List<BatchException.Failure> failures = new ArrayList<>();
            byte[] bytes = writer.array();
            int i = 0;
            while (i < n) {
                int chunkStart = i == 0 ? 0 : ends[i - 1];
                int j = i;
                while (j < n && j - i < maxInFlight
                        && (j == i || ends[j] - chunkStart <= options.sendChunkBytes())) {
                    j++;
                }
                requestAck(bytes, j - 1 == 0 ? 0 : ends[j - 2]);
                send(bytes, chunkStart, ends[j - 1] - chunkStart);
                messagesSent += j - i;
                awaitChunk(requests, first, i, j, replies, failures);
                i = j;
            }
            if (!failures.isEmpty()) {
                throw new BatchException(n, failures);
            }
            return replies;
        } finally {
            lock.unlock();
        }
    }

    /**
     * What the kernel answered to an {@link #transact atomic batch}.
     *
     * @param replies      for each request, the messages the kernel sent with its sequence number other than
     *                     the acknowledgement (echoed objects, for instance)
     * @param failures     the refused requests, each with its index, in the order the kernel reported them
     * @param fenceReplies the fence request's replies (e.g. the generation after the batch)
     */
    public record TransactReplies(List<List<Message>> replies, List<BatchException.Failure> failures,
                                  List<Message> fenceReplies) {
        public TransactReplies {
            replies = List.copyOf(replies);
            failures = List.copyOf(failures);
            fenceReplies = List.copyOf(fenceReplies);
        }
    }

    /**
     * Sends {@code requests} framed back to back in ONE datagram, then {@code fence} with NLM_F_ACK in a second
     * one, and collects every answer up to the fence's acknowledgement. This is the exchange nfnetlink
     * transactions need: the kernel treats a batch (BATCH_BEGIN ... BATCH_END) as one unit only within one
     * skb, processes it synchronously inside sendmsg, and answers a request only when it failed or asked for
     * NLM_F_ACK/NLM_F_ECHO; since answers are queued in order, the fence's acknowledgement proves that every
     * answer to the batch has arrived, whatever the batch's outcome (including a refusal of the whole batch).
     *
     * <p>Every request is encoded before anything is sent: an encoding error sends nothing. The socket's send
     * buffer is raised (SO_SNDBUFFORCE when privileged) when the datagram would not fit. Requests carry the
     * flags they were built with; nothing is added but NLM_F_REQUEST, sequence numbers and the port id. The
     * receive buffer must hold every answer queued during the batch (see {@link Options#receiveBufferBytes()}).
     *
     * @return replies per request, refusals and the fence's replies; refusals are returned, not thrown, since
     *         only the caller knows what they mean for the batch as a whole
     * @throws KernelException  when the fence itself is refused
     * @throws SyscallException when the datagram does not fit the send buffer even after raising it, or on a
     *                          receive overrun
     */
    public TransactReplies transact(List<Request> requests, Request fence) {
        Objects.requireNonNull(fence, "fence");
        int n = requests.size();
        if (n == 0) {
            throw new IllegalArgumentException("requests must not be empty");
        }
        lock.lock();
        try {
            ensureOpen();
            int first = nextSeq(n + 1);
            int fenceSeq = first + n;
            writer.reset();
            List<List<Message>> replies = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                requests.get(i).encodeTo(writer, 0, first + i, portId);
                replies.add(new ArrayList<>(0));
            }
            int size = writer.size();
            ensureSendBuffer(size);
            send(writer.array(), 0, size);
            messagesSent += n;
            writer.reset();
            fence.encodeTo(writer, Nl.NLM_F_ACK, fenceSeq, portId);
            send(writer.array(), 0, writer.size());
            messagesSent++;
            List<BatchException.Failure> failures = new ArrayList<>();
            List<Message> fenceReplies = new ArrayList<>();
            boolean[] acked = new boolean[n];
            while (true) {
                for (Message m : receive()) {
                    if (m.portId() != portId || scratch.senderPort() != 0) {
                        discarded++;
                        continue;
                    }
                    if (m.seq() == fenceSeq) {
                        if (m.type() == Nl.NLMSG_ERROR) {
                            int error = errorCode(m);
                            if (error != 0) {
                                throw kernelError(fence.operation(), m, error);
                            }
                            return new TransactReplies(replies, failures, fenceReplies);
                        }
                        if (m.type() != Nl.NLMSG_NOOP && m.type() != Nl.NLMSG_DONE) {
                            fenceReplies.add(m);
                        }
                        continue;
                    }
                    int index = m.seq() - first;
                    if (index < 0 || index >= n) {
                        discarded++;
                        continue;
                    }
                    if (m.type() == Nl.NLMSG_ERROR) {
                        int error = errorCode(m);
                        if (acked[index] && error == 0) {
                            discarded++;
                            continue;
                        }
                        acked[index] = true;
                        if (error != 0) {
                            failures.add(new BatchException.Failure(index,
                                    kernelError(requests.get(index).operation(), m, error)));
                        }
                    } else if (m.type() != Nl.NLMSG_NOOP && m.type() != Nl.NLMSG_DONE) {
                        replies.get(index).add(m);
                    }
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * netlink_sendmsg refuses a datagram longer than sk_sndbuf - 32 with EMSGSIZE; raise the buffer (the kernel
     * doubles what it is given) before sending a big one.
     */
    private void ensureSendBuffer(int size) {
        int have = Syscalls.getsockopt(fd, Syscalls.SOL_SOCKET, Syscalls.SO_SNDBUF);
        if (size <= have - 64) {
            return;
        }
        setBuffer(fd, Syscalls.SO_SNDBUFFORCE, Syscalls.SO_SNDBUF, size + 64 * 1024);
        have = Syscalls.getsockopt(fd, Syscalls.SOL_SOCKET, Syscalls.SO_SNDBUF);
        if (size > have - 64) {
            throw new SyscallException("sendto", Errno.EMSGSIZE, "a datagram of " + size
                    + " bytes does not fit the socket send buffer of " + have
                    + " bytes; run with CAP_NET_ADMIN (SO_SNDBUFFORCE) or raise net.core.wmem_max");
        }
    }

    /** Sets NLM_F_ACK in the nlmsg_flags (bytes 6..7, host order) of the encoded message at {@code start}. */
    private static void requestAck(byte[] bytes, int start) {
        bytes[start + 6] |= (byte) Nl.NLM_F_ACK;
    }

    /**
     * Reads answers for requests [from, to) until the last one's acknowledgement (or error) arrived; errors
     * for the others are failures, other messages are their replies.
     */
    private void awaitChunk(List<Request> requests, int firstSeq, int from, int to, List<List<Message>> replies,
                            List<BatchException.Failure> failures) {
        int last = to - 1;
        boolean[] answered = new boolean[to - from];
        while (!answered[last - from]) {
            for (Message m : receive()) {
                int index = m.seq() - firstSeq;
                if (index < from || index >= to || m.portId() != portId || scratch.senderPort() != 0) {
                    discarded++;
                    continue;
                }
                if (m.type() == Nl.NLMSG_ERROR) {
                    if (answered[index - from]) {
                        discarded++;
                        continue;
                    }
                    answered[index - from] = true;
                    int error = errorCode(m);
                    if (error != 0) {
                        failures.add(new BatchException.Failure(index,
                                kernelError(requests.get(index).operation(), m, error)));
                    }
                } else if (m.type() != Nl.NLMSG_NOOP && m.type() != Nl.NLMSG_DONE) {
                    replies.get(index).add(m);
                }
            }
        }
    }

    /**
     * The receive buffer the kernel grants this socket (SO_RCVBUF as getsockopt reports it, i.e. doubled): how much
     * answer data may wait in the socket before the kernel drops replies with ENOBUFS.
     */
    public int receiveBufferBytes() {
        lock.lock();
        try {
            ensureOpen();
            return Syscalls.getsockopt(fd, Syscalls.SOL_SOCKET, Syscalls.SO_RCVBUF);
        } finally {
            lock.unlock();
        }
    }

    /** A snapshot of this socket's counters. */
    public Stats stats() {
        lock.lock();
        try {
            return new Stats(messagesSent, datagramsSent, datagramsRead, bytesSent, bytesReceived, dumps,
                    dumpRestarts, discarded, sendNanos);
        } finally {
            lock.unlock();
        }
    }

    // ---- plumbing ----

    private int nextSeq(int count) {
        int s = seq + 1;
        if (s <= 0 || s + count < 0) {
            s = 1; // never 0 (kernel notifications use 0), never wrap inside a batch
        }
        seq = s + count - 1;
        return s;
    }

    private boolean mine(Message m, int expectedSeq) {
        if (m.seq() == expectedSeq && m.portId() == portId && scratch.senderPort() == 0) {
            return true;
        }
        discarded++;
        return false;
    }

    private void send(byte[] bytes, int offset, int length) {
        MemorySegment out = tx.atLeast(length);
        MemorySegment.copy(bytes, offset, out, ValueLayout.JAVA_BYTE, 0, length);
        long start = System.nanoTime();
        long sent = Syscalls.sendToKernel(fd, out, length, scratch);
        sendNanos += System.nanoTime() - start;
        if (sent != length) {
            throw new SyscallException("sendto", Errno.EMSGSIZE, "sent " + sent + " of " + length + " bytes");
        }
        datagramsSent++;
        bytesSent += length;
    }

    /** Receives one datagram, whatever its size: peeks its length first and grows the buffer to fit. */
    private List<Message> receive() {
        long size;
        try {
            size = Syscalls.recvFrom(fd, rx.segment(), 0, Syscalls.MSG_PEEK | Syscalls.MSG_TRUNC, scratch);
        } catch (SyscallException e) {
            throw timeoutOrRethrow(e);
        }
        MemorySegment in = rx.atLeast(size);
        long n;
        try {
            n = Syscalls.recvFrom(fd, in, in.byteSize(), 0, scratch);
        } catch (SyscallException e) {
            throw timeoutOrRethrow(e);
        }
        datagramsRead++;
        bytesReceived += n;
        byte[] copy = in.asSlice(0, n).toArray(ValueLayout.JAVA_BYTE);
        return Message.parseAll(ByteBuffer.wrap(copy).order(ByteOrder.LITTLE_ENDIAN));
    }

    private SyscallException timeoutOrRethrow(SyscallException e) {
        if (e.errno().equals(Errno.EAGAIN)) {
            return new SyscallException("recvfrom", Errno.EAGAIN,
                    "no answer from the kernel within " + options.timeout());
        }
        if (e.errno().equals(Errno.ENOBUFS)) {
            return new SyscallException("recvfrom", Errno.ENOBUFS,
                    "receive buffer overrun: the kernel dropped replies; raise Options.receiveBufferBytes");
        }
        return e;
    }

    private static int errorCode(Message m) {
        ByteBuffer p = m.payload();
        if (p.remaining() < 4) {
            throw new DecodeException.Truncated("NLMSG_ERROR", 4, p.remaining());
        }
        return -p.getInt(0);
    }

    private static int doneError(Message m) {
        ByteBuffer p = m.payload();
        return p.remaining() >= 4 ? -p.getInt(0) : 0;
    }

    /** Builds the exception for an NLMSG_ERROR/NLMSG_DONE with a non-zero error, reading extended ACK TLVs. */
    private static KernelException kernelError(String operation, Message m, int error) {
        String text = null;
        int offset = -1;
        int missType = -1;
        int missNest = -1;
        if (m.hasFlag(Nl.NLM_F_ACK_TLVS)) {
            int tlvStart;
            if (m.type() == Nl.NLMSG_ERROR) {
                // struct nlmsgerr: int error; struct nlmsghdr msg; [original payload unless NLM_F_CAPPED]
                tlvStart = 4 + Nl.NLMSG_HDRLEN;
                if (!m.hasFlag(Nl.NLM_F_CAPPED) && m.payload().remaining() >= tlvStart) {
                    int origLen = m.payload().getInt(4);
                    tlvStart = origLen >= Nl.NLMSG_HDRLEN ? 4 + Nl.align(origLen) : Integer.MAX_VALUE;
                }
            } else {
                tlvStart = 4;
            }
            if (tlvStart >= 0 && tlvStart <= m.payload().remaining()) {
                AttributeReader a = m.attributes(tlvStart, EXT_ACK_NAMES);
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
        }
        return new KernelException(operation, Errno.of(error), text, offset, missType, missNest, m.seq());
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("netlink socket is closed");
        }
    }

    /** Closes the socket; waits for an exchange in progress on another thread to finish. Idempotent. */
    @Override
    public void close() {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            Syscalls.close(fd);
            rx.close();
            tx.close();
            scratch.close();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public String toString() {
        return "NetlinkSocket[" + protocol + ", port " + Integer.toUnsignedString(portId) + (closed ? ", closed]" : "]");
    }
}
