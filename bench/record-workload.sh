#!/bin/bash
# Records the bench/e2e.sh desktop as the refresh loop sees it on a busy screen (read every 5 ms,
# changes only) into testdata/e2e-desktop.fbrec.zst, for the WorkloadTicks bench. Needs the packages
# bench/e2e.sh installs and the built jar.
#   bench/record-workload.sh [SECONDS]     (default 1.5)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
jar=$root/target/vfio-vnc.jar
[ -f "$jar" ] || { echo "build the jar first: mvn -B -q package -DskipTests" >&2; exit 1; }
work=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
gcc -O2 -o "$work/xmarker" "$root/bench/native/xmarker.c" -lX11
# shellcheck source=bench/workload.sh
. "$root/bench/workload.sh"
start_workload "$work" "$work/xmarker" 30
sleep 4 # the terminal fills and starts scrolling
java -jar "$jar" record --source "xwd:$work/Xvfb_screen0" --tick-ms 5 --seconds "${1:-1.5}" \
    --out "$root/testdata/e2e-desktop.fbrec.zst"
