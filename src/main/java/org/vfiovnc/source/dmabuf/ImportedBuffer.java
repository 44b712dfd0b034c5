package org.vfiovnc.source.dmabuf;

import com.sun.jna.Pointer;
import java.nio.ByteBuffer;
import org.vfiovnc.source.SourceException;
import org.vfiovnc.surface.PixelLayout;

/**
 * One dma-buf imported as an EGLImage, bound to a texture that is the colour attachment of its own
 * framebuffer object, so a readback is one bind and one glReadPixels. The import is zero-copy: the
 * texture samples the buffer's memory, so what the device draws later shows in the next readback.
 * Runs on the EGL thread only.
 */
final class ImportedBuffer {
    private final HeadlessEgl egl;
    private final DmaBuf buf;
    private final Pointer image;
    private final int texture;
    private final int framebuffer;
    private final int readFormat;
    private final int readType;
    private final PixelLayout readLayout;

    private ImportedBuffer(HeadlessEgl egl, DmaBuf buf, Pointer image, int texture, int framebuffer,
                           int readFormat, int readType, PixelLayout readLayout) {
        this.egl = egl;
        this.buf = buf;
        this.image = image;
        this.texture = texture;
        this.framebuffer = framebuffer;
        this.readFormat = readFormat;
        this.readType = readType;
        this.readLayout = readLayout;
    }

    /** Imports {@code buf} (already validated as {@code layout}); throws with EGL's reason when it refuses. */
    static ImportedBuffer create(HeadlessEgl egl, DmaBuf buf, PixelLayout layout) throws SourceException {
        String what = "dma-buf fd " + buf.fd() + " " + buf.width() + "x" + buf.height() + " " + layout.fourccName()
                + " stride " + buf.stride() + " offset " + buf.offset()
                + (buf.modifier() != 0 ? String.format(" modifier 0x%016x", buf.modifier()) : "");
        boolean withModifier = buf.modifier() != 0 && buf.modifier() != DmaBufCheck.MOD_INVALID;
        if (withModifier && !egl.hasEglExtension("EGL_EXT_image_dma_buf_import_modifiers")) {
            throw new SourceException(what + ": a format modifier needs EGL_EXT_image_dma_buf_import_modifiers, "
                    + "which this EGL lacks. " + HeadlessEgl.MESA_HINT);
        }
        int[] attribs = {
            Egl.EGL_WIDTH, buf.width(),
            Egl.EGL_HEIGHT, buf.height(),
            Egl.EGL_LINUX_DRM_FOURCC_EXT, buf.fourcc(),
            Egl.EGL_DMA_BUF_PLANE0_FD_EXT, buf.fd(),
            Egl.EGL_DMA_BUF_PLANE0_OFFSET_EXT, buf.offset(),
            Egl.EGL_DMA_BUF_PLANE0_PITCH_EXT, buf.stride(),
            Egl.EGL_NONE, Egl.EGL_NONE, Egl.EGL_NONE, Egl.EGL_NONE, Egl.EGL_NONE,
        };
        if (withModifier) {
            attribs[12] = Egl.EGL_DMA_BUF_PLANE0_MODIFIER_LO_EXT;
            attribs[13] = (int) buf.modifier();
            attribs[14] = Egl.EGL_DMA_BUF_PLANE0_MODIFIER_HI_EXT;
            attribs[15] = (int) (buf.modifier() >>> 32);
        }
        Pointer image = egl.createDmaBufImage(attribs);
        if (image == null) {
            int error = egl.egl().eglGetError();
            String hint = error == 0x3009 ? " (format or modifier not importable by this EGL)" : "";
            throw new SourceException("EGL cannot import " + what + ": " + Egl.errorName(error) + hint);
        }
        Gles gl = egl.gl();
        drainErrors(gl);
        int[] tex = new int[1];
        int[] fbo = new int[1];
        gl.glGenTextures(1, tex);
        gl.glBindTexture(Gles.GL_TEXTURE_2D, tex[0]);
        gl.glTexParameteri(Gles.GL_TEXTURE_2D, Gles.GL_TEXTURE_MIN_FILTER, Gles.GL_NEAREST);
        gl.glTexParameteri(Gles.GL_TEXTURE_2D, Gles.GL_TEXTURE_MAG_FILTER, Gles.GL_NEAREST);
        egl.bindImageToTexture(image);
        gl.glGenFramebuffers(1, fbo);
        gl.glBindFramebuffer(Gles.GL_FRAMEBUFFER, fbo[0]);
        gl.glFramebufferTexture2D(Gles.GL_FRAMEBUFFER, Gles.GL_COLOR_ATTACHMENT0, Gles.GL_TEXTURE_2D, tex[0], 0);
        int status = gl.glCheckFramebufferStatus(Gles.GL_FRAMEBUFFER);
        int error = gl.glGetError();
        if (status != Gles.GL_FRAMEBUFFER_COMPLETE || error != Gles.GL_NO_ERROR) {
            gl.glBindFramebuffer(Gles.GL_FRAMEBUFFER, 0);
            gl.glDeleteFramebuffers(1, fbo);
            gl.glDeleteTextures(1, tex);
            egl.destroyImage(image);
            throw new SourceException(String.format("%s imported but cannot be read: framebuffer status 0x%04x, GL error 0x%04x",
                    what, status, error));
        }
        int[] format = readFormat(egl, layout);
        PixelLayout readLayout = PixelLayout.byFourcc(format[2]).orElseThrow();
        return new ImportedBuffer(egl, buf, image, tex[0], fbo[0], format[0], format[1], readLayout);
    }

