#!/usr/bin/env bash
# End-to-end comparison, run as root: N addresses and N routes added through
#   - `ip -n NS ...`, one exec per operation;
#   - `ip -n NS -batch FILE`: all lines in one file (the baseline), and addresses and routes in two files;
#   - jnetlink in-process (io.jnetlink.bench.RouteWorkload): one request per operation, and batched (addAll),
#     both in a warm JVM; and batched in a fresh JVM per run (cold), with that java process's whole wall time.
# Every contender has its own fresh namespace with the same setup (L veth pairs, default 1: pair j is
# bench(2j)/bench(2j+1), both up, 192.168.j.1/24 on bench(2j)) and adds the same objects (see Workload.java in
# jnetlink-bench): address i is 10.128.0.0+(i+1)/32 on bench(2j), route i is 10.64.0.0+256*i/24 via
# 192.168.j.2 dev bench(2j), with j = i % L. One link is the kernel's slow case (it walks the link's whole
# address list for each address added); --links 100 spreads the same objects over 100 links, 10 per link. A round removes what the previous round
# added (not timed), adds everything (timed: addresses, then routes) and checks with a dump that the kernel holds
# it (not timed). jnetlink also reports the part of each phase spent inside sendto: the kernel's own work. Rounds are interleaved, one of each contender in turn, so that a change of load on the
# machine hits all contenders alike; warm-up rounds come first and are not counted. The table shows medians.
#
#   bench/route-e2e.sh [--addresses N] [--routes N] [--links L] [--repeat R] [--warmup W] [--ip-warmup W] [--cold C]
#                      [--no-exec] [--no-build]
#
# Defaults: 1000 addresses, 1000 routes, 9 counted rounds; 10 warm-up rounds for jnetlink (on 2 cores the JIT
# compilers need them: a batched round is ~20 ms of work) and 2 for ip (no JIT: page cache, kernel caches);
# a cold JVM run in each of the first C=R rounds. About 2.5 minutes on 2 cores, most of it in the one exec per
# operation contender, which --no-exec leaves out (for quick checks). Output (stdout): machine, load average
# before and after, a markdown table, the target check, every sample. Namespaces are named jnlbench-PID-*; all
# are deleted on exit, also on failure or Ctrl-C.
set -euo pipefail
export LC_ALL=C
# shellcheck source=common.sh
. "$(dirname "$(readlink -f "$0")")/common.sh"

addresses=1000
routes=1000
links=1
repeat=9
warmup=10
ip_warmup=2
cold=""
build=""
with_exec=yes
while [ $# -gt 0 ]; do
  case "$1" in
    --addresses) addresses=$2; shift 2 ;;
    --routes) routes=$2; shift 2 ;;
    --links) links=$2; shift 2 ;;
    --repeat) repeat=$2; shift 2 ;;
    --warmup) warmup=$2; shift 2 ;;
    --ip-warmup) ip_warmup=$2; shift 2 ;;
    --cold) cold=$2; shift 2 ;;
    --no-build) build="--no-build"; shift ;;
    --no-exec) with_exec=""; shift ;;
    -h|--help) sed -n '2,24p' "$0"; exit 0 ;;
    *) echo "unknown argument: $1 (see --help)" >&2; exit 2 ;;
  esac
done
cold=${cold:-$repeat}
for v in "$addresses" "$routes" "$links" "$repeat" "$warmup" "$ip_warmup" "$cold"; do
  [[ "$v" =~ ^[0-9]+$ ]] || { echo "counts must be non-negative integers, got '$v'" >&2; exit 2; }
done
if [ "$addresses" -gt 16384 ] || [ "$routes" -gt 16384 ] || [ "$repeat" -lt 1 ] || [ "$cold" -gt "$repeat" ] ||
   [ "$links" -lt 1 ] || [ "$links" -gt 250 ]; then
  echo "--addresses and --routes go up to 16384 (the workload's address plan), --links is 1 to 250, --repeat is" \
    "at least 1, --cold at most --repeat" >&2
  exit 2
fi
[ "$(id -u)" -eq 0 ] || { echo "route-e2e.sh needs root (namespaces, links)" >&2; exit 1; }
command -v ip >/dev/null || { echo "route-e2e.sh needs iproute2's ip" >&2; exit 1; }

bench_setup $build

bench_workspace jnlbench

# The setup RouteWorkload does through jnetlink (Workload.prepareLinks): pair j is bench(2j)/bench(2j+1), both
# up, 192.168.j.1/24 on bench(2j).
for ((j = 0; j < links; j++)); do
  echo "link add bench$((2 * j)) type veth peer name bench$((2 * j + 1))"
  echo "link set bench$((2 * j)) up"
  echo "link set bench$((2 * j + 1)) up"
  echo "address add 192.168.$j.1/24 dev bench$((2 * j))"
done >"$work/setup"
ip_setup() {
  ip -n "$1" -batch "$work/setup"
}

# ---- the workload as ip command lines (keep in step with Workload.java): object i on pair i % links ----
for ((i = 0; i < addresses; i++)); do
  a=$((i + 1))
  echo "address add 10.128.$((a >> 8)).$((a & 255))/32 dev bench$((2 * (i % links)))"
