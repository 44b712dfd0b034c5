#!/bin/bash
# End-to-end benchmark: one scripted 1920x1080 Xvfb desktop served at the same time by vfio-vnc
# (xwd: source), TigerVNC's X0tigervnc scraper, x11vnc as installed (it takes the X server's DAMAGE
# hints about where to look) and x11vnc -noxdamage (it scrapes blind, as a vGPU framebuffer makes
# every server do); one headless libvncclient viewer per server
# (bench/native/vncbench.c) with the same forced encoding. Per server and encoding: server CPU per
# delivered update, bytes per update, change-to-viewer latency p50/p95 (xmarker stamps a counter
# into a marker square; the viewer logs when it first sees each counter). The peers read the screen
# through the X server (XShmGetImage, DAMAGE), whose CPU their own leaves out: after each encoding's
# window every server is given a viewer of its own in turn, and the X server's CPU above a window
# with no viewer is its share per update. Prints a table, writes results.tsv and chart.png into OUT.
#
#   bench/e2e.sh [OUT]      (env: ENCODINGS="hextile zrle tight", SECONDS_PER_RUN=25, WARMUP=3,
#                            SERVER_WARMUP=45: an unmeasured viewer session per server and encoding,
#                            all before the first measurement, REWARM=20: another one of the
#                            encoding just before its measured window,
#                            BASELINE_JAR=path: one more server, another vfio-vnc build (A/B pair),
#                            BASELINE_ARGS="...": extra serve arguments for that server (a setting A/B),
#                            X11VNC_NOXDAMAGE=0: leave out x11vnc -noxdamage,
#                            XSHARE_SECONDS=12: length of each solo window for the X server's share, 0: none)
#
# Installs its Debian packages when run as root and something is missing. About 11 minutes for three encodings.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
out=${1:-$root/target/e2e}
encodings=${ENCODINGS:-hextile zrle tight}
run=${SECONDS_PER_RUN:-25}
warmup=${WARMUP:-3}
mkdir -p "$out"
out=$(cd "$out" && pwd)

pkgs="xvfb x11-apps xterm xdotool tigervnc-scraping-server x11vnc libvncclient1 libvncserver-dev libx11-dev
      pkg-config gcc libc6-dev gnuplot-nox python3 procps openjdk-17-jdk-headless maven"
missing=$(for p in $pkgs; do dpkg -s "$p" >/dev/null 2>&1 || echo "$p"; done)
if [ -n "$missing" ]; then
    if [ "$(id -u)" != 0 ]; then echo "e2e: missing Debian packages (run as root to install):" $missing >&2; exit 1; fi
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq -o DPkg::Lock::Timeout=600 --no-install-recommends $missing >/dev/null
fi

jar=$root/target/vfio-vnc.jar
if [ ! -f "$jar" ]; then (cd "$root" && mvn -B -q package -DskipTests); fi
gcc -O2 -o "$out/vncbench" "$root/bench/native/vncbench.c" $(pkg-config --cflags --libs libvncclient)
gcc -O2 -o "$out/xmarker" "$root/bench/native/xmarker.c" -lX11

work=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

# shellcheck source=bench/ports.sh
. "$root/bench/ports.sh"
read -r p_vfio p_tiger p_x11 p_x11nd p_base < <(free_ports 5)
servers="vfio tiger x11"
if [ "${X11VNC_NOXDAMAGE:-1}" != 0 ]; then servers="$servers x11nd"; fi
baseline=${BASELINE_JAR:-}
if [ -n "$baseline" ]; then baseline=$(cd "$(dirname "$baseline")" && pwd)/$(basename "$baseline"); servers="$servers base"; fi
server_warmup=${SERVER_WARMUP:-45}
rewarm=${REWARM:-20}
xshare=${XSHARE_SECONDS:-12}
solo_total=0
if [ "$xshare" -gt 0 ]; then solo_total=$(( (xshare + 3) * ($(echo $servers | wc -w) + 2) )); fi
total=$(( (server_warmup + rewarm + warmup + run + 5 + solo_total) * $(echo $encodings | wc -w) + 30 ))
# shellcheck source=bench/workload.sh
. "$root/bench/workload.sh"
start_workload "$work" "$out/xmarker" "$total"

