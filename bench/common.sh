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

# bench_workspace PREFIX: a scratch folder ($work), and the namespaces (new_ns) and harness processes
# (harness_pids) a script starts, all removed when it exits. new_ns NAME creates PREFIX-PID-NAME and sets NS.
bench_workspace() {
  bench_ns_prefix="$1-$$"
  work=$(mktemp -d)
  namespaces=()
  harness_pids=()
  NS=""
  trap bench_cleanup EXIT
  trap 'exit 130' INT TERM
}

bench_cleanup() {
  local p ns
  for p in "${harness_pids[@]}"; do
    kill "$p" 2>/dev/null || true
    wait "$p" 2>/dev/null || true
  done
  for ns in "${namespaces[@]}"; do
    ip netns del "$ns" 2>/dev/null || true
  done
  rm -rf "$work"
}

new_ns() {
  NS="$bench_ns_prefix-$1"
  ip netns add "$NS"
  namespaces+=("$NS")
}

# ---- paced jnetlink harnesses: one JVM each, warmed up, then one counted round per "go" on its stdin ----
declare -A h_in h_out h_pid

harness_fail() { # NAME MESSAGE
  echo "jnetlink $1: $2" >&2
  cat "$work/jnl-$1.err" >&2 2>/dev/null || true
  exit 1
}

harness_launch() { # NAME COMMAND...: starts a paced harness in $NS; returns once its warm-up rounds are over
  local name=$1 fd line
  shift
  mkfifo "$work/jnl-$name.in" "$work/jnl-$name.out"
  # A simple command (no function around it), so that $! is the java process itself.
  "$@" --netns "$NS" --warmup "$warmup" --repeat "$repeat" --paced \
    <"$work/jnl-$name.in" >"$work/jnl-$name.out" 2>"$work/jnl-$name.err" &
  h_pid[$name]=$!
  harness_pids+=("$!")
  exec {fd}>"$work/jnl-$name.in"
  h_in[$name]=$fd
  exec {fd}<"$work/jnl-$name.out"
  h_out[$name]=$fd
  read -r -t 1200 line <&"${h_out[$name]}" || harness_fail "$name" "no answer during warm-up"
  [ "$line" = ready ] || harness_fail "$name" "expected 'ready', got '$line'"
}

harness_round() { # NAME [LINES]: one counted round; appends its LINES (default 1) measurements to $samples
  local name=$1 lines=${2:-1} label kind count ms k
  echo go >&"${h_in[$name]}"
  for ((k = 0; k < lines; k++)); do
    read -r -t 1200 label kind count ms <&"${h_out[$name]}" || harness_fail "$name" "no measurement"
    echo "$label $kind ${ms%ms}" >>"$samples"
  done
}

harness_stop() { # NAME
  local name=$1 fd
  fd=${h_in[$name]}
  exec {fd}>&-
  wait "${h_pid[$name]}" || harness_fail "$name" "exited with an error"
  fd=${h_out[$name]}
  exec {fd}<&-
}
