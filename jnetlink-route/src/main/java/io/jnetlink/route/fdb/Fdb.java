package io.jnetlink.route.fdb;

import io.jnetlink.core.Message;
import io.jnetlink.core.NetlinkSocket;
import io.jnetlink.core.error.KernelException;
import io.jnetlink.route.link.Links;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Bridge forwarding database operations, each equivalent to one {@code bridge fdb} command, and
 * {@link #mesh(String) mesh synchronisation} of a VXLAN device's remotes. Obtained from
 * {@code Rtnetlink.fdb()}; all operations share the {@code Rtnetlink}'s socket.
 *
 * <p>Bad input throws {@link IllegalArgumentException} before anything is sent; a refusal by the kernel
 * throws {@link KernelException} naming the operation (e.g. {@code append fdb 00:00:00:00:00:00 ifindex 4
 * dst 10.0.0.2 self permanent}), the errno and the kernel's extended-ACK message.
 */
public final class Fdb {

    private final NetlinkSocket socket;
    private final Links links;

    public Fdb(NetlinkSocket socket, Links links) {
        this.socket = Objects.requireNonNull(socket, "socket");
        this.links = Objects.requireNonNull(links, "links");
    }

    /** Every entry of every device and bridge. Equivalent to: {@code bridge fdb show}. */
    public List<FdbEntry> list() {
        return decodeAll(socket.dump(FdbCodec.dump()), 0);
    }

    /**
     * The entries of the device with this index: its own and, for a bridge port, those of the port in its
     * bridge's table. The kernel filters the dump. Equivalent to: {@code bridge fdb show dev vx0}.
     */
    public List<FdbEntry> list(int index) {
        return decodeAll(socket.dump(FdbCodec.dump(index)), index);
    }

    /**
     * The entries of the device named {@code device}. Equivalent to: {@code bridge fdb show dev vx0}.
     *
     * @throws KernelException with ENODEV when there is no such device
     */
    public List<FdbEntry> list(String device) {
        return list(links.indexOf(Objects.requireNonNull(device, "device")));
    }

    /**
     * The entries of the bridge with this index and of its ports (their own entries included). The kernel
     * filters the dump. Equivalent to: {@code bridge fdb show br br0}.
     */
    public List<FdbEntry> listBridge(int bridgeIndex) {
        return decodeAll(socket.dump(FdbCodec.dumpBridge(bridgeIndex)), 0);
    }

    /**
     * The entries of the bridge named {@code bridge} and of its ports. Equivalent to: {@code bridge fdb show br br0}.
     *
     * @throws KernelException with ENODEV when there is no such device
     */
    public List<FdbEntry> listBridge(String bridge) {
        return listBridge(links.indexOf(Objects.requireNonNull(bridge, "bridge")));
    }

    /** Decodes AF_BRIDGE entries, dropping anything else and (should a kernel not filter) other devices. */
    static List<FdbEntry> decodeAll(List<Message> messages, int index) {
        List<FdbEntry> out = new ArrayList<>(messages.size());
        for (Message m : messages) {
            if (FdbCodec.isFdb(m)) {
                FdbEntry e = FdbCodec.decode(m);
                if (index == 0 || e.index() == index) {
                    out.add(e);
                }
            }
        }
        return out;
    }

    /**
     * Adds an entry; fails with EEXIST when the MAC is there.
     * Equivalent to: {@code bridge fdb add 02:00:00:00:00:01 dev vx0 dst 10.0.0.2 vni 100 self permanent}.
     */
    public void add(FdbEntry entry) {
        socket.request(FdbCodec.add(entry));
    }

    /**
     * Adds a remote to a flood (00:00:00:00:00:00) or multicast entry, creating the entry if needed; appending
     * a remote that is there already changes nothing. Equivalent to:
     * {@code bridge fdb append 00:00:00:00:00:00 dev vx0 dst 10.0.0.2}.
     */
    public void append(FdbEntry entry) {
        socket.request(FdbCodec.append(entry));
    }

    /**
     * Adds an entry or changes the existing one for the MAC (VXLAN: unicast MACs only).
     * Equivalent to: {@code bridge fdb replace 02:00:00:00:00:01 dev vx0 dst 10.0.0.3}.
     */
    public void replace(FdbEntry entry) {
        socket.request(FdbCodec.replace(entry));
    }

    /**
     * Removes an entry (on VXLAN, with a dst: that remote); fails with ENOENT when the MAC has no entry (a
     * VXLAN device succeeds without change when the MAC's entry lacks the remote). Any entry a list returned
     * can be passed as it is. Equivalent to: {@code bridge fdb del 00:00:00:00:00:00 dev vx0 dst 10.0.0.2}.
     */
    public void delete(FdbEntry entry) {
        socket.request(FdbCodec.delete(entry));
    }

    /**
     * A mesh synchroniser for the VXLAN device named {@code device}: resolves its index now (one request), so
     * that each {@link FdbMesh#sync} costs one dump plus, when something changed, one batch.
     *
     * @throws KernelException with ENODEV when there is no such device
     */
    public FdbMesh mesh(String device) {
        Objects.requireNonNull(device, "device");
        return new FdbMesh(socket, links.indexOf(device), device);
    }

    /** A mesh synchroniser for the VXLAN device with this index; sends nothing until {@link FdbMesh#sync}. */
    public FdbMesh mesh(int index) {
        if (index < 1) {
            throw new IllegalArgumentException("index " + index + " must be a link index (at least 1)");
        }
        return new FdbMesh(socket, index, "ifindex " + index);
    }

    @Override
    public String toString() {
        return "Fdb[" + socket + "]";
    }
}
