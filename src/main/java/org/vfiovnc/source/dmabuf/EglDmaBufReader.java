package org.vfiovnc.source.dmabuf;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;
import org.vfiovnc.source.SourceException;
import org.vfiovnc.surface.DisplaySurface;
import org.vfiovnc.surface.PixelLayout;

/**
 * Reads dma-bufs by importing them into headless EGL (Mesa; llvmpipe does it on the CPU) and copying
 * the pixels out with glReadPixels. Needs EGL_EXT_image_dma_buf_import, which Debian 12 gets from
 * Mesa 25 in bookworm-backports.
 *
 * <p>Threading: an EGL context is current on one thread only, so every EGL and GL call runs on this
 * reader's own thread ("egl-readback"); {@link #read}, {@link #forget} and {@link #close} may be
 * called from any thread and wait for it. The refresh loop calls {@code read} from its single thread,
 * so the returned buffer is not overwritten while the differ looks at it.
 *
 * <p>Each buffer is imported once (EGLImage + texture + framebuffer) and kept until {@link #forget};
 * a first readback after an import costs tens of milliseconds (Mesa maps the buffer), later ones a
 * few. At most {@value #MAX_IMPORTED} buffers are kept; beyond that the least recently read goes.
 */
public final class EglDmaBufReader implements DmaBufReader {
    private static final Logger LOG = Logger.getLogger(EglDmaBufReader.class.getName());
    static final int MAX_IMPORTED = 32;

    private final EglThread thread;
    private final HeadlessEgl egl;
    /** Touched on the EGL thread only. Keyed by the whole record: same fd with other geometry is another import. */
    private final LinkedHashMap<DmaBuf, ImportedBuffer> imported = new LinkedHashMap<>(16, 0.75f, true);
    private ByteBuffer pixels;
    private volatile boolean closed;

    private EglDmaBufReader(EglThread thread, HeadlessEgl egl) {
        this.thread = thread;
        this.egl = egl;
    }

    /** Sets up EGL on a new thread; throws with the reason (and the Mesa hint) when the platform cannot import dma-bufs. */
    public static EglDmaBufReader open() throws IOException {
        return open(List.of(HeadlessEgl.Platform.SURFACELESS, HeadlessEgl.Platform.DEVICE));
    }

    /** As {@link #open()} with a chosen platform order (tests reach the device fallback with it). */
    static EglDmaBufReader open(List<HeadlessEgl.Platform> platforms) throws IOException {
        EglThread thread = new EglThread("egl-readback");
        try {
            HeadlessEgl egl = thread.call(() -> HeadlessEgl.open(platforms));
            LOG.info(() -> "EGL readback: " + egl.describe());
            return new EglDmaBufReader(thread, egl);
        } catch (IOException | RuntimeException e) {
            thread.shutdownNow();
            throw e;
        }
    }

    @Override
    public String name() {
        return "egl";
    }

    /** Platform and driver in use, for logs and `probe`. */
    public String describe() {
        return "EGL " + egl.describe();
    }

    @Override
    public DisplaySurface read(DmaBuf buf, long serial) throws IOException {
        ensureOpen();
        return thread.call(() -> readOnThread(buf, serial));
    }

    private DisplaySurface readOnThread(DmaBuf buf, long serial) throws SourceException {
        ImportedBuffer image = imported.get(buf);
        if (image == null) {
            PixelLayout layout = DmaBufCheck.validate(buf, Math.min(16384, egl.maxTextureSize()));
            image = ImportedBuffer.create(egl, buf, layout);
            imported.put(buf, image);
            evictBeyondLimit();
        }
        int bytes = image.readBytes();
        if (pixels == null || pixels.capacity() < bytes) {
            pixels = ByteBuffer.allocateDirect(bytes).order(ByteOrder.LITTLE_ENDIAN);
        }
        try {
            image.readInto(pixels);
        } catch (SourceException e) {
            // Do not keep an import that cannot be read: the next read tries afresh.
            imported.remove(buf);
            image.destroy();
            throw e;
        }
        PixelLayout layout = image.readLayout();
        ByteBuffer view = pixels.duplicate().limit(bytes).slice();
        return new DisplaySurface(buf.width(), buf.height(), buf.width() * layout.bytesPerPixel(), layout, view, serial);
    }

    private void evictBeyondLimit() {
        Iterator<Map.Entry<DmaBuf, ImportedBuffer>> it = imported.entrySet().iterator();
        while (imported.size() > MAX_IMPORTED && it.hasNext()) {
            it.next().getValue().destroy();
            it.remove();
        }
    }

    @Override
    public void forget(DmaBuf buf) {
        if (closed) {
            return;
        }
        try {
            thread.call(() -> {
                ImportedBuffer image = imported.remove(buf);
                if (image != null) {
                    image.destroy();
                }
                return null;
            });
        } catch (IOException e) {
            LOG.warning("EGL readback: releasing " + buf + " failed: " + e.getMessage());
        }
    }

    /** Number of buffers currently imported (for tests and diagnostics). */
    public int importedCount() throws IOException {
        ensureOpen();
        return thread.call(imported::size);
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            thread.call(() -> {
                imported.values().forEach(ImportedBuffer::destroy);
                imported.clear();
                egl.close();
                return null;
            });
        } catch (IOException e) {
            LOG.warning("EGL readback: shutting down failed: " + e.getMessage());
        } finally {
            thread.shutdown(5000);
        }
    }

    private void ensureOpen() throws SourceException {
        if (closed) {
            throw new SourceException("EGL readback is closed");
        }
    }
}
