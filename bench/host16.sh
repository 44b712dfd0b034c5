#!/bin/bash
# 16 VM displays on one hypervisor: one `vfio-vnc host` process serving all of them against 16
# `vfio-vnc serve` processes, one per display, on the same machine and workload. Each display is an
# animated demo desktop (demo:WxH); phases: no viewer, then one libvncclient viewer per display
# (bench/native/vncbench.c, ZRLE). Prints per setup: time until every display accepts, resident
# memory, CPU as a share of one core per phase, and the updates the viewers received.
#
#   bench/host16.sh [OUT]   (env N=16, SIZE=640x480, SECONDS_PER_PHASE=30, JAR=target/vfio-vnc.jar;
#                            OUT, default target/host16, holds the built viewer)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
out=${1:-$root/target/host16}
mkdir -p "$out"
n=${N:-16}
size=${SIZE:-640x480}
seconds=${SECONDS_PER_PHASE:-30}
jar=${JAR:-$root/target/vfio-vnc.jar}
[ -e "$jar" ] || { echo "host16: $jar is missing (mvn -B -q package -DskipTests)" >&2; exit 1; }
if [ ! -x "$out/vncbench" ]; then
    gcc -O2 -o "$out/vncbench" "$root/bench/native/vncbench.c" $(pkg-config --cflags --libs libvncclient)
fi
# shellcheck source=bench/proc-cpu.sh
. "$root/bench/proc-cpu.sh"
# shellcheck source=bench/ports.sh
. "$root/bench/ports.sh"

work=$(mktemp -d)
pids=()
stop_all() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; pids=(); }
trap 'stop_all; rm -rf "$work"' EXIT

rss_kb() { local t=0; for p in "$@"; do t=$(( t + $(awk '/^VmRSS/ {print $2}' "/proc/$p/status") )); done; echo "$t"; }
cpu_sum() { local t=0; for p in "$@"; do t=$(echo "$t + $(cpu "$p")" | bc -l); done; echo "$t"; }
await_ports() { for port in "$@"; do
    for _ in $(seq 600); do (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break; sleep 0.1; done; done; }

# Runs one setup whose server pids are in $servers and display ports in $ports; prints its line.
measure() {
    local label=$1 started=$2
    await_ports "${ports[@]}"
    local ready; ready=$(echo "$(date +%s.%N) - $started" | bc -l)
    sleep 10 # start-up JIT and first frames out of the way
    local c0; c0=$(cpu_sum "${servers[@]}"); sleep "$seconds"; local c1; c1=$(cpu_sum "${servers[@]}")
    local idle; idle=$(echo "($c1 - $c0) * 100 / $seconds" | bc -l)
    local vp=()
    for port in "${ports[@]}"; do
        "$out/vncbench" "127.0.0.1:$port" "zrle copyrect" 5 "$seconds" 8 8 /dev/null >"$work/v-$port" 2>&1 & vp+=($!)
    done
    sleep 5
    c0=$(cpu_sum "${servers[@]}"); sleep "$seconds"; c1=$(cpu_sum "${servers[@]}")
    local busy; busy=$(echo "($c1 - $c0) * 100 / $seconds" | bc -l)
    local rss; rss=$(rss_kb "${servers[@]}")
    for v in "${vp[@]}"; do wait "$v" || true; done
    local updates; updates=$(cat "$work"/v-* | awk '{ u += $2 } END { print u + 0 }')
    printf '%-14s ready %5.1f s  RSS %5d MiB  CPU %%core: no viewer %6.1f, %d viewers %6.1f  updates/s %6.1f\n' \
        "$label" "$ready" $(( rss / 1024 )) "$idle" "$n" "$busy" "$(echo "$updates / $seconds" | bc -l)"
    rm -f "$work"/v-*
}

echo "$n displays of demo:$size, ${seconds} s per phase, $(nproc) cores, $(date -u +%F)"
# One host process for all displays, each on its own port.
read -r -a ports < <(free_ports "$n")
shared=$(free_ports 1)
{
    echo "listen: 127.0.0.1:$shared"
    echo "displays:"
    for i in $(seq "$n"); do
        printf '  vm%02d: {source: "demo:%s", listen: "127.0.0.1:%s"}\n' "$i" "$size" "${ports[$((i - 1))]}"
    done
} >"$work/host.yaml"
t=$(date +%s.%N)
java -jar "$jar" host --config "$work/host.yaml" >"$work/host.log" 2>&1 & pids+=($!)
servers=("${pids[@]}")
measure "one host" "$t"
stop_all

# The same displays as one serve process each.
read -r -a ports < <(free_ports "$n")
t=$(date +%s.%N)
for port in "${ports[@]}"; do
    java -jar "$jar" serve --source "demo:$size" --listen "127.0.0.1:$port" >"$work/serve-$port.log" 2>&1 & pids+=($!)
done
servers=("${pids[@]}")
measure "$n serves" "$t"
