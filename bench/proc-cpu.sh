# CPU readings from /proc for the benchmarks, sourced by bench/e2e.sh and bench/fanout.sh.
#   cpu PID    user + system CPU seconds of the process so far
#   jit PID    the same for its JIT compiler threads only, so a window that still compiles shows
cpu() { awk '{ s = $0; sub(/.*\) /, "", s); split(s, f, " "); print (f[12] + f[13]) / 100 }' "/proc/$1/stat"; }
jit() { local t s=0; for t in /proc/$1/task/*; do
          case "$(cat "$t/comm" 2>/dev/null)" in C1\ CompilerThre*|C2\ CompilerThre*)
            s=$(awk -v s="$s" '{ x = $0; sub(/.*\) /, "", x); split(x, f, " "); print s + (f[12] + f[13]) / 100 }' "$t/stat" 2>/dev/null || echo "$s");;
          esac; done; echo "$s"; }