done >"$work/addresses"
for ((i = 0; i < routes; i++)); do
  j=$((i % links))
  echo "route add 10.$((64 + (i >> 8))).$((i & 255)).0/24 via 192.168.$j.2 dev bench$((2 * j))"
done >"$work/routes"
cat "$work/addresses" "$work/routes" >"$work/all"
{ sed 's/^route add /route del /' "$work/routes"; sed 's/^address add /address del /' "$work/addresses"; } >"$work/undo"
ops=$((addresses + routes))

samples="$work/samples" # lines: CONTENDER KIND MILLISECONDS
: >"$samples"
T=0
now_us() { # sets T to the wall clock in microseconds: a builtin, no fork in the timed path
  T=${EPOCHREALTIME/./}
}
record() { # CONTENDER KIND START_US END_US
  awk -v c="$1" -v k="$2" -v s="$3" -v e="$4" 'BEGIN { printf "%s %s %.3f\n", c, k, (e - s) / 1000 }' >>"$samples"
}

# ---- ip contenders ----
declare -A ip_ns ip_dirty

ip_verify() { # NS: the kernel holds every object of the round (not timed)
  local n_addr n_route
  n_addr=$(ip -n "$1" -4 -o address show | grep -c ' 10\.128\.' || true)
  n_route=$(ip -n "$1" -4 route show | grep -c ' via 192\.168\.' || true)
  if [ "$n_addr" -ne "$addresses" ] || [ "$n_route" -ne "$routes" ]; then
    echo "$1: expected $addresses addresses and $routes routes, the kernel holds $n_addr and $n_route" >&2
    exit 1
  fi
}

run_lines() { # NS FILE: one ip exec per line
  local words
  while read -r -a words; do
    ip -n "$1" "${words[@]}"
  done <"$2"
}

ip_start() { # CONTENDER
  new_ns "$1"
  ip_setup "$NS"
  ip_ns[$1]=$NS
  ip_dirty[$1]=""
}

ip_round() { # CONTENDER COUNTED(0|1)
  local c=$1 ns=${ip_ns[$1]} t0 t1 t2
  [ -z "${ip_dirty[$c]}" ] || ip -n "$ns" -batch "$work/undo"
  ip_dirty[$c]=yes
  case "$c" in
    ip-exec)
      now_us; t0=$T
      run_lines "$ns" "$work/addresses"
      now_us; t1=$T
      run_lines "$ns" "$work/routes"
      now_us; t2=$T ;;
    ip-batch)
      now_us; t0=$T
      ip -n "$ns" -batch "$work/addresses"
      now_us; t1=$T
      ip -n "$ns" -batch "$work/routes"
      now_us; t2=$T ;;
    ip-batch1)
      now_us; t0=$T
      ip -n "$ns" -batch "$work/all"
      now_us; t1=$T ;;
  esac
  ip_verify "$ns"
  [ "$2" -eq 1 ] || return 0
  if [ "$c" = ip-batch1 ]; then
    record "$c" total "$t0" "$t1"
  else
    record "$c" addresses "$t0" "$t1"
    record "$c" routes "$t1" "$t2"
  fi
}

# ---- jnetlink contenders ----
harness=("$JAVA" --enable-native-access=ALL-UNNAMED -cp "$BENCH_CP" io.jnetlink.bench.RouteWorkload
  --addresses "$addresses" --routes "$routes" --links "$links")

harness_start() { # MODE
  new_ns "jnl-$1"
  harness_launch "$1" "${harness[@]}" --mode "$1"
}

cold_round() { # a fresh JVM: no warm-up, one round; the java process's wall time too
  local n=$1 t0 t1 label kind count ms
  new_ns "jnl-cold-$n"
  now_us; t0=$T
  "${harness[@]}" --netns "$NS" --mode batch --warmup 0 --repeat 1 >"$work/cold.out" 2>"$work/jnl-cold.err" ||
    harness_fail cold "exited with an error"
  now_us; t1=$T
  while read -r label kind count ms; do
    echo "jnetlink-cold $kind ${ms%ms}" >>"$samples"
  done <"$work/cold.out"
  record jnetlink-cold process "$t0" "$t1"
  ip netns del "$NS"
}

# ---- run ----
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
echo "# $addresses addresses + $routes routes; $repeat counted rounds after $warmup (jnetlink) / $ip_warmup (ip) warm-up rounds; $cold cold JVM runs" >&2
ip_contenders=(ip-batch1 ip-batch)
[ -z "$with_exec" ] || ip_contenders+=(ip-exec)
for c in "${ip_contenders[@]}"; do
  ip_start "$c"
done
echo "# warm-up: ip" >&2
for ((w = 0; w < ip_warmup; w++)); do
  for c in "${ip_contenders[@]}"; do
    ip_round "$c" 0
  done
