package org.vfiovnc.transport.http;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One parsed HTTP/1.x request head (no body: the server only answers GET and HEAD).
 *
 * @param headers lower-case names; repeated headers joined with ", " as RFC 9110 allows
 */
public record HttpRequest(String method, String target, String version, Map<String, String> headers) {

    public HttpRequest {
        headers = Map.copyOf(headers);
    }

    /** The header's value, or null. */
    public String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }

    /** Whether a comma-separated header lists {@code token} (case-insensitive). */
    public boolean headerHasToken(String name, String token) {
        String v = header(name);
        if (v == null) {
            return false;
        }
        for (String part : v.split(",")) {
            if (part.trim().equalsIgnoreCase(token)) {
                return true;
            }
        }
        return false;
    }

    /** The comma-separated values of a header, trimmed; empty when absent. */
    public List<String> headerTokens(String name) {
        String v = header(name);
        if (v == null) {
            return List.of();
        }
        return List.of(v.split(",")).stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    /** The path part of the target, without query or fragment. */
    public String path() {
        int q = target.indexOf('?');
        int f = target.indexOf('#');
        int end = target.length();
        if (q >= 0) {
            end = q;
        }
        if (f >= 0 && f < end) {
            end = f;
        }
        return target.substring(0, end);
    }

    /** The same request for another path (no query): what a route hands the web directory. */
    public HttpRequest withPath(String path) {
        return new HttpRequest(method, path, version, headers);
    }

    /** A header value or path for a log line or a 403 body: short, one line, printable. */
    public static String printable(String v) {
        if (v == null) {
            return "(none)";
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < v.length() && i < 100; i++) {
            char c = v.charAt(i);
            sb.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        return (v.length() > 100 ? sb.append("...") : sb).toString();
    }
}
