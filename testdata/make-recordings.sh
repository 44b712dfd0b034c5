#!/usr/bin/env bash
# Re-creates the small recordings in testdata/ from real X programs on an Xvfb screen (xwd source).
# Needs: xvfb x11-apps xterm xdotool, and the built jar (mvn -B -o -q package -DskipTests).
# Usage: testdata/make-recordings.sh   (writes testdata/*.fbrec.zst)
set -euo pipefail
cd "$(dirname "$0")"
JAR=../target/vfio-vnc.jar
[ -f "$JAR" ] || { echo "build the jar first: mvn -B -o -q package -DskipTests" >&2; exit 1; }
D=$(( 300 + RANDOM % 300 ))
FB=$(mktemp -d)
Xvfb ":$D" -screen 0 480x320x24 -fbdir "$FB" -nolisten tcp -ac >/dev/null 2>&1 &
XPID=$!
trap 'kill $(jobs -p) 2>/dev/null; kill $XPID 2>/dev/null; rm -rf "$FB"' EXIT
for _ in $(seq 100); do [ -e "$FB/Xvfb_screen0" ] && break; sleep 0.05; done
export DISPLAY=":$D"
record() { java -jar "$JAR" record --source "xwd:$FB/Xvfb_screen0" --out "$1" --seconds "$2" --tick-ms 100; }

# 1. a terminal scrolling text
xterm -geometry 60x18+0+0 -fa '' -fn fixed -e sh -c 'i=0; while [ $i -lt 400 ]; do i=$((i+1)); echo "line $i: the quick brown fox jumps over the lazy dog $((i*7919 % 1000))"; sleep 0.03; done; sleep 30' &
T=$!
sleep 0.8
record xterm-scroll.fbrec.zst 4
kill $T

# 2. desktop toys: clock with seconds, eyes following a moving pointer, a logo window moved around
xclock -update 1 -geometry 120x120+10+10 & C=$!
xeyes -geometry 150x100+150+10 & E=$!
xlogo -geometry 100x100+10+180 & L=$!
sleep 1
(for i in $(seq 40); do
    xdotool mousemove $((20 + i * 10)) $((150 + (i % 8) * 15)) 2>/dev/null || true
    W=$(xdotool search --class xlogo 2>/dev/null | head -1)
    [ -n "$W" ] && xdotool windowmove "$W" $((10 + i * 8)) 180 2>/dev/null || true
    sleep 0.1
done) & M=$!
record desktop-toys.fbrec.zst 4.5
wait $M || true
kill $C $E $L
ls -la ./*.fbrec.zst
