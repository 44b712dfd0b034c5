package org.vfiovnc.source.vfio;

import java.util.List;

/** One VFIO_DEVICE_GET_REGION_INFO answer with its capability chain. */
public record RegionInfo(int index, int flags, long size, long offset, List<Capability> capabilities) {

    public boolean mappable() {
        return (flags & VfioIoctl.VFIO_REGION_INFO_FLAG_MMAP) != 0;
    }

    public boolean readable() {
        return (flags & VfioIoctl.VFIO_REGION_INFO_FLAG_READ) != 0;
    }

    /**
     * One capability of the chain: its id and version, and for the ones we understand the values
     * (type/subtype for CAP_TYPE; offset/size pairs for SPARSE_MMAP).
     */
    public record Capability(int id, int version, long[] values) {
        public String describe() {
            StringBuilder b = new StringBuilder();
            switch (id) {
                case VfioIoctl.VFIO_REGION_INFO_CAP_TYPE -> b.append("type ").append(values[0]).append('/').append(values[1]);
                case VfioIoctl.VFIO_REGION_INFO_CAP_SPARSE_MMAP -> {
                    b.append("sparse-mmap");
                    for (int i = 0; i + 1 < values.length; i += 2) {
                        b.append(String.format(" 0x%x+0x%x", values[i], values[i + 1]));
                    }
                }
                default -> b.append("cap ").append(id);
            }
            return b.append(" v").append(version).toString();
        }
    }
}
