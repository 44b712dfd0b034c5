package org.vfiovnc.transport;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/** A HOST:PORT pair as given on the command line ("[::1]:5900", "0.0.0.0:5901", ":5900"). */
public record ListenAddress(String host, int port) {

    public static ListenAddress parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("empty listen address; expected HOST:PORT");
        }
        String host;
        String port;
        if (text.startsWith("[")) {
            int close = text.indexOf(']');
            if (close < 0 || close + 1 >= text.length() || text.charAt(close + 1) != ':') {
                throw new IllegalArgumentException("bad listen address '" + text + "'; expected [IPV6]:PORT");
            }
            host = text.substring(1, close);
            port = text.substring(close + 2);
        } else {
            int colon = text.lastIndexOf(':');
            if (colon < 0) {
                throw new IllegalArgumentException("bad listen address '" + text + "'; expected HOST:PORT");
            }
            host = text.substring(0, colon);
            port = text.substring(colon + 1);
            if (host.contains(":")) {
                throw new IllegalArgumentException("bad listen address '" + text + "'; write IPv6 hosts as [ADDR]:PORT");
            }
        }
        if (host.isEmpty()) {
            host = "127.0.0.1";
        }
        int p;
        try {
            p = Integer.parseInt(port);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad port '" + port + "' in listen address '" + text + "'");
        }
        if (p < 0 || p > 65535) {
            throw new IllegalArgumentException("port " + p + " out of range 0-65535");
        }
        return new ListenAddress(host, p);
    }

    public InetSocketAddress resolve() throws UnknownHostException {
        return new InetSocketAddress(InetAddress.getByName(host), port);
    }

    /** True when only this machine can connect (loopback addresses). */
    public boolean isLoopback() throws UnknownHostException {
        return InetAddress.getByName(host).isLoopbackAddress();
    }

    @Override
    public String toString() {
        return host.contains(":") ? "[" + host + "]:" + port : host + ":" + port;
    }
}
