package io.jnetlink.bench;

import io.jnetlink.core.ns.NetNs;
import io.jnetlink.route.Rtnetlink;
import io.jnetlink.route.address.Address;
import io.jnetlink.route.link.Link;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Round trips to the kernel (root): each trial runs in its own anonymous namespace holding the workload's veth
 * pair ({@link Workload}), which disappears with the handle and socket at tear-down.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgs = "--enable-native-access=ALL-UNNAMED")
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class KernelBenchmark {

    static final int BATCH = 1000;

    private NetNs netns;
    private Rtnetlink rt;
    private Address one;
    private List<Address> batch;

    @Setup(Level.Trial)
    public void setUp() {
        netns = NetNs.createAnonymous();
        rt = Rtnetlink.open(netns);
        int index = Workload.prepareLinks(rt);
        batch = Workload.addresses(index, BATCH);
        one = batch.getFirst();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        if (rt != null) {
            rt.close();
        }
        if (netns != null) {
            netns.close();
        }
    }

    /**
     * Two round trips: {@code ip address add 10.128.0.1/32 dev bench0} then {@code ip address del} of the same.
     */
    @Benchmark
    public void addressAddDelete() {
        rt.addresses().add(one);
        rt.addresses().delete(one);
    }

    /** One link dump (lo, bench0, bench1) decoded into {@link Link}s: {@code ip -d link show}. */
    @Benchmark
    public List<Link> linkDump() {
        return rt.links().list();
    }

    /**
     * {@value #BATCH} addresses added with one {@code addAll} and removed with one {@code deleteAll}: 2,000
     * requests, each acknowledged, in as few datagrams as the socket allows. Score: per invocation (both
     * batches).
     */
    @Benchmark
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public void batchAddDeleteAddresses() {
        rt.addresses().addAll(batch);
        rt.addresses().deleteAll(batch);
    }
}
