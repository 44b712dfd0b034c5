#!/usr/bin/env bash
# Installs the browser client's npm packages (noVNC 1.7 ES modules, and playwright-core for the
# browser tests) into web/node_modules from web/package-lock.json. Never committed. The npm cache is
# kept under /var/cache/vfio-vnc so later runs install offline-fast.
set -euo pipefail
cd "$(dirname "$0")/../../web"
export npm_config_cache=/var/cache/vfio-vnc/npm
mkdir -p "$npm_config_cache"
npm ci --no-audit --no-fund --prefer-offline
test -f node_modules/@novnc/novnc/core/rfb.js
test -d node_modules/playwright-core
