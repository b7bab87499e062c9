package io.jnetlink.route;

import io.jnetlink.core.NetlinkProtocol;
import io.jnetlink.core.NetlinkSocket;
import io.jnetlink.core.ns.NetNs;
import io.jnetlink.route.address.Addresses;
import io.jnetlink.route.fdb.Fdb;
import io.jnetlink.route.link.Links;
import io.jnetlink.route.link.bridge.BridgePorts;
import io.jnetlink.route.link.bridge.BridgeVlans;
import io.jnetlink.route.neigh.Neighbours;
import io.jnetlink.route.route.Routes;

import java.util.Objects;

/**
 * rtnetlink in one namespace: the entry point for links, addresses and routes.
 * <pre>{@code
 * try (var ns = NetNs.open("blue"); var rt = Rtnetlink.open(ns)) {
 *     rt.links().addVeth(VethSpec.of("veth0", "veth1"));
 *     rt.links().setUp("veth0");
 *     rt.addresses().add("veth0", "10.0.0.1/24");
 * }
 * }</pre>
 */
public final class Rtnetlink implements AutoCloseable {

    private final NetlinkSocket socket;
    private final boolean ownsSocket;
    private final Links links;
    private final Addresses addresses;
    private final Routes routes;
    private final Neighbours neighbours;
    private final Fdb fdb;
    private final BridgePorts bridgePorts;
    private final BridgeVlans bridgeVlans;

    private Rtnetlink(NetlinkSocket socket, boolean ownsSocket) {
        if (socket.protocol() != NetlinkProtocol.ROUTE) {
            throw new IllegalArgumentException("socket must be NETLINK_ROUTE, is " + socket.protocol());
        }
        this.socket = socket;
        this.ownsSocket = ownsSocket;
        this.links = new Links(socket);
        this.addresses = new Addresses(socket, links);
        this.routes = new Routes(socket);
        this.neighbours = new Neighbours(socket, links);
        this.fdb = new Fdb(socket, links);
        this.bridgePorts = new BridgePorts(socket);
        this.bridgeVlans = new BridgeVlans(socket);
    }

    /** rtnetlink in the calling thread's namespace. */
    public static Rtnetlink open() {
        return new Rtnetlink(NetlinkSocket.open(NetlinkProtocol.ROUTE), true);
    }

    /** rtnetlink inside {@code netns}; the handle may be closed afterwards, the socket stays in the namespace. */
    public static Rtnetlink open(NetNs netns) {
        return new Rtnetlink(netns.openSocket(NetlinkProtocol.ROUTE), true);
    }

    /** rtnetlink over a socket the caller owns (not closed by {@link #close()}). */
    public static Rtnetlink over(NetlinkSocket socket) {
        return new Rtnetlink(Objects.requireNonNull(socket), false);
    }

    public Links links() {
        return links;
    }

    public Addresses addresses() {
        return addresses;
    }

    public Routes routes() {
        return routes;
    }

    /** Neighbours (ARP and NDP), as {@code ip neigh}. */
    public Neighbours neighbours() {
        return neighbours;
    }

    /** The bridge forwarding database and VXLAN mesh synchronisation, as {@code bridge fdb}. */
    public Fdb fdb() {
        return fdb;
    }

    /** Bridge port settings (IFLA_BRPORT_*), as {@code bridge link set}. */
    public BridgePorts bridgePorts() {
        return bridgePorts;
    }

    /** Bridge VLAN entries, as {@code bridge vlan}. */
    public BridgeVlans bridgeVlans() {
        return bridgeVlans;
    }

    /** The underlying socket, e.g. to send a mixed batch of requests built by the codecs. */
    public NetlinkSocket socket() {
        return socket;
    }

    @Override
    public void close() {
        if (ownsSocket) {
            socket.close();
        }
    }
}
