#!/bin/bash
# Fan-out cost: vfio-vnc serving the bench/e2e.sh workload to 1 viewer, then to N (default 32)
# libvncclient viewers with the same encoding, in alternating rounds, for each encoding in turn on
# one server; prints server CPU seconds per wall second for each round and, per encoding, the ratio
# of the medians (issue target: 32 viewers <= 2x one viewer) and each viewer's frame rate against
# the single viewer's (target >= 0.8). Run bench/e2e.sh once first (it installs the packages and
# builds the tools into OUT).
#   bench/fanout.sh [OUT]     (env: VIEWERS=32, ENCODINGS="hextile zrle tight tight+jpeg h264",
#                             SECONDS_PER_RUN=20, WARMUP=4, WARM_ROUNDS=1: unmeasured rounds of 1
#                             and N viewers first, per encoding, ROUNDS=3: measured rounds of each,
#                             alternating; medians compared, JAR=path: another vfio-vnc build,
#                             VIEWER=rfbcount: viewers that read the updates without decoding them
#                             (bench/native/rfbcount.c), so that 32 of them leave the two cores to
#                             the server: the frame rate it delivers, not what 32 decoders reach)
# Encodings: tight is Tight without JPEG; tight+jpeg is Tight at libvncclient's default JPEG quality
# level (5); h264 lists H.264 before Tight+JPEG (areas in motion go as video; the viewers drop the
# H.264 data unread, the others they decode).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
out=$(cd "${1:-$root/target/e2e}" && pwd)
n=${VIEWERS:-32}
viewer=${VIEWER:-vncbench}
# rfbcount reads ZRLE, Tight (with JPEG), H.264, Raw and CopyRect; it does not parse Hextile.
if [ "$viewer" = rfbcount ]; then encodings=${ENCODINGS:-zrle tight tight+jpeg h264}; else encodings=${ENCODINGS:-hextile zrle tight tight+jpeg h264}; fi
run=${SECONDS_PER_RUN:-20}
warmup=${WARMUP:-4}
warm_rounds=${WARM_ROUNDS:-1}
rounds=${ROUNDS:-3}
jar=${JAR:-$root/target/vfio-vnc.jar}
[ -x "$out/vncbench" ] && [ -x "$out/xmarker" ] && [ -f "$jar" ] || { echo "fanout: run bench/e2e.sh first" >&2; exit 1; }
case $viewer in
    vncbench) ;;
    rfbcount) gcc -O2 -o "$out/rfbcount" "$root/bench/native/rfbcount.c" ;;
    *) echo "fanout: VIEWER is vncbench or rfbcount, not $viewer" >&2; exit 1 ;;
esac

work=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
# shellcheck source=bench/ports.sh
. "$root/bench/ports.sh"
read -r port mport < <(free_ports 2)
# shellcheck source=bench/workload.sh
. "$root/bench/workload.sh"
count_encodings=$(wc -w <<<"$encodings")
start_workload "$work" "$out/xmarker" $(( count_encodings * 2 * (warm_rounds + rounds) * (run + warmup + 2) + 30 ))
# Every viewer comes from 127.0.0.1 within a second: the limit on handshakes in progress (4 per
# address by default) would turn some of them away.
java -jar "$jar" serve --source "xwd:$work/Xvfb_screen0" --listen "127.0.0.1:$port" --share-policy always-shared \
    --max-clients $(( n + 1 )) --max-pending $(( n + 1 )) --max-pending-per-address $(( n + 1 )) \
    --metrics "127.0.0.1:$mport" >"$work/vfio.log" 2>&1 & server=$!; pids+=($server)
for _ in $(seq 150); do (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break; sleep 0.2; done
# shellcheck source=bench/proc-cpu.sh
. "$root/bench/proc-cpu.sh"

# vncbench's encodings and JPEG quality for one of ENCODINGS.
viewer_encodings() { case $1 in tight|tight+jpeg) echo "tight copyrect" ;; h264) echo "h264 tight copyrect" ;; *) echo "$1 copyrect" ;; esac; }
viewer_quality() { case $1 in tight) echo none ;; tight+jpeg|h264) echo 5 ;; *) echo "" ;; esac; }

# The server's counts of updates sent, of those copied from another viewer's encoding, and of their
# bytes (%.0f: mawk's %d stops at 2^31, which the bytes pass within minutes of H.264 to 32 viewers).
sent_counts() {
    curl -s "http://127.0.0.1:$mport/metrics" | awk '$1 == "vfiovnc_updates_sent_total" { u = $2 }
        $1 == "vfiovnc_updates_copied_total" { c = $2 } $1 == "vfiovnc_update_bytes_total" { b = $2 }
        END { printf "%.0f %.0f %.0f\n", u, c, b }'
}

