package org.vfiovnc.transport.tls;

import java.security.Security;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The JDK disables anonymous cipher suites process-wide ({@code jdk.tls.disabledAlgorithms} lists
 * "anon"). VeNCrypt's TLS subtypes (TigerVNC's TLSNone/TLSVnc/TLSPlain) are anonymous by design,
 * so {@link TlsServer}'s class initialiser removes the word from that property. Nothing else
 * changes: anonymous suites are never in the JDK's default enabled list, and only the anonymous
 * VeNCrypt handshake enables them on its socket. Must run before the JDK's TLS code first reads the
 * property, hence the class initialiser.
 */
final class AnonymousTls {
    private AnonymousTls() {}

    static synchronized void allow() {
        String key = "jdk.tls.disabledAlgorithms";
        String v = Security.getProperty(key);
        if (v == null) {
            return;
        }
        String without = Arrays.stream(v.split(","))
                .map(String::trim)
                .filter(s -> !s.equalsIgnoreCase("anon"))
                .collect(Collectors.joining(", "));
        Security.setProperty(key, without);
    }
}
