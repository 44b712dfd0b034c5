package org.vfiovnc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A bad host configuration ends before anything listens, with exit code 2 and one line naming the
 * file, the display and the key, in the file's terms (keys, not options).
 */
class HostConfigTest {
    @TempDir
    Path dir;

    /** The first line of our own on stderr for a file holding {@code yaml}; fails unless the exit code is 2. */
    private String refusal(String yaml) throws IOException {
        Path file = Files.writeString(dir.resolve("host.yaml"), yaml);
        PrintStream oldErr = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try {
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            code = Main.run("host", "--config", file.toString());
        } finally {
            System.setErr(oldErr);
        }
        String text = err.toString(StandardCharsets.UTF_8);
        assertEquals(2, code, text);
        String first = text.lines().filter(l -> l.startsWith("vfio-vnc:")).findFirst().orElse(text);
        assertTrue(first.startsWith("vfio-vnc: " + file + ": "), first);
        return first.substring(("vfio-vnc: " + file + ": ").length());
    }

    private static void assertStarts(String expected, String got) {
        assertTrue(got.startsWith(expected), "expected '" + expected + "...', got: " + got);
    }

    @Test
    void aDisplaysMistakeNamesTheDisplayAndTheKey() throws IOException {
        assertStarts("display 'lab': unknown key 'pasword-file'; did you mean 'password-file'?",
                refusal("displays:\n  win11: {source: demo}\n  lab:\n    source: demo\n    pasword-file: /x\n"));
        assertStarts("display 'lab': tick-ms must be 1-1000, got 0",
                refusal("displays:\n  lab:\n    source: demo\n    tick-ms: 0\n"));
        assertStarts("display 'lab': password-file: ",
                refusal("displays:\n  lab:\n    password-file: " + dir.resolve("missing") + "\n"));
        assertStarts("display 'lab': source: unknown source 'vgpu'",
                refusal("displays:\n  lab: {source: 'vgpu:1234'}\n"));
        assertStarts("display 'lab': power-control needs qmp",
                refusal("displays:\n  lab: {source: demo, power-control: true}\n"));
        assertStarts("display 'lab': Invalid value for option 'max-clients': 'many' is not an int",
                refusal("displays:\n  lab: {max-clients: many}\n"));
        assertStarts("display 'open': refusing to serve without authentication on non-loopback 0.0.0.0:0;"
                        + " give password-file FILE, or allow-unauthenticated if you really mean it",
                refusal("displays:\n  closed: {source: demo}\n  open: {source: demo, listen: '0.0.0.0:0'}\n"));
        assertStarts("display 'lab': clipboard: ",
                refusal("displays:\n  lab: {clipboard: sideways}\n"));
        assertStarts("display 'lab': key 'web' belongs at the top of the file",
                refusal("displays:\n  lab: {web: /srv/www}\n"));
        assertStarts("display 'lab': power-control: expected a value, found a mapping",
                refusal("displays:\n  lab: {power-control: {alice: true}}\n"));
        assertStarts("display 'a/b': a display's name must be 1-64 letters",
                refusal("displays:\n  a/b: {source: demo}\n"));
    }

    @Test
    void theFilesOwnMistakesSayWhereTheyAre() throws IOException {
        assertStarts("line 3, column ", refusal("displays:\n  lab: {source: demo\n  other: x\n"));
        assertTrue(refusal("displays:\n  lab: {source: demo}\n  lab: {source: demo}\n").contains("Duplicate field 'lab'"));
        assertStarts("the file is empty", refusal(""));
        assertStarts("'displays:' must map each display's name to its keys", refusal("listen: 127.0.0.1:0\n"));
        assertStarts("'displays:' must map each display's name to its keys", refusal("displays: [a, b]\n"));
        assertStarts("key 'source' belongs to a display", refusal("source: demo\ndisplays:\n  lab: {}\n"));
        assertStarts("unknown key 'lisen'; did you mean 'listen'?", refusal("lisen: 127.0.0.1:0\ndisplays:\n  lab: {}\n"));
        assertStarts("listen: ", refusal("listen: nowhere\ndisplays:\n  lab: {}\n"));
        assertStarts("allow-origin: 'console' is not an origin",
                refusal("allow-origin: [console]\ndisplays:\n  lab: {}\n"));
        assertStarts("display 'lab': refusing to serve without authentication on non-loopback 0.0.0.0",
                refusal("listen: 0.0.0.0:0\ndisplays:\n  lab: {source: demo}\n"));
        assertStarts("token-file: " + dir.resolve("none") + ": no such file",
                refusal("token-file: " + dir.resolve("none") + "\ndisplays:\n  lab: {}\n"));
        Files.writeString(dir.resolve("tokens"), "just-a-token\n");
        assertStarts("token-file: " + dir.resolve("tokens") + ", line 1: expected 'token: host:port'",
                refusal("token-file: " + dir.resolve("tokens") + "\ndisplays:\n  lab: {}\n"));
        Files.writeString(dir.resolve("short"), "12345\n");
        assertStarts("jwt-secret-file: " + dir.resolve("short") + ": the secret has 5 bytes; HS256 needs at least 32",
                refusal("jwt-secret-file: " + dir.resolve("short") + "\ndisplays:\n  lab: {}\n"));
        assertStarts("metrics: bad listen address 'nowhere'", refusal("metrics: nowhere\ndisplays:\n  lab: {}\n"));
        assertStarts("api-token-file: " + dir.resolve("short") + ": the secret has 5 characters; at least 16",
                refusal("api-token-file: " + dir.resolve("short") + "\ndisplays:\n  lab: {}\n"));
        assertStarts("mdev-displays: unknown key 'device'", refusal("mdev-displays: {device: /x}\n"));
        assertStarts("mdev-displays: keys: no 'source'", refusal("mdev-displays: {keys: {source: demo}}\n"));
        Files.createDirectories(dir.resolve("mdevs/0b5e6d7c-1111-4a2b-9c3d-4e5f6a7b8c9d"));
        assertStarts("display '0b5e6d7c-1111-4a2b-9c3d-4e5f6a7b8c9d': password-file: ",
                refusal("mdev-displays:\n  devices: " + dir.resolve("mdevs") + "\n  keys: {password-file: '/none/{uuid}'}\n"));
        assertStarts("qemu-dbus-displays: sockets: expected an absolute path with one '*'",
                refusal("qemu-dbus-displays: {sockets: /run/vm/dbus.sock}\n"));
        assertStarts("jwt-max-lifetime must be 1-86400 s, got 0", refusal("jwt-max-lifetime: 0\ndisplays:\n  lab: {}\n"));
    }
}