# Prints "CPU-s-per-s updates JIT-s-per-s", the CPU-s-per-s by thread role, and the updates sent,
# copied and their bytes (server side) for one round of COUNT viewers.
measure() {
    local enc=$1 count=$2 v=() c0 c1 j0 j1 t0 t1 wire quality
    wire=$(viewer_encodings "$enc"); quality=$(viewer_quality "$enc")
    rm -f "$work"/view-*
    for i in $(seq "$count"); do
        "$out/$viewer" "127.0.0.1:$port" "$wire" "$warmup" "$run" 8 8 "$work/seen-$count-$i" $quality \
            >"$work/view-$count-$i" 2>&1 & v+=($!)
        # Spread over about a second: 32 native viewers arriving in the same instant from one address
        # wait at the door together (it holds each until it knows the protocol), over its per-address cap.
        sleep 0.03
    done
    sleep "$warmup"; c0=$(cpu "$server"); j0=$(jit "$server"); s0=$(cpu_by_role "$server"); m0=$(sent_counts); t0=$(date +%s.%N)
    # The split by role ends a second early: it counts live threads only, and the first viewers
    # to end take their server threads with them.
    sleep $(( run - 1 )); s1=$(cpu_by_role "$server"); ts=$(date +%s.%N)
    sleep 1; c1=$(cpu "$server"); j1=$(jit "$server"); t1=$(date +%s.%N); m1=$(sent_counts)
    for p in "${v[@]}"; do wait "$p" || true; done
    local updates=$(cat "$work"/view-$count-* | awk '$1 == "updates" { u += $2 } END { print u + 0 }')
    # A viewer that was refused or lost prints no "updates" line: the round must not count it as running.
    local ran=$(cat "$work"/view-$count-* | grep -c '^updates ' || true)
    if [ "$ran" -ne "$count" ]; then
        echo "fanout: only $ran of $count viewers ran ($enc): $(grep -hv '^updates ' "$work"/view-$count-* | sort | uniq -c | head -3)" >&2
        exit 1
    fi
    python3 -c "
t = $t1 - $t0
a, b = '$s0'.split(), '$s1'.split()
m = [int(y) - int(x) for x, y in zip('$m0'.split(), '$m1'.split())]
print('%.4f %d %.4f' % (($c1 - $c0) / t, $updates, ($j1 - $j0) / t), *m, *('%.4f' % ((float(y) - float(x)) / ($ts - $t0)) for x, y in zip(a, b)))"
    # Viewers need a moment to go: the next round must not pay for their goodbyes.
    sleep 2
}
# Per encoding: unmeasured rounds of both first (the 1-viewer figure must not carry the JIT's
# start-up compilations: they made it look twice as dear and the ratio better than it is), then
# 1 and N alternate for ROUNDS rounds and the medians are compared: this host's noise moves
# single rounds by half.
: >"$work/rounds"
for enc in $encodings; do
    for _ in $(seq "$warm_rounds"); do measure "$enc" 1 >/dev/null; measure "$enc" "$n" >/dev/null; done
    for r in $(seq "$rounds"); do
        echo "$enc 1 $(measure "$enc" 1)" >>"$work/rounds"
        echo "$enc $n $(measure "$enc" "$n")" >>"$work/rounds"
    done
done
python3 - "$n" "$(cut -d' ' -f1-3 /proc/loadavg)" "$run" "$work/rounds" "$(nproc)" "$viewer" <<'PY'
import statistics, sys
n, load, run, cores = int(sys.argv[1]), sys.argv[2], float(sys.argv[3]), sys.argv[5]
rows = [line.split() for line in open(sys.argv[4]) if line.strip()]
print("Fan-out, vfio-vnc, %s cores, load at the end %s, viewers: %s" % (cores, load, sys.argv[6]))
table = []
for enc in dict.fromkeys(r[0] for r in rows):
    med, fps = {}, {}
    print("-- %s" % enc)
    for count in (1, n):
        mine = [(float(r[2]), int(r[3]), float(r[4]), [int(x) for x in r[5:8]], [float(x) for x in r[8:]])
                for r in rows if r[0] == enc and int(r[1]) == count]
        for c, u, j, (sent, copied, sent_bytes), by_role in mine:
            print("%3d viewer(s): %.3f CPU s per s (JIT %.3f), %d updates, %.3f ms per update, %d bytes per update, "
                  "%.0f %% copied; by thread: %s"
                  % (count, c, j, u, 1000 * c * run / max(u, 1), sent_bytes / max(sent, 1), 100 * copied / max(sent, 1),
                     " ".join("%s %.3f" % (name, x) for name, x in zip(("refresh", "send", "read", "jit", "other"), by_role))))
        med[count] = statistics.median(m[0] for m in mine)
        fps[count] = statistics.median(m[1] / count / run for m in mine)
    ratio = med[n] / max(med[1], 1e-9)
    rate = fps[n] / max(fps[1], 1e-9)
    print("median  1 viewer : %.3f CPU s per s, %.1f updates per s" % (med[1], fps[1]))
    print("median %2d viewers: %.3f CPU s per s, %.1f updates per s per viewer" % (n, med[n], fps[n]))
    print("ratio %d/1 = %.2f (target <= 2); frame rate per viewer %.2f of one viewer's (target >= 0.8)" % (n, ratio, rate))
    table.append((enc, med[1], med[n], ratio, fps[1], fps[n], rate))
print()
print("| encoding | 1 viewer, CPU s/s | %d viewers, CPU s/s | ratio | updates/s per viewer, 1 -> %d | frame-rate ratio |" % (n, n))
print("|---|---|---|---|---|---|")
for enc, one, many, ratio, f1, fn, rate in table:
    print("| %s | %.3f | %.3f | %.2f | %.1f -> %.1f | %.2f |" % (enc, one, many, ratio, f1, fn, rate))
PY
