package org.vfiovnc.source.vfio;

import com.sun.jna.Structure;
import com.sun.jna.Structure.FieldOrder;

/**
 * The VFIO / IOMMUFD / dma-buf argument structs as JNA structures, field for field as in the
 * kernel's uapi headers (checked against the real headers by VfioLayoutTest). Each fills in its
 * own size field ({@code argsz}/{@code size}) so callers cannot forget it.
 */
final class VfioStructs {
    private VfioStructs() {}

    /** Base with a public offset lookup for the layout test. */
    abstract static class Abi extends Structure {
        public int offsetOf(String field) {
            return fieldOffset(field);
        }
    }

    @FieldOrder({"argsz", "flags"})
    public static final class GroupStatus extends Abi {
        public int argsz;
        public int flags;

        GroupStatus() {
            argsz = size();
        }
    }

    @FieldOrder({"argsz", "flags", "num_regions", "num_irqs", "cap_offset", "pad"})
    public static final class DeviceInfo extends Abi {
        public int argsz;
        public int flags;
        public int num_regions;
        public int num_irqs;
        public int cap_offset;
        public int pad;

        DeviceInfo() {
            argsz = size();
        }
    }

    @FieldOrder({"argsz", "flags", "index", "cap_offset", "size", "offset"})
    public static final class RegionInfo extends Abi {
        public int argsz;
        public int flags;
        public int index;
        public int cap_offset;
        public long size;
        public long offset;

        RegionInfo() {
            argsz = size();
        }
    }

    /** struct vfio_info_cap_header: id, version, next (offset from the start of the info struct). */
    @FieldOrder({"id", "version", "next"})
    public static final class CapHeader extends Abi {
        public short id;
        public short version;
        public int next;
    }

    /**
     * struct vfio_device_gfx_plane_info. The kernel's anonymous union of region_index and dmabuf_id
     * is one u32 here ({@code region_index_or_dmabuf_id}): which it means depends on the plane type.
     */
    @FieldOrder({"argsz", "flags", "drm_plane_type", "drm_format", "drm_format_mod", "width", "height", "stride",
        "size", "x_pos", "y_pos", "x_hot", "y_hot", "region_index_or_dmabuf_id", "reserved"})
    public static final class GfxPlaneInfo extends Abi {
        public int argsz;
        public int flags;
        public int drm_plane_type;
        public int drm_format;
        public long drm_format_mod;
        public int width;
        public int height;
        public int stride;
        public int size;
        public int x_pos;
        public int y_pos;
        public int x_hot;
        public int y_hot;
        public int region_index_or_dmabuf_id;
        public int reserved;

        GfxPlaneInfo() {
            argsz = size();
        }
    }

    @FieldOrder({"argsz", "flags", "iommufd", "out_devid"})
    public static final class BindIommufd extends Abi {
        public int argsz;
        public int flags;
        public int iommufd;
        public int out_devid;

        BindIommufd() {
            argsz = size();
        }
    }

    @FieldOrder({"argsz", "flags", "pt_id"})
    public static final class AttachIommufdPt extends Abi {
        public int argsz;
        public int flags;
        public int pt_id;

        AttachIommufdPt() {
            argsz = size();
        }
    }

    @FieldOrder({"size", "flags", "out_ioas_id"})
    public static final class IoasAlloc extends Abi {
        public int size;
        public int flags;
        public int out_ioas_id;

        IoasAlloc() {
            size = size();
        }
    }

    /** struct iommu_destroy: size, id. */
    @FieldOrder({"size", "id"})
    public static final class IommuDestroy extends Abi {
        public int size;
        public int id;

        IommuDestroy() {
            size = size();
        }
    }
}
