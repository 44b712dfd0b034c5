#!/usr/bin/env bash
# Docker smoke test: builds the image with Debian's docker engine (own dockerd in a work folder, no
# registry: the base image is a debootstrap rootfs), runs it on the paused demo source, waits for
# the HEALTHCHECK and captures the screen with a real viewer (gvnccapture). Writes OUT/viewer.png
# and OUT/expected.png (a snapshot of the same demo taken by the image itself); the JUnit test
# DockerSmokeTest compares them. See /work/shared/notes/docker.md for why each step is so.
# Usage: .ci/docker-smoke.sh OUTDIR
set -euo pipefail
OUT=$(realpath "${1:?usage: docker-smoke.sh OUTDIR}")
cd "$(dirname "$0")/.."
need() { command -v "$1" >/dev/null || { echo "docker-smoke: $1 missing; install Debian package $2" >&2; exit 3; }; }
need dockerd docker.io
need debootstrap debootstrap
need gvnccapture gvncviewer
[ -x /usr/bin/docker ] || { echo "docker-smoke: /usr/bin/docker (docker.io client) missing" >&2; exit 3; }
DOCKER=/usr/bin/docker   # the 20.10 client: BuildKit works without buildx

CACHE=/var/cache/vfio-vnc
W=$(mktemp -d /var/tmp/vfio-vnc-docker.XXXXXX)
mkdir -p "$CACHE" "$OUT"
export DOCKER_HOST="unix://$W/docker.sock"
DPID=""
CONTAINER="vfio-vnc-smoke-$$"
cleanup() {
    set +e
    if [ -n "$DPID" ]; then
        $DOCKER rm -f "$CONTAINER" >/dev/null 2>&1
        kill "$DPID" 2>/dev/null
        for _ in $(seq 100); do kill -0 "$DPID" 2>/dev/null || break; sleep 0.1; done
    fi
    grep " $W/" /proc/mounts | awk '{print $2}' | sort -r | xargs -r -n1 umount -l 2>/dev/null
    rm -rf "$W"
}
trap cleanup EXIT
# Waits for the container's HEALTHCHECK (the RFB greeting on $VNC_PORT); its log on failure.
await_healthy() {
    local health=""
    for _ in $(seq 60); do
        health=$($DOCKER inspect -f '{{.State.Health.Status}}' "$CONTAINER" 2>/dev/null || echo gone)
        [ "$health" = healthy ] && return 0
        [ "$health" = gone ] || [ "$health" = unhealthy ] && break
        sleep 1
    done
    echo "docker-smoke: container health is '$health'" >&2
    $DOCKER logs "$CONTAINER" 2>&1 | tail -20 >&2
    exit 1
}

echo "docker-smoke: starting dockerd in $W"
dockerd --data-root "$W/data" --exec-root "$W/exec" --pidfile "$W/dockerd.pid" -H "$DOCKER_HOST" \
    --storage-driver overlay2 --iptables=false --ip-masq=false --bridge=none >"$W/dockerd.log" 2>&1 &
DPID=$!
for _ in $(seq 150); do $DOCKER version >/dev/null 2>&1 && break; sleep 0.2; done
$DOCKER version >/dev/null || { tail -20 "$W/dockerd.log"; exit 1; }

