package org.vfiovnc.source.vfio;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.logging.Logger;
import org.vfiovnc.source.DisplaySource;
import org.vfiovnc.source.SourceException;
import org.vfiovnc.source.dmabuf.Readback;
import org.vfiovnc.surface.CursorState;
import org.vfiovnc.surface.DisplaySurface;

/**
 * The display of a VFIO mediated device (vGPU). Opening finds out which plane type the device
 * offers (region or dma-buf) and reads that one; a device that is being removed is released
 * at once so the removal can complete.
 */
public final class VfioSource implements DisplaySource {
    private static final Logger LOG = Logger.getLogger(VfioSource.class.getName());
    private static final long PRESENCE_CHECK_NANOS = 250_000_000L;

    /** How to get the device fd. */
    interface DeviceSupplier {
        VfioDevice open() throws IOException;
    }

    private final String spec;
    private final DeviceSupplier supplier;
    private final Path presence;
    private final Readback readback;
    private VfioDevice device;
    private PlaneReader planes;
    private long nextPresenceCheck;

    VfioSource(DeviceSpec device, Readback readback) {
        this.spec = device.spec();
        this.supplier = device.supplier();
        this.presence = device.presence();
        this.readback = readback;
    }

    /** {@code vfio:X}: the device named by X (an mdev UUID, its sysfs path, a cdev path). */
    public static VfioSource forSpec(String x, Readback readback) {
        return new VfioSource(DeviceSpec.ofVfio(x), readback);
    }

    /** {@code vfio-fd:N} or {@code vfio-fd:unix:PATH}: a device another process opened. */
    public static VfioSource forFd(String x, Readback readback) {
        return new VfioSource(DeviceSpec.ofFd(x), readback);
    }

    @Override
    public void open() throws IOException {
        close();
        VfioDevice d = supplier.open();
        try {
            planes = choosePlanes(d, readback);
            device = d;
            LOG.info("opened " + spec + " via " + d.access() + ": " + planes.describe());
        } catch (IOException | RuntimeException e) {
            d.close();
            throw e;
        }
    }

    /** Region planes when offered, else dma-buf planes, else "no display". */
    static PlaneReader choosePlanes(VfioDevice d, Readback readback) throws SourceException {
        if (d.offers(VfioIoctl.VFIO_GFX_PLANE_TYPE_REGION)) {
            return new RegionPlaneReader(d);
        }
        if (d.offers(VfioIoctl.VFIO_GFX_PLANE_TYPE_DMABUF)) {
            return new DmaBufPlaneReader(d, readback);
        }
        throw new SourceException("device " + d.name() + " has no display: it offers neither region nor dma-buf "
                + "planes (VFIO_DEVICE_QUERY_GFX_PLANE probe refused; not a vGPU, or its type has no display)");
    }

    @Override
    public Optional<DisplaySurface> acquire() throws IOException {
        if (planes == null) {
            throw new SourceException(spec + " is not open");
        }
        checkPresence();
        try {
            return planes.acquire();
        } catch (VfioErrnoException e) {
            if (presence != null && !Files.exists(presence)) {
                throw removed();
            }
            throw e;
        }
    }

    /** The kernel waits for us to close the device before it can finish removing it: notice early. */
    private void checkPresence() throws SourceException {
        if (presence == null) {
            return;
        }
        long now = System.nanoTime();
        if (now - nextPresenceCheck < 0) {
            return;
        }
        nextPresenceCheck = now + PRESENCE_CHECK_NANOS;
        if (!Files.exists(presence)) {
            throw removed();
        }
    }

    private SourceException removed() {
        LOG.warning("device " + spec + " was removed (" + presence + " is gone); releasing it");
        close();
        return new SourceException("device " + spec + " was removed");
    }

    @Override
    public Optional<CursorState> cursor() {
        return planes != null ? planes.cursor() : Optional.empty();
    }

    @Override
    public String describe() {
        return spec + (planes != null ? " (" + planes.describe() + ")" : "");
    }

    @Override
    public synchronized void close() {
        if (planes != null) {
            planes.close();
            planes = null;
        }
        if (device != null) {
            device.close();
            device = null;
        }
    }
}
