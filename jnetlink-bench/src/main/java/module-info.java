/**
 * jnetlink benchmarks: JMH micro-benchmarks of the codec and of kernel round trips, and
 * {@code RouteWorkload}, {@code L2Workload} and {@code NftWorkload}, the in-process sides of the end-to-end
 * comparisons in {@code bench/route-e2e.sh}, {@code bench/l2-e2e.sh} and {@code bench/nft-e2e.sh}.
 *
 * <p>The JMH annotation processor generates {@code io.jnetlink.bench.jmh_generated} inside this module. The
 * scripts run everything on the class path ({@code java -cp target/classes:$(cat target/classpath.txt)}),
 * because JMH forks its measurement JVMs with {@code -cp}; this descriptor keeps the module's dependencies
 * explicit and compile-checked.
 */
module io.jnetlink.bench {
    requires io.jnetlink.route;
    requires io.jnetlink.nftables;
    requires jmh.core;
}
