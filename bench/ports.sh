# Free loopback ports for the benchmarks' servers, sourced by bench/e2e.sh, bench/fanout.sh and bench/alone.sh.
#   free_ports N    prints N distinct free TCP ports on 127.0.0.1, space-separated
free_ports() { python3 - "$1" <<'PY'
import socket, sys
ss = [socket.socket() for _ in range(int(sys.argv[1]))]
for s in ss:
    s.bind(("127.0.0.1", 0))
print(" ".join(str(s.getsockname()[1]) for s in ss))
PY
}
