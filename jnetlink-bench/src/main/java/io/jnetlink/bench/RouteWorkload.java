package io.jnetlink.bench;

import io.jnetlink.core.NetlinkSocket;
import io.jnetlink.core.net.InetAddresses;
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
import java.util.Set;

/**
 * The in-process side of bench/route-e2e.sh: inside a named namespace that the script created, prepares the
 * workload's veth pair ({@link Workload}), then repeatedly adds N addresses and N routes, timing each add phase
 * with {@link System#nanoTime()}.
 *
 * <pre>
 * java --enable-native-access=ALL-UNNAMED -cp ... io.jnetlink.bench.RouteWorkload \
 *     --netns NAME [--addresses 1000] [--routes 1000] [--mode batch|single] [--warmup 10] [--repeat 5] [--paced]
 * </pre>
 *
 * <p>{@code batch} sends each phase as one {@code addAll} (requests packed into few datagrams, every ACK
 * drained); {@code single} sends one request and waits for its ACK, N times. A timed phase starts from the
 * workload as data (prefixes and the link name) and includes the link-index lookup, building the records,
 * encoding, the syscalls and the kernel's work. Not timed: removing the previous round's objects before a round
 * (never after the last one: the script deletes the namespace, so a cold run's wall time holds no removal), and
 * after a round a dump that checks the kernel holds every object. Warm-up rounds run first, in the same
 * namespace, and are reported on stderr only.
 *
 * <p>{@code --paced}: prints {@code ready} once the warm-up is over, then before each counted round waits for a
 * line on stdin (end of input stops the run), so that the script can interleave rounds of all contenders and a
 * change of load on the machine hits them alike.
 *
 * <p>Output on stdout, one line per timed phase, written when the round (and its check) is over:
 * {@code jnetlink-batch addresses 1000 12.345ms}. Exit status 2 for bad arguments.
 */
public final class RouteWorkload {

    /** Printed by a paced run when its warm-up is over. */

    private final String netns;
    private final int addressCount;
    private final int routeCount;
    private final boolean batch;
    private final int warmup;
    private final int repeat;
    /** With --paced, the script's handshake on standard input; null otherwise. */
    private final BufferedReader pace;

    private RouteWorkload(String netns, int addressCount, int routeCount, boolean batch, int warmup, int repeat,
                          BufferedReader pace) {
        this.netns = netns;
        this.addressCount = addressCount;
        this.routeCount = routeCount;
        this.batch = batch;
        this.warmup = warmup;
        this.repeat = repeat;
        this.pace = pace;
    }

    public static void main(String[] args) {
        RouteWorkload w;
        try {
            w = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("RouteWorkload: " + e.getMessage());
            System.err.println("usage: RouteWorkload --netns NAME [--addresses N] [--routes N] [--mode batch|single]"
                    + " [--warmup N] [--repeat N] [--paced]");
            System.exit(2);
            return;
        }
        w.run(w.pace, System.out, System.err);
    }

    static RouteWorkload parse(String[] args) {
        HarnessOptions o = HarnessOptions.parse(args, "--addresses", "--routes");
        String netns = o.netns();
        boolean batch = o.batch();
        int addresses = o.count("--addresses", 1000);
        int routes = o.count("--routes", 1000);
        Workload.checkCount(addresses);
        Workload.checkCount(routes);
        return new RouteWorkload(netns, addresses, routes, batch, o.warmup(), o.repeat(), o.paceReader());
    }

    private String label() {
        return batch ? "jnetlink-batch" : "jnetlink-single";
    }

    void run(BufferedReader pace, PrintStream out, PrintStream log) {
        Pacer pacer = new Pacer(pace);
        try (NetNs ns = NetNs.open(netns); Rtnetlink rt = Rtnetlink.open(ns)) {
            Workload.prepareLinks(rt);
            List<IpPrefix> addressPrefixes = new ArrayList<>(addressCount);
            for (int i = 0; i < addressCount; i++) {
                addressPrefixes.add(Workload.address(i));
            }
            List<IpPrefix> destinations = new ArrayList<>(routeCount);
            for (int i = 0; i < routeCount; i++) {
                destinations.add(Workload.routeDestination(i));
            }
            InetAddress gateway = InetAddresses.parse(Workload.GATEWAY);
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
                routed = addRoutes(rt, destinations, gateway);
                long t2 = System.nanoTime();

                NetlinkSocket.Stats after = rt.socket().stats();
                verify(rt, added, routed); // not timed either
                PrintStream sink = counted ? out : log;
                String prefix = counted ? "" : "# warm-up " + (round + 1) + ": ";
                sink.println(prefix + line("addresses", addressCount, t1 - t0));
                sink.println(prefix + line("routes", routeCount, t2 - t1));
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
        int index = rt.links().indexOf(Workload.LINK);
        Set<IpPrefix> present = new HashSet<>();
        for (Address a : rt.addresses().list(index)) {
            present.add(a.local());
        }
        for (Address a : addresses) {
            if (!present.contains(a.local())) {
                throw new IllegalStateException("address " + a.local() + " is missing after the add phase");
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

    private List<Address> addAddresses(Rtnetlink rt, List<IpPrefix> prefixes) {
        int index = rt.links().indexOf(Workload.LINK);
        List<Address> addresses = new ArrayList<>(prefixes.size());
        for (IpPrefix p : prefixes) {
            addresses.add(Address.builder(index, p).build());
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

    private List<Route> addRoutes(Rtnetlink rt, List<IpPrefix> destinations, InetAddress gateway) {
        int index = rt.links().indexOf(Workload.LINK);
        List<Route> routes = new ArrayList<>(destinations.size());
        for (IpPrefix d : destinations) {
            routes.add(Route.builder(d).gateway(gateway).outputIndex(index).build());
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
