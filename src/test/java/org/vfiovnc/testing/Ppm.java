package org.vfiovnc.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads the binary PPM (P6, maxval 255) files the C test client writes. */
public final class Ppm {
    public final int width;
    public final int height;
    public final int[] rgb;
    public Path path;

    private Ppm(int width, int height, int[] rgb) {
        this.width = width;
        this.height = height;
        this.rgb = rgb;
    }

    public static Ppm read(Path p) throws IOException {
        byte[] b = Files.readAllBytes(p);
        int[] pos = {0};
        String magic = token(b, pos);
        if (!magic.equals("P6")) {
            throw new IOException(p + ": not a P6 PPM");
        }
        int w = Integer.parseInt(token(b, pos));
        int h = Integer.parseInt(token(b, pos));
        int max = Integer.parseInt(token(b, pos));
        if (max != 255) {
            throw new IOException(p + ": maxval " + max);
        }
        int o = pos[0] + 1;
        int[] px = new int[w * h];
        for (int i = 0; i < px.length; i++, o += 3) {
            px[i] = (b[o] & 0xff) << 16 | (b[o + 1] & 0xff) << 8 | (b[o + 2] & 0xff);
        }
        Ppm ppm = new Ppm(w, h, px);
        ppm.path = p;
        return ppm;
    }

    private static String token(byte[] b, int[] pos) {
        int i = pos[0];
        while (Character.isWhitespace(b[i])) {
            i++;
        }
        int start = i;
        while (!Character.isWhitespace(b[i])) {
            i++;
        }
        pos[0] = i;
        return new String(b, start, i - start);
    }
}
