#!/bin/sh
# Records the desktop frames the encoder benchmark uses (testdata/desktop-*.xwd.zst): a 1920x1080x24
# Xvfb with a terminal full of text, a clock and a logo, captured from Xvfb's -fbdir screen file
# (XWD format, see testdata/README.md). Needs: xvfb xterm x11-apps zstd.
set -eu
out=$(cd "$(dirname "$0")/.." && pwd)/testdata
dir=$(mktemp -d)
disp=:$(( 200 + $$ % 500 ))
Xvfb "$disp" -screen 0 1920x1080x24 -fbdir "$dir" -nolisten tcp >/dev/null 2>&1 &
xpid=$!
trap 'kill $pids $xpid 2>/dev/null; rm -rf "$dir"' EXIT
sleep 1
export DISPLAY=$disp
pids=""
xterm -geometry 160x50+40+40 -fa '' -e sh -c 'ls -l /usr/bin /usr/lib | head -400; sleep 600' &
pids="$pids $!"
xclock -geometry 300x300+1500+60 -update 1 &
pids="$pids $!"
xlogo -geometry 300x300+1500+500 &
pids="$pids $!"
sleep 3
zstd -q -19 -f "$dir/Xvfb_screen0" -o "$out/desktop-terminal.xwd.zst"
xdotool type --delay 5 'seq 1 5000' 2>/dev/null || true
xterm_win=$(xdotool search --class xterm | head -1 || true)
[ -n "$xterm_win" ] && xdotool windowfocus "$xterm_win" 2>/dev/null; xdotool key Return 2>/dev/null || true
sleep 2
zstd -q -19 -f "$dir/Xvfb_screen0" -o "$out/desktop-later.xwd.zst"
ls -l "$out"/*.xwd.zst
