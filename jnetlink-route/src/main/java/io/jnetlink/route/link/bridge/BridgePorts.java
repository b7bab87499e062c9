package io.jnetlink.route.link.bridge;

import io.jnetlink.core.Message;
import io.jnetlink.core.NetlinkSocket;
import io.jnetlink.core.error.KernelException;
import io.jnetlink.route.link.Links;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Bridge port settings in the socket's namespace, each operation equivalent to one {@code bridge link}
 * command. Ports are named as in bridge; their index is looked up first (the kernel's bridge handlers take
 * indexes only). To batch changes, build them with {@link BridgeCodec}.
 */
public final class BridgePorts {

    private final NetlinkSocket socket;
    private final Links links;

    public BridgePorts(NetlinkSocket socket) {
        this.socket = Objects.requireNonNull(socket, "socket");
        this.links = new Links(socket);
    }

    /**
     * Changes the settings present in {@code change}. Equivalent to: {@code bridge link set dev PORT
     * [learning on|off] [flood on|off] [hairpin on|off] [isolated on|off] [neigh_suppress on|off] [cost N]
     * [priority N] [state S] ...}.
     *
     * @throws IllegalArgumentException when {@code change} holds no setting (nothing is sent)
     * @throws KernelException          with ENODEV when there is no such link, EOPNOTSUPP when it is not a bridge
     *                                  port, ERANGE for a cost or priority the kernel refuses
     */
    public void set(String port, BridgePort change) {
        Objects.requireNonNull(change, "change");
        if (change.isEmpty()) {
            throw new IllegalArgumentException("invalid change " + change + ": no setting to send");
        }
        socket.request(BridgeCodec.setPort(links.indexOf(port), port, change));
    }

    /**
     * The settings of one port, from its link's IFLA_INFO_SLAVE_DATA; empty when the link is not a bridge port.
     * Equivalent to: {@code ip -d link show dev PORT} (the bridge_slave part).
     *
     * @throws KernelException with ENODEV when there is no such link
     */
    public Optional<BridgePort> get(String port) {
        return BridgeCodec.port(links.require(port));
    }

    /** Every bridge port with its settings, from the AF_BRIDGE link dump. Equivalent to: {@code bridge -d link show}. */
    public List<BridgePortEntry> list() {
        List<BridgePortEntry> out = new ArrayList<>();
        for (Message m : socket.dump(BridgeCodec.listPorts())) {
            BridgeCodec.decodePort(m).ifPresent(out::add);
        }
        return out;
    }

    @Override
    public String toString() {
        return "BridgePorts[" + socket + "]";
    }
}
