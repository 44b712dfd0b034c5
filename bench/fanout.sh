#!/bin/bash
# Fan-out cost: vfio-vnc serving the bench/e2e.sh workload to 1 viewer, then to N (default 32)
# libvncclient viewers with the same encoding; prints server CPU seconds per wall second for each
# and their ratio (issue target: 32 viewers <= 2x one viewer). Run bench/e2e.sh once first (it
# installs the packages and builds the tools into OUT).
#   bench/fanout.sh [OUT]     (env: VIEWERS=32, ENCODING=hextile, SECONDS_PER_RUN=20, WARMUP=4)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
out=$(cd "${1:-$root/target/e2e}" && pwd)
n=${VIEWERS:-32}
enc=${ENCODING:-hextile}
run=${SECONDS_PER_RUN:-20}
warmup=${WARMUP:-4}
jar=$root/target/vfio-vnc.jar
[ -x "$out/vncbench" ] && [ -x "$out/xmarker" ] && [ -f "$jar" ] || { echo "fanout: run bench/e2e.sh first" >&2; exit 1; }

work=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
# shellcheck source=bench/workload.sh
. "$root/bench/workload.sh"
start_workload "$work" "$out/xmarker" $(( 2 * (run + warmup) + 30 ))
java -jar "$jar" serve --source "xwd:$work/Xvfb_screen0" --listen "127.0.0.1:$port" --share-policy always-shared \
    --max-clients $(( n + 1 )) >"$work/vfio.log" 2>&1 & server=$!; pids+=($server)
for _ in $(seq 150); do (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break; sleep 0.2; done
cpu() { awk '{ s = $0; sub(/.*\) /, "", s); split(s, f, " "); print (f[12] + f[13]) / 100 }' "/proc/$1/stat"; }

measure() {
    local count=$1 v=() c0 c1 t0 t1
    for i in $(seq "$count"); do
        "$out/vncbench" "127.0.0.1:$port" "$enc copyrect" "$warmup" "$run" 8 8 "$work/seen-$count-$i" >"$work/view-$count-$i" 2>&1 & v+=($!)
    done
    sleep "$warmup"; c0=$(cpu "$server"); t0=$(date +%s.%N)
    sleep "$run"; c1=$(cpu "$server"); t1=$(date +%s.%N)
    for p in "${v[@]}"; do wait "$p" || true; done
    local updates=$(cat "$work"/view-$count-* | awk '{ u += $2 } END { print u + 0 }')
    python3 -c "print('%.4f %d' % (($c1 - $c0) / ($t1 - $t0), $updates))"
}
read -r one u1 < <(measure 1)
read -r many um < <(measure "$n")
python3 - "$one" "$many" "$n" "$u1" "$um" "$enc" "$(cut -d' ' -f1-3 /proc/loadavg)" <<'PY'
import sys
one, many, n, u1, um, enc, load = float(sys.argv[1]), float(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5]), sys.argv[6], sys.argv[7]
print("Fan-out, vfio-vnc, %s, load %s" % (enc, load))
print("  1 viewer : %.3f CPU s per s, %d updates delivered" % (one, u1))
print("%3d viewers: %.3f CPU s per s, %d updates delivered" % (n, many, um))
print("ratio %d/1 = %.2f (target <= 2)" % (n, many / max(one, 1e-9)))
PY
