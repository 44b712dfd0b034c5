#!/bin/bash
# 16 VM displays on one hypervisor: one `vfio-vnc host` process serving all of them against 16
# `vfio-vnc serve` processes, one per display, on the same machine and workload. Each display
# shows the scripted 1920x1080 desktop of bench/workload.sh (scrolling xterm, moving window,
# counter marker) through an `xwd:` source. Phases per setup: no viewer, then one libvncclient
# viewer per display (bench/native/vncbench.c, ZRLE). Prints per setup: time until every display
# accepts, resident memory (all, and anonymous: the heap's pixels, not the mapped screen file), CPU
# as a share of one core per phase, updates the viewers received, CPU per update; then the ratios
# host / serves. Last, the reload phase: viewers on GAP_VIEWERS displays of the host while a SIGHUP
# removes another display and one more adds it back; prints each viewer's longest wait between
# two marker counters (xmarker steps it every 20 ms here) in the seconds after a reload and in a
# stretch without one.
#
#   bench/host16.sh [OUT]   (env N=16, SECONDS_PER_PHASE=30, GAP_VIEWERS=4, JAR=target/vfio-vnc.jar,
#                            JAVA_OPTS: JVM options for every server, ONLY_HOST=1: the host's first
#                            phases only (memory and CPU of one setup); OUT, default target/host16,
#                            holds the built tools)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
out=${1:-$root/target/host16}
mkdir -p "$out"
n=${N:-16}
seconds=${SECONDS_PER_PHASE:-30}
gap_viewers=${GAP_VIEWERS:-4}
jar=${JAR:-$root/target/vfio-vnc.jar}
[ -e "$jar" ] || { echo "host16: $jar is missing (mvn -B -q package -DskipTests)" >&2; exit 1; }
[ -x "$out/vncbench" ] || gcc -O2 -o "$out/vncbench" "$root/bench/native/vncbench.c" $(pkg-config --cflags --libs libvncclient)
[ -x "$out/xmarker" ] || gcc -O2 -o "$out/xmarker" "$root/bench/native/xmarker.c" -lX11
# shellcheck source=bench/proc-cpu.sh
. "$root/bench/proc-cpu.sh"
# shellcheck source=bench/ports.sh
. "$root/bench/ports.sh"
# shellcheck source=bench/workload.sh
. "$root/bench/workload.sh"

work=$(mktemp -d)
pids=()
servers=()
stop_servers() { for p in "${servers[@]}"; do kill "$p" 2>/dev/null || true; done
                 for p in "${servers[@]}"; do wait "$p" 2>/dev/null || true; done; servers=(); }
trap 'stop_servers; for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"' EXIT

status_kb() { local t=0; for p in "${@:2}"; do t=$(( t + $(awk -v k="$1:" '$1 == k {print $2}' "/proc/$p/status") )); done; echo "$t"; }
cpu_sum() { local t=0; for p in "$@"; do t=$(echo "$t + $(cpu "$p")" | bc -l); done; echo "$t"; }
await_ports() { for port in "$@"; do
    for _ in $(seq 600); do (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break; sleep 0.1; done; done; }

# Runs one setup whose server pids are in $servers and display ports in $ports; prints its line and
# leaves "CPU-per-update busy-%core idle-%core" in $work/last.
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
    local rss anon; rss=$(status_kb VmRSS "${servers[@]}"); anon=$(status_kb RssAnon "${servers[@]}")
    for v in "${vp[@]}"; do wait "$v" || true; done
    local updates; updates=$(cat "$work"/v-* | awk '{ u += $2 } END { print u + 0 }')
    local per; per=$(echo "$busy * 10 / ($updates / $seconds + 0.001)" | bc -l)
    printf '%-10s ready %5.1f s  RSS %5d MiB (anonymous %5d)  CPU %%core: no viewer %5.1f, %d viewers %6.1f  updates/s %6.1f  CPU ms per update %5.2f\n' \
        "$label" "$ready" $(( rss / 1024 )) $(( anon / 1024 )) "$idle" "$n" "$busy" "$(echo "$updates / $seconds" | bc -l)" "$per"
    echo "$per $busy $idle $(( anon / 1024 ))" >"$work/last"
    rm -f "$work"/v-*
}

