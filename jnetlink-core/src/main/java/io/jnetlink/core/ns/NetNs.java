package io.jnetlink.core.ns;

import io.jnetlink.core.NetlinkProtocol;
import io.jnetlink.core.NetlinkSocket;
import io.jnetlink.core.Subscription;
import io.jnetlink.core.codec.MessageWriter;
import io.jnetlink.core.error.Errno;
import io.jnetlink.core.error.SyscallException;
import io.jnetlink.core.internal.ffm.Syscalls;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A network namespace, held by an owned file descriptor: the namespace stays alive while the handle is
 * open, even if its name is deleted meanwhile.
 *
 * <p>Work that must happen inside the namespace (opening sockets, reading its /proc/sys/net) runs on a
 * dedicated platform thread owned by this handle, which enters the namespace once with setns(2). The
 * caller's threads never change namespace, so virtual threads, thread pools and the JVM's own threads are
 * unaffected. A socket opened there stays bound to the namespace whichever thread later uses it.
 *
 * <p>Named namespaces are compatible with {@code ip netns}: they are bind mounts under /run/netns.
 */
public final class NetNs implements AutoCloseable {

    /** Where named namespaces live, as for {@code ip netns}. */
    public static final Path RUN_DIR = Path.of("/run/netns");

    private static final Pattern VALID_NAME = Pattern.compile("[A-Za-z0-9_.:@+-]{1,255}");

    private final int fd;
    private final String name;
    private final String origin;
    private final ReentrantLock lock = new ReentrantLock();
    private ExecutorService worker;
    private boolean closed;
    /** Touched only on the worker thread: whether it has entered the namespace yet. */
    private boolean workerInside;
    /** The worker thread, so that a task running on it can call back into this handle without deadlock. */
    private volatile Thread workerThread;

    private NetNs(int fd, String name, String origin) {
        this.fd = fd;
        this.name = name;
        this.origin = origin;
    }

    // ---- opening ----

    /** The namespace of the calling thread. */
    public static NetNs current() {
        return new NetNs(openNsFile("/proc/thread-self/ns/net"), null, "current");
    }

    /** A named namespace, as {@code ip netns exec NAME} finds it: /run/netns/NAME. */
    public static NetNs open(String name) {
        Path p = pathOf(name);
        try {
            return new NetNs(openNsFile(p.toString()), name, p.toString());
        } catch (SyscallException e) {
            if (e.errno().equals(Errno.ENOENT)) {
                throw new SyscallException("open netns " + name, Errno.ENOENT,
                        "no namespace named '" + name + "' in " + RUN_DIR);
            }
            throw e;
        }
    }

    /** The namespace behind any path (a bind mount, /proc/PID/ns/net, ...). */
    public static NetNs openPath(Path path) {
        return new NetNs(openNsFile(path.toString()), null, path.toString());
    }

    /** The namespace of a process. */
    public static NetNs openPid(long pid) {
        if (pid <= 0) {
            throw new IllegalArgumentException("pid must be positive: " + pid);
        }
        String p = "/proc/" + pid + "/ns/net";
        return new NetNs(openNsFile(p), null, p);
    }

    /**
     * A new namespace that has no name: it lives exactly as long as this handle (and any socket opened in
     * it). Needs CAP_SYS_ADMIN.
     */
    public static NetNs createAnonymous() {
        int nsFd = onFreshThread(() -> {
            Syscalls.unshare(Syscalls.CLONE_NEWNET);
            return openNsFile("/proc/thread-self/ns/net");
        });
        return new NetNs(nsFd, null, "anonymous");
    }

