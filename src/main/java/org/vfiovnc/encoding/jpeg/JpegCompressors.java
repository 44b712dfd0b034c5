package org.vfiovnc.encoding.jpeg;

import java.util.logging.Logger;

/** Picks libjpeg-turbo when it loads, else the JDK's encoder (said once in the log). */
public final class JpegCompressors {
    private static final Logger LOG = Logger.getLogger(JpegCompressors.class.getName());
    private static volatile boolean told;

    private JpegCompressors() {}

    /** Which encoder {@link #best()} gives on this host, in words for the probe command. */
    public static String describe() {
        return TurboJpegCompressor.available() ? "libjpeg-turbo"
                : "javax.imageio (libturbojpeg could not be loaded: install libturbojpeg0 for a faster one)";
    }

    public static JpegCompressor best() {
        JpegCompressor c = TurboJpegCompressor.create();
        if (c == null) {
            c = new ImageIoJpegCompressor();
        }
        if (!told) {
            told = true;
            LOG.info("JPEG through " + c.name());
        }
        return c;
    }
}
