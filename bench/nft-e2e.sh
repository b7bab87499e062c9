#!/usr/bin/env bash
# End-to-end nftables comparison, run as root: a ruleset of N rules (one ip table, one input base chain, rule i
# `ip saddr 10.0.0.0+(i+1) tcp dport 1024+i%60000 counter accept`, see NftWorkload.java in jnetlink-bench, which
# also writes the text) applied from an empty ruleset through
#   - jnetlink, model: the operations built in Java and committed in one transaction (Nftables.apply);
#   - jnetlink, compiler: the nft text compiled by NftCompiler, then committed the same way;
#     both in a warm JVM (io.jnetlink.bench.NftWorkload), plus the compiler in a fresh JVM per run (cold), with
#     that java process's whole wall time;
#   - `nft -f FILE` of the same text (the baseline);
#   - one `nft add ...` exec per rule (plus `add table` and `add chain`).
# Every contender has its own fresh namespace. A round flushes the ruleset (not timed), applies everything
# (timed) and checks that the chain holds N rules (not timed). The nft contenders are timed inside the namespace
# (`ip netns exec NS bash -c '...'` reads the clock around nft itself), so no `ip netns exec` start-up is
# counted against them. Rounds are interleaved, one of each contender in turn, so that a change of load on the
# machine hits all contenders alike; warm-up rounds come first and are not counted. At the end the listings
# (`nft list ruleset`, counter values aside) of every contender's namespace must be identical to nft -f's.
#
#   bench/nft-e2e.sh [--rules N] [--repeat R] [--warmup W] [--nft-warmup W] [--exec-repeat E] [--cold C]
#                    [--no-exec] [--no-build]
#
# Defaults: 1000 rules, 9 counted rounds; 10 warm-up rounds for jnetlink (the JIT) and 2 for nft (page cache,
# kernel caches); the one-exec-per-rule contender runs in the first E=R rounds only (it takes N processes a
# round: about N x 4 ms); a cold JVM run in each of the first C=R rounds. Output (stdout): machine, load average
# before and after, a markdown table, the target checks, every sample; exit status 1 when a listing differs
# from nft -f's. Namespaces are named jnlnft-PID-*; all are deleted on exit, also on failure or Ctrl-C.
set -euo pipefail
export LC_ALL=C
# shellcheck source=common.sh
. "$(dirname "$(readlink -f "$0")")/common.sh"

rules=1000
repeat=9
warmup=10
nft_warmup=2
exec_repeat=""
cold=""
build=""
with_exec=yes
while [ $# -gt 0 ]; do
  case "$1" in
    --rules) rules=$2; shift 2 ;;
    --repeat) repeat=$2; shift 2 ;;
    --warmup) warmup=$2; shift 2 ;;
    --nft-warmup) nft_warmup=$2; shift 2 ;;
    --exec-repeat) exec_repeat=$2; shift 2 ;;
    --cold) cold=$2; shift 2 ;;
    --no-build) build="--no-build"; shift ;;
    --no-exec) with_exec=""; shift ;;
    -h|--help) sed -n '2,25p' "$0"; exit 0 ;;
    *) echo "unknown argument: $1 (see --help)" >&2; exit 2 ;;
  esac
done
cold=${cold:-$repeat}
exec_repeat=${exec_repeat:-$repeat}
for v in "$rules" "$repeat" "$warmup" "$nft_warmup" "$exec_repeat" "$cold"; do
  [[ "$v" =~ ^[0-9]+$ ]] || { echo "counts must be non-negative integers, got '$v'" >&2; exit 2; }
done
if [ "$rules" -lt 1 ] || [ "$rules" -gt 1000000 ] || [ "$repeat" -lt 1 ] || [ "$cold" -gt "$repeat" ] ||
   [ "$exec_repeat" -gt "$repeat" ]; then
  echo "--rules is 1 to 1000000, --repeat at least 1, --cold and --exec-repeat at most --repeat" >&2
  exit 2
fi
[ "$(id -u)" -eq 0 ] || { echo "nft-e2e.sh needs root (namespaces)" >&2; exit 1; }
command -v nft >/dev/null || { echo "nft-e2e.sh needs nft (nftables)" >&2; exit 1; }

bench_setup $build

bench_workspace jnlnft

