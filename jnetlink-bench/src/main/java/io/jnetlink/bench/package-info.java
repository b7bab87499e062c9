/**
 * Benchmarks. {@link io.jnetlink.bench.CodecBenchmark} measures encoding and decoding without a kernel;
 * {@link io.jnetlink.bench.KernelBenchmark} measures round trips in an anonymous namespace (root);
 * {@link io.jnetlink.bench.RouteWorkload} is the in-process side of {@code bench/route-e2e.sh}, which compares
 * jnetlink with {@code ip -batch} and with one {@code ip} exec per operation; {@link io.jnetlink.bench.L2Workload}
 * does the same for {@code bench/l2-e2e.sh} and {@link io.jnetlink.bench.NftWorkload} for {@code bench/nft-e2e.sh}
 * (nftables rulesets against {@code nft -f}). Nothing here runs a program: every comparison with a tool lives in
 * the scripts under {@code bench/}.
 */
package io.jnetlink.bench;
