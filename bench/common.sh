# Sourced by the bench/ scripts: finds JDK 25+, builds jnetlink-bench when asked, and sets BENCH_CP, the class
# path that runs JMH and the harness straight from target/ (no shaded jar).
#
# JNL_BUILD_SUFFIX=-x builds into target-x/ (the build's jnl.build.suffix), so that a benchmark build does not
# disturb another build of the same tree.

bench_root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
# shellcheck source=../.mvn/find-jdk.sh
. "$bench_root/.mvn/find-jdk.sh"

bench_setup() { # [--no-build]
  jnl_find_jdk || exit 1
  local suffix="${JNL_BUILD_SUFFIX:-}"
  local target="$bench_root/jnetlink-bench/target$suffix"
  if [ "${1:-}" != "--no-build" ]; then
    echo "building jnetlink-bench (./mvnw -q -B -DskipTests -pl jnetlink-bench -am package${suffix:+ -Djnl.build.suffix=$suffix})..." >&2
    (cd "$bench_root" && ./mvnw -q -B -DskipTests -pl jnetlink-bench -am ${suffix:+"-Djnl.build.suffix=$suffix"} package) >&2
  fi
  if [ ! -f "$target/classpath.txt" ] || [ ! -d "$target/classes" ]; then
    echo "no build in $target: run without --no-build" >&2
    exit 1
  fi
  BENCH_CP="$target/classes:$(cat "$target/classpath.txt")"
  JAVA="$JAVA_HOME/bin/java"
  export BENCH_CP JAVA
}
