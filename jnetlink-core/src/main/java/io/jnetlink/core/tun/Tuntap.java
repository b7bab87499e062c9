package io.jnetlink.core.tun;

import io.jnetlink.core.error.Errno;
import io.jnetlink.core.error.SyscallException;
import io.jnetlink.core.internal.ffm.Syscalls;
import io.jnetlink.core.ns.NetNs;

import java.util.Objects;

/**
 * Creates and deletes persistent TUN/TAP devices through the /dev/net/tun ioctls, as {@code ip tuntap} does.
 *
 * <p>The kernel creates a tun device in the network namespace of the thread that issues TUNSETIFF, so every
 * operation taking a {@link NetNs} runs on that namespace's thread ({@link NetNs#call}); the caller's thread
 * never changes namespace. The variants without a namespace act in the calling thread's namespace.
 *
 * <p>Deleting uses the same ioctl route as {@code ip tuntap del} (attach, clear TUNSETPERSIST, close), not
 * RTM_DELLINK, so that the core needs no rtnetlink codec; {@code Links.delete(name)} of jnetlink-route removes
 * a tun device just as well, whatever its mode and flags.
 */
public final class Tuntap {

    private Tuntap() {
    }

    /**
     * Creates a persistent device in {@code netns}. Equivalent to: {@code ip -n NS tuntap add dev NAME mode
     * tun|tap [user UID] [group GID] [multi_queue] [vnet_hdr]}. Nothing is left behind when a step fails: the
     * device becomes persistent only as the last step, and a device that is not persistent disappears with
     * the descriptor that created it.
     *
     * @return the device's name, as the kernel completed a {@code %d} pattern
     * @throws SyscallException with EEXIST when a device of that name exists (of any kind), EPERM without
     *                          CAP_NET_ADMIN in the namespace, ENOENT when /dev/net/tun is missing
     */
    public static String add(NetNs netns, TapSpec spec) {
        Objects.requireNonNull(netns, "netns");
        Objects.requireNonNull(spec, "spec");
        return netns.call(() -> add(spec));
    }

    /** As {@link #add(NetNs, TapSpec)}, in the calling thread's namespace. */
    public static String add(TapSpec spec) {
        Objects.requireNonNull(spec, "spec");
        int fd = Syscalls.open(TunFlags.TUN_DEVICE, Syscalls.O_RDWR | Syscalls.O_CLOEXEC, 0);
        try {
            byte[] ifr = IfReq.encode(spec.name(), spec.flags() | TunFlags.IFF_TUN_EXCL);
            try {
                Syscalls.ioctl(fd, TunFlags.TUNSETIFF, ifr, "ioctl(TUNSETIFF) " + spec.name());
            } catch (SyscallException e) {
                if (e.errno().equals(Errno.EBUSY)) {
                    // With IFF_TUN_EXCL the kernel answers EBUSY exactly when the name is taken.
                    throw new SyscallException("add " + spec.mode().keyword() + " " + spec.name(), Errno.EEXIST,
                            "a device named '" + spec.name() + "' already exists");
                }
                throw e;
            }
            String name = IfReq.name(ifr);
            if (spec.owner().isPresent()) {
                Syscalls.ioctl(fd, TunFlags.TUNSETOWNER, spec.owner().getAsLong(), "ioctl(TUNSETOWNER) " + name);
            }
            if (spec.group().isPresent()) {
                Syscalls.ioctl(fd, TunFlags.TUNSETGROUP, spec.group().getAsLong(), "ioctl(TUNSETGROUP) " + name);
            }
            Syscalls.ioctl(fd, TunFlags.TUNSETPERSIST, 1, "ioctl(TUNSETPERSIST) " + name);
            return name;
        } finally {
            Syscalls.close(fd);
        }
    }

    /**
     * Deletes a persistent device from {@code netns}: attaches to it with the spec's mode and multi-queue
     * setting, clears the persist flag and detaches, which destroys it. The spec's owner, group and vnet_hdr
     * do not matter. Equivalent to: {@code ip -n NS tuntap del dev NAME mode tun|tap [multi_queue]}.
     *
     * @throws SyscallException with ENODEV when there is no device of that name; EINVAL when the device is not
     *                          a tun device of that mode and multi-queue setting; EBUSY when it is not
     *                          persistent but belongs to a process that has it open (nothing is deleted then)
     */
    public static void delete(NetNs netns, TapSpec spec) {
        Objects.requireNonNull(netns, "netns");
        Objects.requireNonNull(spec, "spec");
        netns.call(() -> {
            delete(spec);
            return null;
        });
    }

    /** As {@link #delete(NetNs, TapSpec)}, in the calling thread's namespace. */
    public static void delete(TapSpec spec) {
        Objects.requireNonNull(spec, "spec");
        String op = "delete " + spec.mode().keyword() + " " + spec.name();
        if (spec.name().contains("%")) {
            throw new IllegalArgumentException("invalid name '" + spec.name() + "': a pattern names no device to delete");
        }
        // Without this check TUNSETIFF would create the device only for it to vanish again at close.
        if (Syscalls.ifNameToIndex(spec.name()) == 0) {
            throw new SyscallException(op, Errno.ENODEV, "no device named '" + spec.name() + "'");
        }
        int fd = Syscalls.open(TunFlags.TUN_DEVICE, Syscalls.O_RDWR | Syscalls.O_CLOEXEC, 0);
        try {
            byte[] ifr = IfReq.encode(spec.name(), spec.flags());
            try {
                Syscalls.ioctl(fd, TunFlags.TUNSETIFF, ifr, "ioctl(TUNSETIFF) " + spec.name());
            } catch (SyscallException e) {
                if (e.errno().equals(Errno.EINVAL)) {
                    throw new SyscallException(op, Errno.EINVAL, "'" + spec.name() + "' is not a "
                            + spec.mode().keyword() + " device" + (spec.multiQueue() ? " with" : " without")
                            + " multi_queue; mode and multi_queue must be as when it was created");
                }
                throw e;
            }
            byte[] now = IfReq.encode(spec.name(), 0);
            Syscalls.ioctl(fd, TunFlags.TUNGETIFF, now, "ioctl(TUNGETIFF) " + spec.name());
            if ((IfReq.flags(now) & TunFlags.IFF_PERSIST) == 0) {
                // A multi-queue device some process has open: clearing persist would change nothing.
                throw new SyscallException(op, Errno.EBUSY, "'" + spec.name()
                        + "' is not persistent: it belongs to the process that has it open");
            }
            Syscalls.ioctl(fd, TunFlags.TUNSETPERSIST, 0, "ioctl(TUNSETPERSIST) " + spec.name());
        } finally {
            Syscalls.close(fd); // the last descriptor of a device that is no longer persistent: it goes away
        }
    }
}
