package io.jnetlink.route.address;

import io.jnetlink.route.Scope;
import io.jnetlink.core.codec.RawAttribute;
import io.jnetlink.core.net.InetAddresses;
import io.jnetlink.core.net.IpPrefix;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * An interface address as {@code ip address} shows it. Decoded from the kernel by
 * {@link AddressCodec#decode}, or built with {@link #builder(int, IpPrefix)} to add one.
 *
 * @param index             the link's index (ifa_index)
 * @param local             the address itself and the prefix length (IFA_LOCAL, or IFA_ADDRESS for IPv6
 *                          without a peer; ifa_prefixlen)
 * @param peer              the other end of a point-to-point link (IFA_ADDRESS when it differs from the
 *                          local address); the prefix length then applies to the peer
 * @param broadcast         IPv4 broadcast address (IFA_BROADCAST)
 * @param label             IPv4 label such as {@code eth0:1} (IFA_LABEL); the kernel reports the link name
 *                          when none was given
 * @param scope             ifa_scope; for IPv6 the kernel derives it from the address and ignores ours
 * @param flags             IFA_F_* bits ({@link AddressFlags}), all 32 of IFA_FLAGS
 * @param validLifetime     seconds left before the address is removed; empty means forever
 *                          (IFA_CACHEINFO ifa_valid, 0xFFFFFFFF)
 * @param preferredLifetime seconds left before the address is deprecated; empty means forever
 * @param unknown           attributes this model does not decode (IFA_RT_PRIORITY, IFA_PROTO, newer ones),
 *                          kept and re-encoded as received
 */
public record Address(int index, IpPrefix local, Optional<InetAddress> peer, Optional<InetAddress> broadcast,
                      Optional<String> label, Scope scope, int flags, OptionalLong validLifetime,
                      OptionalLong preferredLifetime, List<RawAttribute> unknown) {

    /** A lifetime of 0xFFFFFFFF seconds means forever; the longest finite one is one second less. */
    public static final long MAX_FINITE_LIFETIME = 0xFFFF_FFFEL;

    /** IFNAMSIZ of linux/if.h less the terminating NUL: the longest label the kernel keeps. */
    static final int MAX_LABEL_BYTES = 15;

    public Address {
        if (index < 1) {
            throw new IllegalArgumentException("index must be a link index (at least 1), got " + index);
        }
        Objects.requireNonNull(local, "local");
        Objects.requireNonNull(peer, "peer");
        Objects.requireNonNull(broadcast, "broadcast");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(validLifetime, "validLifetime");
        Objects.requireNonNull(preferredLifetime, "preferredLifetime");
        unknown = List.copyOf(unknown);
        peer.ifPresent(p -> sameFamily("peer", p, local));
        broadcast.ifPresent(b -> {
            if (!local.isIpv4()) {
                throw new IllegalArgumentException("broadcast " + InetAddresses.toString(b)
                        + ": only IPv4 addresses have a broadcast address, local is " + local);
            }
            sameFamily("broadcast", b, local);
        });
        label.ifPresent(l -> {
            if (!local.isIpv4()) {
                throw new IllegalArgumentException("label '" + l + "': only IPv4 addresses have labels, local is "
                        + local);
            }
            int bytes = l.getBytes(StandardCharsets.UTF_8).length;
            if (l.isEmpty() || bytes > MAX_LABEL_BYTES) {
                throw new IllegalArgumentException("label '" + l + "' must be 1 to " + MAX_LABEL_BYTES
                        + " bytes, is " + bytes);
            }
        });
        lifetime("validLifetime", validLifetime);
        lifetime("preferredLifetime", preferredLifetime);
        long valid = validLifetime.orElse(Long.MAX_VALUE);
        long preferred = preferredLifetime.orElse(Long.MAX_VALUE);
        if (preferred > valid) {
            throw new IllegalArgumentException("preferredLifetime "
                    + (preferredLifetime.isPresent() ? preferred : "forever")
                    + " exceeds validLifetime " + valid);
        }
    }

    private static void sameFamily(String field, InetAddress a, IpPrefix local) {
        if ((a instanceof Inet4Address) != local.isIpv4()) {
            throw new IllegalArgumentException(field + " " + InetAddresses.toString(a)
                    + " is not of the same family as local " + local);
        }
    }

    private static void lifetime(String field, OptionalLong v) {
        if (v.isPresent() && (v.getAsLong() < 0 || v.getAsLong() > MAX_FINITE_LIFETIME)) {
            throw new IllegalArgumentException(field + " " + v.getAsLong() + " is outside 0.." + MAX_FINITE_LIFETIME
                    + " seconds (leave it empty for forever)");
        }
    }

    /** A builder for the address {@code local} (e.g. {@code 10.0.0.1/24}) on the link {@code index}. */
    public static Builder builder(int index, IpPrefix local) {
        return new Builder(index, local);
    }

    /** A builder starting from this address, e.g. to replace it with other lifetimes. */
    public Builder toBuilder() {
        Builder b = new Builder(index, local);
        b.peer = peer.orElse(null);
        b.broadcast = broadcast.orElse(null);
        b.label = label.orElse(null);
        b.scope = scope;
        b.flags = flags;
        b.validLifetime = validLifetime;
        b.preferredLifetime = preferredLifetime;
        b.unknown = unknown;
        return b;
    }

    /** AF_INET or AF_INET6. */
    public int family() {
        return local.family();
    }

    /** Whether all bits of {@code flag} (an {@link AddressFlags} value) are set. */
    public boolean hasFlag(int flag) {
        return (flags & flag) == flag;
    }

    /** What the kernel puts in IFA_ADDRESS: the peer if there is one, else the local address. */
    public InetAddress prefixAddress() {
        return peer.orElse(local.address());
    }

    /** Builds an {@link Address}; {@link #build()} validates. */
    public static final class Builder {
        private final int index;
        private final IpPrefix local;
        private InetAddress peer;
        private InetAddress broadcast;
        private String label;
        private Scope scope;
        private int flags;
        private OptionalLong validLifetime = OptionalLong.empty();
        private OptionalLong preferredLifetime = OptionalLong.empty();
        private List<RawAttribute> unknown = List.of();

        private Builder(int index, IpPrefix local) {
            this.index = index;
            this.local = Objects.requireNonNull(local, "local");
        }

        /** The point-to-point peer ({@code ip address add LOCAL peer PEER/LEN}). */
        public Builder peer(InetAddress peer) {
            this.peer = Objects.requireNonNull(peer, "peer");
            return this;
        }

        /** The IPv4 broadcast address ({@code broadcast 10.0.0.255}). */
        public Builder broadcast(InetAddress broadcast) {
            this.broadcast = Objects.requireNonNull(broadcast, "broadcast");
            return this;
        }

        /** The IPv4 label ({@code label eth0:1}). */
        public Builder label(String label) {
            this.label = Objects.requireNonNull(label, "label");
            return this;
        }

        /**
         * The scope ({@code scope link}). Without one, like {@code ip}: host for 127.0.0.0/8, else global
         * (the kernel chooses IPv6 scopes itself).
         */
        public Builder scope(Scope scope) {
            this.scope = Objects.requireNonNull(scope, "scope");
            return this;
        }

        /** Replaces the flags, e.g. {@code AddressFlags.NODAD | AddressFlags.NOPREFIXROUTE}. */
        public Builder flags(int flags) {
            this.flags = flags;
            return this;
        }

        /** Adds flags to those already set. */
        public Builder addFlags(int flags) {
            this.flags |= flags;
            return this;
        }

        /** Seconds until the address is removed ({@code valid_lft}); forever when not set. */
        public Builder validLifetime(long seconds) {
            this.validLifetime = OptionalLong.of(seconds);
            return this;
        }

        /** Seconds until the address is deprecated ({@code preferred_lft}); forever when not set. */
        public Builder preferredLifetime(long seconds) {
            this.preferredLifetime = OptionalLong.of(seconds);
            return this;
        }

        /** Both lifetimes forever (the default). */
        public Builder forever() {
            this.validLifetime = OptionalLong.empty();
            this.preferredLifetime = OptionalLong.empty();
            return this;
        }

        /** Raw attributes to send as they are. */
        public Builder unknown(List<RawAttribute> unknown) {
            this.unknown = List.copyOf(unknown);
            return this;
        }

        /**
         * The address.
         *
         * @throws IllegalArgumentException naming the field and value when the combination is invalid
         */
        public Address build() {
            Scope s = scope != null ? scope : defaultScope(local);
            return new Address(index, local, Optional.ofNullable(peer), Optional.ofNullable(broadcast),
                    Optional.ofNullable(label), s, flags, validLifetime, preferredLifetime, unknown);
        }

        private static Scope defaultScope(IpPrefix local) {
            return local.isIpv4() && local.address().isLoopbackAddress() ? Scope.HOST : Scope.GLOBAL;
        }
    }
}
