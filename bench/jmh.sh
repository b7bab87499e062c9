#!/usr/bin/env bash
# Runs the JMH suite of jnetlink-bench: codec benchmarks (no root) and kernel round trips in anonymous
# namespaces (root).
#
#   bench/jmh.sh                       # everything, with the forks/iterations set in the benchmark classes
#   bench/jmh.sh Codec                 # a regex over benchmark names, as JMH takes it
#   bench/jmh.sh --no-build Kernel -prof gc
#
# Arguments after the filter go to JMH unchanged (e.g. -f 2 -wi 5 -i 10, -prof gc, -rf json).
# Defaults (in the annotations): 1 fork, 3 (codec: 5) warm-up and 5 measured iterations of 1 s: about
# 1 min for the suite on 2 cores. JMH's own results go to stdout.
# No cleanup trap is needed: the kernel benchmarks use anonymous namespaces (NetNs.createAnonymous), which
# the kernel removes when the forked JVM exits, however it exits; nothing is created under /run/netns.
set -euo pipefail
# shellcheck source=common.sh
. "$(dirname "$(readlink -f "$0")")/common.sh"

build=""
if [ "${1:-}" = "--no-build" ]; then
  build="--no-build"
  shift
fi
bench_setup $build

filter=()
if [ $# -gt 0 ] && [ "${1#-}" = "$1" ]; then
  filter=("$1")
  shift
fi

if [ "$(id -u)" -ne 0 ]; then
  echo "note: not root: KernelBenchmark will fail in setup (it creates a namespace and links); try the filter Codec" >&2
fi

echo "# $(uname -sr), $(nproc) cpus, $("$JAVA" -version 2>&1 | head -n 1)"
exec "$JAVA" --enable-native-access=ALL-UNNAMED -cp "$BENCH_CP" org.openjdk.jmh.Main "${filter[@]}" "$@"
