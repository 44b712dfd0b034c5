package org.vfiovnc.source.vfio;

import java.io.IOException;
import java.util.Optional;
import org.vfiovnc.surface.CursorState;
import org.vfiovnc.surface.DisplaySurface;

/** One way of turning a device's planes into surfaces (region or dma-buf); called once per tick. */
interface PlaneReader extends AutoCloseable {
    /** The current picture, empty for "no signal". */
    Optional<DisplaySurface> acquire() throws IOException;

    default Optional<CursorState> cursor() {
        return Optional.empty();
    }

    /** E.g. "region 16 (mmap)" or "dma-buf, mmap readback". */
    String describe();

    @Override
    void close();
}
