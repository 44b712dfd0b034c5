package org.vfiovnc.input;

/**
 * Receives viewer input after the protocol layer parsed it. Implementations must not block the
 * caller for long: they run on a client's reader thread.
 */
public interface InputSink extends AutoCloseable {

    /**
     * A key press or release. {@code scancode} is the XT scancode from QEMU's ExtendedKeyEvent
     * (0 when the viewer sent a plain KeyEvent).
     */
    void key(boolean down, int keysym, int scancode);

    /**
     * Pointer position in framebuffer pixels of a {@code width} x {@code height} screen, and the
     * button mask (bit 0 left, 1 middle, 2 right, 3/4 wheel up/down, 5/6 wheel left/right,
     * 7/8 back/forward with ExtendedMouseButtons).
     */
    void pointer(int x, int y, int buttonMask, int width, int height);

    /** The guest's keyboard LED mask ({@link LedListener} bits), or -1 while unknown. */
    default int ledState() {
        return -1;
    }

    /** Registers a listener for LED changes; sinks that never learn the LED state ignore it. */
    default void addLedListener(LedListener l) {}

    default void removeLedListener(LedListener l) {}

    @Override
    default void close() {}
}
