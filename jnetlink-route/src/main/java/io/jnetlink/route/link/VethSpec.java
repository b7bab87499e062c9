package io.jnetlink.route.link;

import io.jnetlink.core.net.MacAddress;
import io.jnetlink.core.ns.NetNs;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A veth pair to create: {@code ip link add NAME [address MAC] [mtu MTU] type veth peer name PEER
 * [address MAC] [mtu MTU] [netns NS]}.
 *
 * @param name          the first end, created in the namespace of the socket
 * @param peerName      the other end
 * @param peerNamespace where the other end is created; the socket's namespace when empty. The handle must
 *                      stay open until the request was sent.
 * @param mtu           MTU of both ends; the kernel's default (1500) when empty
 * @param address       link-layer address of the first end; random when empty
 * @param peerAddress   link-layer address of the other end; random when empty
 */
public record VethSpec(String name, String peerName, Optional<NetNs> peerNamespace, OptionalInt mtu,
                       Optional<MacAddress> address, Optional<MacAddress> peerAddress) {

    /**
     * @throws IllegalArgumentException naming the field when a name is not a valid interface name (1 to 15
     *                                  bytes, no '/', ':' or whitespace, not "." or "..") or the MTU is not
     *                                  positive
     */
    public VethSpec {
        LinkNames.check("name", name);
        LinkNames.check("peerName", peerName);
        Objects.requireNonNull(peerNamespace, "peerNamespace");
        Objects.requireNonNull(mtu, "mtu");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(peerAddress, "peerAddress");
        if (mtu.isPresent() && mtu.getAsInt() <= 0) {
            throw new IllegalArgumentException("invalid mtu " + mtu.getAsInt() + ": must be positive");
        }
    }

    /** A pair {@code name} and {@code peerName} in the socket's namespace, with kernel defaults. */
    public static VethSpec of(String name, String peerName) {
        return new VethSpec(name, peerName, Optional.empty(), OptionalInt.empty(), Optional.empty(), Optional.empty());
    }

    /** The same pair with the peer created inside {@code netns}. */
    public VethSpec withPeerNamespace(NetNs netns) {
        return new VethSpec(name, peerName, Optional.of(netns), mtu, address, peerAddress);
    }

    /** The same pair with both ends at {@code mtu}. */
    public VethSpec withMtu(int mtu) {
        return new VethSpec(name, peerName, peerNamespace, OptionalInt.of(mtu), address, peerAddress);
    }

    /** The same pair with the first end's link-layer address set. */
    public VethSpec withAddress(MacAddress address) {
        return new VethSpec(name, peerName, peerNamespace, mtu, Optional.of(address), peerAddress);
    }

    /** The same pair with the peer's link-layer address set. */
    public VethSpec withPeerAddress(MacAddress peerAddress) {
        return new VethSpec(name, peerName, peerNamespace, mtu, address, Optional.of(peerAddress));
    }
}