# Base image: a debootstrap minbase rootfs, cached outside the clone per mirror and ISO week.
MIRROR=$(awk '/^URIs:/ {print $2; exit}' /etc/apt/sources.list.d/debian.sources 2>/dev/null || true)
MIRROR=${MIRROR:-http://deb.debian.org/debian}
KEY="$(date +%G-W%V) $MIRROR"
BASE="$CACHE/debian-bookworm-base.tar"
if [ ! -s "$BASE" ] || [ "$(cat "$BASE.key" 2>/dev/null)" != "$KEY" ]; then
    echo "docker-smoke: debootstrap bookworm from $MIRROR (cache key '$KEY')"
    debootstrap --variant=minbase bookworm "$W/rootfs" "$MIRROR" >"$W/debootstrap.log" 2>&1 \
        || { tail -20 "$W/debootstrap.log"; exit 1; }
    tar --numeric-owner -C "$W/rootfs" -cf "$BASE.tmp" .
    mv "$BASE.tmp" "$BASE"
    echo "$KEY" >"$BASE.key"
    rm -rf "$W/rootfs"
fi
# This machine's proxy CA (if any) goes into the imported rootfs at run time only: never cached,
# never committed, never pushed.
cp "$BASE" "$W/base.tar"
if compgen -G "/usr/local/share/ca-certificates/*.crt" >/dev/null; then
    tar --numeric-owner -C / -rf "$W/base.tar" ./usr/local/share/ca-certificates
fi
$DOCKER import "$W/base.tar" debian:bookworm-slim >/dev/null
rm -f "$W/base.tar"

echo "docker-smoke: building the image"
start=$(date +%s)
DOCKER_BUILDKIT=1 $DOCKER build --network=host --progress=plain -t vfio-vnc:smoke . >"$W/build.log" 2>&1 \
    || { tail -40 "$W/build.log"; exit 1; }
echo "docker-smoke: built in $(( $(date +%s) - start )) s"

PORT=$(( 20000 + RANDOM % 20000 ))
$DOCKER run -d --network=host --name "$CONTAINER" -e VNC_PORT=$PORT vfio-vnc:smoke \
    serve --source demo:640x480:paused --listen 127.0.0.1:$PORT >/dev/null
await_healthy
echo "docker-smoke: container healthy; capturing with gvnccapture"
timeout 60 gvnccapture -d "127.0.0.1:$(( PORT - 5900 ))" "$OUT/viewer.png" >"$W/gvnccapture.log" 2>&1 \
    || { tail -20 "$W/gvnccapture.log"; exit 1; }
chmod 0777 "$OUT"
$DOCKER run --rm --network=none -v "$OUT:/out" vfio-vnc:smoke snapshot --source demo:640x480:paused /out/expected.png
$DOCKER logs "$CONTAINER" >"$OUT/container.log" 2>&1
$DOCKER rm -f "$CONTAINER" >/dev/null
$DOCKER run --rm --network=none vfio-vnc:smoke probe >"$OUT/probe.txt" 2>&1 || { cat "$OUT/probe.txt"; exit 1; }

# host mode: two displays from a mounted configuration, each on its own port, browsers on a shared
# one; the health check watches display a's port (the shared port serves browsers, no RFB greeting).
P_A=$(( PORT + 1 )); P_B=$(( PORT + 2 )); P_WEB=$(( PORT + 3 ))
mkdir -p "$W/conf"
cat >"$W/conf/host.yaml" <<YAML
listen: 127.0.0.1:$P_WEB
displays:
  a:
    source: demo:640x480:paused
    listen: 127.0.0.1:$P_A
  b:
    source: demo:320x240:paused
    listen: 127.0.0.1:$P_B
YAML
chmod -R a+rX "$W/conf"
$DOCKER run -d --network=host --name "$CONTAINER" -e VNC_PORT=$P_A -v "$W/conf:/etc/vfio-vnc:ro" vfio-vnc:smoke \
    host --config /etc/vfio-vnc/host.yaml >/dev/null
await_healthy
echo "docker-smoke: host container healthy; capturing both displays"
for d in a b; do
    port=$P_A; [ $d = b ] && port=$P_B
    timeout 60 gvnccapture -d "127.0.0.1:$(( port - 5900 ))" "$OUT/host-$d.png" >"$W/gvnccapture.log" 2>&1 \
        || { tail -20 "$W/gvnccapture.log"; exit 1; }
done
page=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$P_WEB/vm/b/")
[ "$page" = 200 ] || { echo "docker-smoke: the shared port answered /vm/b/ with $page" >&2; exit 1; }
$DOCKER run --rm --network=none -v "$OUT:/out" vfio-vnc:smoke snapshot --source demo:320x240:paused /out/expected-b.png
$DOCKER logs "$CONTAINER" >"$OUT/host.log" 2>&1
echo "docker-smoke: ok"