done
echo "# warm-up: jnetlink" >&2
harness_start batch
harness_start single
for ((r = 1; r <= repeat; r++)); do
  echo "# round $r of $repeat" >&2
  ip_round ip-batch1 1
  harness_round batch 4
  ip_round ip-batch 1
  harness_round single 4
  [ "$r" -gt "$cold" ] || cold_round "$r"
  [ -z "$with_exec" ] || ip_round ip-exec 1
done
harness_stop batch
harness_stop single
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

# ---- report ----
# jnetlink's "addresses-kernel" samples become contender "jnetlink-batch-kernel", kind "addresses" (and so on)
awk '{ if ($2 ~ /-kernel$/) { sub(/-kernel$/, "", $2); $1 = $1 "-kernel" } print }' "$samples" >"$samples.tmp"
mv "$samples.tmp" "$samples"
median_of() { # reads numbers, prints their median (empty for none)
  sort -g | awk '{ v[NR] = $1 } END { if (NR == 0) exit; if (NR % 2) printf "%.3f", v[(NR + 1) / 2];
                                      else printf "%.3f", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
median() { # CONTENDER KIND
  awk -v c="$1" -v k="$2" '$1 == c && $2 == k { print $3 }' "$samples" | median_of
}
total_of() { # CONTENDER: median of per-round totals (addresses + routes of the same round), or of total samples
  if grep -q "^$1 total " "$samples"; then
    median "$1" total
  else
    paste <(awk -v c="$1" '$1 == c && $2 == "addresses" { print $3 }' "$samples") \
          <(awk -v c="$1" '$1 == c && $2 == "routes" { print $3 }' "$samples") |
      awk 'NF == 2 { print $1 + $2 }' | median_of
  fi
}

baseline=$(total_of ip-batch1)
row() { # NAME CONTENDER [TOTAL]
  local a r t
  a=$(median "$2" addresses)
  r=$(median "$2" routes)
  t=${3:-$(total_of "$2")}
  awk -v n="$1" -v a="$a" -v r="$r" -v t="$t" -v ops="$ops" -v b="$baseline" 'BEGIN {
    printf "| %s | %s | %s | %.1f | %.1f | %.2f |\n", n, (a == "" ? "-" : sprintf("%.1f", a)),
           (r == "" ? "-" : sprintf("%.1f", r)), t, t * 1000 / ops, t / b }'
}

echo "Machine: $(nproc) cpus, kernel $(uname -r), $("$JAVA" -version 2>&1 | head -n 1), $(ip -V | head -n 1)."
echo "Load average (1, 5, 15 min) before: $load_before; after: $load_after."
echo
echo "Medians of $repeat interleaved rounds of $addresses addresses + $routes routes = $ops operations on $links link(s), after $warmup" \
  "warm-up rounds for jnetlink and $ip_warmup for ip; cold: median of $cold fresh JVMs. Each column is its own" \
  "median: total is the median of the per-round sums, not the sum of the two medians."
echo
echo "| contender | addresses ms | routes ms | total ms | per operation µs | × ip -batch (one file) |"
echo "|---|---:|---:|---:|---:|---:|"
[ -z "$with_exec" ] || row '`ip -n NS ...`, one exec per operation' ip-exec
row '`ip -n NS -batch FILE`, one file (baseline)' ip-batch1
row '`ip -n NS -batch FILE`, addresses file + routes file' ip-batch
row 'jnetlink, one request per operation (warm JVM)' jnetlink-single
row 'jnetlink, batched `addAll` (warm JVM)' jnetlink-batch
row '... of which inside `sendto`: the kernel'"'"'s own work' jnetlink-batch-kernel
if [ "$cold" -gt 0 ]; then
  row 'jnetlink, batched, first round in a fresh JVM (in-process time)' jnetlink-cold
  row 'jnetlink, batched, fresh JVM: wall time of the whole `java` process' jnetlink-cold-process \
    "$(median jnetlink-cold process)"
fi
echo
awk -v j="$(total_of jnetlink-batch)" -v b="$baseline" -v ops="$ops" 'BEGIN {
  printf "Target, jnetlink batched in-process per operation at most half of ip -batch: %.1f µs vs %.1f µs, ratio %.2f: %s.\n",
         j * 1000 / ops, b * 1000 / ops, j / b, (j <= b / 2 ? "met" : "NOT met") }'
awk -v k="$(total_of jnetlink-batch-kernel)" -v j="$(total_of jnetlink-batch)" -v b="$baseline" 'BEGIN {
  printf "Of jnetlink'"'"'s %.1f ms, %.1f ms are the kernel'"'"'s work inside sendto (%.2f of ip -batch) and %.1f ms jnetlink'"'"'s own.\n",
         j, k, k / b, j - k }'
if [ "$links" -eq 1 ]; then
  echo "One link is the kernel's slow path for addresses (it walks the link's address list per add): the kernel's" \
    "share above is what no client can go below; --links 100 spreads the same objects over 100 links."
fi
for mode in single batch; do
  sed -n "s/^# one round: /jnetlink $mode, socket counters of one round: /p" "$work/jnl-$mode.err"
done
echo
echo "All samples (contender, kind, ms):"
echo '```'
cat "$samples"
echo '```'
