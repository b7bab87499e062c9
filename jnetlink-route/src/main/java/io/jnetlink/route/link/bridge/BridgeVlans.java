package io.jnetlink.route.link.bridge;

import io.jnetlink.core.Message;
import io.jnetlink.core.NetlinkSocket;
import io.jnetlink.core.error.KernelException;
import io.jnetlink.route.link.Links;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Bridge VLAN tables in the socket's namespace, each operation equivalent to one {@code bridge vlan} command.
 * VLAN tables exist only on bridges with {@code vlan_filtering} and only on kernels built with
 * CONFIG_BRIDGE_VLAN_FILTERING; elsewhere the kernel answers EOPNOTSUPP. To batch changes, build them with
 * {@link BridgeCodec}.
 */
public final class BridgeVlans {

    private final NetlinkSocket socket;
    private final Links links;

    public BridgeVlans(NetlinkSocket socket) {
        this.socket = Objects.requireNonNull(socket, "socket");
        this.links = new Links(socket);
    }

    /**
     * Adds a VLAN (or range) to a bridge port. Equivalent to: {@code bridge vlan add dev PORT vid N[-M] [pvid]
     * [untagged]}.
     *
     * @throws KernelException with EOPNOTSUPP when the kernel lacks VLAN filtering or the link is no bridge port
     */
    public void add(String port, BridgeVlan vlan) {
        socket.request(BridgeCodec.addVlan(links.indexOf(port), port, vlan));
    }

    /** Removes a VLAN (or range) from a bridge port. Equivalent to: {@code bridge vlan del dev PORT vid N[-M]}. */
    public void delete(String port, BridgeVlan vlan) {
        socket.request(BridgeCodec.deleteVlan(links.indexOf(port), port, vlan));
    }

    /**
     * Adds a VLAN (or range) to a device's own table; for a bridge, its own membership. Equivalent to:
     * {@code bridge vlan add dev BRIDGE vid N[-M] [pvid] [untagged] self}.
     */
    public void addSelf(String device, BridgeVlan vlan) {
        socket.request(BridgeCodec.addSelfVlan(links.indexOf(device), device, vlan));
    }

    /** Equivalent to: {@code bridge vlan del dev BRIDGE vid N[-M] self}. */
    public void deleteSelf(String device, BridgeVlan vlan) {
        socket.request(BridgeCodec.deleteSelfVlan(links.indexOf(device), device, vlan));
    }

    /**
     * The VLAN table of every bridge port and bridge that has one, ranges as the kernel compressed them.
     * Equivalent to: {@code bridge vlan show}.
     */
    public List<PortVlans> list() {
        List<PortVlans> out = new ArrayList<>();
        for (Message m : socket.dump(BridgeCodec.listVlans())) {
            BridgeCodec.decodeVlans(m).ifPresent(out::add);
        }
        return out;
    }

    @Override
    public String toString() {
        return "BridgeVlans[" + socket + "]";
    }
}
