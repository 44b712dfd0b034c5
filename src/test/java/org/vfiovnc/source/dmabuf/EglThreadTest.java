package org.vfiovnc.source.dmabuf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class EglThreadTest {
    private final EglThread egl = new EglThread("egl-test");

    @AfterEach
    void stop() {
        egl.shutdownNow();
    }

    /** An interrupted caller (a server shutting down) must still wait until EGL is done with the buffer. */
    @Test
    void anInterruptedCallerReturnsOnlyAfterTheTaskEnded() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean taskEnded = new AtomicBoolean();
        AtomicBoolean endedWhenCallReturned = new AtomicBoolean();
        AtomicBoolean interruptKept = new AtomicBoolean();
        AtomicReference<Object> result = new AtomicReference<>();
        Thread caller = new Thread(() -> {
            try {
                result.set(egl.call(() -> {
                    started.countDown();
                    release.await();
                    taskEnded.set(true);
                    return "imported";
                }));
            } catch (Throwable t) {
                result.set(t);
            }
            endedWhenCallReturned.set(taskEnded.get());
            interruptKept.set(Thread.currentThread().isInterrupted());
        });
        caller.start();
        assertTrue(started.await(10, TimeUnit.SECONDS));
        caller.interrupt();
        caller.join(300); // a caller that gives up on interrupt has returned by now
        assertTrue(caller.isAlive(), "call() returned while the EGL task was still running: " + result.get());
        release.countDown();
        caller.join(10_000);
        assertFalse(caller.isAlive());
        assertEquals("imported", result.get());
        assertTrue(endedWhenCallReturned.get());
        assertTrue(interruptKept.get(), "the interrupt must be kept for the caller");
    }

    @Test
    void theTasksIoExceptionReachesTheCallerAsIs() {
        IOException thrown = new IOException("import refused");
        IOException seen = assertThrows(IOException.class, () -> egl.call(() -> {
            throw thrown;
        }));
        assertSame(thrown, seen);
    }

    @Test
    void runtimeExceptionsAndCheckedOnesAreRethrownDistinctly() {
        IllegalStateException ise = new IllegalStateException("bad state");
        assertSame(ise, assertThrows(IllegalStateException.class, () -> egl.call(() -> {
            throw ise;
        })));
        Exception other = new Exception("other");
        IOException wrapped = assertThrows(IOException.class, () -> egl.call(() -> {
            throw other;
        }));
        assertSame(other, wrapped.getCause());
    }

    @Test
    void tasksRunOneAtATimeOnTheNamedThread() throws Exception {
        assertEquals("egl-test", egl.call(() -> Thread.currentThread().getName()));
    }
}