    /**
     * Creates a named namespace. Equivalent to: {@code ip netns add NAME}.
     *
     * @throws SyscallException with EEXIST when the name is taken
     */
    public static NetNs create(String name) {
        Path p = pathOf(name);
        prepareRunDir();
        try {
            Syscalls.close(Syscalls.open(p.toString(),
                    Syscalls.O_RDONLY | Syscalls.O_CREAT | Syscalls.O_EXCL | Syscalls.O_CLOEXEC, 0));
        } catch (SyscallException e) {
            if (e.errno().equals(Errno.EEXIST)) {
                throw new SyscallException("create netns " + name, Errno.EEXIST,
                        "a namespace named '" + name + "' already exists");
            }
            throw e;
        }
        try {
            onFreshThread(() -> {
                Syscalls.unshare(Syscalls.CLONE_NEWNET);
                Syscalls.mount("/proc/thread-self/ns/net", p.toString(), "none", Syscalls.MS_BIND);
                return null;
            });
        } catch (RuntimeException e) {
            deleteQuietly(p);
            throw e;
        }
        return open(name);
    }

    /**
     * Deletes a named namespace: detaches its bind mount and removes the file. The namespace itself lives
     * on while handles, sockets or processes still use it. Equivalent to: {@code ip netns del NAME}.
     */
    public static void delete(String name) {
        Path p = pathOf(name);
        if (!Files.exists(p)) {
            throw new SyscallException("delete netns " + name, Errno.ENOENT,
                    "no namespace named '" + name + "' in " + RUN_DIR);
        }
        try {
            Syscalls.umount2(p.toString(), Syscalls.MNT_DETACH);
        } catch (SyscallException e) {
            if (!e.errno().equals(Errno.EINVAL)) { // EINVAL: not a mount point (a stale file); remove it anyway
                throw e;
            }
        }
        try {
            Files.delete(p);
        } catch (IOException e) {
            throw new UncheckedIOException("delete netns " + name + ": cannot remove " + p, e);
        }
    }

    /** The names in /run/netns, sorted. Equivalent to: {@code ip netns list}. */
    public static List<String> list() {
        try (Stream<Path> s = Files.list(RUN_DIR)) {
            return s.map(x -> x.getFileName().toString()).sorted().toList();
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw new UncheckedIOException("list " + RUN_DIR, e);
        }
    }

    /** Whether /run/netns/NAME exists. */
    public static boolean exists(String name) {
        return Files.exists(pathOf(name));
    }

    // ---- using ----

    /** The name, for namespaces opened or created by name. */
    public Optional<String> name() {
        return Optional.ofNullable(name);
    }

    /**
     * The namespace's inode number: two handles with the same inode are the same namespace (what
     * {@code ls -L -i /proc/PID/ns/net} shows).
     */
    public long inode() {
        ensureOpen();
        return Syscalls.inode(fd);
    }

    /**
     * The index of the interface named {@code name} in this namespace (if_nametoindex(3) run inside it), or
     * empty when it has none. Equivalent to: {@code ip -n NS link show NAME} and reading the index.
     */
    public OptionalInt interfaceIndex(String name) {
        Objects.requireNonNull(name, "name");
        int index = call(() -> Syscalls.ifNameToIndex(name));
        return index == 0 ? OptionalInt.empty() : OptionalInt.of(index);
    }

    /**
     * Runs {@code task} on this namespace's thread, inside the namespace, and returns its result.
     * Exceptions thrown by the task reach the caller unchanged.
     */
    public <T> T call(Supplier<T> task) {
        Objects.requireNonNull(task, "task");
        if (Thread.currentThread() == workerThread) {
            return task.get(); // already inside, on this handle's thread
        }
        ExecutorService w = worker();
        try {
            return CompletableFuture.supplyAsync(() -> {
                if (!workerInside) {
                    Syscalls.setns(fd, Syscalls.CLONE_NEWNET);
                    workerInside = true;
                }
                return task.get();
            }, w).join();
        } catch (CompletionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw e;
        }
    }

    /**
     * Writes this namespace's descriptor as a u32 attribute (IFLA_NET_NS_FD, NETNSA_FD, ...), for requests
     * that move an object into the namespace. The handle must stay open until the request was sent.
     */
    public MessageWriter writeFdAttribute(MessageWriter w, int attributeType) {
        ensureOpen();
        return w.u32(attributeType, fd);
    }

    /** Opens a netlink socket inside this namespace. */
    public NetlinkSocket openSocket(NetlinkProtocol protocol) {
        return call(() -> NetlinkSocket.open(protocol));
    }

