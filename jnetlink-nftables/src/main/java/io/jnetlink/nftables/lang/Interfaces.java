package io.jnetlink.nftables.lang;

import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.OptionalInt;

/**
 * How the compiler turns interface names into indexes for {@code iif}, {@code oif} and ifindex-typed set
 * elements, as nft does when it compiles them. Indexes belong to a network namespace, so the caller says
 * which one: {@code NetNs::interfaceIndex} for a namespace handle, {@link #ofProcess()} for the process's
 * own. "lo" is index 1 in every namespace and numbers are taken as they are, whatever the resolver.
 */
@FunctionalInterface
public interface Interfaces {

    /** The index of the interface named {@code name}, or empty when there is none. */
    OptionalInt index(String name);

    /** The process's own namespace (java.net.NetworkInterface reads /proc/self/net). */
    static Interfaces ofProcess() {
        return name -> {
            try {
                NetworkInterface ni = NetworkInterface.getByName(name);
                return ni == null ? OptionalInt.empty() : OptionalInt.of(ni.getIndex());
            } catch (SocketException e) {
                throw new IllegalArgumentException("interface '" + name + "': " + e.getMessage(), e);
            }
        };
    }
}
