package org.vfiovnc.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * Collects every log record of the project's loggers (all levels) while open, for assertions on
 * what the server logged.
 */
public final class LogCapture extends Handler implements AutoCloseable {
    private final Logger logger = Logger.getLogger("org.vfiovnc");
    private final Level oldLevel;
    private final List<LogRecord> records = new CopyOnWriteArrayList<>();

    public LogCapture() {
        oldLevel = logger.getLevel();
        logger.setLevel(Level.ALL);
        setLevel(Level.ALL);
        logger.addHandler(this);
    }

    /** A capture that certainly includes FINE messages of {@code source} (all project loggers are captured). */
    public static LogCapture of(Class<?> source) {
        return new LogCapture();
    }

    @Override
    public void publish(LogRecord r) {
        records.add(r);
    }

    public List<LogRecord> records() {
        return records;
    }

    /** Messages (with parameters filled in and any exception text) of records at INFO or above. */
    public List<String> messages() {
        return records.stream().filter(r -> r.getLevel().intValue() >= Level.INFO.intValue())
                .map(LogCapture::text).collect(Collectors.toList());
    }

    /** Every record as "LEVEL text". */
    public List<String> lines() {
        return records.stream().map(r -> r.getLevel() + " " + text(r)).collect(Collectors.toList());
    }

    /** Everything a record could print: message, parameters, exception and its causes. */
    public static String text(LogRecord r) {
        StringBuilder sb = new StringBuilder(new java.util.logging.SimpleFormatter().formatMessage(r));
        if (r.getParameters() != null) {
            for (Object p : r.getParameters()) {
                sb.append(' ').append(p);
            }
        }
        for (Throwable t = r.getThrown(); t != null; t = t.getCause()) {
            sb.append(' ').append(t);
        }
        return sb.toString();
    }

    public long count(String fragment) {
        return messages().stream().filter(m -> m.contains(fragment)).count();
    }

    /** Whether any record so far (any level) contains {@code text}. */
    public boolean contains(String text) {
        return lines().stream().anyMatch(l -> l.contains(text));
    }

    /** Waits up to {@code seconds} for a record containing {@code text}; returns its line or null. */
    public String await(String text, long seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            for (String l : lines()) {
                if (l.contains(text)) {
                    return l;
                }
            }
            Thread.sleep(20);
        }
        return null;
    }

    public String dump() {
        return String.join("\n", lines());
    }

    @Override
    public void flush() {}

    @Override
    public void close() {
        logger.removeHandler(this);
        logger.setLevel(oldLevel);
    }
}