    /**
     * How to read: {format, type, fourcc of the resulting bytes}.
     * - 32-bit formats: GL_RGBA bytes R,G,B,A, which is the DRM layout XB24 (alpha ignored downstream).
     *   Not GL_BGRA_EXT even for XR24, although its bytes would match the source: Mesa 25 llvmpipe reads
     *   1080p XR24 as RGBA in 1.7 ms but as BGRA in 2.7 ms (EglReadbackBench), and the differ only
     *   converts the changed tiles, so the faster readback wins.
     * - RG16: GL_RGB/GL_UNSIGNED_SHORT_5_6_5 gives the exact 16-bit pixels (0.2 ms at 1080p) when the
     *   implementation names it as its preferred read format for this framebuffer (Mesa does);
     *   otherwise RGBA bytes (XB24), which is always allowed.
     */
    private static int[] readFormat(HeadlessEgl egl, PixelLayout layout) {
        int[] rgba = {Gles.GL_RGBA, Gles.GL_UNSIGNED_BYTE, PixelLayout.XB24.fourcc()};
        if (layout != PixelLayout.RG16) {
            return rgba;
        }
        int[] format = new int[1];
        int[] type = new int[1];
        egl.gl().glGetIntegerv(Gles.GL_IMPLEMENTATION_COLOR_READ_FORMAT, format);
        egl.gl().glGetIntegerv(Gles.GL_IMPLEMENTATION_COLOR_READ_TYPE, type);
        drainErrors(egl.gl());
        return format[0] == Gles.GL_RGB && type[0] == Gles.GL_UNSIGNED_SHORT_5_6_5
                ? new int[] {Gles.GL_RGB, Gles.GL_UNSIGNED_SHORT_5_6_5, PixelLayout.RG16.fourcc()}
                : rgba;
    }

    /** Layout of the bytes {@link #readInto} writes (tightly packed rows). */
    PixelLayout readLayout() {
        return readLayout;
    }

    /** Bytes one readback needs. */
    int readBytes() {
        return buf.width() * buf.height() * readLayout.bytesPerPixel();
    }

    /**
     * Reads the whole buffer into {@code dst} (direct, at least {@link #readBytes()} long), rows tightly packed.
     *
     * <p>No row flip: glReadPixels returns the row at y = 0 first, and for a texture attachment y = 0 is
     * texel row 0, which an imported dma-buf maps to the first row in memory (its top scanline). The
     * "bottom-up" convention only concerns default framebuffers presented on screen.
     */
    void readInto(ByteBuffer dst) throws SourceException {
        Gles gl = egl.gl();
        drainErrors(gl);
        gl.glBindFramebuffer(Gles.GL_FRAMEBUFFER, framebuffer);
        gl.glReadPixels(0, 0, buf.width(), buf.height(), readFormat, readType, dst);
        int error = gl.glGetError();
        if (error != Gles.GL_NO_ERROR) {
            String hint = error == 0x0505 ? outOfMemoryHint() : "";
            throw new SourceException(String.format("glReadPixels of dma-buf fd %d failed: GL error 0x%04x%s", buf.fd(), error, hint));
        }
    }

    void destroy() {
        Gles gl = egl.gl();
        gl.glBindFramebuffer(Gles.GL_FRAMEBUFFER, 0);
        gl.glDeleteFramebuffers(1, new int[] {framebuffer});
        gl.glDeleteTextures(1, new int[] {texture});
        egl.destroyImage(image);
    }

    /**
     * llvmpipe maps the whole dma-buf, and the kernel refuses a mapping past a dma-buf's last whole
     * page: a buffer whose size is not page aligned (mbochs at 800x600) cannot be read through it.
     */
    private String outOfMemoryHint() {
        if (buf.size() % MmapDmaBufReader.PAGE != 0) {
            return " (GL_OUT_OF_MEMORY: the buffer's size " + buf.size() + " is not a whole number of pages, and the"
                    + " kernel refuses to map such a dma-buf for the driver; --readback mmap reads it up to its last whole page)";
        }
        return " (GL_OUT_OF_MEMORY: the driver could not map the buffer; is the fd a dma-buf?)";
    }

    /** Clears errors left by earlier calls so the next check blames the right one. */
    private static void drainErrors(Gles gl) {
        for (int i = 0; i < 16 && gl.glGetError() != Gles.GL_NO_ERROR; i++) {
            // keep draining
        }
    }
}
