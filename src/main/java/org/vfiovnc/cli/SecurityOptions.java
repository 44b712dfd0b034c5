package org.vfiovnc.cli;

import java.io.IOException;
import java.nio.file.Path;
import org.vfiovnc.rfb.security.SecurityPolicy;
import org.vfiovnc.rfb.security.SecurityTypes;
import org.vfiovnc.rfb.security.UsersFile;
import org.vfiovnc.rfb.security.VncPassword;
import org.vfiovnc.transport.tls.TlsServer;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** A display's credentials and the security types it offers; the TLS setup comes from the port it is served on. */
final class SecurityOptions {

    @Option(names = "--password-file", paramLabel = "FILE",
            description = "VNC password: first line of a text file, or a vncpasswd file. Enables VncAuth.")
    Path passwordFile;

    @Option(names = "--users-file", paramLabel = "FILE",
            description = "user:password (or user:pbkdf2$ITER$SALT$HASH) lines for Plain and X509Plain/TLSPlain.")
    Path usersFile;

    @Option(names = "--security", paramLabel = "LIST",
            description = "Security types offered, in order: none, vncauth, plain, tlsnone, tlsvnc, tlsplain, x509none, x509vnc, "
                    + "x509plain (default: X509 types first when TLS is configured, then vncauth, or none).")
    String security;

    @Option(names = "--allow-plain-text-passwords",
            description = "Offer VeNCrypt Plain on unencrypted connections too (passwords readable on the network).")
    boolean allowPlainTextPasswords;

    @Option(names = "--allow-unauthenticated",
            description = "Allow serving without a password on a non-loopback address.")
    boolean allowUnauthenticated;

    /** What the options give: the credentials (either may be null) and what each route is offered. */
    record Credentials(VncPassword password, UsersFile users, SecurityPolicy policy) {}

    /** Reads the credential files and settles the offered types for a port with {@code tls} (or none). */
    Credentials credentials(CommandSpec spec, TlsServer tls, boolean requireTls) {
        VncPassword password = null;
        if (passwordFile != null) {
            try {
                password = VncPassword.fromFile(passwordFile);
            } catch (IOException e) {
                throw new ParameterException(spec.commandLine(), "--password-file: " + e.getMessage());
            }
        }
        UsersFile users = null;
        if (usersFile != null) {
            try {
                users = UsersFile.load(usersFile);
            } catch (IOException e) {
                throw new ParameterException(spec.commandLine(), "--users-file: " + e.getMessage());
            }
        }
        SecurityTypes.Setup setup = new SecurityTypes.Setup(password, users, tls, allowPlainTextPasswords, requireTls);
        try {
            return new Credentials(password, users, SecurityPolicy.configure(security, setup));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--security: " + e.getMessage());
        }
    }

    /**
     * Refuses a display that admits viewers without authentication where others than this host can
     * reach it, unless {@code --allow-unauthenticated} says so.
     *
     * @param exposedAt the non-loopback address it is reached on, or null when every one is loopback
     */
    void checkExposure(CommandSpec spec, SecurityPolicy policy, String exposedAt) {
        if (exposedAt != null && policy.admitsUnauthenticated() && !allowUnauthenticated) {
            throw new ParameterException(spec.commandLine(), "refusing to serve without authentication on non-loopback "
                    + exposedAt + "; give --password-file FILE, or --allow-unauthenticated if you really mean it");
        }
    }
}
