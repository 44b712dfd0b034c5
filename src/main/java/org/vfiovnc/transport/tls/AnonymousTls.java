package org.vfiovnc.transport.tls;

import java.security.Security;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The JDK disables anonymous cipher suites process-wide ({@code jdk.tls.disabledAlgorithms} lists
 * "anon"). VeNCrypt's TLS subtypes (TigerVNC's TLSNone/TLSVnc/TLSPlain) are anonymous by design,
 * so when they are configured the word is removed from that property. Other suites are unaffected:
 * anonymous suites are never in the default enabled list, and only the anonymous VeNCrypt handshake
 * enables them. Must run before the JDK's TLS code first reads the property.
 */
public final class AnonymousTls {
    private AnonymousTls() {}

    public static synchronized void allow() {
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
