package org.vfiovnc.input;

/** Drops all input: the default until a sink (e.g. QMP) is configured, and for --view-only. */
public final class NoInputSink implements InputSink {
    public static final NoInputSink INSTANCE = new NoInputSink();

    private NoInputSink() {}

    @Override
    public void key(boolean down, int keysym, int scancode) {}

    @Override
    public void pointer(int x, int y, int buttonMask, int width, int height) {}
}