java ${VFIO_JAVA_OPTS:-} -jar "$jar" serve --source "xwd:$work/Xvfb_screen0" --listen "127.0.0.1:$p_vfio" --share-policy always-shared \
    >"$work/vfio.log" 2>&1 & pid_vfio=$!; pids+=($pid_vfio)
if [ -n "$baseline" ]; then
    java -jar "$baseline" serve --source "xwd:$work/Xvfb_screen0" --listen "127.0.0.1:$p_base" --share-policy always-shared ${BASELINE_ARGS:-} \
        >"$work/base.log" 2>&1 & pid_base=$!; pids+=($pid_base)
fi
X0tigervnc -display "$DISPLAY" -rfbport "$p_tiger" -SecurityTypes None -localhost -AlwaysShared \
    >"$work/tiger.log" 2>&1 & pid_tiger=$!; pids+=($pid_tiger)
x11vnc -display "$DISPLAY" -rfbport "$p_x11" -localhost -nopw -shared -forever -quiet \
    >"$work/x11vnc.log" 2>&1 & pid_x11=$!; pids+=($pid_x11)
if [[ " $servers " == *" x11nd "* ]]; then
    x11vnc -display "$DISPLAY" -rfbport "$p_x11nd" -localhost -nopw -shared -forever -quiet -noxdamage \
        >"$work/x11vnc-nd.log" 2>&1 & pid_x11nd=$!; pids+=($pid_x11nd)