# ---- the workload, written by the harness itself (one source of truth) ----
"$JAVA" -cp "$BENCH_CP" io.jnetlink.bench.NftWorkload --mode text --rules "$rules" >"$work/ruleset.nft"
"$JAVA" -cp "$BENCH_CP" io.jnetlink.bench.NftWorkload --mode commands --rules "$rules" >"$work/commands"

samples="$work/samples" # lines: CONTENDER KIND MILLISECONDS
: >"$samples"

# ---- nft contenders ----
declare -A nft_ns

nft_verify() { # NS: the chain holds every rule (not timed)
  local n
  n=$(ip netns exec "$1" nft list chain ip bench input | grep -c ' counter packets ' || true)
  if [ "$n" -ne "$rules" ]; then
    echo "$1: expected $rules rules in ip bench input, the kernel holds $n" >&2
    exit 1
  fi
}

nft_start() { # CONTENDER
  new_ns "$1"
  nft_ns[$1]=$NS
}

# Timed inside the namespace: bash's $EPOCHREALTIME around nft only. Prints START END (microseconds).
# shellcheck disable=SC2016
timed_file='s=${EPOCHREALTIME/./}; nft -f "$1"; e=${EPOCHREALTIME/./}; echo "$s $e"'
# shellcheck disable=SC2016
timed_exec='s=${EPOCHREALTIME/./}; while IFS= read -r line; do nft "$line"; done <"$1"; e=${EPOCHREALTIME/./}; echo "$s $e"'

nft_round() { # CONTENDER COUNTED(0|1)
  local c=$1 ns=${nft_ns[$1]} t
  ip netns exec "$ns" nft flush ruleset
  case "$c" in
    nft-f) t=$(ip netns exec "$ns" bash -c "$timed_file" _ "$work/ruleset.nft") ;;
    nft-exec) t=$(ip netns exec "$ns" bash -c "$timed_exec" _ "$work/commands") ;;
  esac
  nft_verify "$ns"
  [ "$2" -eq 1 ] || return 0
  awk -v c="$c" -v s="${t% *}" -v e="${t#* }" 'BEGIN { printf "%s apply %.3f\n", c, (e - s) / 1000 }' >>"$samples"
}

# ---- jnetlink contenders ----
declare -A h_ns

harness=("$JAVA" --enable-native-access=ALL-UNNAMED -cp "$BENCH_CP" io.jnetlink.bench.NftWorkload
  --rules "$rules")

harness_start() { # MODE
  new_ns "jnl-$1"
  h_ns[$1]=$NS
  harness_launch "$1" "${harness[@]}" --mode "$1"
}

cold_round() { # a fresh JVM: no warm-up, one compiler round; the java process's wall time too
  local n=$1 t0 t1 label kind count ms
  new_ns "jnl-cold-$n"
  t0=${EPOCHREALTIME/./}
  "${harness[@]}" --netns "$NS" --mode compiler --warmup 0 --repeat 1 >"$work/cold.out" 2>"$work/jnl-cold.err" ||
    harness_fail cold "exited with an error"
  t1=${EPOCHREALTIME/./}
  while read -r label kind count ms; do
    echo "jnetlink-cold $kind ${ms%ms}" >>"$samples"
  done <"$work/cold.out"
  awk -v s="$t0" -v e="$t1" 'BEGIN { printf "jnetlink-cold process %.3f\n", (e - s) / 1000 }' >>"$samples"
  ip netns del "$NS"
}

listing() { # NS: nft list ruleset, counter values aside
  ip netns exec "$1" nft list ruleset | sed -E 's/packets [0-9]+ bytes [0-9]+/packets 0 bytes 0/'
}

# ---- run ----
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
echo "# $rules rules; $repeat counted rounds after $warmup (jnetlink) / $nft_warmup (nft) warm-up rounds;" \
  "$exec_repeat rounds of one exec per rule; $cold cold JVM runs" >&2
nft_contenders=(nft-f)
[ -z "$with_exec" ] || nft_contenders+=(nft-exec)
for c in "${nft_contenders[@]}"; do
  nft_start "$c"
done
echo "# warm-up: nft" >&2
for ((w = 0; w < nft_warmup; w++)); do
  nft_round nft-f 0
