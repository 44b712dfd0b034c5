package org.vfiovnc.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/** Collects every log record of the project's loggers while open, for assertions on what was logged. */
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

    @Override
    public void flush() {}

    @Override
    public void close() {
        logger.removeHandler(this);
        logger.setLevel(oldLevel);
    }
}
