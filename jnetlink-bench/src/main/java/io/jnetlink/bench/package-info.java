/**
 * Benchmarks. {@link io.jnetlink.bench.CodecBenchmark} measures encoding and decoding without a kernel;
 * {@link io.jnetlink.bench.KernelBenchmark} measures round trips in an anonymous namespace (root);
 * {@link io.jnetlink.bench.RouteWorkload} is the in-process side of {@code bench/route-e2e.sh}, which compares
 * jnetlink with {@code ip -batch} and with one {@code ip} exec per operation. Nothing here runs a program:
 * every {@code ip} comparison lives in the scripts under {@code bench/}.
 */
package io.jnetlink.bench;