host_config() { # COUNT: the first COUNT displays of $ports, on the shared port $shared
    echo "listen: 127.0.0.1:$shared"
    echo "displays:"
    for i in $(seq "$1"); do
        printf '  vm%02d: {source: "xwd:%s", listen: "127.0.0.1:%s"}\n' "$i" "$work/Xvfb_screen0" "${ports[$((i - 1))]}"
    done
}

total=$(( 4 * seconds + 2 * (seconds + 40) + 120 ))
MARK_PERIOD_MS=20 start_workload "$work" "$out/xmarker" "$total"
echo "$n displays of the scripted 1920x1080 desktop (xwd:), ${seconds} s per phase, $(nproc) cores, $(date -u +%F)"

read -r -a ports < <(free_ports "$n")
shared=$(free_ports 1)
host_config "$n" >"$work/host.yaml"
t=$(date +%s.%N)
java ${JAVA_OPTS:-} -jar "$jar" host --config "$work/host.yaml" >"$work/host.log" 2>&1 & servers+=($!)
measure "one host" "$t"
read -r host_per host_busy host_idle host_anon <"$work/last"
stop_servers

[ -z "${ONLY_HOST:-}" ] || exit 0
read -r -a ports < <(free_ports "$n")
t=$(date +%s.%N)
for port in "${ports[@]}"; do
    java ${JAVA_OPTS:-} -jar "$jar" serve --source "xwd:$work/Xvfb_screen0" --listen "127.0.0.1:$port" >"$work/serve-$port.log" 2>&1 & servers+=($!)
done
measure "$n serves" "$t"
read -r serve_per serve_busy serve_idle serve_anon <"$work/last"
stop_servers
printf 'host / serves: CPU per update %.2f (target <= 1.1), no-viewer CPU %.2f; host with no viewer %.2f %% of a core (target < 2); anonymous memory %d MiB (target <= %d)\n' \
    "$(echo "$host_per / $serve_per" | bc -l)" "$(echo "$host_idle / $serve_idle" | bc -l)" "$host_idle" "$host_anon" $(( 80 + 20 * n ))

# Reload: viewers on the first GAP_VIEWERS displays; the last display leaves, then comes back.
read -r -a ports < <(free_ports "$n")
host_config "$n" >"$work/host.yaml"
java ${JAVA_OPTS:-} -jar "$jar" host --config "$work/host.yaml" >"$work/host.log" 2>&1 & servers+=($!)
await_ports "${ports[@]}"
sleep 5
vp=()
for i in $(seq "$gap_viewers"); do
    "$out/vncbench" "127.0.0.1:${ports[$((i - 1))]}" "zrle copyrect" 3 "$(( 2 * seconds ))" 8 8 "$work/seen-$i" >/dev/null 2>&1 & vp+=($!)
done
sleep 3
start=$(date +%s%N)
sleep $(( seconds / 2 ))
host_config $(( n - 1 )) >"$work/host.yaml"; r1=$(date +%s%N); kill -HUP "${servers[0]}"
sleep $(( seconds / 2 ))
host_config "$n" >"$work/host.yaml"; r2=$(date +%s%N); kill -HUP "${servers[0]}"
sleep $(( seconds / 2 ))
for v in "${vp[@]}"; do wait "$v" || true; done
grep -c "reloaded" "$work/host.log" | xargs printf 'reloads applied: %s\n'
for i in $(seq "$gap_viewers"); do
    # The longest wait between two markers within 2 s after each reload, and in the 10 s before the first.
    awk -v s="$start" -v r1="$r1" -v r2="$r2" '
        prev && $2 > r1 && $2 < r1 + 2e9 || prev && $2 > r2 && $2 < r2 + 2e9 { if ($2 - prev > around) around = $2 - prev }
        prev && $2 > s && $2 < r1 - 1e9 { if ($2 - prev > before) before = $2 - prev }
        { prev = $2 }
        END { printf "viewer %d: longest wait between markers: %.0f ms around the reloads, %.0f ms without\n", '"$i"', around / 1e6, before / 1e6 }' \
        "$work/seen-$i"
done
