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
        Runtime.getRuntime().addShutdownHook(new Thread(ChildProcesses::endAllLeft, "end-test-children"));
    }

    private ChildProcesses() {}

    /** Starts {@code pb}'s program; starting through here registers the exit hook before any child exists. */
    public static Process start(ProcessBuilder pb) throws IOException {
        return pb.start();
    }

    /** At JVM exit: SIGTERM to every process still below this JVM (scripts clean up), SIGKILL after 5 s. */
    private static void endAllLeft() {
        List<ProcessHandle> left = ProcessHandle.current().descendants().toList();
        left.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        for (ProcessHandle h : left) {
            awaitExit(h, Math.max(0, TimeUnit.NANOSECONDS.toSeconds(deadline - System.nanoTime())));
        }
        left.forEach(ProcessHandle::destroyForcibly);
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
