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
 *   <li>a veth pair {@value #LINK} / {@value #PEER}, both up, with {@value #LINK_ADDRESS} on {@value #LINK};</li>
 *   <li>address {@code i} (0-based): {@code 10.128.0.0 + (i + 1)} as a /32 on {@value #LINK}. Host prefixes
 *       keep every address primary, so deleting one never takes others with it (deleting a primary IPv4
 *       address removes its secondaries);</li>
 *   <li>route {@code i}: {@code 10.64.0.0 + i * 256} as a /24 via {@value #GATEWAY} dev {@value #LINK}.</li>
 * </ul>
 */
final class Workload {

    static final String LINK = "bench0";
    static final String PEER = "bench1";
    /** Puts the gateway on-link: the kernel refuses a route via an unreachable gateway. */
    static final String LINK_ADDRESS = "192.168.0.1/24";
    static final String GATEWAY = "192.168.0.2";

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

    /** Creates the veth pair, brings both ends up and puts {@link #LINK_ADDRESS} on the first; returns its index. */
    static int prepareLinks(Rtnetlink rt) {
        rt.links().addVeth(VethSpec.of(LINK, PEER));
        rt.links().setUp(LINK);
        rt.links().setUp(PEER);
        rt.addresses().add(LINK, LINK_ADDRESS);
        return rt.links().indexOf(LINK);
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
