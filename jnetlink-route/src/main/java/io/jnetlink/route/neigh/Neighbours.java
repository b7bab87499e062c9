package io.jnetlink.route.neigh;

import io.jnetlink.core.Message;
import io.jnetlink.core.NetlinkSocket;
import io.jnetlink.core.Request;
import io.jnetlink.core.error.BatchException;
import io.jnetlink.core.error.KernelException;
import io.jnetlink.core.net.MacAddress;
import io.jnetlink.route.Rtm;
import io.jnetlink.route.link.Links;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * Neighbour (ARP and NDP) operations, each equivalent to one {@code ip neigh} command. Obtained from
 * {@code Rtnetlink.neighbours()}; all operations share the {@code Rtnetlink}'s socket.
 *
 * <p>Bad input throws {@link IllegalArgumentException} before anything is sent; a refusal by the kernel
 * throws {@link KernelException} naming the operation (e.g. {@code add neighbour 10.0.0.2 lladdr
 * 02:00:00:00:00:02 nud permanent dev veth0}), the errno and the kernel's extended-ACK message.
 */
public final class Neighbours {

    private final NetlinkSocket socket;
    private final Links links;

    public Neighbours(NetlinkSocket socket, Links links) {
        this.socket = Objects.requireNonNull(socket, "socket");
        this.links = Objects.requireNonNull(links, "links");
    }

    /**
     * Every IPv4 and IPv6 neighbour of every link, in every state (proxy entries are listed by
     * {@link #proxies()}). Equivalent to: {@code ip neigh show nud all}.
     */
    public List<Neighbour> list() {
        return decodeAll(socket.dump(NeighbourCodec.dump()), 0);
    }

    /**
     * The neighbours of the link with this index; the kernel filters the dump.
     * Equivalent to: {@code ip neigh show dev veth0 nud all}.
     */
    public List<Neighbour> list(int index) {
        requireIndex(index);
        return decodeAll(socket.dump(NeighbourCodec.dump(Rtm.AF_UNSPEC, index)), index);
    }

    /**
     * The neighbours of the link named {@code device}. Equivalent to: {@code ip neigh show dev veth0 nud all}.
     *
     * @throws KernelException with ENODEV when there is no such link
     */
    public List<Neighbour> list(String device) {
        return list(links.indexOf(Objects.requireNonNull(device, "device")));
    }

    /** Every proxy entry of every link. Equivalent to: {@code ip neigh show proxy}. */
    public List<Neighbour> proxies() {
        return decodeAll(socket.dump(NeighbourCodec.dumpProxies(Rtm.AF_UNSPEC, 0)), 0);
    }

    /**
     * The proxy entries of the link named {@code device}. Equivalent to: {@code ip neigh show proxy dev veth0}.
     *
     * @throws KernelException with ENODEV when there is no such link
     */
    public List<Neighbour> proxies(String device) {
        int index = links.indexOf(Objects.requireNonNull(device, "device"));
        return decodeAll(socket.dump(NeighbourCodec.dumpProxies(Rtm.AF_UNSPEC, index)), index);
    }

    /** Decodes IPv4/IPv6 entries, dropping other messages and (should a kernel not filter) other links. */
    private static List<Neighbour> decodeAll(List<Message> messages, int index) {
        List<Neighbour> out = new ArrayList<>(messages.size());
        for (Message m : messages) {
            if (NeighbourCodec.isNeighbour(m)) {
                Neighbour n = NeighbourCodec.decode(m);
                if (index == 0 || n.index() == index) {
                    out.add(n);
                }
            }
        }
        return out;
    }

    /**
     * Adds a neighbour; fails with EEXIST when there is one for the address on the link.
     * Equivalent to: {@code ip neigh add 10.0.0.2 lladdr 02:00:00:00:00:02 dev veth0 nud reachable router}.
     */
    public void add(Neighbour neighbour) {
        socket.request(NeighbourCodec.add(neighbour));
    }

    /**
     * Adds a permanent neighbour {@code destination} at {@code lladdr} on {@code device}.
     * Equivalent to: {@code ip neigh add 10.0.0.2 lladdr 02:00:00:00:00:02 dev veth0}.
     *
     * @throws KernelException with ENODEV when there is no such link, EEXIST when the neighbour exists
     */
    public void add(String device, InetAddress destination, MacAddress lladdr) {
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(lladdr, "lladdr");
        Neighbour n = Neighbour.builder(links.indexOf(device), destination).lladdr(lladdr).build();
        socket.request(NeighbourCodec.add(n, device));
    }

    /**
     * Adds a neighbour or overrides the link-layer address, state and flags of the existing one.
     * Equivalent to: {@code ip neigh replace 10.0.0.2 lladdr 02:00:00:00:00:03 dev veth0 nud stale}.
     */
    public void replace(Neighbour neighbour) {
        socket.request(NeighbourCodec.replace(neighbour));
    }

    /**
     * Removes a neighbour or proxy entry; fails with ENOENT when there is none.
     * Equivalent to: {@code ip neigh del 10.0.0.2 dev veth0} (or {@code ip neigh del proxy 10.0.0.9 dev veth0}).
     */
    public void delete(Neighbour neighbour) {
        socket.request(NeighbourCodec.delete(neighbour));
    }

    /**
     * Adds many neighbours in one batch: every entry is validated and encoded before anything is sent.
     * rtnetlink has no transactions: when some are refused, the others are still added.
     * Equivalent to: {@code ip -batch} with one {@code neigh add} line per entry.
     *
     * @throws BatchException naming each refused entry; the others were added
     */
    public void addAll(Collection<Neighbour> neighbours) {
        socket.batch(requests(neighbours, NeighbourCodec::add));
    }

    /**
     * Removes many neighbours in one batch, as {@link #addAll} adds them.
     * Equivalent to: {@code ip -batch} with one {@code neigh del} line per entry.
     *
     * @throws BatchException naming each entry that could not be removed; the others were removed
     */
    public void deleteAll(Collection<Neighbour> neighbours) {
        socket.batch(requests(neighbours, NeighbourCodec::delete));
    }

    private static List<Request> requests(Collection<Neighbour> neighbours, Function<Neighbour, Request> codec) {
        List<Request> requests = new ArrayList<>(neighbours.size());
        for (Neighbour n : neighbours) {
            requests.add(codec.apply(Objects.requireNonNull(n, "neighbour")));
        }
        return requests;
    }

    private static void requireIndex(int index) {
        if (index < 1) {
            throw new IllegalArgumentException("index " + index + " must be a link index (at least 1)");
        }
    }

    @Override
    public String toString() {
        return "Neighbours[" + socket + "]";
    }
}
