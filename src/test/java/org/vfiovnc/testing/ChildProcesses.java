package org.vfiovnc.testing;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Starting and stopping the external programs a test runs (QEMU, Xvfb, viewers, scripts) so that
 * none outlives its test: {@link #stop} still waits and kills when the test thread was interrupted
 * (a JUnit timeout interrupts it, and the helpers' close methods run right after), and whatever
 * is left when the test JVM exits (a fork killed by surefire's last-resort timeout) is killed then.
 */
public final class ChildProcesses {
    static {
        Runtime.getRuntime().addShutdownHook(new Thread(
                () -> ProcessHandle.current().descendants().forEach(ProcessHandle::destroyForcibly), "kill-test-children"));
    }

    private ChildProcesses() {}

    public static Process start(ProcessBuilder pb) throws IOException {
        return pb.start();
    }

    /** Stops {@code p} (SIGTERM, then SIGKILL after 5 s), and anything it started that is still running. */
    public static void stop(Process p) {
        end(p, 0, 5);
    }

    /**
     * Stops {@code p}: SIGTERM so that it can clean up (a script's EXIT trap), SIGKILL after
     * {@code graceSeconds}, then SIGKILL for what it started that is still running. Waits even when
     * the thread is interrupted, and keeps the interrupt for the caller.
     */
    public static void stop(Process p, long graceSeconds) {
        end(p, 0, graceSeconds);
    }

    /** For a process that was asked to quit: gives it {@code seconds} to exit by itself, then stops it. */
    public static void awaitOrStop(Process p, long seconds) {
        end(p, seconds, 5);
    }

    private static void end(Process p, long ownExitSeconds, long graceSeconds) {
        // Taken first: once p is gone, its children belong to init and are no longer its descendants.
        List<ProcessHandle> children = p.descendants().toList();
        boolean interrupted = !awaitExit(p.toHandle(), ownExitSeconds);
        if (p.isAlive()) {
            p.destroy();
            interrupted |= !awaitExit(p.toHandle(), graceSeconds);
        }
        if (p.isAlive()) {
            p.destroyForcibly();
            interrupted |= !awaitExit(p.toHandle(), 5);
        }
        for (ProcessHandle child : children) {
            if (child.isAlive()) {
                child.destroyForcibly();
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Waits up to {@code seconds} for the process to end, through interrupts; false when one came. */
    private static boolean awaitExit(ProcessHandle h, long seconds) {
        boolean interrupted = Thread.interrupted();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (h.isAlive() && System.nanoTime() < deadline) {
            try {
                h.onExit().get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                interrupted = true;
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                break;
            }
        }
        return !interrupted;
    }
}
