package org.vfiovnc.source;

import java.io.IOException;
import java.util.Optional;
import org.vfiovnc.surface.CursorState;
import org.vfiovnc.surface.DisplaySurface;
import org.vfiovnc.surface.SizeRequest;

/**
 * Where the screen comes from. The refresh loop calls {@link #acquire()} once per tick from one
 * thread; no method is called concurrently with another except {@link #close()} and
 * {@link #requestSize}.
 */
public interface DisplaySource extends AutoCloseable {

    /** Opens the device or file; a failure here is reported to the user and retried with backoff. */
    void open() throws IOException;

    /**
     * The current scanout, or empty when the source has no picture right now ("no signal": a guest
     * that disabled its display, a plane that is all zero). The returned surface and its buffer stay
     * valid until the next call to acquire or close.
     */
    Optional<DisplaySurface> acquire() throws IOException;

    /** The pointer shape and position, when the source knows them. */
    default Optional<CursorState> cursor() {
        return Optional.empty();
    }

    /**
     * Asks for a new screen size on a viewer's behalf (its SetDesktopSize). Called on a viewer's
     * thread, concurrently with {@link #acquire()}; it may wait for the VM's answer but not for the
     * guest to follow. By default the guest's size is its own (a vGPU's mode is its driver's choice).
     */
    default SizeRequest requestSize(int width, int height) {
        return SizeRequest.PROHIBITED;
    }

    /** Short human-readable description for logs, e.g. "demo 1280x720". */
    String describe();

    @Override
    void close();
}
