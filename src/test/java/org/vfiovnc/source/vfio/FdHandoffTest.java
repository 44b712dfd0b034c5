package org.vfiovnc.source.vfio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.jna.Memory;
import com.sun.jna.NativeLong;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.vfiovnc.source.SourceException;
import org.vfiovnc.source.dmabuf.Readback;
import org.vfiovnc.source.linux.LibC;
import org.vfiovnc.testing.Tools;

/**
 * Receiving a descriptor with SCM_RIGHTS from a real sender (native-stubs/fd-passing/send-fd.c): the fd we get
 * reads the sender's file; a non-VFIO fd is refused as "has no display"; no listener is explained.
 */
class FdHandoffTest {

    @Test
    void receivesTheSendersDescriptor() throws Exception {
        Path sender = Tools.compileC("native-stubs/fd-passing/send-fd.c");
        Path dir = Files.createTempDirectory("fdh");
        Path file = dir.resolve("payload");
        Files.writeString(file, "handed over");
        Path sock = dir.resolve("s");
        Process p = new ProcessBuilder(sender.toString(), sock.toString(), file.toString(), "2").redirectErrorStream(true).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream()));
            assertEquals("ready", out.readLine());
            try (VfioDevice d = FdHandoff.received(sock.toString())) {
                Memory m = new Memory(11);
                long n = LibC.INSTANCE.pread(d.fd(), m, new NativeLong(11), 0).longValue();
                assertEquals(11, n);
                assertEquals("handed over", new String(m.getByteArray(0, 11)));
            }
            // A regular file is no VFIO device: the source refuses it with the "no display" message.
            VfioSource src = VfioSource.forFd("unix:" + sock, Readback.AUTO);
            SourceException e = assertThrows(SourceException.class, src::open);
            assertTrue(e.getMessage().contains("has no display"), e.getMessage());
            assertTrue(p.waitFor(10, TimeUnit.SECONDS));
            assertEquals(0, p.exitValue());
        } finally {
            p.destroyForcibly();
        }
    }

    @Test
    void noListenerIsExplained() throws Exception {
        Path sock = Files.createTempDirectory("fdh").resolve("nobody");
        SourceException e = assertThrows(SourceException.class, () -> FdHandoff.received(sock.toString()));
        assertTrue(e.getMessage().contains("cannot connect"), e.getMessage());
    }

    @Test
    void inheritedDescriptorMustBeOpen() {
        SourceException e = assertThrows(SourceException.class, () -> FdHandoff.inherited(987));
        assertTrue(e.getMessage().contains("not open"), e.getMessage());
    }

    @Test
    void specsAreCheckedWhenParsed() {
        assertThrows(IllegalArgumentException.class, () -> VfioSource.forSpec("not-a-uuid", Readback.AUTO));
        assertThrows(IllegalArgumentException.class, () -> VfioSource.forFd("x", Readback.AUTO));
        assertEquals(VfioOpener.Access.GROUP, VfioOpener.parse("11111111-2222-3333-4444-000000000001:group").access());
        assertEquals(Path.of("/dev/vfio/devices/vfio3"), VfioOpener.parse("/dev/vfio/devices/vfio3").cdev());
    }

    @Test
    void missingMdevSaysNoSuchDevice() {
        VfioSource src = VfioSource.forSpec("11111111-2222-3333-4444-00000000dead", Readback.AUTO);
        SourceException e = assertThrows(SourceException.class, src::open);
        assertTrue(e.getMessage().startsWith("no such device"), e.getMessage());
    }
}
