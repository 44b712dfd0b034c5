package org.vfiovnc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vfiovnc.rfb.PowerAccess;
import org.vfiovnc.testing.LogCapture;

/** --power-control and --guest-agent: off by default, explained when combined wrongly, warned about when open. */
class PowerOptionsTest {
    @TempDir
    Path dir;

    private static String refusal(String... args) {
        PrintStream oldErr = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            assertEquals(2, Main.run(args));
        } finally {
            System.setErr(oldErr);
        }
        return err.toString(StandardCharsets.UTF_8);
    }

    private static PowerAccess access(String... args) throws Exception {
        ServeCommand serve = new ServeCommand();
        new picocli.CommandLine(serve).parseArgs(args);
        return serve.settings().rfb().power();
    }

    @Test
    void offUnlessAskedEveryAuthenticatedViewerOrNamedUsers() throws Exception {
        Path users = Files.writeString(dir.resolve("users"), "alice:pw\nbob:pw\ncarol:pw\n");
        assertFalse(access("--listen", "127.0.0.1:0", "--qmp", "unix:/x").enabled());
        PowerAccess all = access("--listen", "127.0.0.1:0", "--qmp", "unix:/x", "--power-control");
        assertTrue(all.enabled());
        assertNull(all.users());
        PowerAccess named = access("--listen", "127.0.0.1:0", "--qmp", "unix:/x", "--users-file", users.toString(),
                "--allow-plain-text-passwords", "--security", "plain", "--power-control=alice, carol");
        assertEquals(Set.of("alice", "carol"), named.users());
        assertTrue(named.allows(true, "carol", true));
        assertFalse(named.allows(true, "bob", true));
        assertFalse(named.allows(false, null, true));
        // Every authenticated viewer; every viewer only where nobody authenticates.
        assertTrue(all.allows(true, null, true));
        assertFalse(all.allows(false, null, true));
        assertTrue(all.allows(false, null, false));
    }

    @Test
    void badCombinationsAreExplained() throws Exception {
        Path users = Files.writeString(dir.resolve("users"), "alice:pw\n");
        assertTrue(refusal("serve", "--listen", "127.0.0.1:0", "--power-control").contains("--power-control needs --qmp"));
        assertTrue(refusal("serve", "--listen", "127.0.0.1:0", "--qmp", "unix:/x", "--power-control=alice")
                .contains("names users of --users-file, which is not given"));
        assertTrue(refusal("serve", "--listen", "127.0.0.1:0", "--qmp", "unix:/x", "--users-file", users.toString(),
                "--security", "plain", "--allow-plain-text-passwords", "--power-control=mallory")
                .contains("user 'mallory' is not in --users-file"));
        assertTrue(refusal("serve", "--listen", "127.0.0.1:0", "--qmp", "unix:/x", "--guest-agent", "unix:/y")
                .contains("--guest-agent is used only for --power-control's reboot"));
        assertTrue(refusal("serve", "--listen", "127.0.0.1:0", "--qmp", "unix:/x", "--power-control", "--guest-agent", "qga")
                .contains("--guest-agent: bad socket address"));
    }

    @Test
    void powerForViewersWithoutAPasswordOffLoopbackIsWarnedAbout() throws Exception {
        try (LogCapture log = new LogCapture()) {
            access("--listen", "0.0.0.0:0", "--allow-unauthenticated", "--qmp", "unix:/x", "--power-control");
            assertTrue(log.messages().stream().anyMatch(m -> m.contains("WARNING: --power-control without authentication")),
                    log.messages().toString());
        }
        try (LogCapture log = new LogCapture()) {
            access("--listen", "127.0.0.1:0", "--qmp", "unix:/x", "--power-control");
            assertTrue(log.messages().stream().noneMatch(m -> m.contains("WARNING: --power-control")), log.messages().toString());
        }
    }
}
