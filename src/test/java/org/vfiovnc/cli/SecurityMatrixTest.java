package org.vfiovnc.cli;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.vfiovnc.cli.MatrixViewers.Credentials;
import org.vfiovnc.cli.MatrixViewers.Outcome;
import org.vfiovnc.cli.MatrixViewers.Row;
import org.vfiovnc.display.RefreshLoop;
import org.vfiovnc.input.NoInputSink;
import org.vfiovnc.server.DisplayPlan;
import org.vfiovnc.server.VncServer;
import org.vfiovnc.surface.PixelLayout;
import org.vfiovnc.testing.BrowserDriver;
import org.vfiovnc.testing.LogCapture;
import org.vfiovnc.testing.TestPatterns;
import org.vfiovnc.testing.TestServer;
import org.vfiovnc.testing.TigerViewer;
import org.vfiovnc.testing.Tools;
import org.vfiovnc.testing.Xvfb;
import org.vfiovnc.transport.tls.SelfSignedCertificate;
import picocli.CommandLine;

/**
 * Issue 26's matrix, real viewers over real transports: a server configured by serve's own option
 * code for each of six security settings (nothing, a password file, a users file, and each of those
 * with a TLS certificate, which turns --require-tls on) is seen by every viewer over every transport
 * it speaks. A cell shows the source's exact pixels, or the viewer fails showing its user a reason
 * listed in {@link #REASONS} (the server's refusal, or the viewer's own limit); any other failure,
 * such as a bare "connection lost", fails the test. The table goes to target/security-matrix.md and
 * must equal README's block; {@code -Dsecurity.matrix.update=true} rewrites the block instead.
 */
class SecurityMatrixTest {
    private static final int W = 320;
    private static final int H = 200;
    private static final String PASSWORD = "vnc-pw42"; // VncAuth uses 8 characters
    private static final String USER = "viewer";
    private static final String USER_PASSWORD = "users-pw";

    /** The columns: what the operator gave serve. */
    enum Setting {
        NONE("none", false, false, false),
        PASSWORD("password", false, true, false),
        USERS("users¹", false, false, true),
        TLS("TLS", true, false, false),
        TLS_PASSWORD("TLS + password", true, true, false),
        TLS_USERS("TLS + users", true, false, true);

        final String header;
        final boolean tls;
        final boolean password;
        final boolean users;

        Setting(String header, boolean tls, boolean password, boolean users) {
            this.header = header;
            this.tls = tls;
            this.password = password;
            this.users = users;
        }
    }

    /**
     * A failure the matrix accepts: {@code words} in the table, when what the viewer showed contains
     * {@code shown} (for {@code row} only, and in {@code setting} only, where given). The server's
     * own refusals must also be in its log.
     */
    private record Reason(String words, String shown, boolean fromServer, Row row, Setting setting) {
        boolean explains(Row r, Setting s, String text) {
            return (row == null || row == r) && (setting == null || setting == s) && text.contains(shown);
        }
    }

    private static final List<Reason> REASONS = List.of(
            // The server's refusal of ws:// when TLS is required, which noVNC shows from its securityfailure event.
            new Reason("needs wss://", "requires an encrypted connection", true, null, null),
            // Plain in the clear is not among TigerVNC's default SecurityTypes.
            new Reason("no common type", "No valid VeNCrypt sub-type", false, Row.TIGER, null),
            // vernacular speaks None and VncAuth only.
            new Reason("no common type", "NoSupportedSecurityTypesException", false, Row.VERNACULAR, null),
            // gtk-vnc reads a VeNCrypt acknowledgement after choosing Plain, which only TLS subtypes have
            // (the spec goes straight to the credentials); it waits until the server's auth timeout.
            new Reason("gtk-vnc bug²", "Unable to connect", false, Row.GVNC, Setting.USERS));

