# The scripted desktop of the end-to-end benchmarks, sourced by bench/e2e.sh, bench/fanout.sh and
# bench/record-workload.sh: a 1920x1080 Xvfb screen written to WORK/Xvfb_screen0 (-fbdir), an
# xterm printing a line every 50 ms (it scrolls), an xlogo window moved every 100 ms, and
# bench/native/xmarker stamping a counter marker at (0,0) and redrawing a 480x270 region every
# 100 ms (it logs "counter realtime_ns" to WORK/marks; env MARK_PERIOD_MS another period).
#   start_workload WORK XMARKER SECONDS    sets DISPLAY and XVFB_PID, appends its processes to the caller's pids
start_workload() {
    local work=$1 xmarker=$2 seconds=$3
    local disp=":$(( 300 + RANDOM % 600 ))"
    Xvfb "$disp" -screen 0 1920x1080x24 -fbdir "$work" -nolisten tcp >"$work/xvfb.log" 2>&1 & pids+=($!); XVFB_PID=$!
    export DISPLAY=$disp
    for _ in $(seq 50); do [ -f "$work/Xvfb_screen0" ] && xdpyinfo >/dev/null 2>&1 && break; sleep 0.2; done
    xterm -geometry 120x50+20+40 -e sh -c 'i=0; while :; do i=$((i+1)); echo "$i the quick brown fox jumps over the lazy dog $(date +%T.%N)"; sleep 0.05; done' \
        >/dev/null 2>&1 & pids+=($!)
    xlogo -geometry 200x200+900+100 & pids+=($!)
    "$xmarker" "${MARK_PERIOD_MS:-100}" "$seconds" "$work/marks" & pids+=($!)
    (sleep 1; w=$(xdotool search --class xlogo | head -1); x=900
     while :; do x=$(( x >= 1300 ? 900 : x + 8 )); xdotool windowmove "$w" "$x" 100 2>/dev/null; sleep 0.1; done) & pids+=($!)
}
