package org.vfiovnc.source.linux;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;

/**
 * The few libc calls the device sources need, through JNA. Calls throw {@link LastErrorException}
 * (errno in {@link LastErrorException#getErrorCode()}) instead of returning -1. Confined to the
 * source packages: nothing above them sees JNA types.
 */
public interface LibC extends Library {
    LibC INSTANCE = Native.load("c", LibC.class);

    int O_RDONLY = 0;
    int O_WRONLY = 1;
    int O_RDWR = 2;
    int O_CLOEXEC = 0x80000;
    int PROT_READ = 1;
    int PROT_WRITE = 2;
    int MAP_SHARED = 1;
    long MAP_FAILED = -1L;
    int MFD_CLOEXEC = 1;

    int EPERM = 1;
    int ENOENT = 2;
    int EINTR = 4;
    int EIO = 5;
    int ENODEV = 19;
    int EAGAIN = 11;
    int ENOMEM = 12;
    int EACCES = 13;
    int EBUSY = 16;
    int EINVAL = 22;
    int ENOTTY = 25;
    int ENOSPC = 28;
    int ENXIO = 6;
    int EBADF = 9;
    int ENOSYS = 38;
    int EOPNOTSUPP = 95;

    int AF_UNIX = 1;
    int SOCK_STREAM = 1;
    int SOL_SOCKET = 1;
    int SCM_RIGHTS = 1;
    int F_GETFD = 1;

    int open(String path, int flags) throws LastErrorException;

    int close(int fd) throws LastErrorException;

    /** ioctl with a pointer argument (a struct in native memory). */
    int ioctl(int fd, NativeLong request, Pointer arg) throws LastErrorException;

    /** ioctl with an integer argument (e.g. a container fd). */
    int ioctl(int fd, NativeLong request, int arg) throws LastErrorException;

    /** ioctl with an integer argument passed by reference (e.g. VFIO_GROUP_SET_CONTAINER takes int*). */
    int ioctl(int fd, NativeLong request, int[] arg) throws LastErrorException;

    Pointer mmap(Pointer addr, NativeLong length, int prot, int flags, int fd, long offset) throws LastErrorException;

    int munmap(Pointer addr, NativeLong length) throws LastErrorException;

    int memfd_create(String name, int flags) throws LastErrorException;

    int ftruncate(int fd, long length) throws LastErrorException;

    NativeLong pwrite(int fd, Pointer buf, NativeLong count, long offset) throws LastErrorException;

    NativeLong pread(int fd, Pointer buf, NativeLong count, long offset) throws LastErrorException;

    String strerror(int errnum);

    /** fcntl(fd, F_GETFD): checks that an inherited descriptor is open. */
    int fcntl(int fd, int cmd) throws LastErrorException;

    int dup(int fd) throws LastErrorException;

    int socket(int domain, int type, int protocol) throws LastErrorException;

    /** connect with a struct sockaddr_un in native memory. */
    int connect(int fd, Pointer addr, int addrlen) throws LastErrorException;

    /** recvmsg with a struct msghdr in native memory (used to receive descriptors by SCM_RIGHTS). */
    NativeLong recvmsg(int fd, Pointer msghdr, int flags) throws LastErrorException;

    /** errno as text, e.g. "EBUSY (Device or resource busy)". */
    static String describe(int errno) {
        String name;
        switch (errno) {
            case EPERM: name = "EPERM"; break;
            case ENOENT: name = "ENOENT"; break;
            case EINTR: name = "EINTR"; break;
            case EIO: name = "EIO"; break;
            case ENODEV: name = "ENODEV"; break;
            case EAGAIN: name = "EAGAIN"; break;
            case ENOMEM: name = "ENOMEM"; break;
            case EACCES: name = "EACCES"; break;
            case EBUSY: name = "EBUSY"; break;
            case EINVAL: name = "EINVAL"; break;
            case ENOTTY: name = "ENOTTY"; break;
            case ENOSPC: name = "ENOSPC"; break;
            case ENXIO: name = "ENXIO"; break;
            case EBADF: name = "EBADF"; break;
            case ENOSYS: name = "ENOSYS"; break;
            case EOPNOTSUPP: name = "EOPNOTSUPP"; break;
            default: name = "errno " + errno;
        }
        return name + " (" + INSTANCE.strerror(errno) + ")";
    }
}
