package org.vfiovnc.source.vfio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.vfiovnc.testing.Tools;

/**
 * The Java structs and ioctl numbers equal what the real kernel headers say: native-stubs/abi/vfio-layout.c
 * prints sizeof/offsetof/ioctl values, compiled once against the system's headers and once against
 * Linux 6.12's (which add the iommufd/cdev parts).
 */
class VfioLayoutTest {

    /** The Java side, keyed as vfio-layout.c prints. */
    static Map<String, Long> javaSide() {
        Map<String, Long> m = new TreeMap<>();
        VfioStructs.GroupStatus gs = new VfioStructs.GroupStatus();
        put(m, "vfio_group_status", gs, "flags");
        VfioStructs.DeviceInfo di = new VfioStructs.DeviceInfo();
        put(m, "vfio_device_info", di, "num_regions", "num_irqs", "cap_offset");
        VfioStructs.RegionInfo ri = new VfioStructs.RegionInfo();
        put(m, "vfio_region_info", ri, "index", "cap_offset", "size", "offset");
        VfioStructs.CapHeader ch = new VfioStructs.CapHeader();
        put(m, "vfio_info_cap_header", ch, "version", "next");
        VfioStructs.GfxPlaneInfo gp = new VfioStructs.GfxPlaneInfo();
        put(m, "vfio_device_gfx_plane_info", gp, "drm_plane_type", "drm_format", "drm_format_mod", "width", "height",
                "stride", "size", "x_pos", "y_pos", "x_hot", "y_hot");
        m.put("offsetof.vfio_device_gfx_plane_info.region_index", (long) gp.offsetOf("region_index_or_dmabuf_id"));
        m.put("offsetof.vfio_device_gfx_plane_info.dmabuf_id", (long) gp.offsetOf("region_index_or_dmabuf_id"));
        put(m, "vfio_device_bind_iommufd", new VfioStructs.BindIommufd(), "iommufd", "out_devid");
        put(m, "vfio_device_attach_iommufd_pt", new VfioStructs.AttachIommufdPt(), "pt_id");
        put(m, "iommu_ioas_alloc", new VfioStructs.IoasAlloc(), "flags", "out_ioas_id");
        put(m, "iommu_destroy", new VfioStructs.IommuDestroy(), "id");
        m.put("ioctl.VFIO_GET_API_VERSION", VfioIoctl.VFIO_GET_API_VERSION);
        m.put("ioctl.VFIO_CHECK_EXTENSION", VfioIoctl.VFIO_CHECK_EXTENSION);
        m.put("ioctl.VFIO_SET_IOMMU", VfioIoctl.VFIO_SET_IOMMU);
        m.put("ioctl.VFIO_GROUP_GET_STATUS", VfioIoctl.VFIO_GROUP_GET_STATUS);
        m.put("ioctl.VFIO_GROUP_SET_CONTAINER", VfioIoctl.VFIO_GROUP_SET_CONTAINER);
        m.put("ioctl.VFIO_GROUP_GET_DEVICE_FD", VfioIoctl.VFIO_GROUP_GET_DEVICE_FD);
        m.put("ioctl.VFIO_DEVICE_GET_INFO", VfioIoctl.VFIO_DEVICE_GET_INFO);
        m.put("ioctl.VFIO_DEVICE_GET_REGION_INFO", VfioIoctl.VFIO_DEVICE_GET_REGION_INFO);
        m.put("ioctl.VFIO_DEVICE_QUERY_GFX_PLANE", VfioIoctl.VFIO_DEVICE_QUERY_GFX_PLANE);
        m.put("ioctl.VFIO_DEVICE_GET_GFX_DMABUF", VfioIoctl.VFIO_DEVICE_GET_GFX_DMABUF);
        m.put("ioctl.DMA_BUF_IOCTL_SYNC", VfioIoctl.DMA_BUF_IOCTL_SYNC);
        m.put("ioctl.VFIO_TYPE1v2_IOMMU", (long) VfioIoctl.VFIO_TYPE1v2_IOMMU);
        m.put("ioctl.VFIO_GFX_PLANE_TYPE_PROBE", (long) VfioIoctl.VFIO_GFX_PLANE_TYPE_PROBE);
        m.put("ioctl.VFIO_GFX_PLANE_TYPE_DMABUF", (long) VfioIoctl.VFIO_GFX_PLANE_TYPE_DMABUF);
        m.put("ioctl.VFIO_GFX_PLANE_TYPE_REGION", (long) VfioIoctl.VFIO_GFX_PLANE_TYPE_REGION);
        m.put("ioctl.VFIO_REGION_INFO_FLAG_CAPS", (long) VfioIoctl.VFIO_REGION_INFO_FLAG_CAPS);
        m.put("ioctl.VFIO_REGION_INFO_CAP_TYPE", (long) VfioIoctl.VFIO_REGION_INFO_CAP_TYPE);
        m.put("ioctl.VFIO_DEVICE_BIND_IOMMUFD", VfioIoctl.VFIO_DEVICE_BIND_IOMMUFD);
        m.put("ioctl.VFIO_DEVICE_ATTACH_IOMMUFD_PT", VfioIoctl.VFIO_DEVICE_ATTACH_IOMMUFD_PT);
        m.put("ioctl.IOMMU_IOAS_ALLOC", VfioIoctl.IOMMU_IOAS_ALLOC);
        m.put("ioctl.IOMMU_DESTROY", VfioIoctl.IOMMU_DESTROY);
        return m;
    }

