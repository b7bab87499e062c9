#!/usr/bin/env bash
# End-to-end layer-2 comparison, run as root, in two parts:
#   mesh:    the flood list (00:00:00:00:00:00 entries) of a VXLAN device vx0 filled with N remotes, from empty,
#            through jnetlink (io.jnetlink.bench.L2Workload: one FdbMesh.sync, i.e. one dump + one batch),
#            `bridge -n NS -batch FILE` (the baseline) and one `bridge -n NS fdb append ...` exec per entry;
#   bridges: M bridges br0..brM-1 created with STP off, forward delay 0 and ageing time 0, through jnetlink
#            (one request per bridge, and one batch), `ip -n NS -batch FILE` (the baseline) and brctl (four
#            execs per bridge: addbr, stp off, setfd 0, setageing 0, in one `ip netns exec NS sh -c` loop).
# Every contender has its own fresh namespace; for the mesh it holds
#   ip link add vx0 type vxlan id 42 dstport 4789 local 10.0.0.1 nolearning
# Remote i (0-based) is 10.1.(i/250).(i%250+1), as in L2Workload.java. A round removes what the previous round
# added (not timed), adds everything (timed) and checks that the kernel holds it (not timed; for bridges also
# their three settings). Rounds are interleaved, one of each contender in turn, so that a change of load on the
# machine hits all contenders alike; warm-up rounds come first and are not counted. The tables show medians.
#
#   bench/l2-e2e.sh [--remotes N] [--bridges M] [--repeat R] [--warmup W] [--tool-warmup W] [--no-exec]
#                   [--no-build]
#
# Defaults: 1000 remotes, 50 bridges, 9 counted rounds; 10 warm-up rounds for jnetlink (the JIT) and 2 for the
# tools (page cache, kernel caches). jnetlink also reports the part of its time spent inside sendto: the kernel's
# own work. Most of the run time is the one-exec-per-entry mesh contender (~1,000
# processes a round), which --no-exec leaves out. Output (stdout): machine, load average before and after, two
# markdown tables, the target checks, every sample. Namespaces are named jnll2-PID-*; all are deleted on exit,
# also on failure or Ctrl-C.
set -euo pipefail
export LC_ALL=C
# shellcheck source=common.sh
. "$(dirname "$(readlink -f "$0")")/common.sh"

remotes=1000
bridges=50
repeat=9
warmup=10
tool_warmup=2
build=""
with_exec=yes
while [ $# -gt 0 ]; do
  case "$1" in
    --remotes) remotes=$2; shift 2 ;;
    --bridges) bridges=$2; shift 2 ;;
    --repeat) repeat=$2; shift 2 ;;
    --warmup) warmup=$2; shift 2 ;;
    --tool-warmup) tool_warmup=$2; shift 2 ;;
    --no-build) build="--no-build"; shift ;;
    --no-exec) with_exec=""; shift ;;
    -h|--help) sed -n '2,24p' "$0"; exit 0 ;;
    *) echo "unknown argument: $1 (see --help)" >&2; exit 2 ;;
  esac
done
for v in "$remotes" "$bridges" "$repeat" "$warmup" "$tool_warmup"; do
  [[ "$v" =~ ^[0-9]+$ ]] || { echo "counts must be non-negative integers, got '$v'" >&2; exit 2; }
done
if [ "$remotes" -lt 1 ] || [ "$remotes" -gt 64000 ] || [ "$bridges" -lt 1 ] || [ "$bridges" -gt 100000 ] ||
   [ "$repeat" -lt 1 ]; then
  echo "--remotes is 1 to 64000 (the workload's address plan), --bridges 1 to 100000, --repeat at least 1" >&2
  exit 2
fi
[ "$(id -u)" -eq 0 ] || { echo "l2-e2e.sh needs root (namespaces, links)" >&2; exit 1; }
for tool in ip bridge brctl; do
  command -v "$tool" >/dev/null || { echo "l2-e2e.sh needs $tool (iproute2, bridge-utils)" >&2; exit 1; }
done

bench_setup $build

bench_workspace jnll2

l2_ns() { # NAME [vxlan]: a namespace (with vx0 when asked); sets NS
  new_ns "$1"
  if [ "${2:-}" = vxlan ]; then
    ip -n "$NS" link add vx0 type vxlan id 42 dstport 4789 local 10.0.0.1 nolearning
  fi
}

# ---- the workload as command lines (keep in step with L2Workload.java) ----
for ((i = 0; i < remotes; i++)); do
  echo "fdb append 00:00:00:00:00:00 dev vx0 dst 10.1.$((i / 250)).$((i % 250 + 1))"
done >"$work/fdb"
sed 's/^fdb append /fdb del /' "$work/fdb" >"$work/fdb-undo"
for ((i = 0; i < bridges; i++)); do
  echo "link add br$i type bridge stp_state 0 forward_delay 0 ageing_time 0"
done >"$work/bridges"
for ((i = 0; i < bridges; i++)); do
  echo "link del br$i"
