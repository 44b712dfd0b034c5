package org.vfiovnc.source.vfio;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.logging.Logger;
import org.vfiovnc.source.SourceException;
import org.vfiovnc.source.linux.LibC;
import org.vfiovnc.surface.DisplaySurface;
import org.vfiovnc.surface.PixelLayout;

/**
 * Region planes: the device names a region that holds the framebuffer. It is mapped once (and
 * again when the plane names another region); the surface is the live mapping. Regions that
 * cannot be mapped are read with pread each tick.
 */
final class RegionPlaneReader implements PlaneReader {
    private static final Logger LOG = Logger.getLogger(RegionPlaneReader.class.getName());

    private final VfioDevice device;
    private RegionInfo region;
    private Pointer mapping;
    private Memory copy;
    private PlaneInfo plane;
    private DisplaySurface surface;
    private long serial;

    RegionPlaneReader(VfioDevice device) {
        this.device = device;
    }

    @Override
    public Optional<DisplaySurface> acquire() throws IOException {
        PlaneInfo p = device.queryPlane(VfioIoctl.VFIO_GFX_PLANE_TYPE_REGION, VfioIoctl.DRM_PLANE_TYPE_PRIMARY);
        if (p.isEmpty()) {
            plane = null;
            surface = null;
            return Optional.empty();
        }
        if (region == null || region.index() != p.id()) {
            remap(p.id());
        }
        if (surface == null || !p.sameGeometry(plane)) {
            surface = wrap(p);
            plane = p;
        }
        if (copy != null) {
            device.read(region.offset(), copy, copy.size());
        }
        return Optional.of(surface);
    }

    private void remap(int index) throws IOException {
        unmap();
        RegionInfo r = device.regionInfo(index);
        if (r.size() <= 0) {
            throw new SourceException("display region " + index + " of " + device.name() + " is empty");
        }
        if (r.mappable()) {
            mapping = device.map(r.offset(), r.size());
        } else if (r.readable()) {
            LOG.info("display region " + index + " of " + device.name() + " cannot be mapped; reading it each tick");
            copy = new Memory(r.size());
        } else {
            throw new SourceException("display region " + index + " of " + device.name() + " is neither mappable nor readable");
        }
        region = r;
        surface = null;
        LOG.fine("mapped region " + index + ": " + r);
    }

    private DisplaySurface wrap(PlaneInfo p) throws SourceException {
        PixelLayout layout = PixelLayout.byFourcc(p.drmFormat()).orElseThrow(() -> new SourceException(
                "unsupported plane format " + PixelLayout.describe(p.drmFormat()) + " on " + device.name()));
        long rowBytes = (long) p.width() * layout.bytesPerPixel();
        long needed = (long) p.stride() * (p.height() - 1) + rowBytes;
        if (p.stride() < rowBytes || needed > region.size()) {
            throw new SourceException("plane " + p.width() + "x" + p.height() + " stride " + p.stride()
                    + " does not fit region " + region.index() + " of " + region.size() + " bytes");
        }
        ByteBuffer pixels = mapping != null ? mapping.getByteBuffer(0, needed) : copy.getByteBuffer(0, needed);
        return new DisplaySurface(p.width(), p.height(), p.stride(), layout, pixels, ++serial);
    }

    private void unmap() {
        if (mapping != null) {
            try {
                LibC.INSTANCE.munmap(mapping, new NativeLong(region.size()));
            } catch (LastErrorException e) {
                LOG.fine("munmap: " + LibC.describe(e.getErrorCode()));
            }
        }
        mapping = null;
        copy = null;
        region = null;
        surface = null;
    }

    @Override
    public String describe() {
        return "region plane" + (region != null ? " (region " + region.index() + (mapping != null ? ", mapped)" : ", read)") : "");
    }

    @Override
    public void close() {
        unmap();
    }
}
