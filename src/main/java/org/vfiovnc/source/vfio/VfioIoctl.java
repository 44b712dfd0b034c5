package org.vfiovnc.source.vfio;

import org.vfiovnc.source.linux.Ioctl;

/**
 * VFIO and IOMMUFD ioctl numbers and flag values, derived as linux/vfio.h and linux/iommufd.h
 * derive them: every VFIO request is {@code _IO(';', 100 + n)} (the size travels in argsz).
 */
public final class VfioIoctl {
    private VfioIoctl() {}

    static final int VFIO_TYPE = ';';
    static final int VFIO_BASE = 100;
    static final int IOMMUFD_TYPE = ';';

    public static final long VFIO_GET_API_VERSION = vfio(0);
    public static final long VFIO_CHECK_EXTENSION = vfio(1);
    public static final long VFIO_SET_IOMMU = vfio(2);
    public static final long VFIO_GROUP_GET_STATUS = vfio(3);
    public static final long VFIO_GROUP_SET_CONTAINER = vfio(4);
    public static final long VFIO_GROUP_UNSET_CONTAINER = vfio(5);
    public static final long VFIO_GROUP_GET_DEVICE_FD = vfio(6);
    public static final long VFIO_DEVICE_GET_INFO = vfio(7);
    public static final long VFIO_DEVICE_GET_REGION_INFO = vfio(8);
    public static final long VFIO_DEVICE_QUERY_GFX_PLANE = vfio(14);
    public static final long VFIO_DEVICE_GET_GFX_DMABUF = vfio(15);
    public static final long VFIO_DEVICE_BIND_IOMMUFD = vfio(18);
    public static final long VFIO_DEVICE_ATTACH_IOMMUFD_PT = vfio(19);

    /** IOMMUFD_CMD_IOAS_ALLOC = 0x81 (the command enum starts at 0x80 with DESTROY). */
    public static final long IOMMU_IOAS_ALLOC = Ioctl.io(IOMMUFD_TYPE, 0x81);
    public static final long IOMMU_DESTROY = Ioctl.io(IOMMUFD_TYPE, 0x80);

    /** DMA_BUF_IOCTL_SYNC = _IOW('b', 0, struct dma_buf_sync) (linux/dma-buf.h). */
    public static final long DMA_BUF_IOCTL_SYNC = Ioctl.iow('b', 0, 8);
    public static final long DMA_BUF_SYNC_READ = 1;
    public static final long DMA_BUF_SYNC_START = 0;
    public static final long DMA_BUF_SYNC_END = 4;

    public static final int VFIO_API_VERSION = 0;
    public static final int VFIO_TYPE1v2_IOMMU = 3;

    public static final int VFIO_GROUP_FLAGS_VIABLE = 1;
    public static final int VFIO_GROUP_FLAGS_CONTAINER_SET = 2;

    public static final int VFIO_REGION_INFO_FLAG_READ = 1;
    public static final int VFIO_REGION_INFO_FLAG_WRITE = 2;
    public static final int VFIO_REGION_INFO_FLAG_MMAP = 4;
    public static final int VFIO_REGION_INFO_FLAG_CAPS = 8;
    public static final int VFIO_REGION_INFO_CAP_SPARSE_MMAP = 1;
    public static final int VFIO_REGION_INFO_CAP_TYPE = 2;

    public static final int VFIO_GFX_PLANE_TYPE_PROBE = 1;
    public static final int VFIO_GFX_PLANE_TYPE_DMABUF = 2;
    public static final int VFIO_GFX_PLANE_TYPE_REGION = 4;

    /** drm_plane_type values (DRM_PLANE_TYPE_*). */
    public static final int DRM_PLANE_TYPE_PRIMARY = 1;
    public static final int DRM_PLANE_TYPE_CURSOR = 2;

    private static long vfio(int n) {
        return Ioctl.io(VFIO_TYPE, VFIO_BASE + n);
    }
}
