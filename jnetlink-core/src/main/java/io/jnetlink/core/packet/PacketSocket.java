package io.jnetlink.core.packet;

import io.jnetlink.core.error.Errno;
import io.jnetlink.core.error.SyscallException;
import io.jnetlink.core.internal.ffm.Syscalls;
import io.jnetlink.core.ns.NetNs;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;

/**
 * An AF_PACKET, SOCK_RAW socket bound to one interface: {@link #send(byte[])} puts a whole Ethernet frame
 * (destination, source, EtherType, payload; no FCS) on the wire as it is, {@link #receive(Duration)} returns
 * whole frames that arrive on the interface. What {@code arping}, {@code tcpdump} and DHCP clients use.
 *
 * <p>The socket belongs to the namespace it was opened in, whichever thread uses it afterwards. It is bound
 * before it receives anything, so it never sees frames of other interfaces; frames the host itself sends on
 * the interface are not looped back to it (PACKET_IGNORE_OUTGOING, Linux 4.20 and later). Opening needs
 * CAP_NET_RAW in the namespace's user namespace.
 *
 * <p>Thread-safe: one sender and one receiver may work at the same time; {@link #close()} from any thread wakes
 * a receiver.
 */
public final class PacketSocket implements AutoCloseable {

    // linux/if_ether.h
    /** ETH_P_ALL: every protocol. */
    public static final int ETH_P_ALL = 0x0003;
    /** ETH_P_IP: IPv4. */
    public static final int ETH_P_IP = 0x0800;
    /** ETH_P_ARP. */
    public static final int ETH_P_ARP = 0x0806;
    /** ETH_P_IPV6. */
    public static final int ETH_P_IPV6 = 0x86DD;
    /** ETH_HLEN: destination and source address and EtherType. */
    public static final int ETH_HLEN = 14;
    /** ETH_ALEN: an Ethernet address. */
    static final int ETH_ALEN = 6;

    // linux/socket.h, linux/if_packet.h
    static final int SOL_PACKET = 263;
    static final int PACKET_IGNORE_OUTGOING = 23;
    /** sizeof(struct sockaddr_ll). */
    static final int SOCKADDR_LL_SIZE = 20;
    /** Protocol 0 in socket() and bind(): the socket receives nothing. */
    static final int NO_PROTOCOL = 0;

    /** Receive buffer to start with: a jumbo frame fits; larger (GRO) frames grow it. */
    private static final int INITIAL_RECEIVE_BYTES = 16 * 1024;

    private final int fd;
    private final int wakeFd;
    private final int ifindex;
    private final int protocol;
    private final Arena arena = Arena.ofShared();
    private final ReentrantLock sendLock = new ReentrantLock();
    private final ReentrantLock receiveLock = new ReentrantLock();
    private final AtomicBoolean closed = new AtomicBoolean();
    private MemorySegment rx;

    private PacketSocket(int ifindex, int protocol) {
        int s = Syscalls.socket(Syscalls.AF_PACKET, Syscalls.SOCK_RAW | Syscalls.SOCK_CLOEXEC, NO_PROTOCOL);
        int w = -1;
        try {
            if (protocol != NO_PROTOCOL) {
                Syscalls.setsockopt(s, SOL_PACKET, PACKET_IGNORE_OUTGOING, 1);
            }
            // Created with protocol 0 and bound with the real one: no frame of another interface is queued
            // between socket() and bind().
            Syscalls.bind(s, sockaddrLl(protocol, ifindex, null));
            w = Syscalls.eventfd();
        } catch (RuntimeException e) {
            Syscalls.close(s);
            throw e;
        }
        this.fd = s;
        this.wakeFd = w;
        this.ifindex = ifindex;
        this.protocol = protocol;
        this.rx = arena.allocate(INITIAL_RECEIVE_BYTES, 8);
    }

    /**
     * Opens a socket in {@code netns} bound to interface {@code ifindex} that receives frames of every
     * protocol.
     *
     * @throws IllegalArgumentException when the index is not positive
     * @throws SyscallException         with ENODEV when the namespace has no such interface, EPERM without
     *                                  CAP_NET_RAW
     */
    public static PacketSocket open(NetNs netns, int ifindex) {
        return open(netns, ifindex, ETH_P_ALL);
    }

    /**
     * Opens a socket in {@code netns} bound to interface {@code ifindex} that receives only frames whose
     * EtherType is {@code etherType} ({@link #ETH_P_ARP}, {@link #ETH_P_IPV6}, ...; {@link #ETH_P_ALL} for all).
     *
     * @throws IllegalArgumentException when the index is not positive or the EtherType is outside 1..0xFFFF
     */
    public static PacketSocket open(NetNs netns, int ifindex, int etherType) {
        Objects.requireNonNull(netns, "netns");
        checkIndex(ifindex);
        if (etherType <= 0 || etherType > 0xFFFF) {
            throw new IllegalArgumentException("invalid etherType 0x" + Integer.toHexString(etherType)
                    + ": must be 0x0001 to 0xffff");
        }
        return netns.call(() -> new PacketSocket(ifindex, etherType));
    }

