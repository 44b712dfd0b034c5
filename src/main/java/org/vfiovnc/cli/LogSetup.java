package org.vfiovnc.cli;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.logging.ConsoleHandler;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * One line per event on stderr: time, level, logger, message (and a stack trace when there is one);
 * or, with {@code VFIOVNC_LOG_FORMAT=json}, one JSON object per line for log collectors (journald,
 * Loki, Elasticsearch). {@code VFIOVNC_LOG=FINE} (any JUL level) sets the level.
 */
final class LogSetup {
    private static volatile boolean installed;

    private LogSetup() {}

    static synchronized void install() {
        if (installed || System.getProperty("java.util.logging.config.file") != null) {
            return;
        }
        installed = true;
        Logger root = Logger.getLogger("");
        for (Handler h : root.getHandlers()) {
            root.removeHandler(h);
        }
        ConsoleHandler h = new ConsoleHandler();
        h.setFormatter("json".equalsIgnoreCase(System.getenv("VFIOVNC_LOG_FORMAT")) ? new JsonLines() : new OneLine());
        h.setLevel(Level.ALL);
        root.addHandler(h);
        String level = System.getenv("VFIOVNC_LOG");
        root.setLevel(level != null ? Level.parse(level.toUpperCase()) : Level.INFO);
    }

    static final class OneLine extends Formatter {
        private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
                .withZone(ZoneOffset.UTC);

        @Override
        public String format(LogRecord r) {
            String name = r.getLoggerName() == null ? "" : r.getLoggerName();
            name = name.substring(name.lastIndexOf('.') + 1);
            StringBuilder sb = new StringBuilder()
                    .append(TIME.format(Instant.ofEpochMilli(r.getMillis()))).append(' ')
                    .append(r.getLevel().getName()).append(' ')
                    .append(name).append(": ")
                    .append(formatMessage(r)).append(System.lineSeparator());
            if (r.getThrown() != null) {
                java.io.StringWriter sw = new java.io.StringWriter();
                r.getThrown().printStackTrace(new java.io.PrintWriter(sw));
                sb.append(sw);
            }
            return sb.toString();
        }
    }
}
