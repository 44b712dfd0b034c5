#!/bin/sh
# PID 1 of the QEMU test guest (kernel from build-kernel.sh, root = host / over 9p, read-only).
# Mounts what a JVM and VFIO need, mounts the writable results share, runs $RESULTS/run.sh (written
# by the host test) with output to $RESULTS/log, records its exit code in $RESULTS/rc, powers off.
PATH=/usr/sbin:/usr/bin:/sbin:/bin
export PATH
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev 2>/dev/null
# The guest needs a writable /tmp, but the host's /tmp may hold the checkout this init runs from (a CI
# clone and its build output): keep the host's /tmp visible under /run/hosttmp and link that checkout's
# top directory into the new /tmp (only it: other host names must not shadow the guest's own files).
mount -t tmpfs tmpfs /run 2>/dev/null
mkdir -p /run/hosttmp
mount -o bind /tmp /run/hosttmp
mount -t tmpfs tmpfs /tmp
mkdir -p /tmp/results /dev/pts /dev/shm
mount -t tmpfs tmpfs /dev/shm
mount -t 9p -o trans=virtio,version=9p2000.L,msize=512000 results /tmp/results
case "$0" in
  /tmp/*/*)
    top=${0#/tmp/}
    top=${top%%/*}
    [ -e "/tmp/$top" ] || ln -s "/run/hosttmp/$top" "/tmp/$top"
    ;;
esac
busybox ip link set lo up 2>/dev/null || busybox ifconfig lo 127.0.0.1 up
RESULTS=/tmp/results
export RESULTS HOME=/tmp
if [ -r $RESULTS/run.sh ]; then
  sh $RESULTS/run.sh > $RESULTS/log 2>&1
  echo $? > $RESULTS/rc
else
  echo "no $RESULTS/run.sh" > $RESULTS/log
  echo 99 > $RESULTS/rc
fi
sync
busybox poweroff -f 2>/dev/null || echo o > /proc/sysrq-trigger
sleep 5
