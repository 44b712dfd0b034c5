package org.vfiovnc.source.vfio;

import java.nio.file.Path;

/**
 * Where a VFIO device comes from, as {@code --source} or {@code probe} names it: opened here
 * ({@code vfio:X}) or handed over by the process that holds it ({@code vfio-fd:N},
 * {@code vfio-fd:unix:PATH}).
 *
 * @param spec     the spec as given, for logs
 * @param supplier opens (or receives) the device; called again on every reopen
 * @param presence a sysfs path that vanishes when the device is removed, or null when unknown
 */
record DeviceSpec(String spec, VfioSource.DeviceSupplier supplier, Path presence) {

    /** {@code vfio:X}: an mdev UUID, its sysfs path or a cdev path (see {@link VfioOpener#parse}). */
    static DeviceSpec ofVfio(String x) {
        VfioOpener.Target t = VfioOpener.parse(x);
        return new DeviceSpec("vfio:" + x, () -> VfioOpener.open(t), t.presence());
    }

    /** {@code vfio-fd:N} (an inherited descriptor) or {@code vfio-fd:unix:PATH} (received over a socket). */
    static DeviceSpec ofFd(String x) {
        if (x.startsWith("unix:") && x.length() > 5) {
            String path = x.substring(5);
            return new DeviceSpec("vfio-fd:" + x, () -> FdHandoff.received(path), null);
        }
        int fd;
        try {
            fd = Integer.parseInt(x);
        } catch (NumberFormatException e) {
            fd = -1;
        }
        if (fd < 0) {
            throw new IllegalArgumentException("bad vfio-fd source 'vfio-fd:" + x
                    + "'; expected vfio-fd:N (an inherited descriptor) or vfio-fd:unix:PATH");
        }
        int n = fd;
        return new DeviceSpec("vfio-fd:" + x, () -> FdHandoff.inherited(n), null);
    }

    /** {@code vfio:X}, {@code vfio-fd:...}, or X alone (a bare UUID or path, as probe takes it). */
    static DeviceSpec parse(String s) {
        if (s.startsWith("vfio-fd:")) {
            return ofFd(s.substring("vfio-fd:".length()));
        }
        return ofVfio(s.startsWith("vfio:") ? s.substring("vfio:".length()) : s);
    }
}
