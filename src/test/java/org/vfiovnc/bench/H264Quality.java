package org.vfiovnc.bench;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.vfiovnc.encoding.h264.FfmpegCli;
import org.vfiovnc.encoding.h264.H264Backend;
import org.vfiovnc.encoding.h264.H264Encoder;
import org.vfiovnc.encoding.h264.H264Settings;
import org.vfiovnc.encoding.h264.ReferenceYuv;

/** A video through libx264 from its first picture, decoded back by the ffmpeg CLI: bytes and mean PSNR. */
record H264Quality(long bytes, double meanPsnr) {

    static H264Quality of(int[][] video, int w, int h, H264Settings settings) throws Exception {
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        try (H264Encoder e = H264Encoder.open(H264Backend.LIBX264, w, h, settings)) {
            for (int[] px : video) {
                stream.writeBytes(e.encode(px, 0, w, false));
            }
        }
        Path file = Files.createTempFile("bench", ".h264");
        try {
            Files.write(file, stream.toByteArray());
            FfmpegCli.Decoded d = FfmpegCli.decode(file);
            double sum = 0;
            for (int i = 0; i < video.length; i++) {
                sum += ReferenceYuv.psnr(d.frames().get(i), d.width(), video[i], w, w, h);
            }
            return new H264Quality(stream.size(), sum / video.length);
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
