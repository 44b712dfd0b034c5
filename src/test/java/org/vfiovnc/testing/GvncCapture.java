package org.vfiovnc.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * gtk-vnc's gvnccapture taking one screenshot, as a user at a terminal would run it: it trusts the
 * CA given here for VeNCrypt X509 types and gets its "Username:"/"Password:" prompts answered.
 * <ul>
 * <li>gtk-vnc reads the CA from ~/.pki/CA/cacert.pem, taking ~ from the password database rather
 *     than $HOME: nss_wrapper gives the process a passwd entry whose home is a temp directory;</li>
 * <li>gvnccapture reads a password from a terminal only (it turns echo off first): util-linux
 *     {@code script} runs it on a pseudo-terminal whose input is ours.</li>
 * </ul>
 */
public final class GvncCapture {
    private static final Path NSS_WRAPPER = Path.of("/usr/lib/x86_64-linux-gnu/libnss_wrapper.so");

    /** How the capture ended: its exit code, what it printed (prompts included) and the screenshot (if saved). */
    public record Shot(int exitCode, String output, Path png) {
        public boolean saved() {
            return exitCode == 0 && Files.exists(png);
        }
    }

    private final Path home;
    private final Path passwd;
    private final Path group;

    private GvncCapture(Path home, Path passwd, Path group) {
        this.home = home;
        this.passwd = passwd;
        this.group = group;
    }

    /** A capture that trusts {@code caPem} (null: no CA). */
    public static GvncCapture trusting(Path caPem) throws IOException {
        Tools.require("gvnccapture", "gvncviewer");
        Tools.require("script", "util-linux");
        if (!Files.exists(NSS_WRAPPER)) {
            fail("libnss_wrapper.so is not installed; install Debian package libnss-wrapper (.ci/run does)");
        }
        Path home = Files.createTempDirectory("gvnc");
        if (caPem != null) {
            Files.copy(caPem, Files.createDirectories(home.resolve(".pki/CA")).resolve("cacert.pem"));
        }
        long uid = (Integer) Files.getAttribute(home, "unix:uid");
        long gid = (Integer) Files.getAttribute(home, "unix:gid");
        Path passwd = Files.writeString(home.resolve("passwd"), "tester:x:" + uid + ":" + gid + ":tester:" + home + ":/bin/sh\n");
        Path group = Files.writeString(home.resolve("group"), "tester:x:" + gid + ":\n");
        return new GvncCapture(home, passwd, group);
    }

    /**
     * One screenshot of the server on {@code port}, answering prompts with {@code username} and
     * {@code password} (a prompt with no answer gets end of input, and gvnccapture gives up).
     */
    public Shot capture(int port, String username, String password, long timeoutSeconds) throws IOException, InterruptedException {
        Path png = home.resolve("shot-" + System.nanoTime() + ".png");
        // gvnccapture's display number is the port minus 5900 (negative is allowed).
        String command = "exec gvnccapture 127.0.0.1:" + (port - 5900) + " " + png;
        ProcessBuilder pb = new ProcessBuilder(List.of("script", "-qfec", command, "/dev/null")).redirectErrorStream(true);
        pb.environment().putAll(java.util.Map.of("HOME", home.toString(), "LD_PRELOAD", NSS_WRAPPER.toString(),
                "NSS_WRAPPER_PASSWD", passwd.toString(), "NSS_WRAPPER_GROUP", group.toString()));
        Process p = ChildProcesses.start(pb);
        StringBuffer out = new StringBuffer();
        Thread reader = new Thread(() -> copy(p.getInputStream(), out), "gvnccapture-output");
        reader.setDaemon(true);
        reader.start();
        try {
            answerPrompts(p, out, username, password, System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds));
            if (!p.waitFor(Math.max(1, timeoutSeconds), TimeUnit.SECONDS)) {
                fail("gvnccapture did not finish within " + timeoutSeconds + " s:\n" + Tools.tail(out.toString()));
            }
        } finally {
            ChildProcesses.stop(p);
        }
        reader.join(2000);
        return new Shot(p.exitValue(), out.toString(), png);
    }

    /**
     * Types each answer once its prompt is shown. gvnccapture turns echo off with TCSAFLUSH after
     * printing "Password: ", which drops input that came before: the password is typed again until
     * the newline it prints after reading one appears.
     */
    private static void answerPrompts(Process p, StringBuffer out, String username, String password, long deadline)
            throws IOException, InterruptedException {
        OutputStream in = p.getOutputStream();
        int seen = 0;
        while (p.isAlive() && System.nanoTime() < deadline) {
            String text = out.toString();
            int user = text.indexOf("Username: ", seen);
            int pass = text.indexOf("Password: ", seen);
            if (user >= 0 && (pass < 0 || user < pass)) {
                if (!type(in, username)) {
                    return;
                }
                seen = user + 1;
            } else if (pass >= 0) {
                Thread.sleep(200);
                if (!type(in, password)) {
                    return;
                }
                long retypeAt = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(1500);
                while (p.isAlive() && out.indexOf("\n", pass) < 0 && System.nanoTime() < retypeAt) {
                    Thread.sleep(50);
                }
                if (out.indexOf("\n", pass) >= 0) {
                    seen = pass + 1;
                }
            }
            Thread.sleep(50);
        }
    }

    /** Types {@code answer} and Enter; without an answer closes the input instead (false). */
    private static boolean type(OutputStream in, String answer) throws IOException {
        if (answer == null) {
            in.close();
            return false;
        }
        in.write((answer + "\n").getBytes(StandardCharsets.UTF_8));
        in.flush();
        return true;
    }

    private static void copy(InputStream from, StringBuffer to) {
        byte[] buf = new byte[4096];
        try {
            for (int n = from.read(buf); n >= 0; n = from.read(buf)) {
                to.append(new String(buf, 0, n, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            // the process is gone
        }
    }
}
