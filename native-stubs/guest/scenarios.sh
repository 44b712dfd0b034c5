# Guest-side test scenarios, sourced by the run.sh the host test writes (which sets SCENARIO, JAVA, CP,
# GUESTPLAY, RESULTS). Each prints what it does; any failure exits non-zero with the reason in the log.
set -u
MDPY_UUID=11111111-2222-3333-4444-000000000001
MBOCHS_UUID=11111111-2222-3333-4444-000000000002
MBOCHS_PROBE_UUID=11111111-2222-3333-4444-000000000003
JOPTS="-Xshare:auto -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xmx192m -Djava.awt.headless=true"
PORT=5900

fail() { echo "SCENARIO FAILED: $*"; dump; exit 1; }
dump() { for f in /tmp/*.log; do [ -f "$f" ] && [ ! -L "$f" ] && { echo "--- $f"; tail -n 40 "$f"; }; done; }
wait_for() { # FILE SECONDS [PATTERN]
  i=0
  while [ $i -lt $(($2 * 10)) ]; do
    if [ -e "$1" ] && { [ -z "${3:-}" ] || grep -q "$3" "$1"; }; then return 0; fi
    sleep 0.1; i=$((i + 1))
  done
  return 1
}
create_mdev() { # PARENT TYPE UUID
  echo "$3" > /sys/class/mdev_bus/$1/mdev_supported_types/$2/create || fail "cannot create $2 mdev"
}
serve() { # LOG ARGS...
  log=$1; shift
  $JAVA $JOPTS -cp "$CP" org.vfiovnc.cli.Main serve --listen 127.0.0.1:$PORT --tick-ms 50 "$@" > "$log" 2>&1 &
  SERVE_PID=$!
  wait_for "$log" 120 "listening on" || fail "server did not start: $*"
}
viewer() { # TIMEOUT STEPS... (runs in the background; VIEWER_PID)
  rm -f $RESULTS/step-*
  $JAVA $JOPTS -cp "$CP" org.vfiovnc.source.vfio.GuestViewer $PORT $RESULTS "$@" > /tmp/viewer.log 2>&1 &
  VIEWER_PID=$!
}
viewer_done() {
  wait $VIEWER_PID; rc=$?
  cat /tmp/viewer.log
  [ $rc = 0 ] || fail "viewer failed"
}
step() { # N SECONDS: wait until the viewer saw step N
  wait_for $RESULTS/step-$1 $2 || fail "viewer did not reach step $1"
  echo "step $1 seen: $(cat $RESULTS/step-$1)"
}
ctl() { # a command for guestplay; a dead guestplay must not block us on the fifo
  timeout 20 sh -c "echo '$1' > /tmp/ctl" || fail "guestplay did not take '$1'"
}
probe() { # DEVICE READBACK: the probe command's JSON report into /tmp/probe.log
  $JAVA $JOPTS -cp "$CP" org.vfiovnc.cli.Main probe "$1" --readback "$2" --json > /tmp/probe.log 2>&1 \
    || fail "probe $1 failed: $(cat /tmp/probe.log)"
  cat /tmp/probe.log
}
expect_probe() { # PATTERN...: each must be in the probe report
  for pat in "$@"; do grep -q "$pat" /tmp/probe.log || fail "probe report lacks $pat"; done
}
stop_serve() { kill $SERVE_PID 2>/dev/null; wait $SERVE_PID 2>/dev/null; }

# Region planes (mdpy): the helper fills the framebuffer, the server opens the device itself.
scenario_mdpy() { # SPEC-SUFFIX (":cdev" or ":group")
  create_mdev mdpy mdpy-vga $MDPY_UUID
  $GUESTPLAY mdpy-fill $MDPY_UUID 7 || fail "guestplay mdpy-fill"
  probe vfio:$MDPY_UUID$1 auto
  expect_probe '"plane_types":\["region"\]' '"width":640,"height":480' '"readback":"region mmap"'
  serve /tmp/serve.log --source vfio:$MDPY_UUID$1
  grep "opened" /tmp/serve.log
  viewer 120 640x480:7
  viewer_done
  if [ "$2" = group ]; then
    $JAVA $JOPTS -cp "$CP" org.vfiovnc.cli.Main probe vfio:$MDPY_UUID:group > /tmp/probe-busy.log 2>&1
    cat /tmp/probe-busy.log
    grep -q "is busy" /tmp/probe-busy.log || fail "probe of a device the server holds should say busy"
  fi
  stop_serve
  grep -q "via $2" /tmp/serve.log || fail "server did not use the $2 path"
  if [ "$2" = group ]; then
    # The device opened by another program and inherited as descriptor 7 (vfio-fd:N).
    $GUESTPLAY exec-with-device $MDPY_UUID 7 $JAVA $JOPTS -cp "$CP" org.vfiovnc.cli.Main serve \
        --listen 127.0.0.1:$PORT --tick-ms 50 --source vfio-fd:7 > /tmp/serve-fd.log 2>&1 &
    SERVE_PID=$!
    wait_for /tmp/serve-fd.log 120 "listening on" || fail "server with an inherited device fd did not start"
    viewer 120 640x480:7
    viewer_done
    grep "opened vfio-fd:7" /tmp/serve-fd.log || fail "server did not open the inherited fd"
    stop_serve
  fi
  echo "mdpy via $2 ok"
}

# probe on a second mbochs instance with its own holder. Not on the served one: the mbochs sample
# puts its pages' references on every release of an export but takes them only once per mode, so
# each extra export of a buffer (a probe beside the server) would free guest pages still in use.
# 1024x768: a whole number of pages, which llvmpipe needs to map the buffer (800x600 is not).
probe_mbochs() { # READBACK ACCESS(group|cdev)
  create_mdev mbochs mbochs-small $MBOCHS_PROBE_UUID
  mkfifo /tmp/ctl-probe
  $GUESTPLAY mbochs-hold $MBOCHS_PROBE_UUID /tmp/hold-probe.sock /tmp/ctl-probe $2 > /tmp/guestplay-probe.log 2>&1 &
  wait_for /tmp/guestplay-probe.log 30 "holding" || fail "guestplay (probe) did not start"
  timeout 20 sh -c "echo 'mode 1024 768 6' > /tmp/ctl-probe" || fail "guestplay (probe) did not take the mode"
  wait_for /tmp/guestplay-probe.log 30 "done mode 1024" || fail "mode 1024 not set"
  probe vfio-fd:unix:/tmp/hold-probe.sock "$1"
  expect_probe '"plane_types":\["dmabuf"\]' '"width":1024,"height":768' "\"readback\":\"$1\""
  timeout 20 sh -c "echo quit > /tmp/ctl-probe"
}

# Dma-buf planes (mbochs) through a holder that passes the device fd and keeps drawing.
scenario_mbochs() { # READBACK ACCESS(group|cdev)
  create_mdev mbochs mbochs-small $MBOCHS_UUID
  mkfifo /tmp/ctl
  $GUESTPLAY mbochs-hold $MBOCHS_UUID /tmp/hold.sock /tmp/ctl $2 > /tmp/guestplay.log 2>&1 &
  wait_for /tmp/guestplay.log 30 "holding" || fail "guestplay did not start"
  ctl "mode 640 480 1"
  wait_for /tmp/guestplay.log 30 "done mode 640" || fail "mode 640 not set"
  probe_mbochs "$1" "$2"
  # Under TCG Mesa's first import (llvmpipe compiling its shaders) takes longer than the default 5 s
  # hang limit; a source that counts as hung is reopened, which compiles again, so give EGL room.
  extra=""
  [ "$1" = egl ] && extra="--source-timeout 120"
  serve /tmp/serve.log --source vfio-fd:unix:/tmp/hold.sock --readback "$1" $extra
  viewer 120 640x480:1 640x480:3 1024x768:2 nosignal 1024x768:4
  step 1 120
  ctl "draw 3"
  step 2 60
  ctl "mode 1024 768 2"
  step 3 60
  ctl "disable"
  step 4 60
  ctl "draw 4"
  ctl "enable"
  viewer_done
  grep "readback:" /tmp/serve.log
  grep -q "readback: $1" /tmp/serve.log || fail "server did not use $1 readback"
  stop_serve
  ctl quit
  grep -q "holding .*($2 path)" /tmp/guestplay.log || fail "holder did not use the $2 path"
  echo "mbochs $1 via $2 ok"
}

# Removing the mdev while the server holds it: the server releases it and says so.
scenario_remove() {
  create_mdev mdpy mdpy-vga $MDPY_UUID
  $GUESTPLAY mdpy-fill $MDPY_UUID 5 || fail "guestplay mdpy-fill"
  serve /tmp/serve.log --source vfio:$MDPY_UUID
  viewer 120 640x480:5
  viewer_done
  echo 1 > /sys/bus/mdev/devices/$MDPY_UUID/remove &
  RM_PID=$!
  wait_for /tmp/serve.log 60 "was removed" || fail "server did not notice the removal"
  wait $RM_PID || fail "mdev removal did not complete"
  [ ! -e /sys/bus/mdev/devices/$MDPY_UUID ] || fail "mdev still present"
  kill -0 $SERVE_PID || fail "server died"
  grep "was removed" /tmp/serve.log
  stop_serve
  echo "remove ok"
}

case "$SCENARIO" in
  mdpy-cdev) scenario_mdpy "" "cdev" ;;
  mdpy-group) scenario_mdpy ":group" "group" ;;
  mbochs-mmap-group) scenario_mbochs mmap group ;;
  mbochs-mmap-cdev) scenario_mbochs mmap cdev ;;
  mbochs-egl-group) scenario_mbochs egl group ;;
  mbochs-egl-cdev) scenario_mbochs egl cdev ;;
  remove) scenario_remove ;;
  *) fail "unknown scenario $SCENARIO" ;;
esac
echo "SCENARIO PASSED: $SCENARIO"
