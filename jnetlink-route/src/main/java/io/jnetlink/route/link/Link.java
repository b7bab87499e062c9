package io.jnetlink.route.link;

import io.jnetlink.core.codec.RawAttribute;
import io.jnetlink.core.net.MacAddress;
import io.jnetlink.route.link.kind.GenericKind;
import io.jnetlink.route.link.kind.LinkKind;
import io.jnetlink.route.link.kind.LinkKinds;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A network link as the kernel describes it in RTM_NEWLINK: what {@code ip -d link show} prints, decoded
 * by {@link LinkCodec#decode}. Nothing the kernel sent is lost: top-level attributes that are not modelled
 * here are kept raw in {@link #unknown()}, in the order received.
 *
 * @param index         ifi_index
 * @param name          IFLA_IFNAME
 * @param kind          IFLA_INFO_KIND inside IFLA_LINKINFO ("veth", "bridge", ...); empty for links
 *                      without a kind (lo, physical devices)
 * @param flags         ifi_flags, a combination of {@link LinkFlags} IFF_* bits
 * @param mtu           IFLA_MTU
 * @param address       IFLA_ADDRESS, the link-layer address
 * @param broadcast     IFLA_BROADCAST
 * @param master        IFLA_MASTER, the index of the bridge (or other master) this link is a port of
 * @param link          IFLA_LINK, the index of the link this one sits on; for a veth, the peer's index,
 *                      in the namespace {@link #linkNetnsId()} names when that is present
 * @param linkNetnsId   IFLA_LINK_NETNSID, the id (in this namespace) of the namespace {@link #link()} is in
 * @param operState     IFLA_OPERSTATE
 * @param alias         IFLA_IFALIAS
 * @param altNames      IFLA_ALT_IFNAME entries of IFLA_PROP_LIST, in kernel order
 * @param type          ifi_type, the ARPHRD_* hardware type (1 for Ethernet, 772 for loopback)
 * @param txQueueLength IFLA_TXQLEN
 * @param qdisc         IFLA_QDISC, the root queueing discipline's kind
 * @param minMtu        IFLA_MIN_MTU
 * @param maxMtu        IFLA_MAX_MTU
 * @param kindData      IFLA_INFO_DATA, kind-specific settings, kept raw; {@link #kindInfo()} decodes it
 * @param slaveKind     IFLA_INFO_SLAVE_KIND, the kind of this link's master ("bridge" for a bridge port)
 * @param slaveData     IFLA_INFO_SLAVE_DATA, the port settings of that master, kept raw
 * @param unknown       every top-level attribute not modelled above, raw; also IFLA_LINKINFO or
 *                      IFLA_PROP_LIST as a whole when they hold a child not modelled above
 */
public record Link(int index, String name, Optional<String> kind, int flags, int mtu, Optional<MacAddress> address,
                   Optional<MacAddress> broadcast, OptionalInt master, OptionalInt link, OptionalInt linkNetnsId,
                   OperState operState, Optional<String> alias, List<String> altNames, int type, int txQueueLength,
                   Optional<String> qdisc, OptionalInt minMtu, OptionalInt maxMtu, Optional<RawAttribute> kindData,
                   Optional<String> slaveKind, Optional<RawAttribute> slaveData, List<RawAttribute> unknown) {

    public Link {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(broadcast, "broadcast");
        Objects.requireNonNull(master, "master");
        Objects.requireNonNull(link, "link");
        Objects.requireNonNull(linkNetnsId, "linkNetnsId");
        Objects.requireNonNull(operState, "operState");
        Objects.requireNonNull(alias, "alias");
        altNames = List.copyOf(altNames);
        Objects.requireNonNull(qdisc, "qdisc");
        Objects.requireNonNull(minMtu, "minMtu");
        Objects.requireNonNull(maxMtu, "maxMtu");
        Objects.requireNonNull(kindData, "kindData");
        Objects.requireNonNull(slaveKind, "slaveKind");
        Objects.requireNonNull(slaveData, "slaveData");
        unknown = List.copyOf(unknown);
    }

    /**
     * The kind with its settings decoded: a {@code Bridge}, {@code Vxlan}, ... record for the modelled kinds, a
     * {@link GenericKind} holding {@link #kindData()} unchanged for the others; empty for a link without a kind.
     * Settings a typed record does not model remain in {@link #kindData()}.
     *
     * @throws io.jnetlink.core.error.DecodeException when a modelled attribute of the data is malformed
     */
    public Optional<LinkKind> kindInfo() {
        return kind.map(k -> LinkKinds.decode(k, kindData));
    }

    /** Whether IFF_UP is set: the link was brought up administratively ({@code ip link set dev NAME up}). */
    public boolean isUp() {
        return (flags & LinkFlags.IFF_UP) != 0;
    }

    /** The flag names exactly as {@code ip -j link} lists them; see {@link LinkFlags#names(int)}. */
    public List<String> flagNames() {
        return LinkFlags.names(flags);
    }
}
