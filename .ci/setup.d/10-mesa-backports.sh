#!/usr/bin/env bash
# Mesa 25 from bookworm-backports for the EGL dma-buf readback: bookworm's own Mesa 22.3 does not
# advertise EGL_EXT_image_dma_buf_import on llvmpipe, so its import fails with EGL_BAD_PARAMETER.
# Idempotent: adds the backports suite (same mirror as the main suite), installs, then checks the
# version that the EGL vendor library really has.
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive

list=/etc/apt/sources.list.d/bookworm-backports.sources
if ! grep -rqs 'bookworm-backports' /etc/apt/sources.list /etc/apt/sources.list.d/; then
    # Reuse the mirror of the main suite so CI talks to the host it already can reach.
    mirror=$(awk '/^URIs:/ && $2 !~ /security/ {print $2; exit}' /etc/apt/sources.list.d/debian.sources 2>/dev/null || true)
    if [ -z "$mirror" ] && [ -f /etc/apt/sources.list ]; then
        mirror=$(awk '$1 == "deb" && $3 == "bookworm" {print $2; exit}' /etc/apt/sources.list)
    fi
    mirror=${mirror:-http://deb.debian.org/debian}
    cat > "$list" <<SRC
Types: deb
URIs: $mirror
Suites: bookworm-backports
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SRC
    echo "mesa-backports: added bookworm-backports from $mirror"
fi
apt-get update -q -o DPkg::Lock::Timeout=600

# libegl1/libgles2 are the glvnd dispatchers (bookworm's are fine, backports has none newer);
# the Mesa vendor pieces and libdrm come from backports. Pulling libgl1-mesa-dri/libglx-mesa0 along
# keeps GLX (Xvfb, other tests) on the same Mesa as EGL instead of leaving a broken 22/25 mix.
apt-get install -y -q -o DPkg::Lock::Timeout=600 --no-install-recommends -t bookworm-backports \
    libegl-mesa0 libegl1 libgles2 mesa-libgallium libgbm1 libdrm2 libgl1-mesa-dri libglx-mesa0

version=$(dpkg-query -W -f='${Version}' libegl-mesa0)
major=${version%%.*}
if [ "${major:-0}" -lt 25 ]; then
    echo "mesa-backports: libegl-mesa0 is $version, need >= 25 (EGL_EXT_image_dma_buf_import on llvmpipe)" >&2
    exit 1
fi
echo "mesa-backports: libegl-mesa0 $version"
