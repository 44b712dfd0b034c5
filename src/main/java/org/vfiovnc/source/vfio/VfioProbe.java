package org.vfiovnc.source.vfio;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.vfiovnc.source.SourceException;
import org.vfiovnc.source.dmabuf.DmaBuf;
import org.vfiovnc.source.dmabuf.DmaBufReader;
import org.vfiovnc.source.dmabuf.DmaBufReaders;
import org.vfiovnc.source.dmabuf.Readback;
import org.vfiovnc.surface.PixelLayout;

/**
 * What {@code probe} reports about a device: how it was opened, which plane types it offers, the
 * current planes, the display region and the readback {@code serve} would use. The report is a
 * tree of maps, lists, strings, numbers and booleans (printed as text or JSON by the CLI).
 */
public final class VfioProbe {
    private VfioProbe() {}

    /** @param spec vfio:X, vfio-fd:..., or a bare UUID / path */
    public static Map<String, Object> probe(String spec, Readback readback) throws IOException {
        try (VfioDevice device = DeviceSpec.parse(spec).supplier().open()) {
            return report(device, readback);
        }
    }

    static Map<String, Object> report(VfioDevice d, Readback readback) throws IOException {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("device", d.name());
        r.put("access", d.access());
        VfioStructs.DeviceInfo info = d.info();
        r.put("device_flags", info.flags);
        r.put("num_regions", info.num_regions);
        r.put("num_irqs", info.num_irqs);
        boolean region = d.offers(VfioIoctl.VFIO_GFX_PLANE_TYPE_REGION);
        boolean dmabuf = d.offers(VfioIoctl.VFIO_GFX_PLANE_TYPE_DMABUF);
        List<String> offered = new ArrayList<>();
        if (region) {
            offered.add("region");
        }
        if (dmabuf) {
            offered.add("dmabuf");
        }
        r.put("plane_types", offered);
        if (region) {
            PlaneInfo p = d.queryPlane(VfioIoctl.VFIO_GFX_PLANE_TYPE_REGION, VfioIoctl.DRM_PLANE_TYPE_PRIMARY);
            r.put("primary_plane", plane(p));
            if (!p.isEmpty()) {
                RegionInfo ri = d.regionInfo(p.id());
                r.put("display_region", region(ri));
                r.put("readback", ri.mappable() ? "region mmap" : "region pread");
            } else {
                r.put("readback", "region (no picture yet)");
            }
        } else if (dmabuf) {
            PlaneInfo p = DmaBufPlaneReader.query(d, VfioIoctl.DRM_PLANE_TYPE_PRIMARY);
            r.put("primary_plane", plane(p));
            try {
                r.put("cursor_plane", plane(DmaBufPlaneReader.query(d, VfioIoctl.DRM_PLANE_TYPE_CURSOR)));
            } catch (VfioErrnoException e) {
                r.put("cursor_plane", "none (" + e.getMessage() + ")");
            }
            r.put("readback", p.isEmpty() ? readback + " (no picture yet: decided on the first frame)" : dmabufReadback(d, p, readback));
        } else {
            r.put("readback", "none: the device has no display");
        }
        return r;
    }

    /** Tries what serve would do with the current buffer. */
    private static String dmabufReadback(VfioDevice d, PlaneInfo p, Readback readback) throws SourceException {
        int fd = d.gfxDmabuf(p.id());
        DmaBuf buf = new DmaBuf(fd, p.width(), p.height(), p.stride(), 0, p.drmFormat(), p.modifier(),
                p.size() != 0 ? Integer.toUnsignedLong(p.size()) : (long) p.stride() * p.height());
        try {
            if (readback.resolve(buf) == Readback.EGL) {
                return tryReader(Readback.EGL, buf);
            }
            String mmap = tryReader(Readback.MMAP, buf);
            if (mmap.equals("mmap") || readback == Readback.MMAP) {
                return mmap;
            }
            return tryReader(Readback.EGL, buf) + " (after " + mmap + ")";
        } finally {
            VfioDevice.closeQuietly(fd);
        }
    }

    private static String tryReader(Readback mode, DmaBuf buf) {
        try (DmaBufReader reader = DmaBufReaders.create(mode)) {
            reader.read(buf, 0);
            reader.forget(buf);
            return mode.toString();
        } catch (IOException e) {
            return "not " + mode + ": " + e.getMessage();
        }
    }

    private static Map<String, Object> plane(PlaneInfo p) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (p.isEmpty()) {
            m.put("empty", true);
            return m;
        }
        m.put("format", PixelLayout.describe(p.drmFormat()));
        m.put("modifier", "0x" + Long.toHexString(p.modifier()));
        m.put("width", p.width());
        m.put("height", p.height());
        m.put("stride", p.stride());
        m.put("size", Integer.toUnsignedLong(p.size()));
        m.put("x", p.xPos());
        m.put("y", p.yPos());
        m.put("hot_x", p.xHot());
        m.put("hot_y", p.yHot());
        m.put("id", p.id());
        return m;
    }

    private static Map<String, Object> region(RegionInfo ri) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("index", ri.index());
        m.put("flags", ri.flags());
        m.put("size", ri.size());
        m.put("offset", "0x" + Long.toHexString(ri.offset()));
        m.put("mmap", ri.mappable());
        List<String> caps = new ArrayList<>();
        for (RegionInfo.Capability c : ri.capabilities()) {
            caps.add(c.describe());
        }
        m.put("capabilities", caps);
        return m;
    }
}
