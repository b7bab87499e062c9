package io.jnetlink.bench;

import io.jnetlink.core.net.InetAddresses;
import io.jnetlink.core.net.IpPrefix;
import io.jnetlink.route.Rtnetlink;
import io.jnetlink.route.address.Address;
import io.jnetlink.route.link.VethSpec;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * The shape of the benchmark workload, shared by the JMH benchmarks and {@link RouteWorkload}. bench/route-e2e.sh
 * writes the same objects as {@code ip} command lines; keep the two in step.
 *
 * <ul>
 *   <li>L veth pairs (L = 1 by default): pair {@code j} (0-based) is {@code bench(2j)} / {@code bench(2j+1)},
 *       both up, with {@code 192.168.j.1/24} on {@code bench(2j)}; with one pair, {@value #LINK} / {@value #PEER}
 *       and 192.168.0.1/24;</li>
 *   <li>address {@code i} (0-based): {@code 10.128.0.0 + (i + 1)} as a /32 on the link of pair {@code i % L}.
 *       Host prefixes keep every address primary, so deleting one never takes others with it (deleting a
 *       primary IPv4 address removes its secondaries);</li>
 *   <li>route {@code i}: {@code 10.64.0.0 + i * 256} as a /24 via {@code 192.168.(i % L).2} dev the link of
 *       pair {@code i % L} (with one pair: via 192.168.0.2 dev {@value #LINK}).</li>
 * </ul>
 *
 * <p>Why more than one link: the kernel walks a link's whole IPv4 address list (twice) and every nexthop on the
 * link when it adds an address, so 1,000 addresses on one link cost it ~14 µs each where 10 per link cost ~3 µs.
 * One link is the kernel's worst case, many links the usual shape of a host with many guests.
 */
final class Workload {

    static final String LINK = "bench0";
    static final String PEER = "bench1";

    /** 10.128.0.0: addresses count up from here. */
    private static final int ADDRESS_BASE = 0x0A80_0000;
    /** 10.64.0.0: route destinations count up from here in /24 steps. */
    private static final int ROUTE_BASE = 0x0A40_0000;
    private static final int ROUTE_PREFIX_LENGTH = 24;
    private static final int HOST_PREFIX_LENGTH = 32;
    /** Routes 10.64.0.0/24 .. 10.127.255.0/24 stay clear of the addresses at 10.128.0.0 and up. */
    static final int MAX_COUNT = (ADDRESS_BASE - ROUTE_BASE) >>> (32 - ROUTE_PREFIX_LENGTH);

    private Workload() {
    }

    /** Pair {@code j}'s (0-based) link is in 192.168.j.0/24: at most this many pairs. */
    static final int MAX_LINKS = 250;

    /** Creates the veth pair, brings both ends up and puts 192.168.0.1/24 on the first; returns its index. */
    static int prepareLinks(Rtnetlink rt) {
        return prepareLinks(rt, 1);
    }

    /**
     * Creates {@code links} veth pairs, brings both ends of each up and puts {@code 192.168.j.1/24} on the first of
     * pair {@code j}; returns the index of {@link #LINK}.
     */
    static int prepareLinks(Rtnetlink rt, int links) {
        checkLinks(links);
        for (int j = 0; j < links; j++) {
            rt.links().addVeth(VethSpec.of(link(j), peer(j)));
            rt.links().setUp(link(j));
            rt.links().setUp(peer(j));
            rt.addresses().add(link(j), "192.168." + j + ".1/24");
        }
        return rt.links().indexOf(LINK);
    }

    static void checkLinks(int links) {
        if (links < 1 || links > MAX_LINKS) {
            throw new IllegalArgumentException("links " + links + " is outside 1.." + MAX_LINKS);
        }
    }

    /** The link of pair {@code j}, which holds the addresses and routes {@code i} with {@code i % L == j}. */
    static String link(int j) {
        return "bench" + 2 * j;
    }

    /** The other end of pair {@code j}. */
    static String peer(int j) {
        return "bench" + (2 * j + 1);
    }

    /** The gateway of pair {@code j}'s routes, 192.168.j.2: on-link, as the kernel refuses an unreachable one. */
    static InetAddress gateway(int j) {
        return ipv4(0xC0A8_0002 | j << 8);
    }

    /** Address {@code i} of the workload, e.g. {@code 10.128.0.1/32} for 0. */
    static IpPrefix address(int i) {
        return new IpPrefix(ipv4(ADDRESS_BASE + i + 1), HOST_PREFIX_LENGTH);
    }

    /** Destination {@code i} of the workload, e.g. {@code 10.64.0.0/24} for 0 and {@code 10.64.1.0/24} for 1. */
    static IpPrefix routeDestination(int i) {
        return new IpPrefix(ipv4(ROUTE_BASE + (i << (32 - ROUTE_PREFIX_LENGTH))), ROUTE_PREFIX_LENGTH);
    }

    /** {@code count} addresses on the link {@code index}. */
    static List<Address> addresses(int index, int count) {
        checkCount(count);
        List<Address> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(Address.builder(index, address(i)).build());
        }
        return out;
    }

    static void checkCount(int count) {
        if (count < 0 || count > MAX_COUNT) {
            throw new IllegalArgumentException("count " + count + " is outside 0.." + MAX_COUNT);
        }
    }

    private static InetAddress ipv4(int value) {
        return InetAddresses.fromBytes(new byte[]{
                (byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value});
    }
}
