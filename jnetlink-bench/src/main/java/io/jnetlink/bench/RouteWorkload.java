package io.jnetlink.bench;

import io.jnetlink.core.NetlinkSocket;
import io.jnetlink.core.net.IpPrefix;
import io.jnetlink.core.ns.NetNs;
import io.jnetlink.route.Rtnetlink;
import io.jnetlink.route.address.Address;
import io.jnetlink.route.route.Route;

import java.io.BufferedReader;
import java.io.PrintStream;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The in-process side of bench/route-e2e.sh: inside a named namespace that the script created, prepares the
 * workload's veth pairs ({@link Workload}: {@code --links} of them, addresses and routes spread over them),
 * then repeatedly adds N addresses and N routes, timing each add phase with {@link System#nanoTime()}.
 *
 * <pre>
 * java --enable-native-access=ALL-UNNAMED -cp ... io.jnetlink.bench.RouteWorkload \
 *     --netns NAME [--addresses 1000] [--routes 1000] [--links 1] [--mode batch|single] [--warmup 10]
 *     [--repeat 5] [--paced]
 * </pre>
 *
 * <p>{@code batch} sends each phase as one {@code addAll} (requests packed into few datagrams, every ACK
 * drained); {@code single} sends one request and waits for its ACK, N times. A timed phase starts from the
 * workload as data (prefixes and link names) and includes the link-index lookup (one request for one link, one
 * batch of them for more), building the records, encoding, the syscalls and the kernel's work. Not timed: removing the previous round's objects before a round
 * (never after the last one: the script deletes the namespace, so a cold run's wall time holds no removal), and
 * after a round a dump that checks the kernel holds every object. Warm-up rounds run first, in the same
 * namespace, and are reported on stderr only.
 *
 * <p>{@code --paced}: prints {@code ready} once the warm-up is over, then before each counted round waits for a
 * line on stdin (end of input stops the run), so that the script can interleave rounds of all contenders and a
 * change of load on the machine hits them alike.
 *
 * <p>Output on stdout, two lines per timed phase, written when the round (and its check) is over: the phase,
 * {@code jnetlink-batch addresses 1000 12.345ms}, then the part of it spent inside {@code sendto}, i.e. the
 * kernel's own work on the requests ({@link NetlinkSocket.Stats#sendNanos()}),
 * {@code jnetlink-batch addresses-kernel 1000 11.234ms}. Exit status 2 for bad arguments.
 */
public final class RouteWorkload {

    /** Printed by a paced run when its warm-up is over. */

    private final String netns;
    private final int addressCount;
    private final int routeCount;
    private final int links;
    /** Pair j's on-link gateway. */
    private final InetAddress[] gateways;
    /** Pair j's link. */
    private final List<String> linkNames = new ArrayList<>();
    private final boolean batch;
    private final int warmup;
    private final int repeat;
    /** With --paced, the script's handshake on standard input; null otherwise. */
    private final BufferedReader pace;

    /** Reads and checks every option up front, so that a mistake fails before any work. */
    private RouteWorkload(HarnessOptions o) {
        this.netns = o.netns();
        this.batch = o.batch();
        this.addressCount = o.count("--addresses", 1000);
        this.routeCount = o.count("--routes", 1000);
        this.links = o.count("--links", 1);
        Workload.checkCount(addressCount);
        Workload.checkCount(routeCount);
        Workload.checkLinks(links);
        this.gateways = new InetAddress[links];
        for (int j = 0; j < links; j++) {
            gateways[j] = Workload.gateway(j);
            linkNames.add(Workload.link(j));
        }
        this.warmup = o.warmup();
        this.repeat = o.repeat();
        this.pace = o.paceReader();
    }

    public static void main(String[] args) {
        RouteWorkload w;
        try {
            w = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("RouteWorkload: " + e.getMessage());
            System.err.println("usage: RouteWorkload --netns NAME [--addresses N] [--routes N] [--links L]"
                    + " [--mode batch|single] [--warmup N] [--repeat N] [--paced]");
            System.exit(2);
            return;
        }
        w.run(w.pace, System.out, System.err);
    }

    static RouteWorkload parse(String[] args) {
        return new RouteWorkload(HarnessOptions.parse(args, "--addresses", "--routes", "--links"));
    }

    private String label() {
        return batch ? "jnetlink-batch" : "jnetlink-single";
    }

    void run(BufferedReader pace, PrintStream out, PrintStream log) {
        Pacer pacer = new Pacer(pace);
        try (NetNs ns = NetNs.open(netns); Rtnetlink rt = Rtnetlink.open(ns)) {
            Workload.prepareLinks(rt, links);
            List<IpPrefix> addressPrefixes = new ArrayList<>(addressCount);
            for (int i = 0; i < addressCount; i++) {
                addressPrefixes.add(Workload.address(i));
            }
            List<IpPrefix> destinations = new ArrayList<>(routeCount);
            for (int i = 0; i < routeCount; i++) {
                destinations.add(Workload.routeDestination(i));
            }
            List<Address> added = List.of();
            List<Route> routed = List.of();
            for (int round = 0; round < warmup + repeat; round++) {
                boolean counted = round >= warmup;
                if (!pacer.awaitRound(round, warmup, out, log)) {
                    return;
                }
                // Not timed: back to the prepared state. Done here rather than after a round so that a paced run
                // does all its work while the script waits for it, and a cold run's wall time holds no removal.
                rt.routes().deleteAll(routed);
                rt.addresses().deleteAll(added);
                NetlinkSocket.Stats before = rt.socket().stats();

                long t0 = System.nanoTime();
                added = addAddresses(rt, addressPrefixes);
                long t1 = System.nanoTime();
                long kernel1 = rt.socket().stats().sendNanos();
                long t1b = System.nanoTime();
                routed = addRoutes(rt, destinations);
                long t2 = System.nanoTime();

                NetlinkSocket.Stats after = rt.socket().stats();
                verify(rt, added, routed); // not timed either
                PrintStream sink = counted ? out : log;
                String prefix = counted ? "" : "# warm-up " + (round + 1) + ": ";
                sink.println(prefix + line("addresses", addressCount, t1 - t0));
                sink.println(prefix + line("addresses-kernel", addressCount, kernel1 - before.sendNanos()));
                sink.println(prefix + line("routes", routeCount, t2 - t1b));
                sink.println(prefix + line("routes-kernel", routeCount, after.sendNanos() - kernel1));
                sink.flush();
                if (round == 0) {
                    log.printf(Locale.ROOT, "# one round: %d requests in %d datagrams sent, %d datagrams read%n",
                            after.messagesSent() - before.messagesSent(), after.datagramsSent() - before.datagramsSent(),
                            after.datagramsRead() - before.datagramsRead());
                }
            }
        }
    }


    /** Fails the run (rather than print a flattering number) when the kernel does not hold every object. */
    private static void verify(Rtnetlink rt, List<Address> addresses, List<Route> routes) {
        record OnLink(int index, IpPrefix local) {
        }
        Set<OnLink> present = new HashSet<>();
        for (Address a : rt.addresses().list()) {
            present.add(new OnLink(a.index(), a.local()));
        }
        for (Address a : addresses) {
            if (!present.contains(new OnLink(a.index(), a.local()))) {
                throw new IllegalStateException("address " + a.local() + " on link " + a.index()
                        + " is missing after the add phase");
            }
        }
        Set<IpPrefix> destinations = new HashSet<>();
        for (Route r : rt.routes().list(Route.TABLE_MAIN)) {
            destinations.add(r.destination());
        }
        for (Route r : routes) {
            if (!destinations.contains(r.destination())) {
                throw new IllegalStateException("route " + r.destination() + " is missing after the add phase");
            }
        }
    }

    /** The index of each pair's link, looked up as a caller starting from names would: one request, or one batch. */
    private int[] linkIndexes(Rtnetlink rt) {
        int[] indexes = new int[links];
        if (links == 1) {
            indexes[0] = rt.links().indexOf(Workload.link(0));
            return indexes;
        }
        Map<String, Integer> byName = rt.links().indexesOf(linkNames);
        for (int j = 0; j < links; j++) {
            indexes[j] = byName.get(linkNames.get(j));
        }
        return indexes;
    }

    private List<Address> addAddresses(Rtnetlink rt, List<IpPrefix> prefixes) {
        int[] index = linkIndexes(rt);
        List<Address> addresses = new ArrayList<>(prefixes.size());
        for (int i = 0; i < prefixes.size(); i++) {
            addresses.add(Address.builder(index[i % links], prefixes.get(i)).build());
        }
        if (batch) {
            rt.addresses().addAll(addresses);
        } else {
            for (Address a : addresses) {
                rt.addresses().add(a);
            }
        }
        return addresses;
    }

    private List<Route> addRoutes(Rtnetlink rt, List<IpPrefix> destinations) {
        int[] index = linkIndexes(rt);
        List<Route> routes = new ArrayList<>(destinations.size());
        for (int i = 0; i < destinations.size(); i++) {
            int j = i % links;
            routes.add(Route.builder(destinations.get(i)).gateway(gateways[j]).outputIndex(index[j]).build());
        }
        if (batch) {
            rt.routes().addAll(routes);
        } else {
            for (Route r : routes) {
                rt.routes().add(r);
            }
        }
        return routes;
    }

    private String line(String what, int count, long nanos) {
        return String.format(Locale.ROOT, "%s %s %d %.3fms", label(), what, count, nanos / 1e6);
    }
}
