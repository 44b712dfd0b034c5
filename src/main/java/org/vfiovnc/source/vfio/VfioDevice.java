package org.vfiovnc.source.vfio;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import java.util.ArrayList;
import java.util.List;
import org.vfiovnc.source.linux.LibC;

/**
 * An open VFIO device fd (however it was obtained) with the display-related ioctls. Owns the
 * device fd and the fds that keep it usable (group + container, or iommufd), closing them in reverse order.
 */
public final class VfioDevice implements AutoCloseable {
    private static final LibC C = LibC.INSTANCE;

    private final int fd;
    private final String name;
    private final String access;
    private final int[] keepAlive;
    private boolean closed;

    /**
     * @param fd        the device fd
     * @param name      what the user named (UUID, path or "fd N"), for messages
     * @param access    how it was opened: "cdev+iommufd", "group+container", "inherited fd", "received fd"
     * @param keepAlive other fds to close after the device fd (in this order)
     */
    VfioDevice(int fd, String name, String access, int... keepAlive) {
        this.fd = fd;
        this.name = name;
        this.access = access;
        this.keepAlive = keepAlive.clone();
    }

    public String name() { return name; }

    public String access() { return access; }

    public int fd() { return fd; }

    /** Number of regions and irqs, device flags. */
    public VfioStructs.DeviceInfo info() throws VfioErrnoException {
        VfioStructs.DeviceInfo info = new VfioStructs.DeviceInfo();
        ioctl(VfioIoctl.VFIO_DEVICE_GET_INFO, info, "VFIO_DEVICE_GET_INFO");
        return info;
    }

    /**
     * Region {@code index} with its capability chain. Asked for by index, not limited to
     * num_regions: mdpy's framebuffer region (16) lies beyond the 9 PCI regions it reports.
     */
    public RegionInfo regionInfo(int index) throws VfioErrnoException {
        VfioStructs.RegionInfo r = new VfioStructs.RegionInfo();
        r.index = index;
        ioctl(VfioIoctl.VFIO_DEVICE_GET_REGION_INFO, r, "VFIO_DEVICE_GET_REGION_INFO(" + index + ")");
        List<RegionInfo.Capability> caps = new ArrayList<>();
        int base = r.size();
        if ((r.flags & VfioIoctl.VFIO_REGION_INFO_FLAG_CAPS) != 0 && r.argsz > base) {
            // The kernel said how much room the chain needs; ask again with that much.
            Memory m = new Memory(r.argsz);
            m.clear();
            m.setInt(0, r.argsz);
            m.setInt(8, index);
            try {
                C.ioctl(fd, new NativeLong(VfioIoctl.VFIO_DEVICE_GET_REGION_INFO), m);
            } catch (LastErrorException e) {
                throw new VfioErrnoException("VFIO_DEVICE_GET_REGION_INFO(" + index + ") capabilities on " + name,
                        e.getErrorCode());
            }
            int next = m.getInt(12);
            int guard = 0;
            while (next >= base && next + 8 <= m.size() && guard++ < 64) {
                int id = m.getShort(next) & 0xffff;
                int version = m.getShort(next + 2) & 0xffff;
                caps.add(new RegionInfo.Capability(id, version, capValues(m, next, id)));
                next = m.getInt(next + 4);
            }
        }
        return new RegionInfo(index, r.flags, r.size, r.offset, List.copyOf(caps));
    }

    private static long[] capValues(Memory m, int at, int id) {
        if (id == VfioIoctl.VFIO_REGION_INFO_CAP_TYPE && at + 16 <= m.size()) {
            return new long[] {m.getInt(at + 8) & 0xffffffffL, m.getInt(at + 12) & 0xffffffffL};
        }
        if (id == VfioIoctl.VFIO_REGION_INFO_CAP_SPARSE_MMAP && at + 16 <= m.size()) {
            int n = Math.min(m.getInt(at + 8), 64);
            List<Long> v = new ArrayList<>();
            for (int i = 0; i < n && at + 16 + 16L * (i + 1) <= m.size(); i++) {
                v.add(m.getLong(at + 16 + 16L * i));
                v.add(m.getLong(at + 24 + 16L * i));
            }
            return v.stream().mapToLong(Long::longValue).toArray();
        }
        return new long[0];
    }

