package io.jnetlink.bench;

import io.jnetlink.core.NetlinkSocket;
import io.jnetlink.core.Request;
import io.jnetlink.core.net.InetAddresses;
import io.jnetlink.core.ns.NetNs;
import io.jnetlink.route.Rtnetlink;
import io.jnetlink.route.fdb.FdbEntry;
import io.jnetlink.route.fdb.FdbMesh;
import io.jnetlink.route.link.Link;
import io.jnetlink.route.link.LinkCodec;
import io.jnetlink.route.link.LinkSpec;
import io.jnetlink.route.link.kind.Bridge;
import io.jnetlink.route.link.kind.LinkKind;
import io.jnetlink.route.link.kind.StpState;

import java.io.BufferedReader;
import java.io.PrintStream;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The in-process side of bench/l2-e2e.sh: layer-2 setup work inside a named namespace that the script created.
 *
 * <pre>
 * java --enable-native-access=ALL-UNNAMED -cp ... io.jnetlink.bench.L2Workload \
 *     --netns NAME --workload mesh|bridges [--count N] [--mode batch|single] [--warmup 10] [--repeat 5] [--paced]
 * </pre>
 *
 * <ul>
 *   <li>{@code mesh}: the script has created the VXLAN device {@value #VXLAN} in the namespace. A timed round is
 *       one {@code fdb().mesh("vx0").sync(remotes)} of N remotes ({@link #remote(int)}: 10.1.x.y) into an empty
 *       FDB: the device-index lookup, one dump, one batch of N {@code append}s (requests packed into few
 *       datagrams). Between rounds (not timed) a sync to the empty set removes them. {@code --mode} is ignored:
 *       a sync is always one batch.</li>
 *   <li>{@code bridges}: a timed round creates N bridges {@code br0..brN-1} with STP off, forward delay 0 and
 *       ageing time 0 ({@link #bridge()}). {@code single}: {@code links().add(spec)} N times, one request and
 *       its ACK each; {@code batch}: one {@code socket().batch} of N {@code LinkCodec.add} requests. Between
 *       rounds (not timed) one batch deletes them.</li>
 * </ul>
 *
 * <p>After each round (not timed) a dump checks that the kernel holds every object (for bridges, also their
 * three settings); a missing one fails the run. Warm-up rounds run first, in the same namespace, and are
 * reported on stderr only. {@code --paced} works as in {@link RouteWorkload}: {@code ready} after the warm-up,
 * then one counted round per line read from stdin.
 *
 * <p>Output on stdout, two lines per counted round: the round, {@code jnetlink-mesh mesh 1000 3.456ms} or
 * {@code jnetlink-bridges-batch bridges 50 7.890ms}, then the part of it spent inside {@code sendto}, i.e. the
 * kernel's own work ({@link NetlinkSocket.Stats#sendNanos()}), {@code jnetlink-mesh mesh-kernel 1000 2.345ms}.
 * Exit status 2 for bad arguments.
 */
public final class L2Workload {

    static final String VXLAN = "vx0";
    /** Remotes 10.1.0.1 .. 10.1.255.250: 250 per /24 (no .0, .255). */
    static final int MAX_REMOTES = 256 * 250;
    /** Link names br0 .. br99999 stay within IFNAMSIZ. */
    static final int MAX_BRIDGES = 100_000;

    private final String netns;
    private final boolean mesh;
    private final int count;
    private final boolean batch;
    private final int warmup;
    private final int repeat;
    /** With --paced, the script's handshake on standard input; null otherwise. */
    private final BufferedReader pace;

    private L2Workload(String netns, boolean mesh, int count, boolean batch, int warmup, int repeat, BufferedReader pace) {
        this.netns = netns;
        this.mesh = mesh;
        this.count = count;
        this.batch = batch;
        this.warmup = warmup;
        this.repeat = repeat;
        this.pace = pace;
    }

    public static void main(String[] args) {
        L2Workload w;
        try {
            w = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("L2Workload: " + e.getMessage());
            System.err.println("usage: L2Workload --netns NAME --workload mesh|bridges [--count N]"
                    + " [--mode batch|single] [--warmup N] [--repeat N] [--paced]");
            System.exit(2);
            return;
        }
        w.run(w.pace, System.out, System.err);
    }

    static L2Workload parse(String[] args) {
        HarnessOptions o = HarnessOptions.parse(args, "--workload", "--count");
        String netns = o.netns();
        String workload = o.get("--workload");
        if (!"mesh".equals(workload) && !"bridges".equals(workload)) {
            throw new IllegalArgumentException("--workload must be mesh or bridges, not '" + workload + "'");
        }
        boolean mesh = workload.equals("mesh");
        boolean batch = o.batch();
        int count = o.count("--count", mesh ? 1000 : 50);
        int max = mesh ? MAX_REMOTES : MAX_BRIDGES;
        if (count > max) {
            throw new IllegalArgumentException("--count goes up to " + max + " for " + workload);
        }
        return new L2Workload(netns, mesh, count, batch, o.warmup(), o.repeat(), o.paceReader());
    }

    /** Remote {@code i} (0-based): 10.1.(i / 250).(i % 250 + 1); the script writes the same plan. */
    static InetAddress remote(int i) {
        return InetAddresses.fromBytes(new byte[]{10, 1, (byte) (i / 250), (byte) (i % 250 + 1)});
    }

    /** Bridge {@code i}'s name: {@code br0}, {@code br1}, ... */
    static String bridgeName(int i) {
        return "br" + i;
    }

    /** What each bridge is created with: {@code type bridge stp_state 0 forward_delay 0 ageing_time 0}. */
    static Bridge bridge() {
        return Bridge.of().withStpState(StpState.DISABLED).withForwardDelay(Duration.ZERO)
                .withAgeingTime(Duration.ZERO);
    }

    private String label() {
        return mesh ? "jnetlink-mesh" : batch ? "jnetlink-bridges-batch" : "jnetlink-bridges-single";
    }

    void run(BufferedReader pace, PrintStream out, PrintStream log) {
        Pacer pacer = new Pacer(pace);
        try (NetNs ns = NetNs.open(netns); Rtnetlink rt = Rtnetlink.open(ns)) {
            List<InetAddress> remotes = new ArrayList<>(mesh ? count : 0);
            List<String> names = new ArrayList<>(mesh ? 0 : count);
            for (int i = 0; i < count; i++) {
                if (mesh) {
                    remotes.add(remote(i));
                } else {
                    names.add(bridgeName(i));
                }
            }
            boolean dirty = false;
            for (int round = 0; round < warmup + repeat; round++) {
                boolean counted = round >= warmup;
                if (!pacer.awaitRound(round, warmup, out, log)) {
                    return;
                }
                // Not timed: back to the empty state (before the round, as in RouteWorkload).
                if (dirty) {
                    undo(rt, names);
                }
                dirty = true;
                NetlinkSocket.Stats before = rt.socket().stats();
                long t0 = System.nanoTime();
                if (mesh) {
                    rt.fdb().mesh(VXLAN).sync(remotes);
                } else {
                    addBridges(rt, names);
                }
                long t1 = System.nanoTime();
                NetlinkSocket.Stats after = rt.socket().stats();
                if (mesh) {
                    verifyMesh(rt, remotes);
                } else {
                    verifyBridges(rt, names);
                }
                PrintStream sink = counted ? out : log;
                String prefix = counted ? "" : "# warm-up " + (round + 1) + ": ";
                String kind = mesh ? "mesh" : "bridges";
                sink.println(prefix + String.format(Locale.ROOT, "%s %s %d %.3fms", label(), kind, count,
                        (t1 - t0) / 1e6));
                sink.println(prefix + String.format(Locale.ROOT, "%s %s-kernel %d %.3fms", label(), kind, count,
                        (after.sendNanos() - before.sendNanos()) / 1e6));
                sink.flush();
                if (round == 0) {
                    log.printf(Locale.ROOT, "# one round: %d requests in %d datagrams sent, %d datagrams read%n",
                            after.messagesSent() - before.messagesSent(), after.datagramsSent() - before.datagramsSent(),
                            after.datagramsRead() - before.datagramsRead());
                }
            }
        }
    }

    private void undo(Rtnetlink rt, List<String> names) {
        if (mesh) {
            rt.fdb().mesh(VXLAN).sync(List.of());
        } else {
            List<Request> deletes = new ArrayList<>(names.size());
            for (String n : names) {
                deletes.add(LinkCodec.delete(n));
            }
            rt.socket().batch(deletes);
        }
    }

    private void addBridges(Rtnetlink rt, List<String> names) {
        Bridge kind = bridge();
        if (batch) {
            List<Request> requests = new ArrayList<>(names.size());
            for (String n : names) {
                requests.add(LinkCodec.add(LinkSpec.of(n, kind)));
            }
            rt.socket().batch(requests);
        } else {
            for (String n : names) {
                rt.links().add(LinkSpec.of(n, kind));
            }
        }
    }


    /** Fails the run (rather than print a flattering number) when the device lacks a flood entry. */
    private static void verifyMesh(Rtnetlink rt, List<InetAddress> remotes) {
        Set<InetAddress> present = new HashSet<>();
        for (FdbEntry e : rt.fdb().list(VXLAN)) {
            if (e.isFlood() && e.dst().isPresent()) {
                present.add(e.dst().get());
            }
        }
        for (InetAddress r : remotes) {
            if (!present.contains(r)) {
                throw new IllegalStateException("flood entry to " + InetAddresses.toString(r) + " is missing on "
                        + VXLAN + " after the sync");
            }
        }
    }

    /** Fails the run when a bridge is missing or was not created with STP off, forward delay 0, ageing 0. */
    private static void verifyBridges(Rtnetlink rt, List<String> names) {
        Set<String> wanted = new HashSet<>(names);
        int found = 0;
        for (Link l : rt.links().list()) {
            if (!wanted.contains(l.name())) {
                continue;
            }
            found++;
            Optional<LinkKind> kind = l.kindInfo();
            if (!(kind.isPresent() && kind.get() instanceof Bridge b)
                    || !b.stpState().equals(Optional.of(StpState.DISABLED))
                    || !b.forwardDelay().equals(Optional.of(Duration.ZERO))
                    || !b.ageingTime().equals(Optional.of(Duration.ZERO))) {
                throw new IllegalStateException(l.name() + " is not a bridge with STP off, forward delay 0 and"
                        + " ageing 0: " + kind);
            }
        }
        if (found != names.size()) {
            throw new IllegalStateException("expected " + names.size() + " bridges, the kernel holds " + found);
        }
    }
}
