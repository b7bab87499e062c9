package io.jnetlink.core.internal.ffm;

import io.jnetlink.core.error.Errno;
import io.jnetlink.core.error.SyscallException;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * The only place in jnetlink that calls into libc. Every call captures errno and turns a failure into a
 * {@link SyscallException} naming the call; nothing above this package sees a MethodHandle.
 *
 * <p>File descriptors are plain ints here; the public classes that own them ({@code NetlinkSocket},
 * {@code NetNs}) never hand them out.
 */
@SuppressWarnings("restricted")
public final class Syscalls {

    // <bits/socket.h>, <linux/socket.h>
    public static final int AF_NETLINK = 16;
    public static final int SOCK_RAW = 3;
    public static final int SOCK_CLOEXEC = 0x80000;
    public static final int SOL_SOCKET = 1;
    public static final int SO_SNDBUF = 7;
    public static final int SO_RCVBUF = 8;
    public static final int SO_RCVTIMEO = 20;
    public static final int SO_SNDBUFFORCE = 32;
    public static final int SO_RCVBUFFORCE = 33;
    public static final int MSG_PEEK = 0x2;
    public static final int MSG_TRUNC = 0x20;
    public static final int MSG_DONTWAIT = 0x40;
    // <linux/netlink.h>
    public static final int SOL_NETLINK = 270;
    public static final int NETLINK_ADD_MEMBERSHIP = 1;
    public static final int NETLINK_DROP_MEMBERSHIP = 2;
    public static final int NETLINK_CAP_ACK = 10;
    public static final int NETLINK_EXT_ACK = 11;
    public static final int NETLINK_GET_STRICT_CHK = 12;
    // <sched.h>
    public static final int CLONE_NEWNET = 0x40000000;
    // <fcntl.h>
    public static final int O_RDONLY = 0;
    public static final int O_CREAT = 0x40;
    public static final int O_EXCL = 0x80;
    public static final int O_CLOEXEC = 0x80000;
    // <sys/mount.h>
    public static final long MS_BIND = 4096;
    public static final long MS_REC = 16384;
    public static final long MS_SHARED = 1L << 20;
    public static final int MNT_DETACH = 2;
    // <poll.h>, <sys/eventfd.h>
    public static final short POLLIN = 0x1;
    public static final int EFD_CLOEXEC = 0x80000;

    private static final Linker LINKER = Linker.nativeLinker();
    private static final SymbolLookup LIBC = LINKER.defaultLookup();
    private static final StructLayout CALL_STATE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO =
            CALL_STATE.varHandle(MemoryLayout.PathElement.groupElement("errno"));

