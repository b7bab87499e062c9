package io.jnetlink.core.tun;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * A persistent TUN or TAP device to create: {@code ip tuntap add dev NAME mode tun|tap [user UID] [group GID]
 * [multi_queue] [vnet_hdr]}. As with ip, the device never carries the 4-byte packet-information header
 * (IFF_NO_PI is always set): whoever attaches to it later chooses its own flags anyway.
 *
 * @param name       the interface name, 1 to 15 bytes; may contain one {@code %d}, which the kernel replaces by
 *                   the lowest free number ({@code tap%d} gives tap0, tap1, ...)
 * @param mode       TUN (IP packets) or TAP (Ethernet frames)
 * @param owner      the user allowed to attach to the device without CAP_NET_ADMIN (TUNSETOWNER); anyone with
 *                   CAP_NET_ADMIN when empty
 * @param group      the group allowed to attach to the device (TUNSETGROUP)
 * @param multiQueue IFF_MULTI_QUEUE: several file descriptors may attach, one queue each
 * @param vnetHdr    IFF_VNET_HDR: every packet is preceded by a struct virtio_net_hdr (offloads for VMs)
 */
public record TapSpec(String name, TunMode mode, OptionalLong owner, OptionalLong group, boolean multiQueue,
                      boolean vnetHdr) {

    /** The largest valid uid or gid: (uid_t) -1 means "none" to the kernel. */
    static final long MAX_ID = 0xFFFF_FFFEL;

    /**
     * @throws IllegalArgumentException naming the field and the value when the name is not a valid interface
     *                                  name or the owner or group is outside 0..4294967294
     */
    public TapSpec {
        checkName(name);
        Objects.requireNonNull(mode, "mode");
        checkId("owner", owner);
        checkId("group", group);
    }

    /** A TAP device {@code name}: no owner or group, one queue, no virtio header. */
    public static TapSpec tap(String name) {
        return new TapSpec(name, TunMode.TAP, OptionalLong.empty(), OptionalLong.empty(), false, false);
    }

    /** A TUN device {@code name}: no owner or group, one queue, no virtio header. */
    public static TapSpec tun(String name) {
        return new TapSpec(name, TunMode.TUN, OptionalLong.empty(), OptionalLong.empty(), false, false);
    }

    /** The same device owned by user {@code uid} ({@code user UID}). */
    public TapSpec withOwner(long uid) {
        return new TapSpec(name, mode, OptionalLong.of(uid), group, multiQueue, vnetHdr);
    }

    /** The same device usable by group {@code gid} ({@code group GID}). */
    public TapSpec withGroup(long gid) {
        return new TapSpec(name, mode, owner, OptionalLong.of(gid), multiQueue, vnetHdr);
    }

    /** The same device with several queues ({@code multi_queue}). */
    public TapSpec withMultiQueue() {
        return new TapSpec(name, mode, owner, group, true, vnetHdr);
    }

    /** The same device with virtio-net headers ({@code vnet_hdr}). */
    public TapSpec withVnetHdr() {
        return new TapSpec(name, mode, owner, group, multiQueue, true);
    }

    /** ifr_flags for TUNSETIFF, without IFF_TUN_EXCL. */
    int flags() {
        return mode.flag() | TunFlags.IFF_NO_PI | (multiQueue ? TunFlags.IFF_MULTI_QUEUE : 0)
                | (vnetHdr ? TunFlags.IFF_VNET_HDR : 0);
    }

    /** The checks of the kernel's dev_valid_name() and dev_alloc_name() (at most one %d). */
    private static void checkName(String name) {
        Objects.requireNonNull(name, "name");
        int bytes = name.getBytes(StandardCharsets.UTF_8).length;
        if (bytes == 0 || bytes >= IfReq.IFNAMSIZ) {
            throw invalidName(name, "must be 1 to " + (IfReq.IFNAMSIZ - 1) + " bytes, is " + bytes);
        }
        if (name.equals(".") || name.equals("..")) {
            throw invalidName(name, "'.' and '..' are reserved");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '/' || c == ':' || c == '\0' || Character.isWhitespace(c)) {
                throw invalidName(name, "must not contain '/', ':', NUL or whitespace");
            }
        }
        int percent = name.indexOf('%');
        if (percent >= 0 && (!name.startsWith("%d", percent) || name.indexOf('%', percent + 1) >= 0)) {
            throw invalidName(name, "a '%' may only appear once, as %d");
        }
    }

    private static IllegalArgumentException invalidName(String name, String why) {
        return new IllegalArgumentException("invalid name '" + name + "': " + why);
    }

    private static void checkId(String field, OptionalLong id) {
        Objects.requireNonNull(id, field);
        if (id.isPresent() && (id.getAsLong() < 0 || id.getAsLong() > MAX_ID)) {
            throw new IllegalArgumentException("invalid " + field + " " + id.getAsLong() + ": must be 0 to " + MAX_ID);
        }
    }
}
