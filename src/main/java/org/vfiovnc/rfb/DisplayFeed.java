package org.vfiovnc.rfb;

import java.util.Optional;
import org.vfiovnc.display.DisplayListener;
import org.vfiovnc.display.RefreshLoop;
import org.vfiovnc.surface.CursorState;
import org.vfiovnc.surface.Framebuffer;
import org.vfiovnc.surface.SizeRequest;

/**
 * The display as a viewer's session uses it: joining and leaving it, the pointer shape to start
 * with, the publication count that tells which updates may share an encoding (see
 * {@link SharedUpdates}), waking the refresh loop for a request or for input, and passing a
 * viewer's SetDesktopSize to the source.
 */
interface DisplayFeed {

    /** Registers the session's listener; returns the current framebuffer (null before the first frame). */
    Framebuffer attach(DisplayListener listener);

    void detach(DisplayListener listener);

    /** The pointer's shape and position, once the source told any. */
    Optional<CursorState> cursor();

    /** Counts changes of pixels handed to listeners; read under the session's lock with the damage it takes. */
    long publications();

    /** A viewer waits for an update. */
    void wake();

    /** A viewer sent input: what it changes should be seen on the next tick. */
    void wakeForInput();

    /** A viewer's SetDesktopSize for the source (see {@link RefreshLoop#requestSize}); may wait for the VM's answer. */
    SizeRequest requestSize(int width, int height);

    /** The feed of a refresh loop. */
    static DisplayFeed of(RefreshLoop loop) {
        return new DisplayFeed() {
            @Override
            public Framebuffer attach(DisplayListener listener) {
                return loop.attach(listener);
            }

            @Override
            public void detach(DisplayListener listener) {
                loop.detach(listener);
            }

            @Override
            public Optional<CursorState> cursor() {
                return loop.cursor();
            }

            @Override
            public long publications() {
                return loop.publications();
            }

            @Override
            public void wake() {
                loop.wake();
            }

            @Override
            public void wakeForInput() {
                loop.wakeForInput();
            }

            @Override
            public SizeRequest requestSize(int width, int height) {
                return loop.requestSize(width, height);
            }
        };
    }
}
