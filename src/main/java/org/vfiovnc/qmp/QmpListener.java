package org.vfiovnc.qmp;

/**
 * Hears what happens on a {@link QmpClient}: called on the client's reader thread, so it must
 * return quickly and must not wait for a command's answer (that answer is read by the same thread).
 */
public interface QmpListener {
    /** QEMU's monitor is ready for commands (also after a reconnect). */
    default void connected() {}

    /** The connection ended; commands fail until {@link #connected} again. */
    default void disconnected() {}

    default void event(QmpEvent e) {}
}