done
echo "# warm-up: jnetlink" >&2
harness_start model
harness_start compiler
for ((r = 1; r <= repeat; r++)); do
  echo "# round $r of $repeat" >&2
  nft_round nft-f 1
  harness_round model 1
  harness_round compiler 2
  [ "$r" -gt "$cold" ] || cold_round "$r"
  if [ -n "$with_exec" ] && [ "$r" -le "$exec_repeat" ]; then
    nft_round nft-exec 1
  fi
done
harness_stop model
harness_stop compiler
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

# The last round of every contender is still in its namespace: all must equal nft -f's listing.
listing "${nft_ns[nft-f]}" >"$work/expected.list"
same=yes
for ns in "${h_ns[model]}" "${h_ns[compiler]}" ${with_exec:+"${nft_ns[nft-exec]}"}; do
  listing "$ns" >"$work/actual.list"
  if ! cmp -s "$work/expected.list" "$work/actual.list"; then
    same=""
    echo "LISTING DIFFERS in $ns from nft -f's:" >&2
    diff -u "$work/expected.list" "$work/actual.list" | head -40 >&2 || true
  fi
done

# ---- report ----
median_of() { # reads numbers, prints their median (empty for none)
  sort -g | awk '{ v[NR] = $1 } END { if (NR == 0) exit; if (NR % 2) printf "%.3f", v[(NR + 1) / 2];
                                      else printf "%.3f", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
median() { # CONTENDER KIND
  awk -v c="$1" -v k="$2" '$1 == c && $2 == k { print $3 }' "$samples" | median_of
}
count_of() { # CONTENDER KIND
  awk -v c="$1" -v k="$2" '$1 == c && $2 == k' "$samples" | wc -l
}

baseline=$(median nft-f apply)
row() { # NAME CONTENDER KIND
  local t n
  t=$(median "$2" "$3")
  n=$(count_of "$2" "$3")
  [ -n "$t" ] || return 0
  awk -v name="$1" -v t="$t" -v n="$n" -v rules="$rules" -v b="$baseline" 'BEGIN {
    printf "| %s | %d | %.1f | %.1f | %.2f |\n", name, n, t, t * 1000 / rules, t / b }'
}

echo "Machine: $(nproc) cpus, kernel $(uname -r), $("$JAVA" -version 2>&1 | head -n 1), $(nft --version)."
echo "Load average (1, 5, 15 min) before: $load_before; after: $load_after."
echo
echo "$rules rules in one chain, from an empty ruleset. Medians of interleaved rounds after $warmup warm-up rounds" \
  "for jnetlink and $nft_warmup for nft; cold: fresh JVMs."
echo
echo "| contender | rounds | ms | per rule µs | × nft -f |"
echo "|---|---:|---:|---:|---:|"
row '`nft -f FILE` (baseline)' nft-f apply
row 'jnetlink, model: ops built in Java, one transaction (warm JVM)' jnetlink-model apply
row 'jnetlink, compiler: compile + one transaction (warm JVM)' jnetlink-compiler apply
row '... of which compiling the text' jnetlink-compiler compile
if [ "$cold" -gt 0 ]; then
  row 'jnetlink, compiler, first round in a fresh JVM (in-process time)' jnetlink-cold apply
  row 'jnetlink, compiler, fresh JVM: wall time of the whole `java` process' jnetlink-cold process
fi
[ -z "$with_exec" ] || row 'one `nft add ...` exec per rule (+ table, chain)' nft-exec apply
echo
awk -v m="$(median jnetlink-model apply)" -v c="$(median jnetlink-compiler apply)" -v b="$baseline" 'BEGIN {
  printf "Targets: model at most 0.5 x nft -f: %.2f (%s); compiler at most 1 x nft -f: %.2f (%s).\n",
         m / b, (m <= b / 2 ? "met" : "NOT met"), c / b, (c <= b ? "met" : "NOT met") }'
if [ -n "$same" ]; then
  echo "Listings: every contender's namespace lists exactly what nft -f's lists (counter values aside)."
else
  echo "Listings: DIFFER from nft -f's (see stderr)."
fi
echo
echo "All samples (contender, kind, ms):"
echo '```'
cat "$samples"
echo '```'
[ -n "$same" ] || exit 1
