package org.vfiovnc.source.vfio;

/**
 * One answer of VFIO_DEVICE_QUERY_GFX_PLANE. {@code id} is the region index for region planes and
 * the dmabuf id for dma-buf planes (the kernel's union).
 */
public record PlaneInfo(int flags, int drmPlaneType, int drmFormat, long modifier, int width, int height, int stride,
        int size, int xPos, int yPos, int xHot, int yHot, int id) {

    /** All-zero plane: the guest shows nothing (display disabled, no mode set yet). */
    public boolean isEmpty() {
        return drmFormat == 0 && width == 0 && height == 0;
    }

    static PlaneInfo from(VfioStructs.GfxPlaneInfo p) {
        return new PlaneInfo(p.flags, p.drm_plane_type, p.drm_format, p.drm_format_mod, p.width, p.height, p.stride,
                p.size, p.x_pos, p.y_pos, p.x_hot, p.y_hot, p.region_index_or_dmabuf_id);
    }

    /** Same picture geometry (a change needs a new surface and a DesktopSize). */
    public boolean sameGeometry(PlaneInfo o) {
        return o != null && o.drmFormat == drmFormat && o.modifier == modifier && o.width == width && o.height == height
                && o.stride == stride;
    }
}
