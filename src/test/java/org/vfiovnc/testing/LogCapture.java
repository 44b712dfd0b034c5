package org.vfiovnc.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/** Collects log records of the whole process while open, to assert what the server logged. */
public final class LogCapture extends Handler implements AutoCloseable {
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final Logger root = Logger.getLogger("");

    public LogCapture() {
        root.addHandler(this);
    }

    /** Also captures FINE messages of {@code source}'s logger (e.g. what a session negotiated). */
    public static LogCapture of(Class<?> source) {
        Logger l = Logger.getLogger(source.getName());
        if (l.getLevel() == null || l.getLevel().intValue() > Level.FINE.intValue()) {
            l.setLevel(Level.FINE);
        }
        LogCapture c = new LogCapture();
        c.setLevel(Level.ALL);
        return c;
    }

    /** Whether some line so far contains {@code text}. */
    public boolean contains(String text) {
        return lines.stream().anyMatch(l -> l.contains(text));
    }

    /** The lines so far (for failure messages). */
    public List<String> messages() {
        return lines();
    }

    @Override
    public void publish(LogRecord r) {
        String msg = r.getMessage();
        if (r.getParameters() != null && msg != null) {
            msg = java.text.MessageFormat.format(msg, r.getParameters());
        }
        lines.add(r.getLevel() + " " + msg + (r.getThrown() != null ? " " + r.getThrown() : ""));
    }

    public List<String> lines() {
        return List.copyOf(lines);
    }

    /** Waits up to {@code seconds} for a line containing {@code text}; returns it or null. */
    public String await(String text, long seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            for (String l : lines) {
                if (l.contains(text)) {
                    return l;
                }
            }
            Thread.sleep(20);
        }
        return null;
    }

    public String dump() {
        return lines.stream().collect(Collectors.joining("\n"));
    }

    @Override
    public void flush() {}

    @Override
    public void close() {
        root.removeHandler(this);
    }
}
