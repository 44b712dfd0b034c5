package org.vfiovnc.source.dmabuf;

import java.io.IOException;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * The one thread an EGL context is current on; every EGL and GL call of a reader runs here.
 *
 * <p>{@link #call} waits for the task to end even when the caller is interrupted (as a shutting
 * down server may do). Returning early would tell the caller the buffer is
 * no longer in use while EGL still imports or reads it, and the caller may then close the source
 * and export the same dma-buf again: some exporters (the kernel's mbochs sample) hand out a second
 * fd without taking a reference, so two live exports of one buffer corrupt kernel memory. The
 * interrupt is kept for the caller to see afterwards.
 */
final class EglThread {
    private final ExecutorService executor;

    EglThread(String name) {
        executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
    }

    /** Runs {@code task} on the EGL thread and waits for its end, rethrowing its IOException as is. */
    <T> T call(Callable<T> task) throws IOException {
        Future<T> f = executor.submit(task);
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return f.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    throw unwrap(e.getCause());
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static IOException unwrap(Throwable cause) {
        if (cause instanceof IOException io) {
            return io;
        }
        if (cause instanceof RuntimeException re) {
            throw re;
        }
        if (cause instanceof Error err) {
            throw err;
        }
        return new IOException(cause);
    }

    /** Lets queued tasks finish, then ends the thread (waits up to {@code waitMs}). */
    void shutdown(long waitMs) {
        executor.shutdown();
        try {
            executor.awaitTermination(waitMs, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Ends the thread without waiting (a failed setup). */
    void shutdownNow() {
        executor.shutdownNow();
    }
}
