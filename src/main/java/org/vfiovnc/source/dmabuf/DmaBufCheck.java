package org.vfiovnc.source.dmabuf;

import com.sun.jna.LastErrorException;
import org.vfiovnc.source.SourceException;
import org.vfiovnc.source.linux.LibC;
import org.vfiovnc.surface.PixelLayout;

/**
 * Checks a dma-buf's geometry against its real size before anything imports it: Mesa accepts a
 * buffer that is too small for its width/height/stride without complaint and then reads garbage
 * (or beyond the buffer), so this is the only place such a buffer is caught.
 */
final class DmaBufCheck {
    /** Fourccs the readback is tested with. */
    static final PixelLayout[] SUPPORTED = {PixelLayout.XR24, PixelLayout.AR24, PixelLayout.XB24, PixelLayout.AB24, PixelLayout.RG16};

    /** DRM_FORMAT_MOD_INVALID: "no modifier given", never passed to EGL. */
    static final long MOD_INVALID = 0x00ffffffffffffffL;

    private DmaBufCheck() {}

    /** The layout of {@code buf}'s pixels once every size has been checked; throws with the reason otherwise. */
    static PixelLayout validate(DmaBuf buf, int maxSide) throws SourceException {
        PixelLayout layout = PixelLayout.byFourcc(buf.fourcc()).filter(DmaBufCheck::supported).orElseThrow(() ->
                new SourceException("dma-buf format " + PixelLayout.describe(buf.fourcc())
                        + " is not supported by the EGL readback (supported: XR24, AR24, XB24, AB24, RG16)"));
        String what = "dma-buf fd " + buf.fd() + " " + buf.width() + "x" + buf.height() + " " + layout.fourccName();
        if (buf.fd() < 0) {
            throw new SourceException(what + ": invalid fd");
        }
        if (buf.width() <= 0 || buf.height() <= 0 || buf.width() > maxSide || buf.height() > maxSide) {
            throw new SourceException(what + ": size out of range (1.." + maxSide + " per side)");
        }
        long rowBytes = (long) buf.width() * layout.bytesPerPixel();
        if (buf.stride() < rowBytes) {
            throw new SourceException(what + ": stride " + buf.stride() + " is smaller than a row of " + rowBytes + " bytes");
        }
        if (buf.offset() < 0) {
            throw new SourceException(what + ": negative offset " + buf.offset());
        }
        long needed = buf.offset() + (long) buf.stride() * (buf.height() - 1) + rowBytes;
        if (buf.size() > 0 && needed > buf.size()) {
            throw new SourceException(what + " stride " + buf.stride() + " offset " + buf.offset() + " needs " + needed
                    + " bytes but the buffer is too small: its reported size is " + buf.size());
        }
        long real = realSize(buf.fd(), what);
        if (needed > real) {
            throw new SourceException(what + " stride " + buf.stride() + " offset " + buf.offset() + " needs " + needed
                    + " bytes but the buffer is too small: the fd holds " + real);
        }
        return layout;
    }

    private static boolean supported(PixelLayout layout) {
        for (PixelLayout l : SUPPORTED) {
            if (l == layout) {
                return true;
            }
        }
        return false;
    }

    private static long realSize(int fd, String what) throws SourceException {
        try {
            return DmaBufSize.of(fd);
        } catch (LastErrorException e) {
            int errno = e.getErrorCode();
            String reason = errno == LibC.ESPIPE ? "ESPIPE (" + LibC.INSTANCE.strerror(errno) + ")" : LibC.describe(errno);
            throw new SourceException(what + ": cannot learn the buffer's size (lseek: " + reason + "); is the fd a dma-buf?");
        }
    }
}