    private static final MethodHandle SOCKET = errnoFn("socket", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT));
    private static final MethodHandle BIND = errnoFn("bind", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle GETSOCKNAME = errnoFn("getsockname", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, ADDRESS));
    private static final MethodHandle SETSOCKOPT = errnoFn("setsockopt", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle GETSOCKOPT = errnoFn("getsockopt", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, ADDRESS));
    private static final MethodHandle SENDTO = errnoFn("sendto", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle RECVFROM = errnoFn("recvfrom", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT, ADDRESS, ADDRESS));
    private static final MethodHandle CLOSE = errnoFn("close", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    private static final MethodHandle SETNS = errnoFn("setns", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));
    private static final MethodHandle UNSHARE = errnoFn("unshare", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    private static final MethodHandle OPEN = errnoFn("open", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT),
            Linker.Option.firstVariadicArg(2));
    private static final MethodHandle MOUNT = errnoFn("mount", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS, JAVA_LONG, ADDRESS));
    private static final MethodHandle UMOUNT2 = errnoFn("umount2", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle POLL = errnoFn("poll", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT));
    private static final MethodHandle EVENTFD = errnoFn("eventfd", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));
    private static final MethodHandle WRITE = errnoFn("write", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG));
    private static final MethodHandle FSTAT = errnoFn("fstat", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS));
    private static final MethodHandle STRERROR = plainFn("strerror", FunctionDescriptor.of(ADDRESS, JAVA_INT));

    private Syscalls() {
    }

    private static MethodHandle errnoFn(String name, FunctionDescriptor descriptor, Linker.Option... extra) {
        Linker.Option[] options = new Linker.Option[extra.length + 1];
        options[0] = Linker.Option.captureCallState("errno");
        System.arraycopy(extra, 0, options, 1, extra.length);
        return LINKER.downcallHandle(symbol(name), descriptor, options);
    }

    private static MethodHandle plainFn(String name, FunctionDescriptor descriptor) {
        return LINKER.downcallHandle(symbol(name), descriptor);
    }

    private static MemorySegment symbol(String name) {
        return LIBC.find(name).orElseThrow(() -> new UnsatisfiedLinkError("libc has no symbol " + name));
    }

    private static int errno(MemorySegment state) {
        return (int) ERRNO.get(state, 0L);
    }

    private static SyscallException failure(String call, MemorySegment state) {
        return new SyscallException(call, Errno.of(errno(state)));
    }

    private static RuntimeException rethrow(Throwable t) {
        if (t instanceof RuntimeException r) {
            return r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        return new IllegalStateException(t);
    }

    /** socket(2). */
    public static int socket(int domain, int type, int protocol) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CALL_STATE);
            int fd = (int) SOCKET.invokeExact(state, domain, type, protocol);
            if (fd < 0) {
                throw failure("socket", state);
            }
            return fd;
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** bind(2) of a sockaddr_nl with the given port id (0: kernel assigns) and legacy group mask. */
    public static void bindNetlink(int fd, int portId, int groups) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CALL_STATE);
            MemorySegment addr = sockaddrNl(arena, portId, groups);
            int rc = (int) BIND.invokeExact(state, fd, addr, (int) addr.byteSize());
            if (rc < 0) {
                throw failure("bind", state);
            }
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** The port id the kernel assigned to a bound netlink socket (getsockname(2)). */
    public static int netlinkPortId(int fd) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CALL_STATE);
            MemorySegment addr = arena.allocate(12, 4);
            MemorySegment len = arena.allocate(JAVA_INT);
            len.set(JAVA_INT, 0, 12);
            int rc = (int) GETSOCKNAME.invokeExact(state, fd, addr, len);
            if (rc < 0) {
                throw failure("getsockname", state);
            }
            return addr.get(JAVA_INT, 4);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** A 12-byte struct sockaddr_nl. */
    public static MemorySegment sockaddrNl(Arena arena, int portId, int groups) {
        MemorySegment addr = arena.allocate(12, 4);
        addr.set(ValueLayout.JAVA_SHORT, 0, (short) AF_NETLINK);
        addr.set(JAVA_INT, 4, portId);
        addr.set(JAVA_INT, 8, groups);
        return addr;
    }

    /** setsockopt(2) with an int value. */
    public static void setsockopt(int fd, int level, int option, int value) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CALL_STATE);
            MemorySegment v = arena.allocate(JAVA_INT);
            v.set(JAVA_INT, 0, value);
            int rc = (int) SETSOCKOPT.invokeExact(state, fd, level, option, v, 4);
            if (rc < 0) {
                throw failure("setsockopt(" + level + "," + option + ")", state);
            }
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** getsockopt(2) of an int value. */
    public static int getsockopt(int fd, int level, int option) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CALL_STATE);
            MemorySegment v = arena.allocate(JAVA_INT);
            MemorySegment len = arena.allocate(JAVA_INT);
            len.set(JAVA_INT, 0, 4);
            int rc = (int) GETSOCKOPT.invokeExact(state, fd, level, option, v, len);
            if (rc < 0) {
                throw failure("getsockopt(" + level + "," + option + ")", state);
            }
            return v.get(JAVA_INT, 0);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** SO_RCVTIMEO as a struct timeval. */
    public static void setReceiveTimeout(int fd, long millis) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CALL_STATE);
            MemorySegment tv = arena.allocate(16, 8);
            tv.set(JAVA_LONG, 0, millis / 1000);
            tv.set(JAVA_LONG, 8, (millis % 1000) * 1000);
            int rc = (int) SETSOCKOPT.invokeExact(state, fd, SOL_SOCKET, SO_RCVTIMEO, tv, 16);
            if (rc < 0) {
                throw failure("setsockopt(SO_RCVTIMEO)", state);
            }
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /**
     * Native scratch memory for the calls on a socket's hot path (errno capture state, a sockaddr_nl and its
     * length), allocated once per socket instead of once per call. Its owner serialises access.
     */
    public static final class Scratch implements AutoCloseable {
        private final Arena arena = Arena.ofShared();
        private final MemorySegment state = arena.allocate(CALL_STATE);
        private final MemorySegment kernel = sockaddrNl(arena, 0, 0);
        private final MemorySegment sender = arena.allocate(12, 4);
        private final MemorySegment senderLen = arena.allocate(JAVA_INT);

        /** The netlink port id of the sender of the datagram last received through this scratch. */
        public int senderPort() {
            return sender.get(JAVA_INT, 4);
        }

        @Override
        public void close() {
            if (arena.scope().isAlive()) {
                arena.close();
            }
        }
    }

    /** sendto(2) to the kernel (sockaddr_nl with port id 0), retrying on EINTR. */
    public static long sendToKernel(int fd, MemorySegment buf, long len, Scratch s) {
        try {
            while (true) {
                long n = (long) SENDTO.invokeExact(s.state, fd, buf, len, 0, s.kernel, (int) s.kernel.byteSize());
                if (n >= 0) {
                    return n;
                }
                if (errno(s.state) != Errno.EINTR.number()) {
                    throw failure("sendto", s.state);
                }
            }
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /**
     * recvfrom(2), retrying on EINTR. Returns the datagram length (with MSG_TRUNC: its full length even
     * when larger than {@code len}); the sender's port id is then {@link Scratch#senderPort()}.
     */
    public static long recvFrom(int fd, MemorySegment buf, long len, int flags, Scratch s) {
        try {
            while (true) {
                s.senderLen.set(JAVA_INT, 0, 12);
                long n = (long) RECVFROM.invokeExact(s.state, fd, buf, len, flags, s.sender, s.senderLen);
                if (n >= 0) {
                    return n;
                }
                if (errno(s.state) != Errno.EINTR.number()) {
                    throw failure("recvfrom", s.state);
                }
            }
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** close(2). EINTR is not retried: on Linux the descriptor is released either way. */
    public static void close(int fd) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CALL_STATE);
            int rc = (int) CLOSE.invokeExact(state, fd);
            if (rc < 0 && errno(state) != Errno.EINTR.number()) {
                throw failure("close", state);
            }
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** setns(2): moves the calling OS thread into the namespace behind {@code fd}. */
    public static void setns(int fd, int nstype) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CALL_STATE);
            int rc = (int) SETNS.invokeExact(state, fd, nstype);
            if (rc < 0) {
                throw failure("setns", state);
            }
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** unshare(2) for the calling OS thread. */
    public static void unshare(int flags) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CALL_STATE);
            int rc = (int) UNSHARE.invokeExact(state, flags);
            if (rc < 0) {
                throw failure("unshare", state);
            }
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** open(2). */
    public static int open(String path, int flags, int mode) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CALL_STATE);
            int fd = (int) OPEN.invokeExact(state, arena.allocateFrom(path), flags, mode);
            if (fd < 0) {
                throw new SyscallException("open " + path, Errno.of(errno(state)));
            }
            return fd;
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** mount(2); {@code source} and {@code fstype} may be null. */
    public static void mount(String source, String target, String fstype, long flags) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CALL_STATE);
            MemorySegment src = source == null ? MemorySegment.NULL : arena.allocateFrom(source);
            MemorySegment fs = fstype == null ? MemorySegment.NULL : arena.allocateFrom(fstype);
            int rc = (int) MOUNT.invokeExact(state, src, arena.allocateFrom(target), fs, flags, MemorySegment.NULL);
            if (rc < 0) {
                throw new SyscallException("mount " + target, Errno.of(errno(state)));
            }
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** umount2(2). */
    public static void umount2(String target, int flags) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CALL_STATE);
            int rc = (int) UMOUNT2.invokeExact(state, arena.allocateFrom(target), flags);
            if (rc < 0) {
                throw new SyscallException("umount " + target, Errno.of(errno(state)));
            }
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /**
     * poll(2) for POLLIN on the given descriptors. Returns a bit set: bit i is set when fds[i] is readable
     * (or in error); 0 on timeout. EINTR counts as a timeout so that callers re-check their state.
     */
    public static int pollIn(int[] fds, int timeoutMillis) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CALL_STATE);
            MemorySegment pfds = arena.allocate(8L * fds.length, 4);
            for (int i = 0; i < fds.length; i++) {
                pfds.set(JAVA_INT, 8L * i, fds[i]);
                pfds.set(ValueLayout.JAVA_SHORT, 8L * i + 4, POLLIN);
            }
            int rc = (int) POLL.invokeExact(state, pfds, (long) fds.length, timeoutMillis);
            if (rc < 0) {
                if (errno(state) == Errno.EINTR.number()) {
                    return 0;
                }
                throw failure("poll", state);
            }
            int ready = 0;
            for (int i = 0; i < fds.length; i++) {
                if (pfds.get(ValueLayout.JAVA_SHORT, 8L * i + 6) != 0) {
                    ready |= 1 << i;
                }
            }
            return ready;
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** eventfd(2), used to wake a thread blocked in poll. */
    public static int eventfd() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CALL_STATE);
            int fd = (int) EVENTFD.invokeExact(state, 0, EFD_CLOEXEC);
            if (fd < 0) {
                throw failure("eventfd", state);
            }
            return fd;
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** Adds one to an eventfd counter. */
    public static void eventfdSignal(int fd) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CALL_STATE);
            MemorySegment one = arena.allocate(JAVA_LONG);
            one.set(JAVA_LONG, 0, 1L);
            long n = (long) WRITE.invokeExact(state, fd, one, 8L);
            if (n < 0) {
                throw failure("write(eventfd)", state);
            }
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /**
     * The inode number of an open file (fstat(2) st_ino, at offset 8 of struct stat on x86_64 and
     * aarch64 alike).
     */
    public static long inode(int fd) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CALL_STATE);
            MemorySegment st = arena.allocate(256, 8);
            int rc = (int) FSTAT.invokeExact(state, fd, st);
            if (rc < 0) {
                throw failure("fstat", state);
            }
            return st.get(JAVA_LONG, 8);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** strerror(3) text for an errno value, read once per value by {@link Errno}. */
    public static String strerror(int errno) {
        try {
            MemorySegment s = (MemorySegment) STRERROR.invokeExact(errno);
            return s.reinterpret(256).getString(0);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    // ---- tun/tap devices (io.jnetlink.core.tun) and packet sockets (io.jnetlink.core.packet) ----

    // <fcntl.h>
    public static final int O_RDWR = 2;
    // <linux/socket.h>
    public static final int AF_PACKET = 17;

    // ioctl(2) is variadic: the third argument is either a pointer to a struct or a plain unsigned long.
    private static final MethodHandle IOCTL_POINTER = errnoFn("ioctl",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG, ADDRESS), Linker.Option.firstVariadicArg(2));
    private static final MethodHandle IOCTL_VALUE = errnoFn("ioctl",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG, JAVA_LONG), Linker.Option.firstVariadicArg(2));

    /**
     * ioctl(2) whose argument points to a struct (struct ifreq, ...): {@code arg} is copied into native memory
     * before the call and back into {@code arg} after it, so that what the kernel wrote is visible.
     *
     * @param call names the call in a failure, e.g. {@code ioctl(TUNSETIFF) tap0}
     */
    public static void ioctl(int fd, long request, byte[] arg, String call) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CALL_STATE);
            MemorySegment buf = arena.allocate(Math.max(1, arg.length), 8);
            MemorySegment.copy(arg, 0, buf, ValueLayout.JAVA_BYTE, 0, arg.length);
            int rc = (int) IOCTL_POINTER.invokeExact(state, fd, request, buf);
            if (rc < 0) {
                throw failure(call, state);
            }
            MemorySegment.copy(buf, ValueLayout.JAVA_BYTE, 0, arg, 0, arg.length);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /**
     * ioctl(2) whose argument is a plain value (TUNSETPERSIST, TUNSETOWNER, TUNSETGROUP, ...).
     *
     * @param call names the call in a failure, e.g. {@code ioctl(TUNSETPERSIST) tap0}
     */
    public static void ioctl(int fd, long request, long value, String call) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CALL_STATE);
            int rc = (int) IOCTL_VALUE.invokeExact(state, fd, request, value);
            if (rc < 0) {
                throw failure(call, state);
            }
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** bind(2) to a socket address given as its bytes (a struct sockaddr_ll, ...). */
    public static void bind(int fd, byte[] sockaddr) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CALL_STATE);
            MemorySegment addr = arena.allocate(sockaddr.length, 8);
            MemorySegment.copy(sockaddr, 0, addr, ValueLayout.JAVA_BYTE, 0, sockaddr.length);
            int rc = (int) BIND.invokeExact(state, fd, addr, sockaddr.length);
            if (rc < 0) {
                throw failure("bind", state);
            }
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** sendto(2) of {@code data} to a socket address given as its bytes, retrying on EINTR; returns bytes sent. */
    public static long sendTo(int fd, byte[] data, byte[] sockaddr) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CALL_STATE);
            MemorySegment buf = arena.allocate(Math.max(1, data.length), 8);
            MemorySegment.copy(data, 0, buf, ValueLayout.JAVA_BYTE, 0, data.length);
            MemorySegment addr = arena.allocate(sockaddr.length, 8);
            MemorySegment.copy(sockaddr, 0, addr, ValueLayout.JAVA_BYTE, 0, sockaddr.length);
            while (true) {
                long n = (long) SENDTO.invokeExact(state, fd, buf, (long) data.length, 0, addr, sockaddr.length);
                if (n >= 0) {
                    return n;
                }
                if (errno(state) != Errno.EINTR.number()) {
                    throw failure("sendto", state);
                }
            }
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /**
     * recvfrom(2) without asking for the sender's address, retrying on EINTR. Returns the datagram length;
     * with MSG_TRUNC its full length even when larger than {@code len}.
     */
    public static long recv(int fd, MemorySegment buf, long len, int flags) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CALL_STATE);
            while (true) {
                long n = (long) RECVFROM.invokeExact(state, fd, buf, len, flags, MemorySegment.NULL, MemorySegment.NULL);
                if (n >= 0) {
                    return n;
                }
                if (errno(state) != Errno.EINTR.number()) {
                    throw failure("recvfrom", state);
                }
            }
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    private static final MethodHandle IF_NAMETOINDEX = errnoFn("if_nametoindex",
            FunctionDescriptor.of(JAVA_INT, ADDRESS));

    /**
     * if_nametoindex(3) in the calling thread's network namespace: the interface's index, or 0 when there is
     * no interface of that name (ENODEV). Other failures (no socket could be opened) throw.
     */
    public static int ifNameToIndex(String name) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CALL_STATE);
            int index = (int) IF_NAMETOINDEX.invokeExact(state, arena.allocateFrom(name));
            if (index == 0 && errno(state) != Errno.ENODEV.number()) {
                throw failure("if_nametoindex " + name, state);
            }
            return index;
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }
}
