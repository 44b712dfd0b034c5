#!/usr/bin/env bash
# Builds the VFIO test-guest kernel, or reuses the one cached under /var/cache/vfio-vnc (keyed by a
# hash of native-stubs/guest/kernel.config and build-kernel.sh). A fresh build takes 15-30 min on 2 cores.
set -euo pipefail
cd "$(dirname "$0")/../.."
bash native-stubs/guest/build-kernel.sh
