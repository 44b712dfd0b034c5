package org.vfiovnc.testing;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

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

    /** Set at JVM exit: test threads still run then, and must not leave a new process behind. */
    private static volatile boolean exiting;

    private ChildProcesses() {}

    /** Starts {@code pb}'s program; starting through here registers the exit hook before any child exists. */
    public static Process start(ProcessBuilder pb) throws IOException {
        Process p = pb.start();
        if (exiting) {
            p.destroyForcibly();
            throw new IOException("the test JVM is exiting");
        }
        return p;
    }

    /** At JVM exit: SIGTERM to every process still below this JVM (scripts clean up), SIGKILL after 5 s. */
    private static void endAllLeft() {
        exiting = true;
        List<ProcessHandle> left = ProcessHandle.current().descendants().toList();
        left.forEach(ProcessHandle::destroy);
        try {
            CompletableFuture.allOf(left.stream().map(ProcessHandle::onExit).toArray(CompletableFuture[]::new))
                    .get(5, TimeUnit.SECONDS);
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            // the rest is killed below
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
        boolean interrupted = !awaitExit(p, ownExitSeconds);
        if (p.isAlive()) {
            p.destroy();
            interrupted |= !awaitExit(p, graceSeconds);
        }
        if (p.isAlive()) {
            p.destroyForcibly();
            interrupted |= !awaitExit(p, 5);
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

    /**
     * Waits up to {@code seconds} for {@code p} to end, through interrupts; false when one came. (The
     * Process itself, not its handle: Process.isAlive turns false only once its own reaper saw the exit.)
     */
    private static boolean awaitExit(Process p, long seconds) {
        boolean interrupted = Thread.interrupted();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (p.isAlive()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            try {
                p.waitFor(left, TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        return !interrupted;
    }
}
