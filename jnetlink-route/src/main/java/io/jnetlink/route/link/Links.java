package io.jnetlink.route.link;

import io.jnetlink.core.Message;
import io.jnetlink.core.NetlinkSocket;
import io.jnetlink.core.Request;
import io.jnetlink.core.error.BatchException;
import io.jnetlink.core.error.DecodeException;
import io.jnetlink.core.error.Errno;
import io.jnetlink.core.error.KernelException;
import io.jnetlink.core.net.MacAddress;
import io.jnetlink.core.ns.NetNs;
import io.jnetlink.route.Rtm;
import io.jnetlink.route.link.kind.LinkKind;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Link operations in the socket's namespace, each equivalent to one {@code ip link} command. Links are
 * named as in ip: by name (or alternative name); the kernel resolves the name in the same request, so no
 * separate lookup races with a rename. Refusals throw {@link KernelException} whose operation names the
 * link and the change, e.g. {@code set link veth0 mtu 9000: EINVAL ...}.
 *
 * <p>To combine link changes with other requests in one batch, build them with {@link LinkCodec} and send
 * them through {@code NetlinkSocket.batch}.
 */
public final class Links {

    private final NetlinkSocket socket;

    public Links(NetlinkSocket socket) {
        this.socket = Objects.requireNonNull(socket, "socket");
    }

    /**
     * Every link of the namespace, from one consistent dump (a dump the kernel marks as interrupted by a
     * concurrent change is restarted by the socket). Equivalent to: {@code ip -d link show}.
     */
    public List<Link> list() {
        List<Link> out = new ArrayList<>();
        for (Message m : socket.dump(LinkCodec.dump())) {
            if (m.type() == Rtm.RTM_NEWLINK) {
                out.add(LinkCodec.decode(m));
            }
        }
        return out;
    }

    /**
     * The link named {@code name} (or having it as an alternative name), or empty when there is none.
     * Equivalent to: {@code ip -d link show dev NAME}.
     */
    public Optional<Link> get(String name) {
        return getOrEmpty(LinkCodec.get(name));
    }

    /** The link with index {@code index}, or empty when there is none. */
    public Optional<Link> get(int index) {
        return getOrEmpty(LinkCodec.get(index));
    }

    /**
     * The link named {@code name}. Equivalent to: {@code ip -d link show dev NAME}.
     *
     * @throws KernelException with ENODEV, its operation naming the link, when there is none
     */
    public Link require(String name) {
        return fetch(LinkCodec.get(name));
    }

    /**
     * The index of the link named {@code name}.
     *
     * @throws KernelException with ENODEV when there is no such link
     */
    public int indexOf(String name) {
        Request request = LinkCodec.get(name);
        return LinkCodec.index(answer(request, socket.request(request)));
    }

    /**
     * The indexes of many links in one round trip: one RTM_GETLINK per name, all sent in one batch, and only the
     * index read from each answer. What a caller about to address objects on many links by name needs (as
     * {@code ip -batch} looks up each {@code dev NAME} once).
     *
     * @return each distinct name's index, in the order of {@code names}
     * @throws BatchException naming each missing link (ENODEV)
     */
    public Map<String, Integer> indexesOf(Collection<String> names) {
        List<String> distinct = List.copyOf(new LinkedHashSet<>(names));
        List<Request> requests = new ArrayList<>(distinct.size());
        for (String name : distinct) {
            requests.add(LinkCodec.get(name));
        }
        List<List<Message>> replies = socket.batch(requests);
        Map<String, Integer> out = new LinkedHashMap<>();
        for (int i = 0; i < distinct.size(); i++) {
            out.put(distinct.get(i), LinkCodec.index(answer(requests.get(i), replies.get(i))));
        }
        return out;
    }

    /**
     * Creates a veth pair, the peer possibly in another namespace. Equivalent to:
     * {@code ip link add NAME type veth peer name PEER [netns NS]} (with {@code address} and {@code mtu} when
     * the spec sets them).
     *
     * @throws KernelException with EEXIST when either name is taken
     */
    public void addVeth(VethSpec spec) {
        socket.request(LinkCodec.addVeth(spec));
    }

