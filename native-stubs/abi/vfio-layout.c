/* Prints the VFIO / IOMMUFD / dma-buf ABI as the headers it is compiled against define it:
 * "key value" lines (sizeof, offsetof, ioctl numbers) that VfioLayoutTest compares with the Java side.
 * Parts the headers lack (iommufd and cdev before Linux 6.6) are left out, so it builds against
 * both the system's headers and a newer kernel's uapi headers. */
#include <stddef.h>
#include <stdio.h>
#include <linux/vfio.h>
#include <linux/dma-buf.h>
#if __has_include(<linux/iommufd.h>)
#include <linux/iommufd.h>
#endif

#define SIZE(s) printf("sizeof.%s %zu\n", #s, sizeof(struct s))
#define OFF(s, f) printf("offsetof.%s.%s %zu\n", #s, #f, offsetof(struct s, f))
#define NUM(n) printf("ioctl.%s %lu\n", #n, (unsigned long)(n))

int main(void) {
    SIZE(vfio_group_status);
    OFF(vfio_group_status, flags);
    SIZE(vfio_device_info);
    OFF(vfio_device_info, num_regions);
    OFF(vfio_device_info, num_irqs);
    OFF(vfio_device_info, cap_offset);
    SIZE(vfio_region_info);
    OFF(vfio_region_info, index);
    OFF(vfio_region_info, cap_offset);
    OFF(vfio_region_info, size);
    OFF(vfio_region_info, offset);
    SIZE(vfio_info_cap_header);
    OFF(vfio_info_cap_header, version);
    OFF(vfio_info_cap_header, next);
    SIZE(vfio_device_gfx_plane_info);
    OFF(vfio_device_gfx_plane_info, drm_plane_type);
    OFF(vfio_device_gfx_plane_info, drm_format);
    OFF(vfio_device_gfx_plane_info, drm_format_mod);
    OFF(vfio_device_gfx_plane_info, width);
    OFF(vfio_device_gfx_plane_info, height);
    OFF(vfio_device_gfx_plane_info, stride);
    OFF(vfio_device_gfx_plane_info, size);
    OFF(vfio_device_gfx_plane_info, x_pos);
    OFF(vfio_device_gfx_plane_info, y_pos);
    OFF(vfio_device_gfx_plane_info, x_hot);
    OFF(vfio_device_gfx_plane_info, y_hot);
    OFF(vfio_device_gfx_plane_info, region_index);
    OFF(vfio_device_gfx_plane_info, dmabuf_id);
    NUM(VFIO_GET_API_VERSION);
    NUM(VFIO_CHECK_EXTENSION);
    NUM(VFIO_SET_IOMMU);
    NUM(VFIO_GROUP_GET_STATUS);
    NUM(VFIO_GROUP_SET_CONTAINER);
    NUM(VFIO_GROUP_GET_DEVICE_FD);
    NUM(VFIO_DEVICE_GET_INFO);
    NUM(VFIO_DEVICE_GET_REGION_INFO);
    NUM(VFIO_DEVICE_QUERY_GFX_PLANE);
    NUM(VFIO_DEVICE_GET_GFX_DMABUF);
    NUM(DMA_BUF_IOCTL_SYNC);
    NUM(VFIO_TYPE1v2_IOMMU);
    NUM(VFIO_GFX_PLANE_TYPE_PROBE);
    NUM(VFIO_GFX_PLANE_TYPE_DMABUF);
    NUM(VFIO_GFX_PLANE_TYPE_REGION);
    NUM(VFIO_REGION_INFO_FLAG_CAPS);
    NUM(VFIO_REGION_INFO_CAP_TYPE);
#ifdef VFIO_DEVICE_BIND_IOMMUFD
    SIZE(vfio_device_bind_iommufd);
    OFF(vfio_device_bind_iommufd, iommufd);
    OFF(vfio_device_bind_iommufd, out_devid);
    SIZE(vfio_device_attach_iommufd_pt);
    OFF(vfio_device_attach_iommufd_pt, pt_id);
    NUM(VFIO_DEVICE_BIND_IOMMUFD);
    NUM(VFIO_DEVICE_ATTACH_IOMMUFD_PT);
#endif
#ifdef IOMMU_IOAS_ALLOC
    SIZE(iommu_ioas_alloc);
    OFF(iommu_ioas_alloc, flags);
    OFF(iommu_ioas_alloc, out_ioas_id);
    SIZE(iommu_destroy);
    OFF(iommu_destroy, id);
    NUM(IOMMU_IOAS_ALLOC);
    NUM(IOMMU_DESTROY);
#endif
    return 0;
}