    /** Whether the device offers planes of {@code typeFlag} (VFIO_GFX_PLANE_TYPE_REGION or _DMABUF). */
    public boolean offers(int typeFlag) {
        VfioStructs.GfxPlaneInfo p = new VfioStructs.GfxPlaneInfo();
        p.flags = VfioIoctl.VFIO_GFX_PLANE_TYPE_PROBE | typeFlag;
        p.drm_plane_type = VfioIoctl.DRM_PLANE_TYPE_PRIMARY;
        try {
            ioctl(VfioIoctl.VFIO_DEVICE_QUERY_GFX_PLANE, p, "probe");
            return true;
        } catch (VfioErrnoException e) {
            return false;
        }
    }

    /** The current plane of a type; an all-zero answer comes back as it is (see {@link PlaneInfo#isEmpty()}). */
    public PlaneInfo queryPlane(int typeFlag, int drmPlaneType) throws VfioErrnoException {
        VfioStructs.GfxPlaneInfo p = new VfioStructs.GfxPlaneInfo();
        p.flags = typeFlag;
        p.drm_plane_type = drmPlaneType;
        ioctl(VfioIoctl.VFIO_DEVICE_QUERY_GFX_PLANE, p, "VFIO_DEVICE_QUERY_GFX_PLANE");
        return PlaneInfo.from(p);
    }

    /** A new dma-buf fd for a plane's dmabuf_id (the caller owns and closes it). */
    public int gfxDmabuf(int dmabufId) throws VfioErrnoException {
        try {
            return C.ioctl(fd, new NativeLong(VfioIoctl.VFIO_DEVICE_GET_GFX_DMABUF), new int[] {dmabufId});
        } catch (LastErrorException e) {
            throw new VfioErrnoException("VFIO_DEVICE_GET_GFX_DMABUF(" + dmabufId + ") on " + name, e.getErrorCode());
        }
    }

    /** Maps {@code length} bytes of the device fd at {@code offset} (a region's offset) shared, read-only. */
    Pointer map(long offset, long length) throws VfioErrnoException {
        try {
            return C.mmap(null, new NativeLong(length), LibC.PROT_READ, LibC.MAP_SHARED, fd, offset);
        } catch (LastErrorException e) {
            throw new VfioErrnoException("mmap of " + length + " bytes at 0x" + Long.toHexString(offset) + " of " + name,
                    e.getErrorCode());
        }
    }

    /** Reads bytes of the device fd (regions that cannot be mapped). */
    void read(long offset, Pointer into, long length) throws VfioErrnoException {
        long done = 0;
        while (done < length) {
            long n;
            try {
                n = C.pread(fd, into.share(done), new NativeLong(length - done), offset + done).longValue();
            } catch (LastErrorException e) {
                throw new VfioErrnoException("pread of region at 0x" + Long.toHexString(offset) + " of " + name,
                        e.getErrorCode());
            }
            if (n <= 0) {
                throw new VfioErrnoException("short read of region of " + name, LibC.EIO);
            }
            done += n;
        }
    }

    private void ioctl(long request, VfioStructs.Abi s, String what) throws VfioErrnoException {
        s.write();
        try {
            C.ioctl(fd, new NativeLong(request), s.getPointer());
        } catch (LastErrorException e) {
            throw new VfioErrnoException(what + " on " + name, e.getErrorCode());
        }
        s.read();
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        closeQuietly(fd);
        for (int k : keepAlive) {
            closeQuietly(k);
        }
    }

    static void closeQuietly(int fd) {
        if (fd >= 0) {
            try {
                C.close(fd);
            } catch (LastErrorException ignored) {
                // already gone: nothing more to release
            }
        }
    }
}