    /**
     * Creates a link of any kind. Equivalent to: {@code ip link add NAME [address MAC] [mtu MTU] [master MASTER]
     * [link PARENT] type KIND [kind options]}, e.g. {@code ip link add br0 type bridge stp_state 1} for
     * {@code add(LinkSpec.of("br0", Bridge.of().withStpState(StpState.KERNEL)))}. The master and parent names are
     * looked up first (one RTM_GETLINK each), as ip does.
     *
     * @throws KernelException with EEXIST when the name is taken, ENODEV when the master or parent does not
     *                         exist, EOPNOTSUPP when the kernel lacks the kind's driver
     */
    public void add(LinkSpec spec) {
        socket.request(LinkCodec.add(spec, this::indexOf));
    }

    /**
     * Changes kind-specific settings of an existing link; only the settings present in {@code change} are sent.
     * Equivalent to: {@code ip link set dev NAME type KIND [kind options]}, e.g.
     * {@code ip link set dev br0 type bridge stp_state 0 priority 100}.
     *
     * @throws KernelException with EOPNOTSUPP when the kind is not the link's own
     */
    public void modify(String name, LinkKind change) {
        socket.request(LinkCodec.modify(name, change));
    }

    /**
     * Enslaves a link to a bridge (or another master). Equivalent to: {@code ip link set dev NAME master MASTER}.
     * Looks the master's index up first, as ip does.
     */
    public void setMaster(String name, String master) {
        LinkNames.checkLookup("name", name);
        socket.request(LinkCodec.setMaster(name, indexOf(master), master));
    }

    /** Releases a link from its master. Equivalent to: {@code ip link set dev NAME nomaster}. */
    public void setNoMaster(String name) {
        socket.request(LinkCodec.setNoMaster(name));
    }

    /** Deletes a link (for a veth, both ends). Equivalent to: {@code ip link delete dev NAME}. */
    public void delete(String name) {
        socket.request(LinkCodec.delete(name));
    }

    /** Equivalent to: {@code ip link set dev NAME up}. */
    public void setUp(String name) {
        socket.request(LinkCodec.setUp(name));
    }

    /** Equivalent to: {@code ip link set dev NAME down}. */
    public void setDown(String name) {
        socket.request(LinkCodec.setDown(name));
    }

    /** Equivalent to: {@code ip link set dev NAME mtu MTU}. */
    public void setMtu(String name, int mtu) {
        socket.request(LinkCodec.setMtu(name, mtu));
    }

    /** Equivalent to: {@code ip link set dev NAME address MAC}. */
    public void setAddress(String name, MacAddress address) {
        socket.request(LinkCodec.setAddress(name, address));
    }

    /**
     * Equivalent to: {@code ip link set dev NAME name NEWNAME}. Looks the index up first (the new name
     * travels in IFLA_IFNAME). The kernel refuses to rename a link that is up (EBUSY).
     */
    public void rename(String name, String newName) {
        int index = indexOf(name);
        socket.request(LinkCodec.rename(index, name, newName));
    }

    /** Equivalent to: {@code ip link set dev NAME alias ALIAS}; an empty alias clears it. */
    public void setAlias(String name, String alias) {
        socket.request(LinkCodec.setAlias(name, alias));
    }

    /**
     * Moves a link into another namespace. Equivalent to: {@code ip link set dev NAME netns NS}.
     */
    public void moveToNamespace(String name, NetNs target) {
        socket.request(LinkCodec.moveToNamespace(name, target));
    }

    private Optional<Link> getOrEmpty(Request request) {
        try {
            return Optional.of(fetch(request));
        } catch (KernelException e) {
            if (e.errno().equals(Errno.ENODEV)) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private Link fetch(Request request) {
        return LinkCodec.decode(answer(request, socket.request(request)));
    }

    /** The RTM_NEWLINK among a lookup's answers. */
    private static Message answer(Request request, List<Message> replies) {
        for (Message m : replies) {
            if (m.type() == Rtm.RTM_NEWLINK) {
                return m;
            }
        }
        throw new DecodeException(request.operation() + ": the kernel acknowledged without sending the link");
    }

    @Override
    public String toString() {
        return "Links[" + socket + "]";
    }
}
