package io.jnetlink.route.link.kind;

import io.jnetlink.core.codec.MessageWriter;
import io.jnetlink.core.net.MacAddress;
import io.jnetlink.core.ns.NetNs;
import io.jnetlink.route.Rtm;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A veth pair ({@code ip link add NAME type veth peer name PEER ...}). The kernel reports no settings for a veth
 * (its peer shows up as IFLA_LINK of the link), so a decoded veth has no peer; to create one, name the peer.
 *
 * @param peer the other end, sent in VETH_INFO_PEER; needed at creation only
 */
public record Veth(Optional<Peer> peer) implements LinkKind {

    /** IFLA_INFO_KIND of a veth (drivers/net/veth.c). */
    public static final String KIND = "veth";

    /** linux/veth.h: VETH_INFO_PEER, a whole ifinfomsg followed by the peer's IFLA_* attributes. */
    static final int VETH_INFO_PEER = 1;

    // linux/if_link.h: the top-level IFLA_* a peer can carry (the link package's codec names them all; this
    // package cannot depend on it without a cycle)
    static final int IFLA_ADDRESS = 1;
    static final int IFLA_IFNAME = 3;
    static final int IFLA_MTU = 4;
    static final int IFLA_NET_NS_FD = 28;

    /**
     * The other end of a veth pair.
     *
     * @param name      its name, 1 to 15 bytes
     * @param namespace where it is created; the namespace of the socket when empty. The handle must stay open
     *                  until the request was sent.
     * @param address   its link-layer address; random when empty
     * @param mtu       its MTU; the kernel's default (1500) when empty
     */
    public record Peer(String name, Optional<NetNs> namespace, Optional<MacAddress> address, OptionalInt mtu) {

        /** @throws IllegalArgumentException naming the field when the name is not valid or the MTU not positive */
        public Peer {
            Checks.interfaceName("peer.name", name);
            Objects.requireNonNull(namespace, "peer.namespace");
            Objects.requireNonNull(address, "peer.address");
            Checks.range("peer.mtu", mtu, 1, Integer.MAX_VALUE);
        }

        public static Peer named(String name) {
            return new Peer(name, Optional.empty(), Optional.empty(), OptionalInt.empty());
        }

        public Peer inNamespace(NetNs ns) {
            return new Peer(name, Optional.of(ns), address, mtu);
        }

        public Peer withAddress(MacAddress a) {
            return new Peer(name, namespace, Optional.of(a), mtu);
        }

        public Peer withMtu(int m) {
            return new Peer(name, namespace, address, OptionalInt.of(m));
        }
    }

    public Veth {
        Objects.requireNonNull(peer, "peer");
    }

    /** {@code type veth peer name PEER}. */
    public static Veth peer(String name) {
        return new Veth(Optional.of(Peer.named(name)));
    }

    /** {@code type veth} with the peer described in full. */
    public static Veth peer(Peer peer) {
        return new Veth(Optional.of(Objects.requireNonNull(peer, "peer")));
    }

    /** A veth as the kernel reports it: no settings. */
    static Veth decoded() {
        return new Veth(Optional.empty());
    }

    @Override
    public String kind() {
        return KIND;
    }

    /** Peer attributes in the order ip writes them: address, mtu, netns, name. */
    @Override
    public void writeData(MessageWriter w) {
        peer.ifPresent(p -> LinkKinds.writeData(w, d -> d.nestedWithoutFlag(VETH_INFO_PEER, m -> {
            // struct ifinfomsg (linux/rtnetlink.h), all zero: family AF_UNSPEC, no index, no flags
            m.put8(Rtm.AF_UNSPEC).put8(0).put16(0).put32(0).put32(0).put32(0);
            p.address().ifPresent(a -> m.bytes(IFLA_ADDRESS, a.bytes()));
            p.mtu().ifPresent(mtu -> m.u32(IFLA_MTU, mtu));
            p.namespace().ifPresent(ns -> ns.writeFdAttribute(m, IFLA_NET_NS_FD));
            m.string(IFLA_IFNAME, p.name());
        })));
    }
}
