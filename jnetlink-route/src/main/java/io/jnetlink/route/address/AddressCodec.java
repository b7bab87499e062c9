package io.jnetlink.route.address;

import io.jnetlink.route.Scope;
import io.jnetlink.core.Message;
import io.jnetlink.core.Request;
import io.jnetlink.core.codec.AttributeNames;
import io.jnetlink.core.codec.AttributeReader;
import io.jnetlink.core.codec.MessageWriter;
import io.jnetlink.core.codec.Nl;
import io.jnetlink.core.codec.RawAttribute;
import io.jnetlink.core.error.DecodeException;
import io.jnetlink.core.net.InetAddresses;
import io.jnetlink.core.net.IpPrefix;
import io.jnetlink.route.Rtm;

import java.lang.invoke.MethodHandles;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Supplier;

/**
 * Encodes address requests (RTM_NEWADDR, RTM_DELADDR, RTM_GETADDR dumps) and decodes RTM_NEWADDR messages.
 * The request builders validate their input and throw {@link IllegalArgumentException} before anything can
 * be sent; their bytes match what {@code ip address} sends for the same command.
 */
public final class AddressCodec {

    private AddressCodec() {
    }

    // struct ifaddrmsg, linux/if_addr.h: family u8, prefixlen u8, flags u8, scope u8, index u32
    static final int IFADDRMSG_SIZE = 8;

    // enum IFA_*, linux/if_addr.h
    static final int IFA_ADDRESS = 1;
    static final int IFA_LOCAL = 2;
    static final int IFA_LABEL = 3;
    static final int IFA_BROADCAST = 4;
    static final int IFA_ANYCAST = 5;
    static final int IFA_CACHEINFO = 6;
    static final int IFA_MULTICAST = 7;
    static final int IFA_FLAGS = 8;
    static final int IFA_RT_PRIORITY = 9;
    static final int IFA_TARGET_NETNSID = 10;
    static final int IFA_PROTO = 11;

    // struct ifa_cacheinfo, linux/if_addr.h: ifa_prefered, ifa_valid, cstamp, tstamp (u32 each)
    static final int IFA_CACHEINFO_SIZE = 16;
    /** INFINITY_LIFE_TIME of include/net/addrconf.h: a lifetime that never ends. */
    static final long INFINITY_LIFE_TIME = 0xFFFF_FFFFL;

    /** Largest value that still fits the u8 ifa_flags; larger flag sets travel in IFA_FLAGS. */
    private static final int IFA_FLAGS_IN_HEADER_MAX = 0xFF;

    /** IFA_* names, for decode errors. */
    public static final AttributeNames NAMES = AttributeNames.fromConstants(MethodHandles.lookup(), "IFA_");

    // ---- requests ----

    /**
     * Adds an address; fails with EEXIST if it exists (NLM_F_CREATE|NLM_F_EXCL).
     * Equivalent to: {@code ip address add 10.0.0.1/24 dev veth0}.
     */
    public static Request add(Address address) {
        return add(address, null);
    }

    /** As {@link #add(Address)}; {@code device} is the link's name, used only in the operation text. */
    public static Request add(Address address, String device) {
        return modify("add", Nl.NLM_F_CREATE | Nl.NLM_F_EXCL, address, device);
    }

    /**
     * Adds an address or changes the one with the same local address and prefix (NLM_F_CREATE|NLM_F_REPLACE).
     * The kernel updates lifetimes, metric and (IPv6) flags of an existing address in place.
     * Equivalent to: {@code ip address replace 10.0.0.1/24 dev veth0}.
     */
    public static Request replace(Address address) {
        return replace(address, null);
    }

    /** As {@link #replace(Address)}; {@code device} is used only in the operation text. */
    public static Request replace(Address address, String device) {
        return modify("replace", Nl.NLM_F_CREATE | Nl.NLM_F_REPLACE, address, device);
    }

    /**
     * Removes an address, matched by local address, prefix length, peer and (IPv4) label.
     * Equivalent to: {@code ip address delete 10.0.0.1/24 dev veth0}.
     */
    public static Request delete(Address address) {
        return delete(address, null);
    }