    /** Opens a netlink socket inside this namespace with the given options. */
    public NetlinkSocket openSocket(NetlinkProtocol protocol, NetlinkSocket.Options options) {
        return call(() -> NetlinkSocket.open(protocol, options));
    }

    /** Subscribes to multicast groups inside this namespace. */
    public Subscription subscribe(NetlinkProtocol protocol, int... groups) {
        return call(() -> Subscription.open(protocol, groups));
    }

    /** Subscribes to multicast groups inside this namespace with a given SO_RCVBUF. */
    public Subscription subscribeWithBuffer(NetlinkProtocol protocol, int receiveBufferBytes, int... groups) {
        return call(() -> Subscription.openWithBuffer(protocol, receiveBufferBytes, groups));
    }

    private ExecutorService worker() {
        lock.lock();
        try {
            ensureOpen();
            if (worker == null) {
                String label = name != null ? name : origin;
                // The thread enters the namespace with its first task and stays there until close().
                worker = Executors.newSingleThreadExecutor(r -> {
                    Thread t = Thread.ofPlatform().daemon().name("jnetlink-netns-" + label).unstarted(r);
                    workerThread = t;
                    return t;
                });
            }
            return worker;
        } finally {
            lock.unlock();
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("namespace handle is closed: " + this);
        }
    }

    /**
     * Releases the descriptor and stops this handle's thread. Sockets opened through it stay usable. A
     * named namespace is not deleted; an anonymous one disappears when nothing else uses it. Idempotent.
     */
    @Override
    public void close() {
        ExecutorService w;
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            w = worker;
            worker = null;
        } finally {
            lock.unlock();
        }
        if (w != null) {
            w.shutdown();
        }
        Syscalls.close(fd);
    }

    @Override
    public String toString() {
        return "NetNs[" + (name != null ? name : origin) + (closed ? ", closed]" : "]");
    }

    // ---- helpers ----

    private static Path pathOf(String name) {
        Objects.requireNonNull(name, "name");
        if (!VALID_NAME.matcher(name).matches() || name.equals(".") || name.equals("..")) {
            throw new IllegalArgumentException("invalid namespace name '" + name
                    + "': use 1 to 255 of A-Z a-z 0-9 _ . : @ + -, not '.' or '..'");
        }
        return RUN_DIR.resolve(name);
    }

    private static int openNsFile(String path) {
        return Syscalls.open(path, Syscalls.O_RDONLY | Syscalls.O_CLOEXEC, 0);
    }

    /**
     * As ip netns does: /run/netns must be a shared mount so that namespaces created later show up in
     * other mount namespaces; the first time, it is bind-mounted onto itself to become a mount point.
     */
    private static void prepareRunDir() {
        try {
            Files.createDirectories(RUN_DIR);
        } catch (IOException e) {
            throw new UncheckedIOException("create " + RUN_DIR, e);
        }
        String dir = RUN_DIR.toString();
        try {
            Syscalls.mount("", dir, "none", Syscalls.MS_SHARED | Syscalls.MS_REC);
        } catch (SyscallException e) {
            if (!e.errno().equals(Errno.EINVAL)) {
                throw e;
            }
            Syscalls.mount(dir, dir, "none", Syscalls.MS_BIND | Syscalls.MS_REC);
            Syscalls.mount("", dir, "none", Syscalls.MS_SHARED | Syscalls.MS_REC);
        }
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // best effort: the creation already failed and that error is what the caller sees
        }
    }

    /** Runs {@code task} on a new platform thread that ends afterwards, so that its unshare dies with it. */
    private static <T> T onFreshThread(Supplier<T> task) {
        AtomicReference<T> result = new AtomicReference<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread t = Thread.ofPlatform().name("jnetlink-netns-create").start(() -> {
            try {
                result.set(task.get());
            } catch (RuntimeException | Error e) {
                failure.set(e);
            }
        });
        boolean interrupted = false;
        while (true) {
            try {
                t.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        Throwable f = failure.get();
        if (f instanceof RuntimeException r) {
            throw r;
        }
        if (f instanceof Error e) {
            throw e;
        }
        return result.get();
    }
}