    private static final List<String> LEGEND = List.of(
            "picture: the viewer showed the source's exact pixels; refused: it failed and told its user why (the server's"
                    + " reason where the server refused); n/a: https/wss need a certificate. Columns: serve with nothing,"
                    + " `--password-file`, `--users-file`; TLS adds `--tls-cert`/`--tls-key` (so `--require-tls` is on).",
            "Native viewers speak only TCP, browsers only WebSocket; stock noVNC runs with its default options on a page"
                    + " of another site (`--allow-origin`); 307: the page over http:// is sent to https:// and connects there."
                    + " TigerVNC leaves Plain in the clear out of its default `SecurityTypes`; vernacular knows None and VncAuth.",
            "¹ with `--allow-plain-text-passwords` (without it serve refuses to start). ² gtk-vnc waits for an"
                    + " acknowledgement that VeNCrypt Plain does not have, until the server's `--auth-timeout`, then says"
                    + " \"Unable to connect\".");

    private static Path dir;
    private static String sourceSpec;
    private static Path certDir;
    private static Path passwordFile;
    private static Path usersFile;
    private static Path tigerPasswordFile;
    private static BrowserDriver browser;
    private static Xvfb display;
    private static StockNoVncSite stockSite;
    private static MatrixViewers viewers;

    @BeforeAll
    static void start() throws Exception {
        dir = Files.createTempDirectory("security-matrix");
        Path frame = dir.resolve("screen.xr24");
        int[] picture;
        try (FileChannel ch = FileChannel.open(frame, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            picture = TestPatterns.write(ch, W, H, W * 4, 0, PixelLayout.XR24, 26);
        }
        sourceSpec = "raw:" + frame + ":" + W + "x" + H + ":XR24";
        certDir = dir.resolve("tls");
        SelfSignedCertificate.loadOrCreate(certDir, List.of());
        passwordFile = Files.writeString(dir.resolve("password"), PASSWORD + "\n");
        usersFile = Files.writeString(dir.resolve("users"), USER + ":" + USER_PASSWORD + "\n");
        tigerPasswordFile = dir.resolve("tiger-passwd");
        Tools.Result r = Tools.run(List.of("sh", "-c", "printf '%s\\n' \"$PW\" | " + Tools.require("vncpasswd", "tigervnc-tools")
                + " -f > " + tigerPasswordFile), Map.of("PW", PASSWORD), 30);
        assertTrue(r.exitCode() == 0 && Files.size(tigerPasswordFile) > 0, "vncpasswd -f: " + r.output());
        browser = BrowserDriver.start();
        display = Xvfb.start(TigerViewer.SCREEN_WIDTH + "x" + TigerViewer.SCREEN_HEIGHT + "x24", false);
        stockSite = StockNoVncSite.start();
        viewers = new MatrixViewers(picture, W, H, SelfSignedCertificate.certFile(certDir), browser, stockSite, display);
    }

    @AfterAll
    static void stop() {
        if (stockSite != null) {
            stockSite.close();
        }
        if (display != null) {
            display.close();
        }
        if (browser != null) {
            browser.close();
        }
    }

    /** serve's arguments for one setting. */
    private static List<String> arguments(Setting s, boolean allowPlainText) {
        List<String> args = new ArrayList<>(List.of("--source", sourceSpec, "--listen", "127.0.0.1:0",
                "--web", Tools.projectDir().resolve("web").toString(), "--allow-origin", stockSite.origin(),
                // gvnccapture hangs on Plain in the clear until the server gives up (see REASONS): 10 s, not 60.
                "--auth-timeout", "10",
                // TLS and PBKDF2 on a loaded 2-core machine can approach the 10 s default.
                "--handshake-timeout", "30"));
        if (s.tls) {
            args.addAll(List.of("--tls-cert", SelfSignedCertificate.certFile(certDir).toString(),
                    "--tls-key", SelfSignedCertificate.keyFile(certDir).toString()));
        }
        if (s.password) {
            args.addAll(List.of("--password-file", passwordFile.toString()));
        }
        if (s.users) {
            args.addAll(List.of("--users-file", usersFile.toString()));
        }
        if (allowPlainText) {
            args.add("--allow-plain-text-passwords");
        }
        return args;
    }

    /** serve with {@code args} parsed; its settings() checks them and builds what call() serves. */
    private static ServeCommand parse(List<String> args) {
        ServeCommand serve = new ServeCommand();
        new CommandLine(serve).parseArgs(args.toArray(String[]::new));
        return serve;
    }

    /** The server serve would run for {@code s}, its config built as call() builds it (in this JVM, so the test sees its log). */
    private static VncServer serve(Setting s) throws Exception {
        ServeCommand serve = parse(arguments(s, s.users && !s.tls));
        DisplayPlan plan = serve.settings();
        return VncServer.start(new RefreshLoop(plan.source(), TestServer.fastPacing()), plan.rfb(), NoInputSink.INSTANCE,
                plan.listen(), plan.transport());
    }

    private static Credentials credentials(Setting s) {
        if (s.users) {
            return new Credentials(USER, USER_PASSWORD, null);
        }
        return s.password ? new Credentials(null, PASSWORD, tigerPasswordFile) : new Credentials(null, null, null);
    }

    @Test
    void aUsersFileWithoutTlsNeedsConsentToStart() {
        CommandLine.ParameterException e = assertThrows(CommandLine.ParameterException.class,
                () -> parse(arguments(Setting.USERS, false)).settings());
        assertTrue(e.getMessage().contains("--allow-plain-text-passwords"), e.getMessage());
    }

    private final List<String> problems = new ArrayList<>();
    /** How long each cell took and what each refused viewer showed its user: target/security-matrix-details.txt. */
    private final StringBuilder details = new StringBuilder();

    // 48 cells (38 run), one Chromium and one Xvfb for all: about 2 min here, most of it TigerVNC
    // starting and the gvnccapture cell that waits for --auth-timeout; the limit leaves room for a
    // loaded 2-core machine.
    @Test
    @Timeout(value = 6, unit = TimeUnit.MINUTES)
    void everyViewerShowsThePictureOrTellsWhyNot() throws Exception {
        Map<String, List<String>> rows = new LinkedHashMap<>();
        try (LogCapture log = new LogCapture()) {
            for (Setting s : Setting.values()) {
                try (VncServer server = serve(s)) {
                    for (Row r : Row.values()) {
                        rows.computeIfAbsent(r.label, k -> new ArrayList<>()).add(cell(r, s, server.port(), log));
                    }
                }
            }
        }
        String table = MatrixTable.markdown("viewer, transport", List.of(Setting.values()).stream().map(s -> s.header).toList(),
                rows, LEGEND);
        Path target = Files.createDirectories(Tools.projectDir().resolve("target"));
        Files.writeString(target.resolve("security-matrix.md"), table, StandardCharsets.UTF_8);
        Files.writeString(target.resolve("security-matrix-details.txt"), details, StandardCharsets.UTF_8);
        Path readme = Tools.projectDir().resolve("README.md");
        String text = Files.readString(readme, StandardCharsets.UTF_8);
        if (Boolean.getBoolean("security.matrix.update")) {
            Files.writeString(readme, MatrixTable.withBlock(text, table), StandardCharsets.UTF_8);
        } else if (!table.equals(MatrixTable.block(text))) {
            problems.add("README's security matrix differs from this run's (-Dsecurity.matrix.update=true takes this one):\n"
                    + table);
        }
        assertTrue(problems.isEmpty(), String.join("\n\n", problems));
    }

    /** One cell: what the table says, after checking that a failure is one the matrix knows. */
    private String cell(Row r, Setting s, int port, LogCapture log) throws Exception {
        if (r.tlsFirst && !s.tls) {
            return "n/a";
        }
        long started = System.nanoTime();
        Outcome o = viewers.run(r, port, credentials(s));
        String where = r.label + ", " + s.header;
        details.append(String.format("%s: %s after %.1f s%n", where, o.picture() ? "picture" : "failure",
                (System.nanoTime() - started) / 1e9));
        if (o.picture()) {
            return o.redirected() ? "307 → picture" : "picture";
        }
        details.append("  ").append(Tools.tail(o.shown()).replace("\n", "\n  ")).append("\n");
        for (Reason reason : REASONS) {
            if (reason.explains(r, s, o.shown())) {
                if (reason.fromServer() && log.await(reason.shown(), 5) == null) {
                    problems.add(where + ": the viewer showed the server's reason, but the server did not log it:\n"
                            + Tools.tail(log.dump()));
                }
                return "refused: " + reason.words();
            }
        }
        problems.add(where + ": failed without a reason the matrix knows; the viewer showed:\n" + Tools.tail(o.shown()));
        return "FAILED";
    }
}