done >"$work/bridges-undo"
# brctl: one exec per command, the whole loop in one shell inside the namespace.
brctl_loop="i=0; while [ \$i -lt $bridges ]; do brctl addbr br\$i && brctl stp br\$i off && brctl setfd br\$i 0 &&"
brctl_loop+=" brctl setageing br\$i 0 || exit 1; i=\$((i + 1)); done"

samples="$work/samples" # lines: CONTENDER KIND MILLISECONDS
: >"$samples"
T=0
now_us() { # sets T to the wall clock in microseconds: a builtin, no fork in the timed path
  T=${EPOCHREALTIME/./}
}
record() { # CONTENDER KIND START_US END_US
  awk -v c="$1" -v k="$2" -v s="$3" -v e="$4" 'BEGIN { printf "%s %s %.3f\n", c, k, (e - s) / 1000 }' >>"$samples"
}

# ---- tool contenders ----
declare -A tool_ns tool_dirty

verify_mesh() { # NS (not timed)
  local n
  n=$(bridge -n "$1" fdb show dev vx0 | grep -c '^00:00:00:00:00:00 dst 10\.1\.' || true)
  [ "$n" -eq "$remotes" ] || { echo "$1: expected $remotes flood entries on vx0, the kernel holds $n" >&2; exit 1; }
}

verify_bridges() { # NS (not timed): count, and the three settings of every bridge
  local out n s
  out=$(ip -n "$1" -d -o link show type bridge)
  n=$(grep -c ' bridge ' <<<"$out" || true)
  [ "$n" -eq "$bridges" ] || { echo "$1: expected $bridges bridges, the kernel holds $n" >&2; exit 1; }
  for s in 'forward_delay 0 ' 'ageing_time 0 ' 'stp_state 0 '; do
    n=$(grep -c " $s" <<<"$out" || true)
    [ "$n" -eq "$bridges" ] || { echo "$1: $n of $bridges bridges have $s" >&2; exit 1; }
  done
}

exec_fdb() { # NS: one bridge exec per line
  local words
  while read -r -a words; do
    bridge -n "$1" "${words[@]}"
  done <"$work/fdb"
}

tool_start() { # CONTENDER
  case "$1" in
    bridge-*) l2_ns "$1" vxlan ;;
    *) l2_ns "$1" ;;
  esac
  tool_ns[$1]=$NS
  tool_dirty[$1]=""
}

tool_round() { # CONTENDER COUNTED(0|1)
  local c=$1 ns=${tool_ns[$1]} t0 t1 kind
  case "$c" in
    bridge-*)
      kind=mesh
      [ -z "${tool_dirty[$c]}" ] || bridge -n "$ns" -batch "$work/fdb-undo" ;;
    *)
      kind=bridges
      [ -z "${tool_dirty[$c]}" ] || ip -n "$ns" -batch "$work/bridges-undo" ;;
  esac
  tool_dirty[$c]=yes
  case "$c" in
    bridge-batch)
      now_us; t0=$T
      bridge -n "$ns" -batch "$work/fdb"
      now_us; t1=$T ;;
    bridge-exec)
      now_us; t0=$T
      exec_fdb "$ns"
      now_us; t1=$T ;;
    ip-batch)
      now_us; t0=$T
      ip -n "$ns" -batch "$work/bridges"
      now_us; t1=$T ;;
    brctl)
      now_us; t0=$T
      ip netns exec "$ns" sh -c "$brctl_loop"
      now_us; t1=$T ;;
  esac
  if [ "$kind" = mesh ]; then verify_mesh "$ns"; else verify_bridges "$ns"; fi
  [ "$2" -eq 1 ] || return 0
  record "$c" "$kind" "$t0" "$t1"
}

# ---- jnetlink contenders (paced harnesses, one JVM each) ----
harness_start() { # NAME WORKLOAD MODE COUNT
  if [ "$2" = mesh ]; then l2_ns "jnl-$1" vxlan; else l2_ns "jnl-$1"; fi
  harness_launch "$1" "$JAVA" --enable-native-access=ALL-UNNAMED -cp "$BENCH_CP" io.jnetlink.bench.L2Workload \
    --workload "$2" --mode "$3" --count "$4"
}

# ---- run ----
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
echo "# mesh of $remotes remotes, $bridges bridges; $repeat counted rounds after $warmup (jnetlink) / $tool_warmup (tools) warm-up rounds" >&2
tools=(bridge-batch ip-batch brctl)
[ -z "$with_exec" ] || tools+=(bridge-exec)
for c in "${tools[@]}"; do
  tool_start "$c"
done
echo "# warm-up: tools" >&2
for ((w = 0; w < tool_warmup; w++)); do
  for c in "${tools[@]}"; do
    tool_round "$c" 0
  done
