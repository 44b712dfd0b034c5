package org.vfiovnc.source.replay;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.luben.zstd.ZstdOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vfiovnc.record.Recorder;
import org.vfiovnc.source.SourceException;

class CorruptRecordingTest {
    @TempDir
    Path tmp;

    private Path goodRecording() throws Exception {
        Path f = tmp.resolve("good.fbrec.zst");
        ScriptedSource src = ScriptedSource.random(11);
        src.open();
        Recorder r = Recorder.open(src, (w, h) -> new RecordingWriter(f, w, h), 1000);
        for (int i = 0; i < src.size(); i++) {
            r.capture(i * 1000L);
        }
        r.writer().close();
        return f;
    }

    private static String readAll(Path f) throws IOException {
        try (RecordingReader r = new RecordingReader(f)) {
            while (r.next() != RecordingReader.Step.END) {
                // read through
            }
            return "ok " + r.frames();
        }
    }

    private static void assertFails(Path f, String expected) {
        SourceException e = assertThrows(SourceException.class, () -> readAll(f));
        assertTrue(e.getMessage().contains(expected) && e.getMessage().contains(f.toString()),
                "message should name the file and say '" + expected + "': " + e.getMessage());
    }

    private Path zstd(String name, byte[] content) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (ZstdOutputStream z = new ZstdOutputStream(b)) {
            z.write(content);
        }
        Path f = tmp.resolve(name);
        Files.write(f, b.toByteArray());
        return f;
    }

    @Test
    void goodRecordingReads() throws Exception {
        assertTrue(readAll(goodRecording()).startsWith("ok "));
    }

    @Test
    void notZstdIsRejected() throws Exception {
        Path f = tmp.resolve("plain.png");
        Files.write(f, "\u0089PNG not a recording at all".getBytes());
        assertFails(f, "not a vfio-vnc recording");
    }

    @Test
    void wrongMagicIsRejected() throws Exception {
        assertFails(zstd("magic.fbrec.zst", "SOMETHING ELSE ENTIRELY".getBytes()), "bad magic");
    }

    @Test
    void truncatedFileIsRejected() throws Exception {
        Path good = goodRecording();
        byte[] all = Files.readAllBytes(good);
        Path cut = tmp.resolve("cut.fbrec.zst");
        Files.write(cut, Arrays.copyOf(all, all.length * 2 / 3));
        assertFails(cut, "is truncated");
    }

    @Test
    void missingEndMarkerIsTruncation() throws Exception {
        Path good = goodRecording();
        byte[] content;
        try (var in = new com.github.luben.zstd.ZstdInputStream(Files.newInputStream(good))) {
            content = in.readAllBytes();
        }
        assertFails(zstd("noend.fbrec.zst", Arrays.copyOf(content, content.length - 5)), "truncated after");
    }

    @Test
    void rectangleOutsideTheScreenIsCorrupt() throws Exception {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        DataOutputStream d = new DataOutputStream(b);
        d.write(RecordingFormat.MAGIC);
        d.writeShort(1);
        d.writeShort(10);
        d.writeShort(10);
        d.writeByte('F');
        d.writeLong(0);
        d.writeShort(1);
        d.writeShort(8);
        d.writeShort(0);
        d.writeShort(5);
        d.writeShort(1);
        d.write(new byte[15]);
        assertFails(zstd("outside.fbrec.zst", b.toByteArray()), "outside the 10x10 screen");
    }

    @Test
    void replaySourceReportsTheProblemOnOpen() throws Exception {
        Path f = zstd("magic2.fbrec.zst", "XXXXXXXXXXXXXXXXXXXXXXXXX".getBytes());
        ReplaySource r = new ReplaySource(f, false, false);
        SourceException e = assertThrows(SourceException.class, r::open);
        assertTrue(e.getMessage().contains("bad magic"), e.getMessage());
        ReplaySource missing = new ReplaySource(tmp.resolve("nope.fbrec.zst"), false, false);
        assertTrue(assertThrows(SourceException.class, missing::open).getMessage().contains("cannot read"));
    }
}
