package org.vfiovnc.source.vfio;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import java.nio.charset.StandardCharsets;
import org.vfiovnc.source.SourceException;
import org.vfiovnc.source.linux.LibC;

/**
 * A device fd opened by someone else: inherited ({@code vfio-fd:N}) or received over a unix socket
 * with SCM_RIGHTS ({@code vfio-fd:unix:PATH}, we connect; the holder sends one byte with the fd).
 * This is how the server shares a device that a VM's QEMU already uses.
 */
final class FdHandoff {
    private static final LibC C = LibC.INSTANCE;

    private FdHandoff() {}

    /** Checks that inherited fd {@code n} is open. */
    static VfioDevice inherited(int n) throws SourceException {
        try {
            C.fcntl(n, LibC.F_GETFD);
        } catch (LastErrorException e) {
            throw new SourceException("vfio-fd:" + n + ": descriptor " + n + " is not open in this process ("
                    + LibC.describe(e.getErrorCode()) + "); start the server with the device fd inherited as " + n);
        }
        // Work on a duplicate so that closing the source (and reopening after a failure) leaves fd n usable.
        int dup;
        try {
            dup = C.dup(n);
        } catch (LastErrorException e) {
            throw new SourceException("vfio-fd:" + n + ": dup: " + LibC.describe(e.getErrorCode()));
        }
        return new VfioDevice(dup, "fd " + n, "inherited fd " + n);
    }

    /** Connects to {@code path} and receives one fd (x86-64 / arm64 layouts of msghdr and cmsghdr). */
    static VfioDevice received(String path) throws SourceException {
        if (Native.POINTER_SIZE != 8) {
            throw new SourceException("vfio-fd:unix: is supported on 64-bit Linux only");
        }
        byte[] p = path.getBytes(StandardCharsets.UTF_8);
        if (p.length >= 108) {
            throw new SourceException("vfio-fd:unix:" + path + ": socket path longer than 107 bytes");
        }
        int sock;
        try {
            sock = C.socket(LibC.AF_UNIX, LibC.SOCK_STREAM | LibC.O_CLOEXEC, 0);
        } catch (LastErrorException e) {
            throw new SourceException("socket(AF_UNIX): " + LibC.describe(e.getErrorCode()));
        }
        try {
            Memory addr = new Memory(110);
            addr.clear();
            addr.setShort(0, (short) LibC.AF_UNIX);
            addr.write(2, p, 0, p.length);
            try {
                C.connect(sock, addr, 2 + p.length + 1);
            } catch (LastErrorException e) {
                throw new SourceException("vfio-fd:unix:" + path + ": cannot connect (" + LibC.describe(e.getErrorCode())
                        + "); is the tool that holds the device listening there?");
            }
            Memory data = new Memory(1);
            Memory iov = new Memory(16);
            iov.setPointer(0, data);
            iov.setLong(8, 1);
            Memory control = new Memory(64);
            control.clear();
            Memory msg = new Memory(56);
            msg.clear();
            msg.setPointer(16, iov);
            msg.setLong(24, 1);
            msg.setPointer(32, control);
            msg.setLong(40, control.size());
            long n;
            try {
                n = C.recvmsg(sock, msg, 0x40000000 /* MSG_CMSG_CLOEXEC */).longValue();
            } catch (LastErrorException e) {
                throw new SourceException("vfio-fd:unix:" + path + ": recvmsg: " + LibC.describe(e.getErrorCode()));
            }
            long controlLen = msg.getLong(40);
            if (n <= 0 || controlLen < 20) {
                throw new SourceException("vfio-fd:unix:" + path + ": the peer closed without sending a descriptor");
            }
            Pointer cmsg = control;
            long len = cmsg.getLong(0);
            int level = cmsg.getInt(8);
            int type = cmsg.getInt(12);
            if (level != LibC.SOL_SOCKET || type != LibC.SCM_RIGHTS || len < 20) {
                throw new SourceException("vfio-fd:unix:" + path + ": the peer sent no SCM_RIGHTS descriptor");
            }
            int fd = cmsg.getInt(16);
            // Extra fds (if the peer sent several) would leak: close all but the first.
            for (long off = 20; off + 4 <= len; off += 4) {
                VfioDevice.closeQuietly(cmsg.getInt(off));
            }
            return new VfioDevice(fd, "fd from " + path, "fd received on " + path);
        } finally {
            VfioDevice.closeQuietly(sock);
        }
    }
}