done
echo "# warm-up: jnetlink" >&2
harness_start mesh mesh batch "$remotes"
harness_start bridges-batch bridges batch "$bridges"
harness_start bridges-single bridges single "$bridges"
for ((r = 1; r <= repeat; r++)); do
  echo "# round $r of $repeat" >&2
  tool_round bridge-batch 1
  harness_round mesh 2
  tool_round ip-batch 1
  harness_round bridges-batch 2
  tool_round brctl 1
  harness_round bridges-single 2
  [ -z "$with_exec" ] || tool_round bridge-exec 1
done
harness_stop mesh
harness_stop bridges-batch
harness_stop bridges-single
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

# ---- report ----
median() { # CONTENDER [KIND]: the median of its samples (of that kind; default its timed round)
  local kind=${2:-}
  if [ -z "$kind" ]; then
    case "$1" in bridge-*|*mesh) kind=mesh ;; *) kind=bridges ;; esac
  fi
  awk -v c="$1" -v k="$kind" '$1 == c && $2 == k { print $3 }' "$samples" | sort -g |
    awk '{ v[NR] = $1 } END { if (NR == 0) exit; if (NR % 2) printf "%.3f", v[(NR + 1) / 2];
                              else printf "%.3f", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
row() { # NAME CONTENDER COUNT BASELINE_MS [KIND]
  awk -v n="$1" -v t="$(median "$2" "${5:-}")" -v c="$3" -v b="$4" 'BEGIN {
    printf "| %s | %.1f | %.1f | %.3f |\n", n, t, t * 1000 / c, t / b }'
}

mesh_base=$(median bridge-batch)
br_base=$(median ip-batch)
echo "Machine: $(nproc) cpus, kernel $(uname -r), $("$JAVA" -version 2>&1 | head -n 1), $(ip -V | head -n 1), $(brctl --version 2>&1 | head -n 1)."
echo "Load average (1, 5, 15 min) before: $load_before; after: $load_after."
echo
echo "Medians of $repeat interleaved rounds, after $warmup warm-up rounds for jnetlink and $tool_warmup for the tools."
echo
echo "FDB mesh: $remotes flood entries on vx0, from empty."
echo
echo "| contender | ms | per entry µs | × bridge -batch |"
echo "|---|---:|---:|---:|"
[ -z "$with_exec" ] || row '`bridge -n NS fdb append ...`, one exec per entry' bridge-exec "$remotes" "$mesh_base"
row '`bridge -n NS -batch FILE` (baseline)' bridge-batch "$remotes" "$mesh_base"
row 'jnetlink `FdbMesh.sync` (one dump + one batch, warm JVM)' jnetlink-mesh "$remotes" "$mesh_base"
row '... of which inside `sendto`: the kernel'"'"'s own work' jnetlink-mesh "$remotes" "$mesh_base" mesh-kernel
echo
echo "Bridges: $bridges bridges with stp_state 0, forward_delay 0, ageing_time 0."
echo
echo "| contender | ms | per bridge µs | × ip -batch |"
echo "|---|---:|---:|---:|"
row '`brctl` (addbr, stp off, setfd 0, setageing 0: 4 execs per bridge)' brctl "$bridges" "$br_base"
row '`ip -n NS -batch FILE` (baseline)' ip-batch "$bridges" "$br_base"
row 'jnetlink `links().add`, one request per bridge (warm JVM)' jnetlink-bridges-single "$bridges" "$br_base"
row 'jnetlink, one `socket().batch` of `LinkCodec.add` (warm JVM)' jnetlink-bridges-batch "$bridges" "$br_base"
row '... of which inside `sendto`: the kernel'"'"'s own work' jnetlink-bridges-batch "$bridges" "$br_base" bridges-kernel
echo
awk -v j="$(median jnetlink-mesh)" -v b="$mesh_base" 'BEGIN {
  printf "Target, the %s-remote mesh through jnetlink in under a third of bridge -batch: %.1f ms vs %.1f ms, ratio %.3f: %s.\n",
         "'"$remotes"'", j, b, j / b, (j < b / 3 ? "met" : "NOT met") }'
awk -v k="$(median jnetlink-mesh mesh-kernel)" -v j="$(median jnetlink-mesh)" -v b="$mesh_base" 'BEGIN {
  printf "Of jnetlink'"'"'s %.1f ms, %.1f ms are the kernel'"'"'s work inside sendto (%.3f of bridge -batch) and %.1f ms jnetlink'"'"'s own.\n",
         j, k, k / b, j - k }'
for c in jnetlink-bridges-batch jnetlink-bridges-single; do
  awk -v c="$c" -v j="$(median "$c")" -v b="$br_base" 'BEGIN {
    printf "Target, bridges faster than ip -batch (%s): %.1f ms vs %.1f ms, ratio %.3f: %s.\n",
           c, j, b, j / b, (j < b ? "met" : "NOT met") }'
done
for name in mesh bridges-batch bridges-single; do
  sed -n "s/^# one round: /jnetlink $name, socket counters of one round: /p" "$work/jnl-$name.err"
done
echo
echo "All samples (contender, kind, ms):"
echo '```'
cat "$samples"
echo '```'
