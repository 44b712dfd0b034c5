package org.vfiovnc.source.vfio;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import com.sun.jna.NativeLong;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.vfiovnc.source.SourceException;
import org.vfiovnc.source.linux.LibC;

/**
 * Opens a VFIO device the way the running kernel allows: the device cdev bound to an iommufd
 * (Linux 6.6+ with VFIO_DEVICE_CDEV) when it exists, else the group + type1v2 container path.
 * Every failure becomes a {@link SourceException} that says what to do about it.
 */
final class VfioOpener {
    private static final LibC C = LibC.INSTANCE;
    static final Pattern UUID = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    static final Path MDEV_DEVICES = Path.of("/sys/bus/mdev/devices");
    static final Path CDEV_DIR = Path.of("/dev/vfio/devices");

    /** How to reach the device: the best the kernel offers, or forced by a ":group"/":cdev" suffix. */
    enum Access { AUTO, GROUP, CDEV }

    /** What a {@code vfio:X} spec names: a device directory in sysfs, or a cdev node. */
    record Target(String spec, Path sysfsDevice, Path cdev, Access access) {
        /** The path whose disappearance means the device is being removed. */
        Path presence() {
            return sysfsDevice != null ? sysfsDevice : cdev;
        }
    }

    private VfioOpener() {}

    /** Parses X of {@code vfio:X}; a malformed X is an IllegalArgumentException (bad command line). */
    static Target parse(String spec) {
        Access access = Access.AUTO;
        String x = spec;
        if (x.endsWith(":group")) {
            access = Access.GROUP;
            x = x.substring(0, x.length() - 6);
        } else if (x.endsWith(":cdev")) {
            access = Access.CDEV;
            x = x.substring(0, x.length() - 5);
        }
        if (x.startsWith(CDEV_DIR + "/") && access != Access.GROUP) {
            return new Target(x, null, Path.of(x), access);
        }
        if (x.startsWith("/sys/")) {
            return new Target(x, Path.of(x), null, access);
        }
        if (UUID.matcher(x).matches()) {
            return new Target(x.toLowerCase(), MDEV_DEVICES.resolve(x.toLowerCase()), null, access);
        }
        throw new IllegalArgumentException("bad vfio source 'vfio:" + spec + "'; expected vfio:UUID (an mdev), "
                + "vfio:/sys/bus/mdev/devices/UUID or vfio:/dev/vfio/devices/vfioN, optionally followed by :group or :cdev");
    }

    static VfioDevice open(Target t) throws IOException {
        Path cdev = t.cdev();
        if (cdev == null) {
            if (!Files.isDirectory(t.sysfsDevice())) {
                throw new SourceException("no such device: " + t.sysfsDevice() + " does not exist"
                        + (t.sysfsDevice().startsWith(MDEV_DEVICES) ? " (create the mdev first, or check the UUID)" : ""));
            }
            cdev = t.access() == Access.GROUP ? null : cdevOf(t.sysfsDevice());
        }
        if (cdev != null && Files.exists(Path.of("/dev/iommu"))) {
            return openCdev(cdev, t.spec());
        }
        if (t.access() == Access.CDEV) {
            throw new SourceException("no VFIO cdev for " + t.spec() + ": the kernel lacks VFIO_DEVICE_CDEV or IOMMUFD "
                    + "(/dev/iommu); drop the :cdev suffix to use the group path");
        }
        if (t.sysfsDevice() == null) {
            throw new SourceException("cannot use " + cdev + ": /dev/iommu is missing (kernel without IOMMUFD); "
                    + "name the device by its mdev UUID to use the group path");
        }
        return openGroup(t.sysfsDevice());
    }

    /** The device's /dev/vfio/devices/vfioN when the kernel has VFIO cdevs. */
    private static Path cdevOf(Path sysfsDevice) throws IOException {
        Path dir = sysfsDevice.resolve("vfio-dev");
        if (!Files.isDirectory(dir)) {
            return null;
        }
        try (var s = Files.list(dir)) {
            return s.map(p -> CDEV_DIR.resolve(p.getFileName().toString())).filter(Files::exists).findFirst().orElse(null);
        }
    }

    private static VfioDevice openCdev(Path cdev, String name) throws IOException {
        int dev = openNode(cdev, name);
        int iommufd = -1;
        try {
            iommufd = openNode(Path.of("/dev/iommu"), name);
            VfioStructs.BindIommufd bind = new VfioStructs.BindIommufd();
            bind.iommufd = iommufd;
            try {
                call(dev, VfioIoctl.VFIO_DEVICE_BIND_IOMMUFD, bind, "binding " + cdev + " to an iommufd", cdev, name);
            } catch (VfioErrnoException e) {
                // A cdev can be bound once; the kernel says EINVAL when the device is already open elsewhere.
                throw e.errno() == LibC.EINVAL ? explain("VFIO_DEVICE_BIND_IOMMUFD", LibC.EBUSY, cdev, name) : e;
            }
            VfioStructs.IoasAlloc ioas = new VfioStructs.IoasAlloc();
            call(iommufd, VfioIoctl.IOMMU_IOAS_ALLOC, ioas, "IOMMU_IOAS_ALLOC", cdev, name);
            VfioStructs.AttachIommufdPt attach = new VfioStructs.AttachIommufdPt();
            attach.pt_id = ioas.out_ioas_id;
            call(dev, VfioIoctl.VFIO_DEVICE_ATTACH_IOMMUFD_PT, attach, "attaching " + cdev + " to its IOAS", cdev, name);
            return new VfioDevice(dev, name, "cdev " + cdev + " + iommufd", iommufd);
        } catch (IOException | RuntimeException e) {
            VfioDevice.closeQuietly(dev);
            VfioDevice.closeQuietly(iommufd);
            throw e;
        }
    }

