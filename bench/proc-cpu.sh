# CPU readings from /proc for the benchmarks, sourced by bench/e2e.sh and bench/fanout.sh.
#   cpu PID    user + system CPU seconds of the process so far
#   jit PID    the same for its JIT compiler threads only, so a window that still compiles shows up
cpu() { awk '{ s = $0; sub(/.*\) /, "", s); split(s, f, " "); print (f[12] + f[13]) / 100 }' "/proc/$1/stat"; }
#   cpu_by_role PID  CPU seconds so far of its live threads by role: "refresh send read jit other"
#              (by the names the server gives its threads, of which the kernel keeps 15 characters)
#              A thread can end between the listing and the read: cat skips it (awk would stop there).
cpu_by_role() { { cat /proc/"$1"/task/*/stat 2>/dev/null || true; } | awk '{ name = $0; sub(/^[^(]*\(/, "", name); sub(/\) .*/, "", name)
                       x = $0; sub(/.*\) /, "", x); split(x, f, " "); r = "other"
                       if (name ~ /^refresh-/) r = "refresh"; else if (name ~ /^rfb-send-/) r = "send"
                       else if (name ~ /^rfb-[0-9[]/) r = "read"; else if (name ~ /^C[12] CompilerThre/) r = "jit"
                       s[r] += (f[12] + f[13]) / 100 }
                     END { printf "%.2f %.2f %.2f %.2f %.2f\n", s["refresh"], s["send"], s["read"], s["jit"], s["other"] }'; }
jit() { cpu_by_role "$1" | cut -d' ' -f4; }
