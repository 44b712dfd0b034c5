package org.vfiovnc.input;

import java.util.function.Consumer;

/**
 * The guest's clipboard, where the VM offers one (QEMU's D-Bus clipboard, fed by qemu-vdagent and
 * the guest's spice-vdagent). Implementations return at once and call listeners on their own threads.
 */
public interface GuestClipboard extends AutoCloseable {
    /** Whether a guest clipboard exists at all (without one, pasted text can only be typed). */
    boolean available();

    /** Whether text from viewers goes anywhere (the guest's clipboard, or typed): else viewers are not asked for it. */
    default boolean toGuest() {
        return available();
    }

    /** Whether text the guest copies reaches viewers. */
    default boolean fromGuest() {
        return available();
    }

    /** Text a viewer copied, offered to the guest's clipboard. */
    void fromViewer(String text);

    /** {@code listener} hears text the guest copied. */
    void addListener(Consumer<String> listener);

    void removeListener(Consumer<String> listener);

    @Override
    default void close() {}

    /**
     * This clipboard with only the directions {@code d} allows (the operator's --clipboard);
     * {@code available()} stays the guest's own answer.
     */
    default GuestClipboard limitedTo(ClipboardDirection d) {
        return d == ClipboardDirection.BOTH ? this : new DirectedClipboard(this, d);
    }

    /** No guest clipboard. */
    GuestClipboard NONE = new GuestClipboard() {
        @Override
        public boolean available() {
            return false;
        }

        @Override
        public void fromViewer(String text) {}

        @Override
        public void addListener(Consumer<String> listener) {}

        @Override
        public void removeListener(Consumer<String> listener) {}
    };
}