    /** As {@link #delete(Address)}; {@code device} is used only in the operation text. */
    public static Request delete(Address address, String device) {
        Objects.requireNonNull(address, "address");
        Supplier<String> operation = () -> "delete address " + describe(address, device);
        InetAddress local = address.local().address();
        return new Request(operation, Rtm.RTM_DELADDR, 0, w -> {
            header(w, address, 0);
            w.bytes(IFA_LOCAL, local.getAddress());
            address.label().ifPresent(l -> w.string(IFA_LABEL, l));
            // With IFA_ADDRESS the kernel also matches the prefix length, not just the address.
            w.bytes(IFA_ADDRESS, address.prefixAddress().getAddress());
        });
    }

    /**
     * Dumps the IPv4 and IPv6 addresses of every link. Equivalent to: {@code ip address show}.
     */
    public static Request dump() {
        return new Request("list addresses", Rtm.RTM_GETADDR, 0, w -> dumpHeader(w, 0));
    }

    /**
     * Dumps the addresses of one link: the kernel filters by ifa_index (strict checking).
     * Equivalent to: {@code ip address show dev veth0}.
     */
    public static Request dump(int index) {
        return dump(index, null);
    }

    /** As {@link #dump(int)}; {@code device} is used only in the operation text. */
    public static Request dump(int index, String device) {
        if (index < 1) {
            throw new IllegalArgumentException("index must be a link index (at least 1), got " + index);
        }
        return new Request("list addresses " + dev(index, device), Rtm.RTM_GETADDR, 0, w -> dumpHeader(w, index));
    }

    private static void dumpHeader(MessageWriter w, int index) {
        // Strict checking: prefixlen, flags and scope must be zero; a non-zero index filters.
        w.put8(Rtm.AF_UNSPEC).put8(0).put8(0).put8(0).put32(index);
    }

    private static Request modify(String verb, int flags, Address address, String device) {
        Objects.requireNonNull(address, "address");
        if (address.validLifetime().isPresent() && address.validLifetime().getAsLong() == 0) {
            throw new IllegalArgumentException("validLifetime 0: the kernel refuses an address that is already"
                    + " invalid; use at least 1 second");
        }
        Supplier<String> operation = () -> verb + " address " + describe(address, device);
        int headerFlags = Integer.compareUnsigned(address.flags(), IFA_FLAGS_IN_HEADER_MAX) <= 0 ? address.flags() : 0;
        return new Request(operation, Rtm.RTM_NEWADDR, flags, w -> {
            header(w, address, headerFlags);
            // Attribute order as ip sends it, so that golden bytes compare equal.
            w.bytes(IFA_LOCAL, address.local().address().getAddress());
            address.broadcast().ifPresent(b -> w.bytes(IFA_BROADCAST, b.getAddress()));
            address.label().ifPresent(l -> w.string(IFA_LABEL, l));
            if (headerFlags != address.flags()) {
                w.u32(IFA_FLAGS, address.flags());
            }
            w.bytes(IFA_ADDRESS, address.prefixAddress().getAddress());
            if (address.validLifetime().isPresent() || address.preferredLifetime().isPresent()) {
                w.bytes(IFA_CACHEINFO, cacheinfo(address));
            }
            for (RawAttribute a : address.unknown()) {
                w.raw(a);
            }
        });
    }

    private static void header(MessageWriter w, Address a, int headerFlags) {
        w.put8(a.family()).put8(a.local().length()).put8(headerFlags).put8(a.scope().value()).put32(a.index());
    }

    private static byte[] cacheinfo(Address a) {
        MessageWriter w = new MessageWriter(IFA_CACHEINFO_SIZE);
        w.put32((int) a.preferredLifetime().orElse(INFINITY_LIFE_TIME));
        w.put32((int) a.validLifetime().orElse(INFINITY_LIFE_TIME));
        w.put32(0).put32(0); // cstamp, tstamp: the kernel's, ignored in requests
        return w.toByteArray();
    }

    /** {@code 10.0.0.1/24 peer 10.0.0.2 dev veth0}, as errors name the address. */
    static String describe(Address a, String device) {
        StringBuilder sb = new StringBuilder(a.local().toString());
        a.peer().ifPresent(p -> sb.append(" peer ").append(InetAddresses.toString(p)));
        a.label().ifPresent(l -> sb.append(" label ").append(l));
        return sb.append(' ').append(dev(a.index(), device)).toString();
    }

    private static String dev(int index, String device) {
        return device != null ? "dev " + device : "ifindex " + index;
    }

