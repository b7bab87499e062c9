/**
 * jnetlink benchmarks: JMH micro-benchmarks of the codec and of kernel round trips, and
 * {@code RouteWorkload}, the in-process side of the end-to-end comparison in {@code bench/route-e2e.sh}.
 *
 * <p>The JMH annotation processor generates {@code io.jnetlink.bench.jmh_generated} inside this module. The
 * scripts run everything on the class path ({@code java -cp target/classes:$(cat target/classpath.txt)}),
 * because JMH forks its measurement JVMs with {@code -cp}; this descriptor keeps the module's dependencies
 * explicit and compile-checked.
 */
module io.jnetlink.bench {
    requires io.jnetlink.route;
    requires jmh.core;
}
