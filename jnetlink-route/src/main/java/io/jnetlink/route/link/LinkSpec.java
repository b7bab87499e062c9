package io.jnetlink.route.link;

import io.jnetlink.core.net.MacAddress;
import io.jnetlink.route.link.kind.LinkKind;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A link to create: {@code ip link add NAME [address MAC] [mtu MTU] [master MASTER] [link PARENT] type KIND
 * [kind options]}.
 *
 * @param name    the new link's name, 1 to 15 bytes
 * @param kind    its kind and kind-specific settings (IFLA_LINKINFO)
 * @param mtu     IFLA_MTU; the driver's default when empty
 * @param address IFLA_ADDRESS; random (or the driver's choice) when empty
 * @param master  the bridge (or other master) to enslave it to, by name (ip's {@code master}, IFLA_MASTER)
 * @param parent  the device it sits on, by name (ip's {@code link}, IFLA_LINK): required for macvlan and vlan
 */
public record LinkSpec(String name, LinkKind kind, OptionalInt mtu, Optional<MacAddress> address,
                       Optional<String> master, Optional<String> parent) {

    /**
     * @throws IllegalArgumentException naming the field and value when a name is not a valid interface name
     *                                  or the MTU is not positive
     */
    public LinkSpec {
        LinkNames.check("name", name);
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(mtu, "mtu");
        if (mtu.isPresent() && mtu.getAsInt() <= 0) {
            throw new IllegalArgumentException("invalid mtu " + mtu.getAsInt() + ": must be positive");
        }
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(master, "master");
        master.ifPresent(m -> LinkNames.checkLookup("master", m));
        Objects.requireNonNull(parent, "parent");
        parent.ifPresent(p -> LinkNames.checkLookup("parent", p));
    }

    /** {@code ip link add NAME type KIND ...} with driver defaults for everything else. */
    public static LinkSpec of(String name, LinkKind kind) {
        return new LinkSpec(name, kind, OptionalInt.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    public LinkSpec withMtu(int mtu) {
        return new LinkSpec(name, kind, OptionalInt.of(mtu), address, master, parent);
    }

    public LinkSpec withAddress(MacAddress address) {
        return new LinkSpec(name, kind, mtu, Optional.of(address), master, parent);
    }

    /** Enslaved to {@code master} at creation ({@code master BR}). */
    public LinkSpec withMaster(String master) {
        return new LinkSpec(name, kind, mtu, address, Optional.of(master), parent);
    }

    /** On top of {@code parent} ({@code link DEV}). */
    public LinkSpec withParent(String parent) {
        return new LinkSpec(name, kind, mtu, address, master, Optional.of(parent));
    }
}