    private static void put(Map<String, Long> m, String name, VfioStructs.Abi s, String... fields) {
        m.put("sizeof." + name, (long) s.size());
        for (String f : fields) {
            m.put("offsetof." + name + "." + f, (long) s.offsetOf(f));
        }
    }

    static Map<String, Long> cSide(String... gccArgs) throws Exception {
        Path bin = Tools.compileC("native-stubs/abi/vfio-layout.c", gccArgs);
        Tools.Result r = Tools.run(30, bin.toString());
        assertEquals(0, r.exitCode(), r.output());
        Map<String, Long> m = new TreeMap<>();
        for (String line : r.output().split("\n")) {
            String[] kv = line.trim().split(" ");
            if (kv.length == 2) {
                m.put(kv[0], Long.parseLong(kv[1]));
            }
        }
        return m;
    }

    @Test
    void matchesSystemHeaders() throws Exception {
        Map<String, Long> c = cSide();
        assertTrue(c.size() >= 40, "too few values printed: " + c);
        assertMatches(c);
    }

    @Test
    void matchesLinux612HeadersIncludingIommufd() throws Exception {
        Path inc = KernelHeaders.uapi612();
        Map<String, Long> c = cSide("-I", inc.toString());
        assertTrue(c.containsKey("ioctl.VFIO_DEVICE_BIND_IOMMUFD") && c.containsKey("sizeof.iommu_ioas_alloc"),
                "6.12 headers lack the cdev/iommufd ABI: " + c.keySet());
        assertMatches(c);
    }

    /**
     * Structs that later kernels extended at the end (6.1's vfio_device_info has no trailing pad;
     * 6.12's does). The Java side follows 6.12; a larger argsz is accepted by older kernels.
     */
    static final java.util.Set<String> GREW = java.util.Set.of("sizeof.vfio_device_info");

    private static void assertMatches(Map<String, Long> c) {
        Map<String, Long> java = javaSide();
        StringBuilder diffs = new StringBuilder();
        for (Map.Entry<String, Long> e : c.entrySet()) {
            Long j = java.get(e.getKey());
            boolean ok = j != null && (j.equals(e.getValue()) || GREW.contains(e.getKey()) && j > e.getValue());
            if (!ok) {
                diffs.append(e.getKey()).append(": C ").append(e.getValue()).append(", Java ").append(j).append('\n');
            }
        }
        assertEquals("", diffs.toString(), "Java ABI differs from the C headers");
    }
}