    /**
     * Opens a socket in {@code netns} bound to interface {@code ifindex} that only sends: the kernel queues
     * nothing for it, so a sender that never reads costs no memory. {@link #receive(Duration)} on it always
     * times out.
     */
    public static PacketSocket openForSending(NetNs netns, int ifindex) {
        Objects.requireNonNull(netns, "netns");
        checkIndex(ifindex);
        return netns.call(() -> new PacketSocket(ifindex, NO_PROTOCOL));
    }

    /** The interface index the socket is bound to. */
    public int ifindex() {
        return ifindex;
    }

    /** The EtherType it receives ({@link #ETH_P_ALL} for all), 0 for a send-only socket. */
    public int protocol() {
        return protocol;
    }

    /**
     * Sends one Ethernet frame as it is: {@code frame} starts with the destination address, the source address
     * and the EtherType. The kernel adds no header and checks no address; it pads nothing (a driver may).
     *
     * @throws IllegalArgumentException when the frame is shorter than an Ethernet header (14 bytes)
     * @throws SyscallException         with ENETDOWN when the interface is down, EMSGSIZE when the frame is
     *                                  larger than the interface's MTU plus the header
     */
    public void send(byte[] frame) {
        Objects.requireNonNull(frame, "frame");
        if (frame.length < ETH_HLEN) {
            throw new IllegalArgumentException("invalid frame of " + frame.length
                    + " bytes: must hold at least an Ethernet header (" + ETH_HLEN + " bytes)");
        }
        int etherType = ((frame[12] & 0xFF) << 8) | (frame[13] & 0xFF);
        byte[] destination = new byte[ETH_ALEN];
        System.arraycopy(frame, 0, destination, 0, ETH_ALEN);
        byte[] to = sockaddrLl(etherType, ifindex, destination);
        sendLock.lock();
        try {
            ensureOpen();
            long n = Syscalls.sendTo(fd, frame, to);
            if (n != frame.length) {
                throw new SyscallException("sendto", Errno.EMSGSIZE, "sent " + n + " of " + frame.length + " bytes");
            }
        } finally {
            sendLock.unlock();
        }
    }

    /**
     * Waits up to {@code timeout} for the next frame and returns it whole (from the destination address on).
     * Returns empty on timeout and once the socket is closed.
     */
    public Optional<byte[]> receive(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        long deadline = System.nanoTime() + Math.max(0, timeout.toNanos());
        receiveLock.lock();
        try {
            while (!closed.get()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return Optional.empty();
                }
                int ready = Syscalls.pollIn(new int[]{fd, wakeFd},
                        (int) Math.min(Integer.MAX_VALUE, Math.max(1, left / 1_000_000)));
                if (closed.get()) {
                    break;
                }
                if ((ready & 1) == 0) {
                    continue;
                }
                try {
                    long size = Syscalls.recv(fd, rx, 0, Syscalls.MSG_PEEK | Syscalls.MSG_TRUNC | Syscalls.MSG_DONTWAIT);
                    if (size > rx.byteSize()) {
                        rx = arena.allocate(Math.max(size, rx.byteSize() * 2), 8);
                    }
                    long n = Syscalls.recv(fd, rx, rx.byteSize(), Syscalls.MSG_DONTWAIT);
                    return Optional.of(rx.asSlice(0, n).toArray(ValueLayout.JAVA_BYTE));
                } catch (SyscallException e) {
                    if (!e.errno().equals(Errno.EAGAIN)) {
                        throw e;
                    }
                }
            }
            return Optional.empty();
        } finally {
            receiveLock.unlock();
        }
    }

    /** Closes the socket, waking a thread blocked in {@link #receive(Duration)}. Idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        Syscalls.eventfdSignal(wakeFd);
        receiveLock.lock();
        sendLock.lock();
        try {
            Syscalls.close(fd);
            Syscalls.close(wakeFd);
            arena.close();
        } finally {
            sendLock.unlock();
            receiveLock.unlock();
        }
    }

    @Override
    public String toString() {
        return "PacketSocket[ifindex " + ifindex + ", protocol 0x" + Integer.toHexString(protocol)
                + (closed.get() ? ", closed]" : "]");
    }

    /**
     * struct sockaddr_ll (linux/if_packet.h): {@code u16 sll_family; be16 sll_protocol; s32 sll_ifindex;
     * u16 sll_hatype; u8 sll_pkttype; u8 sll_halen; u8 sll_addr[8]}; family and index in host order.
     *
     * @param address the destination link-layer address when sending (sll_halen is its length), or null
     */
    static byte[] sockaddrLl(int protocol, int ifindex, byte[] address) {
        ByteBuffer b = ByteBuffer.allocate(SOCKADDR_LL_SIZE).order(ByteOrder.nativeOrder());
        b.putShort(0, (short) Syscalls.AF_PACKET);
        b.order(ByteOrder.BIG_ENDIAN).putShort(2, (short) protocol).order(ByteOrder.nativeOrder());
        b.putInt(4, ifindex);
        if (address != null) {
            b.put(11, (byte) address.length);
            b.put(12, address);
        }
        return b.array();
    }

    private static void checkIndex(int ifindex) {
        if (ifindex <= 0) {
            throw new IllegalArgumentException("invalid ifindex " + ifindex + ": must be positive");
        }
    }

    private void ensureOpen() {
        if (closed.get()) {
            throw new IllegalStateException("packet socket is closed");
        }
    }
}
