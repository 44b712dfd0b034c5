package org.vfiovnc.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
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
