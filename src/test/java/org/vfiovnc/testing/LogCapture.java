package org.vfiovnc.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** Collects the server's log messages of one logger, so a test can assert what the server negotiated. */
public final class LogCapture extends Handler implements AutoCloseable {
    private final Logger logger;
    private final List<String> messages = new ArrayList<>();

    private LogCapture(Logger logger) {
        this.logger = logger;
        setLevel(Level.ALL);
        logger.addHandler(this);
        if (logger.getLevel() == null || logger.getLevel().intValue() > Level.FINE.intValue()) {
            logger.setLevel(Level.FINE);
        }
    }

    public static LogCapture of(Class<?> source) {
        return new LogCapture(Logger.getLogger(source.getName()));
    }

    @Override
    public synchronized void publish(LogRecord r) {
        messages.add(r.getMessage());
    }

    public synchronized List<String> messages() {
        return new ArrayList<>(messages);
    }

    /** Whether some message contains {@code text}. */
    public synchronized boolean contains(String text) {
        return messages.stream().anyMatch(m -> m.contains(text));
    }

    @Override
    public void flush() {}

    @Override
    public void close() {
        logger.removeHandler(this);
    }
}