    private static VfioDevice openGroup(Path sysfsDevice) throws IOException {
        Path groupLink = sysfsDevice.resolve("iommu_group");
        if (!Files.exists(groupLink)) {
            throw new SourceException("no such device: " + sysfsDevice + " has no IOMMU group (not bound to a VFIO driver?)");
        }
        String group = groupLink.toRealPath().getFileName().toString();
        Path groupNode = Path.of("/dev/vfio", group);
        String name = sysfsDevice.getFileName().toString();
        int groupFd = openNode(groupNode, name);
        int container = -1;
        try {
            VfioStructs.GroupStatus status = new VfioStructs.GroupStatus();
            call(groupFd, VfioIoctl.VFIO_GROUP_GET_STATUS, status, "VFIO_GROUP_GET_STATUS", groupNode, name);
            if ((status.flags & VfioIoctl.VFIO_GROUP_FLAGS_VIABLE) == 0) {
                throw new SourceException("group " + groupNode + " of " + name
                        + " is not viable: some device in it is bound to a non-VFIO driver");
            }
            container = openNode(Path.of("/dev/vfio/vfio"), name);
            int api = C.ioctl(container, new NativeLong(VfioIoctl.VFIO_GET_API_VERSION), 0);
            if (api != VfioIoctl.VFIO_API_VERSION) {
                throw new SourceException("unexpected VFIO API version " + api + " on /dev/vfio/vfio");
            }
            ioctlInt(groupFd, VfioIoctl.VFIO_GROUP_SET_CONTAINER, new int[] {container}, "VFIO_GROUP_SET_CONTAINER",
                    groupNode, name);
            try {
                C.ioctl(container, new NativeLong(VfioIoctl.VFIO_SET_IOMMU), VfioIoctl.VFIO_TYPE1v2_IOMMU);
            } catch (LastErrorException e) {
                throw explain("VFIO_SET_IOMMU(type1v2)", e.getErrorCode(), groupNode, name);
            }
            Memory devName = new Memory(name.length() + 1L);
            devName.setString(0, name, "US-ASCII");
            int dev;
            try {
                dev = C.ioctl(groupFd, new NativeLong(VfioIoctl.VFIO_GROUP_GET_DEVICE_FD), devName);
            } catch (LastErrorException e) {
                throw explain("VFIO_GROUP_GET_DEVICE_FD(" + name + ")", e.getErrorCode(), groupNode, name);
            }
            return new VfioDevice(dev, name, "group " + groupNode + " + container", groupFd, container);
        } catch (IOException | RuntimeException e) {
            VfioDevice.closeQuietly(container);
            VfioDevice.closeQuietly(groupFd);
            throw e;
        }
    }

    private static int openNode(Path node, String name) throws SourceException {
        try {
            return C.open(node.toString(), LibC.O_RDWR | LibC.O_CLOEXEC);
        } catch (LastErrorException e) {
            throw explain("open " + node, e.getErrorCode(), node, name);
        }
    }

    private static void call(int fd, long request, VfioStructs.Abi s, String what, Path node, String name)
            throws SourceException {
        s.write();
        try {
            C.ioctl(fd, new NativeLong(request), s.getPointer());
        } catch (LastErrorException e) {
            throw explain(what, e.getErrorCode(), node, name);
        }
        s.read();
    }

    private static void ioctlInt(int fd, long request, int[] arg, String what, Path node, String name)
            throws SourceException {
        try {
            C.ioctl(fd, new NativeLong(request), arg);
        } catch (LastErrorException e) {
            throw explain(what, e.getErrorCode(), node, name);
        }
    }

    /** The errno of an open/ioctl turned into advice. */
    static SourceException explain(String what, int errno, Path node, String name) {
        switch (errno) {
            case LibC.EBUSY:
                return new SourceException("device " + name + " is busy (" + what + ": " + LibC.describe(errno) + "): "
                        + node + " is already open in another process, usually the VM's QEMU. A VFIO device has one user; "
                        + "let the tool that opens it for QEMU pass the fd with --source vfio-fd:unix:PATH or vfio-fd:N");
            case LibC.EACCES:
            case LibC.EPERM:
                return new SourceException("no permission to open " + node + " for " + name + " (" + what + ": "
                        + LibC.describe(errno) + "); VFIO nodes are root-only by default: run as root or give this user the node");
            case LibC.ENOENT:
            case LibC.ENODEV:
            case LibC.ENXIO:
                return new SourceException("no such device: " + name + " (" + what + ": " + LibC.describe(errno) + ")");
            default:
                return new VfioErrnoException(what + " for " + name, errno);
        }
    }
}
