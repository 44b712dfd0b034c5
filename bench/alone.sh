#!/bin/bash
# A busy screen that nobody watches: the e2e desktop (bench/workload.sh) served by vfio-vnc with no
# viewer connected, after one viewer has come and gone (so the loop runs as it does once viewers
# leave). Prints the server's CPU per round, as a share of one core, split by thread role.
#
#   bench/alone.sh [OUT]    (after one bench/e2e.sh, which installs the packages and builds the
#                            helpers into OUT, default target/e2e; env ROUNDS=5, SECONDS_PER_ROUND=30,
#                            JAR=path: the build to measure, BASELINE_JAR=path: another build
#                            served side by side, measured in the same rounds)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
out=${1:-$root/target/e2e}
out=$(cd "$out" && pwd)
rounds=${ROUNDS:-5}
seconds=${SECONDS_PER_ROUND:-30}
jar=${JAR:-$root/target/vfio-vnc.jar}
baseline=${BASELINE_JAR:-}
for f in "$out/vncbench" "$out/xmarker" "$jar" ${baseline:+"$baseline"}; do
    [ -e "$f" ] || { echo "alone: $f is missing (run bench/e2e.sh first, build the jar)" >&2; exit 1; }
done

work=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
# shellcheck source=bench/workload.sh
. "$root/bench/workload.sh"
# shellcheck source=bench/proc-cpu.sh
. "$root/bench/proc-cpu.sh"
start_workload "$work" "$out/xmarker" $(( rounds * (seconds + 1) + 90 ))

# shellcheck source=bench/ports.sh
. "$root/bench/ports.sh"
read -r p_new p_base < <(free_ports 2)
java -jar "$jar" serve --source "xwd:$work/Xvfb_screen0" --listen "127.0.0.1:$p_new" >"$work/new.log" 2>&1 & pid_new=$!; pids+=($pid_new)
servers="new"
if [ -n "$baseline" ]; then
    java -jar "$baseline" serve --source "xwd:$work/Xvfb_screen0" --listen "127.0.0.1:$p_base" >"$work/base.log" 2>&1 & pid_base=$!
    pids+=($pid_base); servers="new base"
fi
for s in $servers; do
    port_var=p_$s
    for _ in $(seq 150); do (exec 3<>"/dev/tcp/127.0.0.1/${!port_var}") 2>/dev/null && break; sleep 0.2; done
done
# One viewer each for 20 s, then nobody: the JIT has compiled the busy paths, and the loop must back off on its own.
vpids=()
for s in $servers; do
    port_var=p_$s
    "$out/vncbench" "127.0.0.1:${!port_var}" "zrle copyrect" 0 20 8 8 /dev/null >/dev/null 2>&1 & vpids+=($!)
done
for v in "${vpids[@]}"; do wait "$v" || true; done
sleep 5

names_new="vfio-vnc"; names_base="baseline"
echo "Busy e2e desktop, no viewer, ${seconds} s rounds; CPU % of one core (roles: refresh send read jit other, CPU s)"
for r in $(seq "$rounds"); do
    declare -A c0 r0
    for s in $servers; do pid_var=pid_$s; c0[$s]=$(cpu "${!pid_var}"); r0[$s]=$(cpu_by_role "${!pid_var}"); done
    sleep "$seconds"
    line="round $r:"
    for s in $servers; do
        pid_var=pid_$s; name_var=names_$s
        c1=$(cpu "${!pid_var}"); r1=$(cpu_by_role "${!pid_var}")
        line="$line  ${!name_var} $(python3 -c "
a, b = '${r0[$s]}'.split(), '$r1'.split()
print('%.2f %% (%s)' % (($c1 - ${c0[$s]}) / $seconds * 100, ' '.join('%.2f' % (float(y) - float(x)) for x, y in zip(a, b))))")"
    done
    echo "$line"
done
load=$(cut -d' ' -f1-3 /proc/loadavg)
echo "load average $load; $(grep -c ^processor /proc/cpuinfo) CPUs"
