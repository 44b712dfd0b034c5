package org.vfiovnc.source.qemudbus;

import java.io.IOException;
import org.vfiovnc.testing.Ppm;
import org.vfiovnc.testing.Qemu;

/** An RGB picture, 0xRRGGBB per pixel. */
record Picture(int width, int height, int[] rgb) {
    /** QEMU's own picture of its console (QMP screendump). */
    static Picture screendump(Qemu qemu) throws IOException, InterruptedException {
        Ppm ppm = qemu.screendump();
        return new Picture(ppm.width, ppm.height, ppm.rgb);
    }

    /** Pixels that differ from {@code other} (all of them when the sizes differ). */
    int differingPixels(Picture other) {
        if (other.width != width || other.height != height) {
            return Math.max(rgb.length, other.rgb.length);
        }
        int n = 0;
        for (int i = 0; i < rgb.length; i++) {
            if (rgb[i] != other.rgb[i]) {
                n++;
            }
        }
        return n;
    }
}
