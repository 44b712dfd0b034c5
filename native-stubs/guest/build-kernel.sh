#!/bin/bash
# Builds the QEMU test-guest kernel (bzImage) from Debian's linux-source-6.12:
# tinyconfig + kernel.config, plus one source tweak (mbochs exports its dma-bufs O_RDWR so that
# userspace can mmap them; stock mbochs leaves the file read-only and mmap fails with EINVAL).
# The image is cached at $VFIO_VNC_CACHE/kernel-<hash>/bzImage, the hash covering the fragment, this
# script and the source tarball name; a present image is reused. Prints the image path on stdout.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
cache=${VFIO_VNC_CACHE:-/var/cache/vfio-vnc}
tarball=/usr/src/linux-source-6.12.tar.xz
fragment=$here/kernel.config
jobs=${KERNEL_JOBS:-$(nproc)}

hash=$( (cat "$fragment" "$0"; echo "$tarball") | sha256sum | cut -c1-16)
out=$cache/kernel-$hash
if [ -s "$out/bzImage" ]; then echo "$out/bzImage"; exit 0; fi

log() { echo "build-kernel: $*" >&2; }
mkdir -p "$cache"
exec 9>"$cache/kernel-build.lock"
flock 9   # one build at a time (CI setup and tests may both ask)
if [ -s "$out/bzImage" ]; then echo "$out/bzImage"; exit 0; fi

if [ ! -r "$tarball" ]; then
  log "installing kernel source and build tools"
  apt-get install -y -o DPkg::Lock::Timeout=600 --no-install-recommends \
    linux-source-6.12 build-essential bc bison flex libelf-dev libssl-dev cpio >&2
fi

# The source tree and object dir are kept so a fragment change rebuilds incrementally.
src=$cache/linux-source-6.12
obj=$cache/linux-obj-6.12
if [ ! -f "$src/Makefile" ]; then
  log "unpacking $tarball"
  tar -C "$cache" -xJf "$tarball"
fi

mbochs=$src/samples/vfio-mdev/mbochs.c
if ! grep -q 'exp_info.flags = O_RDWR;' "$mbochs"; then
  log "patching mbochs: dma-bufs exported O_RDWR"
  sed -i 's/^\(\t*\)exp_info\.priv = dmabuf;$/&\n\1exp_info.flags = O_RDWR;/' "$mbochs"
  grep -q 'exp_info.flags = O_RDWR;' "$mbochs" || { log "mbochs patch did not apply"; exit 1; }
fi

mkdir -p "$obj"
make -s -C "$src" O="$obj" ARCH=x86_64 tinyconfig >&2
"$src/scripts/kconfig/merge_config.sh" -m -O "$obj" "$obj/.config" "$fragment" >&2
make -s -C "$src" O="$obj" ARCH=x86_64 olddefconfig >&2

# Every symbol the fragment asks for must have survived olddefconfig (a missing dependency drops it silently).
missing=0
while IFS= read -r line; do
  case "$line" in CONFIG_*=* | "# CONFIG_"*" is not set") ;; *) continue ;; esac
  if ! grep -qx "$line" "$obj/.config"; then log "config lost: $line"; missing=1; fi
done < "$fragment"
[ "$missing" = 0 ] || { log "fix kernel.config: symbols above did not survive olddefconfig"; exit 1; }

log "building bzImage with -j$jobs (10-30 min on 2 cores)"
make -s -C "$src" O="$obj" ARCH=x86_64 -j"$jobs" bzImage >&2
mkdir -p "$out.tmp"
cp "$obj/arch/x86/boot/bzImage" "$out.tmp/bzImage"
cp "$obj/.config" "$out.tmp/config"
rm -rf "$out"; mv "$out.tmp" "$out"
log "kernel ready: $out/bzImage"
echo "$out/bzImage"