fi
for s in $servers; do
    port_var=p_$s; p=${!port_var}
    for _ in $(seq 150); do (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null && break; sleep 0.2; done
done

# shellcheck source=bench/proc-cpu.sh
. "$root/bench/proc-cpu.sh"
# The encoders' package moved once (rfb/encoding to encoding): either place counts.
has_enc() { python3 -c "import sys, zipfile; n = zipfile.ZipFile('$jar').namelist(); sys.exit(0 if any(p + '$1Encoder.class' in n for p in ('org/vfiovnc/encoding/', 'org/vfiovnc/rfb/encoding/')) else 1)"; }


printf 'encoding\tserver\tsent_as\tcpu_s\tupdates\tbytes\tlat_p50_ms\tlat_p95_ms\tmarks_seen\tjit_cpu_s\txserver_cpu_s\txserver_updates\n' >"$out/results.tsv"
# Warm every server up on every encoding with an unmeasured viewer first, before anything is
# measured: vfio-vnc's JIT compiles an encoding's paths in its first minute or two on a loaded
# 2-core machine (C2 took 0.3-0.9 s of CPU for the update writer alone, which landed inside the
# first measured window when each encoding had only a short warm-up just before it), and steady
# state is what is compared.
warm_all() {
    local enc=$1 seconds=$2 wpids=() s port_var
    for s in $servers; do
        port_var=p_$s
        "$out/vncbench" "127.0.0.1:${!port_var}" "$enc copyrect" 0 "$seconds" 8 8 /dev/null >/dev/null 2>&1 & wpids+=($!)
    done
    for v in "${wpids[@]}"; do wait "$v" || true; done
}
for enc in $encodings; do warm_all "$enc" "$server_warmup"; done

# The X server's CPU on a server's behalf: its CPU during a window in which that server alone has
# a viewer, less its CPU during a window with no viewer (drawing the workload). Sets xs_cpu[s] and
# xs_updates[s] for every server.
declare -A xs_cpu xs_updates
xvfb_cpu_during() { local a b; a=$(cpu "$XVFB_PID"); sleep "$1"; b=$(cpu "$XVFB_PID"); python3 -c "print($b - $a)"; }
solo_windows() {
    local enc=$1 s port_var idle vp
    # The drawing's own cost drifts: the windows with no viewer come before and after the solo ones.
    idle=$(xvfb_cpu_during "$xshare")
    for s in $servers; do
        port_var=p_$s
        "$out/vncbench" "127.0.0.1:${!port_var}" "$enc copyrect" 2 "$xshare" 8 8 /dev/null >"$work/solo-$s" 2>&1 & vp=$!
        sleep 2
        xs_cpu[$s]=$(xvfb_cpu_during "$xshare")
        wait "$vp" || true
        read -r _ xs_updates[$s] _ < "$work/solo-$s" || xs_updates[$s]=0
        sleep 1
    done
    idle=$(python3 -c "print(($idle + $(xvfb_cpu_during "$xshare")) / 2)")
    for s in $servers; do xs_cpu[$s]=$(python3 -c "print(round(${xs_cpu[$s]} - $idle, 2))"); done
}

for enc in $encodings; do
    # A short unmeasured session of this encoding again: the switch from the last one
    # deoptimises the update writer's type profile, and its C2 recompilation (0.3-0.5 s of CPU
    # on a loaded 2-core machine) would land in the window of the first encoding measured.
    # 20 s, not 10: the switch to Tight also sends TightEncoder.encode back to the profiling
    # tier, and its C2 compile came 11 s later, inside the window (0.6-0.8 ms per update).
    if [ "$rewarm" -gt 0 ]; then warm_all "$enc" "$rewarm"; fi
    declare -A c0 c1 j0 j1
    vpids=()
    for s in $servers; do
        port_var=p_$s
        "$out/vncbench" "127.0.0.1:${!port_var}" "$enc copyrect" "$warmup" "$run" 8 8 "$work/seen-$s-$enc" \
            >"$work/view-$s-$enc" 2>&1 & vpids+=($!)
    done
    sleep "$warmup"
    for s in $servers; do pid_var=pid_$s; c0[$s]=$(cpu "${!pid_var}"); j0[$s]=$(jit "${!pid_var}"); done
    sleep "$run"
    for s in $servers; do pid_var=pid_$s; c1[$s]=$(cpu "${!pid_var}"); j1[$s]=$(jit "${!pid_var}"); done
    for v in "${vpids[@]}"; do wait "$v" || true; done
    if [ "$xshare" -gt 0 ]; then solo_windows "$enc"; fi
    for s in $servers; do
        sent=$enc
        if [ $s = vfio ]; then
            case $enc in zrle) has_enc Zrle || sent=raw ;; tight) has_enc Tight || sent=raw ;; esac
        fi
        read -r _ updates _ bytes _ _ < "$work/view-$s-$enc" || { echo "viewer for $s failed: $(cat "$work/view-$s-$enc")" >&2; updates=0; bytes=0; }
        lat=$(python3 - "$work/marks" "$work/seen-$s-$enc" <<'PY'
import sys
drawn = {}
for line in open(sys.argv[1]):
    n, t = line.split(); drawn[int(n)] = int(t)
lat = sorted((int(t) - drawn[int(n)]) / 1e6 for n, t in (l.split() for l in open(sys.argv[2])) if int(n) in drawn)
lat = [l for l in lat if l >= 0]
if not lat: print("nan nan 0")
else: print("%.1f %.1f %d" % (lat[len(lat) // 2], lat[min(len(lat) - 1, int(len(lat) * 0.95))], len(lat)))
PY
)
        printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$enc" "$s" "$sent" "$(python3 -c "print(round(${c1[$s]} - ${c0[$s]}, 2))")" \
            "$updates" "$bytes" "$(echo $lat | tr ' ' '\t')" "$(python3 -c "print(round(${j1[$s]} - ${j0[$s]}, 2))")" \
            "${xs_cpu[$s]:-nan}" "${xs_updates[$s]:-0}" >>"$out/results.tsv"
    done
done

load=$(cut -d' ' -f1-3 /proc/loadavg)
python3 - "$out/results.tsv" "$out/chart.dat" "$load" "$out/chart.gp" "$out/chart.png" <<'PY'
import sys, csv, math
rows = list(csv.DictReader(open(sys.argv[1]), delimiter="\t"))
names = {"vfio": "vfio-vnc", "tiger": "X0tigervnc", "x11": "x11vnc", "x11nd": "x11vnc -noxdamage", "base": "baseline"}
present = [s for s in ("vfio", "tiger", "x11", "x11nd") if any(r["server"] == s for r in rows)]
others = [s for s in present if s != "vfio"]
print("End to end, 1920x1080 Xvfb workload, one viewer per server; load average %s; %s" % (sys.argv[3], open("/proc/cpuinfo").read().count("processor\t")) + " CPUs")
short = " / ".join(names[o].split()[0] + ("-nd" if o == "x11nd" else "") for o in others)
print("%-8s %-17s %-7s %8s %13s %10s %10s  %-24s %7s %7s %9s  %-24s" % ("encoding", "server", "sent as", "updates", "CPU ms/update",
      "of it JIT", "KB/update", "CPU vs " + short, "p50 ms", "p95 ms", "X ms/upd", "with X vs " + short))
stats = {}
for r in rows:
    u = max(1, int(r["updates"]))
    xu = int(r.get("xserver_updates") or 0)
    xcpu = float(r.get("xserver_cpu_s") or "nan")
    # The X server's CPU per update on this server's behalf, from its solo window (nan: not measured).
    xms = xcpu * 1000 / xu if xu > 0 else float("nan")
    stats[(r["encoding"], r["server"])] = (float(r["cpu_s"]) * 1000 / u, int(r["bytes"]) / u / 1024, r["lat_p50_ms"], r["lat_p95_ms"],
                                           float(r["jit_cpu_s"]) * 1000 / u, xms)
def with_x(st):
    return st[0] + st[5]
for r in rows:
    e, s = r["encoding"], r["server"]
    cpu, kb, p50, p95, jit, xms = stats[(e, s)]
    rel = relx = ""
    if s == "vfio":
        rel = " / ".join("%.2f" % (cpu / max(1e-9, stats[(e, o)][0])) for o in others)
        relx = " / ".join("%.2f" % (with_x(stats[(e, s)]) / max(1e-9, with_x(stats[(e, o)]))) for o in others)
        if (e, "base") in stats:
            rel += " (%.2f of baseline)" % (cpu / max(1e-9, stats[(e, "base")][0]))
    print("%-8s %-17s %-7s %8s %13.2f %10.2f %10.1f  %-24s %7s %7s %9.2f  %-24s" % (e, names[s], r["sent_as"], r["updates"], cpu, jit, kb,
                                                                              rel, p50, p95, xms, relx))
with open(sys.argv[2], "w") as f:
    f.write("# enc " + " ".join("cpu_" + s for s in present) + " " + " ".join("cpux_" + s for s in present) + " "
            + " ".join("kb_" + s for s in present) + " " + " ".join("p50_" + s for s in present) + "\n")
    for e in dict.fromkeys(r["encoding"] for r in rows):
        v = [stats[(e, s)] for s in present]
        f.write(" ".join([e] + ["%.3f" % x[0] for x in v] + ["%.3f" % with_x(x) for x in v] + ["%.2f" % x[1] for x in v]
                         + [str(x[2]) for x in v]) + "\n")
n = len(present)
# The panel with the X server's share only when it was measured (XSHARE_SECONDS=0 leaves it out).
has_x = any(not math.isnan(st[5]) for st in stats.values())
def plot(first):
    return "plot " + ", ".join('"%s" using %d%s title "%s"' % (sys.argv[2] if i == 0 else "", first + i, ":xtic(1)" if i == 0 else "",
                                                              names[s]) for i, s in enumerate(present))
with open(sys.argv[4], "w") as g:
    g.write("""set terminal pngcairo size 1500,440 font ",10"
set output "%s"
set style data histograms
set style histogram clustered gap 1
set style fill solid 0.8 border -1
set key below horizontal
set yrange [0:*]
set multiplot layout 1,%d title "vfio-vnc and other VNC servers, 1920x1080 Xvfb workload (load %s)"
set title "server CPU ms per update"
%s
%s
set title "KB per update"
%s
set title "latency p50 ms"
%s
unset multiplot
""" % (sys.argv[5], 4 if has_x else 3, sys.argv[3], plot(2),
       'set title "the same with the X server\'s share"\n' + plot(2 + n) if has_x else "", plot(2 + 2 * n), plot(2 + 3 * n)))
PY
gnuplot "$out/chart.gp"
echo "wrote $out/results.tsv and $out/chart.png"