    // ---- decoding ----

    /** Whether {@code m} is an RTM_NEWADDR/RTM_DELADDR of an IP family, which {@link #decode} understands. */
    public static boolean isIpAddress(Message m) {
        if ((m.type() != Rtm.RTM_NEWADDR && m.type() != Rtm.RTM_DELADDR) || m.payload().remaining() < 1) {
            return false;
        }
        int family = Byte.toUnsignedInt(m.payload().get(0));
        return family == Rtm.AF_INET || family == Rtm.AF_INET6;
    }

    /**
     * Decodes an RTM_NEWADDR (or RTM_DELADDR notification) of family AF_INET or AF_INET6.
     *
     * @throws DecodeException when the message is truncated, an attribute has the wrong size, the family is
     *                         not IP, or neither IFA_LOCAL nor IFA_ADDRESS is present
     */
    public static Address decode(Message m) {
        if (m.type() != Rtm.RTM_NEWADDR && m.type() != Rtm.RTM_DELADDR) {
            throw new DecodeException("expected RTM_NEWADDR or RTM_DELADDR, got " + Rtm.name(m.type()));
        }
        ByteBuffer h = m.header(IFADDRMSG_SIZE, "ifaddrmsg");
        int family = Byte.toUnsignedInt(h.get(0));
        int addressBytes = switch (family) {
            case Rtm.AF_INET -> 4;
            case Rtm.AF_INET6 -> 16;
            default -> throw new DecodeException("ifaddrmsg: family " + family + " is neither AF_INET nor AF_INET6");
        };
        int prefixLength = Byte.toUnsignedInt(h.get(1));
        int flags = Byte.toUnsignedInt(h.get(2));
        Scope scope = Scope.of(Byte.toUnsignedInt(h.get(3)));
        int index = h.getInt(4);

        InetAddress local = null;
        InetAddress address = null;
        InetAddress broadcast = null;
        String label = null;
        OptionalLong valid = OptionalLong.empty();
        OptionalLong preferred = OptionalLong.empty();
        List<RawAttribute> unknown = new ArrayList<>(0);
        AttributeReader a = m.attributes(IFADDRMSG_SIZE, NAMES);
        while (a.next()) {
            switch (a.type()) {
                case IFA_LOCAL -> local = InetAddresses.fromBytes(a.bytes(addressBytes));
                case IFA_ADDRESS -> address = InetAddresses.fromBytes(a.bytes(addressBytes));
                case IFA_BROADCAST -> broadcast = InetAddresses.fromBytes(a.bytes(addressBytes));
                case IFA_LABEL -> label = a.string();
                case IFA_FLAGS -> flags = a.u32();
                case IFA_CACHEINFO -> {
                    ByteBuffer ci = a.struct(IFA_CACHEINFO_SIZE, "ifa_cacheinfo");
                    preferred = lifetime(Integer.toUnsignedLong(ci.getInt(0)));
                    valid = lifetime(Integer.toUnsignedLong(ci.getInt(4)));
                }
                default -> unknown.add(a.raw());
            }
        }
        if (local == null && address == null) {
            throw new DecodeException("RTM_NEWADDR for ifindex " + index + " has neither IFA_LOCAL nor IFA_ADDRESS");
        }
        InetAddress self = local != null ? local : address;
        Optional<InetAddress> peer = local != null && address != null && !address.equals(local)
                ? Optional.of(address) : Optional.empty();
        // The kernel only ever reports preferred <= valid; clamp rather than fail on a racy snapshot.
        if (valid.isPresent() && preferred.orElse(Long.MAX_VALUE) > valid.getAsLong()) {
            preferred = valid;
        }
        try {
            return new Address(index, new IpPrefix(self, prefixLength), peer, Optional.ofNullable(broadcast),
                    Optional.ofNullable(label).filter(l -> !l.isEmpty()), scope, flags, valid, preferred, unknown);
        } catch (IllegalArgumentException e) {
            // Only a malformed message gets here (index 0, prefix length 40 for IPv4, an IPv6 label, ...).
            throw new DecodeException("RTM_NEWADDR: " + e.getMessage());
        }
    }

    private static OptionalLong lifetime(long seconds) {
        return seconds >= INFINITY_LIFE_TIME ? OptionalLong.empty() : OptionalLong.of(seconds);
    }
}
