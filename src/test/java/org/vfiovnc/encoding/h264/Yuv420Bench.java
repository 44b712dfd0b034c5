package org.vfiovnc.encoding.h264;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import java.util.Arrays;
import java.util.Locale;

/**
 * The RGB to 4:2:0 step of the H.264 path alone, the two ways {@link H264Encoder} can take it: the Java
 * converter (into Java planes, then copied into the frame's) and libjpeg-turbo's (staged into native memory,
 * converted into the frame's planes). Whole pictures at 1280x720 and 1920x1080, rounds alternating in one
 * JVM, medians compared. Then whole libx264 encodes at 720p, default level, one encoder per conversion
 * (each with its own range's CRF), on a drifting smooth picture and on scrolling text: conversion and
 * encoder together, and the bytes. Main-style, like the other benches:
 * {@code java -cp target/classes:target/test-classes:$(cat target/cp.txt) org.vfiovnc.encoding.h264.Yuv420Bench [rounds]}.
 */
public final class Yuv420Bench {
    private static final int PER_ROUND = 100;
    private static final int DISTINCT = 4;

    private Yuv420Bench() {}

    public static void main(String[] args) throws VideoEncoderException {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 7;
        for (int[] size : new int[][] {{1280, 720}, {1920, 1080}}) {
            int w = size[0];
            int h = size[1];
            int[][] pictures = new int[DISTINCT][];
            for (int i = 0; i < DISTINCT; i++) {
                pictures[i] = TestVideo.photo(w, h, i);
            }
            int lumaStride = w + 32;
            int chromaStride = w / 2 + 32;
            Memory[] planes = {new Memory((long) lumaStride * h), new Memory((long) chromaStride * h / 2),
                new Memory((long) chromaStride * h / 2)};
            Pointer[] data = {planes[0], planes[1], planes[2]};
            int[] lines = {lumaStride, chromaStride, chromaStride};
            double[] java = new double[rounds];
            double[] turbo = new double[rounds];
            try (FrameFiller j = new JavaFrameFiller(w, h, false); FrameFiller t = TurboFrameFiller.create(w, h)) {
                if (t == null) {
                    throw new IllegalStateException("libturbojpeg is missing");
                }
                time(j, pictures, w, data, lines); // warm-up
                time(t, pictures, w, data, lines);
                for (int r = 0; r < rounds; r++) {
                    java[r] = time(j, pictures, w, data, lines);
                    turbo[r] = time(t, pictures, w, data, lines);
                }
            }
            double mj = median(java);
            double mt = median(turbo);
            System.out.printf(Locale.ROOT, "%dx%d: Java %.2f ms, libjpeg-turbo %.2f ms per picture (medians of %d"
                    + " rounds of %d; ranges %.2f-%.2f and %.2f-%.2f): %.2f of the Java time%n", w, h, mj, mt, rounds,
                    PER_ROUND, min(java), max(java), min(turbo), max(turbo), mt / mj);
        }
        encodes(rounds);
    }

    private static void encodes(int rounds) throws VideoEncoderException {
        int w = 1280;
        int h = 720;
        for (String content : new String[] {"photo", "text"}) {
            int[][] pictures = new int[24][];
            for (int i = 0; i < pictures.length; i++) {
                pictures[i] = content.equals("photo") ? TestVideo.photo(w, h, i) : TestVideo.text(w, h, i);
            }
            double[] java = new double[rounds];
            double[] turbo = new double[rounds];
            long[] bytes = new long[2];
            H264Settings s = H264Settings.defaults();
            try (H264Encoder j = H264Encoder.open(H264Backend.LIBX264, w, h, s, YuvColour.BT709_LIMITED);
                 H264Encoder t = H264Encoder.open(H264Backend.LIBX264, w, h, s, YuvColour.BT601_FULL)) {
                encode(j, pictures, w, new long[1]);
                encode(t, pictures, w, new long[1]);
                for (int r = 0; r < rounds; r++) {
                    java[r] = encode(j, pictures, w, bytes);
                    long before = bytes[0];
                    turbo[r] = encode(t, pictures, w, bytes);
                    bytes[1] += bytes[0] - before;
                    bytes[0] = before;
                }
            }
            System.out.printf(Locale.ROOT, "720p %s, libx264 level %d: Java conversion %.2f ms and %d bytes per"
                    + " picture, libjpeg-turbo's %.2f ms and %d bytes: %.2f of the time%n", content, s.qualityLevel(),
                    median(java), bytes[0] / rounds / pictures.length, median(turbo), bytes[1] / rounds / pictures.length,
                    median(turbo) / median(java));
        }
    }

    /** Encodes the pictures in turn (P pictures after the first IDR); ms per picture, bytes added to {@code total[0]}. */
    private static double encode(H264Encoder e, int[][] pictures, int w, long[] total) throws VideoEncoderException {
        long start = System.nanoTime();
        for (int[] p : pictures) {
            total[0] += e.encode(p, 0, w, false).length;
        }
        return (System.nanoTime() - start) / 1e6 / pictures.length;
    }

    private static double time(FrameFiller f, int[][] pictures, int w, Pointer[] data, int[] lines) {
        long start = System.nanoTime();
        for (int i = 0; i < PER_ROUND; i++) {
            f.fill(pictures[i % DISTINCT], 0, w, null, data, lines);
        }
        return (System.nanoTime() - start) / 1e6 / PER_ROUND;
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }

    private static double min(double[] v) {
        return Arrays.stream(v).min().orElse(0);
    }

    private static double max(double[] v) {
        return Arrays.stream(v).max().orElse(0);
    }
}
