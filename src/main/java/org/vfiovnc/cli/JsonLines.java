package org.vfiovnc.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.logging.Formatter;
import java.util.logging.LogRecord;

/**
 * Structured logs: one JSON object per line with the fields time (ISO-8601 UTC), level, logger,
 * thread id, message and, when present, error (the stack trace). Hand-written so that logging needs
 * no dependency; only strings are escaped, everything else is a number or a fixed word.
 */
final class JsonLines extends Formatter {

    @Override
    public String format(LogRecord r) {
        StringBuilder sb = new StringBuilder(160).append('{');
        field(sb, "time", Instant.ofEpochMilli(r.getMillis()).toString()).append(',');
        field(sb, "level", r.getLevel().getName()).append(',');
        field(sb, "logger", r.getLoggerName() == null ? "" : r.getLoggerName()).append(',');
        sb.append("\"thread\":").append(r.getLongThreadID()).append(',');
        field(sb, "message", formatMessage(r));
        if (r.getThrown() != null) {
            StringWriter sw = new StringWriter();
            r.getThrown().printStackTrace(new PrintWriter(sw));
            sb.append(',');
            field(sb, "error", sw.toString());
        }
        return sb.append('}').append('\n').toString();
    }

    private static StringBuilder field(StringBuilder sb, String name, String value) {
        sb.append('"').append(name).append("\":\"");
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"': sb.append("\\\""); break;
                case '\\': sb.append("\\\\"); break;
                case '\n': sb.append("\\n"); break;
                case '\r': sb.append("\\r"); break;
                case '\t': sb.append("\\t"); break;
                default:
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
            }
        }
        return sb.append('"');
    }
}
