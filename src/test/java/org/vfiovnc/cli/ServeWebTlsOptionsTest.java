package org.vfiovnc.cli;

import org.vfiovnc.server.DisplayPlan;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Bad browser/TLS/security options end with one clear line and a non-zero exit, before anything listens. */
class ServeWebTlsOptionsTest {

    private static String[] run(String... args) {
        PrintStream oldErr = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        int code;
        try {
            code = Main.run(args);
        } finally {
            System.setErr(oldErr);
        }
        return new String[] {String.valueOf(code), err.toString(StandardCharsets.UTF_8)};
    }

    private static void assertRefused(String expected, String... args) {
        String[] r = run(args);
        assertEquals("2", r[0], r[1]);
        assertTrue(r[1].contains(expected), "expected '" + expected + "' in: " + r[1]);
    }

    @Test
    void badCombinationsAreExplained() throws Exception {
        Path dir = Files.createTempDirectory("cli");
        Path users = Files.writeString(dir.resolve("users"), "alice:pw\n");
        Path pw = Files.writeString(dir.resolve("pw"), "secret\n");
        assertRefused("unknown security type 'bogus'", "serve", "--listen", "127.0.0.1:0", "--security", "bogus");
        assertRefused("X509Vnc needs a TLS certificate", "serve", "--listen", "127.0.0.1:0", "--password-file", pw.toString(),
                "--security", "x509vnc");
        assertRefused("plain sends passwords in the clear", "serve", "--listen", "127.0.0.1:0", "--users-file", users.toString(),
                "--security", "plain");
        assertRefused("a users file needs TLS", "serve", "--listen", "127.0.0.1:0", "--users-file", users.toString());
        assertRefused("its users could not log in", "serve", "--listen", "127.0.0.1:0", "--users-file", users.toString(),
                "--password-file", pw.toString());
        assertRefused("only Latin-1 (ISO-8859-1) passwords work", "serve", "--listen", "127.0.0.1:0", "--password-file",
                Files.writeString(dir.resolve("cyrillic"), "\u043f\u0430\u0440\u043e\u043b\u044c\n", StandardCharsets.UTF_8).toString());
        assertRefused("--require-tls needs a certificate", "serve", "--listen", "127.0.0.1:0", "--password-file", pw.toString(),
                "--require-tls");
        assertRefused("--tls-cert and --tls-key go together", "serve", "--listen", "127.0.0.1:0", "--tls-cert", pw.toString());
        assertRefused("no PEM certificate", "serve", "--listen", "127.0.0.1:0", "--tls-cert", pw.toString(), "--tls-key", pw.toString());
        assertRefused("expected user:password", "serve", "--listen", "127.0.0.1:0",
                "--users-file", Files.writeString(dir.resolve("bad"), "nocolon\n").toString());
        assertRefused("--web:", "serve", "--listen", "127.0.0.1:0", "--web", dir.resolve("missing").toString());
        assertRefused("--websocket:", "serve", "--listen", "127.0.0.1:0", "--websocket", "nonsense");
        assertRefused("--allow-origin: 'console.example' is not an origin", "serve", "--listen", "127.0.0.1:0",
                "--allow-origin", "https://ok.example,console.example");
        assertRefused("refusing to serve without authentication", "serve", "--listen", "127.0.0.1:0", "--websocket", "0.0.0.0:0");
        assertRefused("refusing to serve without authentication", "serve", "--listen", "0.0.0.0:0",
                "--security", "x509none", "--tls-generate", dir.resolve("tls").toString());
    }

    private static DisplayPlan settings(String... args) throws Exception {
        ServeCommand serve = new ServeCommand();
        new picocli.CommandLine(serve).parseArgs(args);
        return serve.settings();
    }

    @Test
    void tlsIsRequiredOnceACertificateIsConfiguredUnlessTurnedOff() throws Exception {
        Path dir = Files.createTempDirectory("cli");
        String pw = Files.writeString(dir.resolve("pw"), "secret\n").toString();
        String certs = dir.resolve("tls").toString();
        DisplayPlan on = settings("--listen", "127.0.0.1:0", "--password-file", pw, "--tls-generate", certs);
        String offers = on.rfb().security().describe();
        assertTrue(offers.startsWith("an unencrypted native viewer: VeNCrypt(X509Vnc); "), offers);
        assertTrue(offers.endsWith("a browser over unencrypted ws://: refused"), offers);
        assertTrue(on.transport().requireTls());
        DisplayPlan off = settings("--listen", "127.0.0.1:0", "--password-file", pw, "--tls-generate", certs,
                "--require-tls=false");
        assertTrue(off.rfb().security().describe().startsWith("an unencrypted native viewer: VeNCrypt(X509Vnc), VncAuth; "),
                off.rfb().security().describe());
        assertTrue(!off.transport().requireTls());
        DisplayPlan plain = settings("--listen", "127.0.0.1:0", "--password-file", pw);
        assertTrue(!plain.transport().requireTls(), "nothing to require without a certificate");
    }
}
