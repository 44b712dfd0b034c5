package org.vfiovnc.rfb.security;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vfiovnc.testing.LogCapture;
import org.vfiovnc.testing.Tools;

class VncPasswordTest {
    @TempDir
    Path dir;

    private static final byte[] CHALLENGE = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    @Test
    void textFileUsesFirstLine() throws Exception {
        Path f = dir.resolve("pw.txt");
        Files.writeString(f, "hunter22\nignored second line\n");
        assertArrayEquals(VncPassword.of("hunter22").expectedResponse(CHALLENGE), VncPassword.fromFile(f).expectedResponse(CHALLENGE));
    }

    @Test
    void onlyTheFirstEightCharactersCount() {
        assertArrayEquals(VncPassword.of("abcdefgh").expectedResponse(CHALLENGE),
                VncPassword.of("abcdefghXYZ").expectedResponse(CHALLENGE));
        assertFalse(java.util.Arrays.equals(VncPassword.of("abcdefgh").expectedResponse(CHALLENGE),
                VncPassword.of("abcdefgX").expectedResponse(CHALLENGE)));
    }

    @Test
    void readsFilesWrittenByTigerVncsVncpasswd() throws Exception {
        String vncpasswd = Tools.require("vncpasswd", "tigervnc-tools");
        Path f = dir.resolve("passwd");
        ProcessBuilder pb = new ProcessBuilder(List.of(vncpasswd, "-f")).redirectOutput(f.toFile());
        Process p = pb.start();
        p.getOutputStream().write("tiger123\ntiger123\n".getBytes(StandardCharsets.US_ASCII));
        p.getOutputStream().close();
        assertEquals(0, p.waitFor());
        // 8 bytes, or 16 when vncpasswd also stored a view-only password.
        assertTrue(Files.size(f) == 8 || Files.size(f) == 16, "size " + Files.size(f));
        assertArrayEquals(VncPassword.of("tiger123").expectedResponse(CHALLENGE), VncPassword.fromFile(f).expectedResponse(CHALLENGE));
    }

    @Test
    void emptyFileIsAnError() throws IOException {
        Path f = dir.resolve("empty");
        Files.writeString(f, "\n");
        assertThrows(IOException.class, () -> VncPassword.fromFile(f));
    }

    @Test
    void toStringHidesThePassword() {
        assertFalse(VncPassword.of("topsecret").toString().contains("topsecret"));
    }

    @Test
    void responseMatchesOpenssl() throws Exception {
        String openssl = Tools.require("openssl", "openssl");
        // Key "password" bit-reversed per byte, as VNC does.
        byte[] key = "password".getBytes(StandardCharsets.US_ASCII);
        StringBuilder hex = new StringBuilder();
        for (byte b : key) {
            hex.append(String.format("%02x", Integer.reverse(b & 0xff) >>> 24));
        }
        Path in = dir.resolve("challenge");
        Files.write(in, CHALLENGE);
        Path out = dir.resolve("response");
        Tools.Result r = Tools.run(List.of(openssl, "enc", "-des-ecb", "-nopad", "-provider", "legacy", "-provider", "default",
                "-K", hex.toString(), "-in", in.toString(), "-out", out.toString()), Map.of(), 30);
        assertEquals(0, r.exitCode(), r.output());
        assertArrayEquals(Files.readAllBytes(out), VncPassword.of("password").expectedResponse(CHALLENGE));
    }

    @Test
    void aPasswordVncAuthCannotCarryIsRefusedNotTurnedIntoQuestionMarks() throws Exception {
        Path f = dir.resolve("cyrillic");
        Files.writeString(f, "\u043f\u0430\u0440\u043e\u043b\u044c\n", StandardCharsets.UTF_8);
        IOException e = assertThrows(IOException.class, () -> VncPassword.fromFile(f));
        assertTrue(e.getMessage().contains("Latin-1"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> VncPassword.of("\u043f\u0430\u0440\u043e\u043b\u044c"));
        Path latin1 = dir.resolve("latin1");
        Files.write(latin1, new byte[] {'p', (byte) 0xe4, 's', 's', '\n'}); // ISO-8859-1 bytes, not UTF-8
        assertThrows(IOException.class, () -> VncPassword.fromFile(latin1));
        Path utf8 = dir.resolve("utf8");
        Files.writeString(utf8, "p\u00e4ss\n", StandardCharsets.UTF_8);
        assertArrayEquals(VncPassword.of("p\u00e4ss").expectedResponse(CHALLENGE), VncPassword.fromFile(utf8).expectedResponse(CHALLENGE),
                "a Latin-1 character written as UTF-8 is one byte on the wire");
    }

    @Test
    void aPasswordLongerThanEightCharactersIsWarnedAbout() throws Exception {
        Path f = dir.resolve("long");
        Files.writeString(f, "correct-horse-battery\n");
        try (LogCapture log = new LogCapture()) {
            VncPassword.fromFile(f);
            assertEquals(1, log.count("only the first 8"), log.dump());
            assertFalse(log.contains("correct-horse"), "the password is never logged");
        }
        try (LogCapture log = new LogCapture()) {
            VncPassword.of("eight888");
            assertEquals(0, log.count("only the first 8"), log.dump());
        }
    }
}
