#!/bin/bash
# Fan-out cost: vfio-vnc serving the bench/e2e.sh workload to 1 viewer, then to N (default 32)
# libvncclient viewers with the same encoding, in alternating rounds; prints server CPU seconds per
# wall second for each round and the ratio of the medians (issue target: 32 viewers <= 2x one
# viewer). Run bench/e2e.sh once first (it installs the packages and builds the tools into OUT).
#   bench/fanout.sh [OUT]     (env: VIEWERS=32, ENCODING=hextile, SECONDS_PER_RUN=20, WARMUP=4,
#                             WARM_ROUNDS=1: unmeasured rounds of 1 and N viewers first, ROUNDS=3:
#                             measured rounds of each, alternating; medians compared,
#                             JAR=path: another vfio-vnc build)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
out=$(cd "${1:-$root/target/e2e}" && pwd)
n=${VIEWERS:-32}
enc=${ENCODING:-hextile}
run=${SECONDS_PER_RUN:-20}
warmup=${WARMUP:-4}
warm_rounds=${WARM_ROUNDS:-1}
rounds=${ROUNDS:-3}
jar=${JAR:-$root/target/vfio-vnc.jar}
[ -x "$out/vncbench" ] && [ -x "$out/xmarker" ] && [ -f "$jar" ] || { echo "fanout: run bench/e2e.sh first" >&2; exit 1; }

work=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
# shellcheck source=bench/ports.sh
. "$root/bench/ports.sh"
port=$(free_ports 1)
# shellcheck source=bench/workload.sh
. "$root/bench/workload.sh"
start_workload "$work" "$out/xmarker" $(( 2 * (warm_rounds + rounds) * (run + warmup) + 30 ))
java -jar "$jar" serve --source "xwd:$work/Xvfb_screen0" --listen "127.0.0.1:$port" --share-policy always-shared \
    --max-clients $(( n + 1 )) >"$work/vfio.log" 2>&1 & server=$!; pids+=($server)
for _ in $(seq 150); do (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break; sleep 0.2; done
# shellcheck source=bench/proc-cpu.sh
. "$root/bench/proc-cpu.sh"

# Prints "CPU-s-per-s updates JIT-s-per-s" and the CPU-s-per-s by thread role for one round of COUNT viewers.
measure() {
    local count=$1 v=() c0 c1 j0 j1 t0 t1
    for i in $(seq "$count"); do
        "$out/vncbench" "127.0.0.1:$port" "$enc copyrect" "$warmup" "$run" 8 8 "$work/seen-$count-$i" >"$work/view-$count-$i" 2>&1 & v+=($!)
    done
    sleep "$warmup"; c0=$(cpu "$server"); j0=$(jit "$server"); s0=$(cpu_by_role "$server"); t0=$(date +%s.%N)
    # The split by role ends a second early: it counts live threads only, and the first viewers
    # to end take their server threads with them.
    sleep $(( run - 1 )); s1=$(cpu_by_role "$server"); ts=$(date +%s.%N)
    sleep 1; c1=$(cpu "$server"); j1=$(jit "$server"); t1=$(date +%s.%N)
    for p in "${v[@]}"; do wait "$p" || true; done
    local updates=$(cat "$work"/view-$count-* | awk '{ u += $2 } END { print u + 0 }')
    python3 -c "
t = $t1 - $t0
a, b = '$s0'.split(), '$s1'.split()
print('%.4f %d %.4f' % (($c1 - $c0) / t, $updates, ($j1 - $j0) / t), *('%.4f' % ((float(y) - float(x)) / ($ts - $t0)) for x, y in zip(a, b)))"
}
# Unmeasured rounds of both first: the 1-viewer figure must not carry the JIT's start-up
# compilations (they made it look twice as dear and the ratio better than it is). Then 1 and N
# alternate for ROUNDS rounds and the medians are compared: this host's noise moves single
# rounds by half.
for _ in $(seq "$warm_rounds"); do measure 1 >/dev/null; measure "$n" >/dev/null; done
results=()
for r in $(seq "$rounds"); do
    results+=("1 $(measure 1)" "$n $(measure "$n")")
done
printf '%s\n' "${results[@]}" >"$work/rounds"
python3 - "$n" "$enc" "$(cut -d' ' -f1-3 /proc/loadavg)" "$run" "$work/rounds" <<'PY'
import statistics, sys
n, enc, load, run = int(sys.argv[1]), sys.argv[2], sys.argv[3], float(sys.argv[4])
rows = [line.split() for line in open(sys.argv[5]) if line.strip()]
print("Fan-out, vfio-vnc, %s, load %s" % (enc, load))
med = {}
for count in (1, n):
    mine = [(float(r[1]), int(r[2]), float(r[3]), [float(x) for x in r[4:]]) for r in rows if int(r[0]) == count]
    for c, u, j, by_role in mine:
        print("%3d viewer(s): %.3f CPU s per s (JIT %.3f), %d updates, %.3f ms per update; by thread: %s"
              % (count, c, j, u, 1000 * c * run / max(u, 1),
                 " ".join("%s %.3f" % (name, x) for name, x in zip(("refresh", "send", "read", "jit", "other"), by_role))))
    med[count] = statistics.median(c for c, _, _, _ in mine)
print("median  1 viewer : %.3f CPU s per s" % med[1])
print("median %2d viewers: %.3f CPU s per s" % (n, med[n]))
print("ratio %d/1 = %.2f (target <= 2)" % (n, med[n] / max(med[1], 1e-9)))
PY
