package org.vfiovnc.transport.http;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * A web origin, {@code scheme://host:port}, normalised: lower case, the default port made explicit,
 * IPv6 hosts in brackets. Read from an {@code Origin} header, an {@code --allow-origin} entry or a
 * {@code Host} header (which names host and port; the scheme is the connection's). The parsers
 * accept only what browsers send and return null for anything else: a header an attacker wrote is
 * never half-understood.
 */
public record WebOrigin(String scheme, String host, int port) {

    /** {@code http://host[:port]} or {@code https://host[:port]}; null when malformed (also "null", paths, users). */
    public static WebOrigin parse(String text) {
        if (text == null) {
            return null;
        }
        String t = text.trim().toLowerCase(Locale.ROOT);
        String scheme;
        if (t.startsWith("http://")) {
            scheme = "http";
        } else if (t.startsWith("https://")) {
            scheme = "https";
        } else {
            return null;
        }
        return ofHost(scheme, t.substring(scheme.length() + 3));
    }

    /** A {@code Host} header's {@code host[:port]} reached over {@code scheme}; null when malformed. */
    public static WebOrigin ofHost(String scheme, String hostAndPort) {
        if (hostAndPort == null || hostAndPort.isEmpty() || hostAndPort.length() > 260) {
            return null;
        }
        String h = hostAndPort.toLowerCase(Locale.ROOT);
        String host;
        String rest;
        if (h.startsWith("[")) {
            int close = h.indexOf(']');
            if (close < 0 || !h.substring(1, close).matches("[0-9a-f.]*:[0-9a-f:.]*")) {
                return null;
            }
            host = h.substring(0, close + 1);
            rest = h.substring(close + 1);
        } else {
            int colon = h.indexOf(':');
            host = colon < 0 ? h : h.substring(0, colon);
            rest = colon < 0 ? "" : h.substring(colon);
            if (!host.matches("[a-z0-9_-]+(\\.[a-z0-9_-]+)*\\.?")) {
                return null;
            }
        }
        int port = scheme.equals("https") ? 443 : 80;
        if (!rest.isEmpty()) {
            if (!rest.matches(":[0-9]{1,5}")) {
                return null;
            }
            port = Integer.parseInt(rest.substring(1));
            if (port < 1 || port > 65535) {
                return null;
            }
        }
        return new WebOrigin(scheme, host, port);
    }

    /**
     * Whether the host is a loopback name: localhost (and *.localhost, which browsers resolve to
     * loopback themselves), 127.0.0.0/8 or ::1. Decided from the text alone, never by a DNS lookup.
     */
    public boolean isLoopbackName() {
        if (host.equals("localhost") || host.endsWith(".localhost") || host.equals("localhost.")) {
            return true;
        }
        if (host.startsWith("[")) {
            try {
                return InetAddress.getByName(host.substring(1, host.length() - 1)).isLoopbackAddress();
            } catch (UnknownHostException e) {
                return false; // not an address (it has a colon, so the JDK parses it and never looks it up)
            }
        }
        String[] quad = host.split("\\.", -1);
        if (quad.length != 4) {
            return false;
        }
        for (String q : quad) {
            if (!q.matches("[0-9]{1,3}") || Integer.parseInt(q) > 255) {
                return false;
            }
        }
        return quad[0].equals("127");
    }

    /** Same host and port; the scheme may differ, since one port serves both http and https. */
    public boolean sameHostAndPort(WebOrigin other) {
        return host.equals(other.host) && port == other.port;
    }

    @Override
    public String toString() {
        return scheme + "://" + host + ":" + port;
    }
}
