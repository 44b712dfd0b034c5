package org.vfiovnc.cli;

import org.vfiovnc.server.DisplayPlan;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.vfiovnc.rfb.video.VideoMode;
import picocli.CommandLine;

/** serve's --video and --video-bitrate: parsed into the server's video options, bad values one clear line. */
class VideoOptionsTest {

    private static String refused(String... args) {
        PrintStream oldErr = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try {
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            code = Main.run(args);
        } finally {
            System.setErr(oldErr);
        }
        String text = err.toString(StandardCharsets.UTF_8);
        assertEquals(2, code, text);
        return text.lines().filter(l -> l.startsWith("vfio-vnc:")).findFirst().orElse(text);
    }

    @Test
    void badValuesAreOneLineNamingTheFlag() {
        String mode = refused("serve", "--video", "sometimes", "--listen", "127.0.0.1:0");
        assertTrue(mode.startsWith("vfio-vnc: --video: video mode must be off, auto or always"), mode);
        String rate = refused("serve", "--video-bitrate", "-1", "--listen", "127.0.0.1:0");
        assertTrue(rate.startsWith("vfio-vnc: --video-bitrate must be 0-1000000"), rate);
    }

    @Test
    void theOptionsReachTheServerSettings() throws Exception {
        ServeCommand serve = new ServeCommand();
        new CommandLine(serve).parseArgs("--video", "ALWAYS", "--video-bitrate", "1500", "--listen", "127.0.0.1:0");
        DisplayPlan s = serve.settings();
        assertEquals(VideoMode.ALWAYS, s.rfb().video().mode());
        assertEquals(1500, s.rfb().video().bitrateCapKbps());
        ServeCommand defaults = new ServeCommand();
        new CommandLine(defaults).parseArgs("--listen", "127.0.0.1:0");
        assertEquals(VideoMode.AUTO, defaults.settings().rfb().video().mode());
        assertEquals(0, defaults.settings().rfb().video().bitrateCapKbps());
    }
}
