package org.vfiovnc.systemd;

import com.sun.jna.LastErrorException;
import com.sun.jna.NativeLong;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * A unix datagram socket (Java 17's channels have only stream sockets for AF_UNIX), as the
 * service manager's notification socket wants it. Addresses are paths, or abstract names written
 * with a leading '@' as in NOTIFY_SOCKET.
 */
final class UnixDatagram implements AutoCloseable {
    /** sun_path's size in struct sockaddr_un. */
    private static final int MAX_PATH = 108;

    private final int fd;

    private UnixDatagram(int fd) {
        this.fd = fd;
    }

    static UnixDatagram open() throws IOException {
        try {
            return new UnixDatagram(SystemdLibC.INSTANCE.socket(SystemdLibC.AF_UNIX,
                    SystemdLibC.SOCK_DGRAM | SystemdLibC.SOCK_CLOEXEC, 0));
        } catch (LastErrorException e) {
            throw new IOException("cannot open a unix datagram socket: errno " + e.getErrorCode(), e);
        }
    }

    /** Binds to {@code address} (tests bind one to receive what a service sends). */
    void bind(String address) throws IOException {
        byte[] sa = sockaddr(address);
        try {
            SystemdLibC.INSTANCE.bind(fd, sa, sa.length);
        } catch (LastErrorException e) {
            throw new IOException("cannot bind " + address + ": errno " + e.getErrorCode(), e);
        }
    }

    void send(String address, String message) throws IOException {
        byte[] sa = sockaddr(address);
        byte[] data = message.getBytes(StandardCharsets.UTF_8);
        try {
            SystemdLibC.INSTANCE.sendto(fd, data, new NativeLong(data.length), SystemdLibC.MSG_NOSIGNAL, sa, sa.length);
        } catch (LastErrorException e) {
            throw new IOException("cannot send to " + address + ": errno " + e.getErrorCode(), e);
        }
    }

    /** The next datagram, or null when none arrives within {@code timeoutMs}. */
    String receive(long timeoutMs) throws IOException, InterruptedException {
        byte[] buf = new byte[4096];
        long deadline = System.nanoTime() + timeoutMs * 1_000_000L;
        while (true) {
            try {
                long n = SystemdLibC.INSTANCE.recv(fd, buf, new NativeLong(buf.length), SystemdLibC.MSG_DONTWAIT).longValue();
                return new String(buf, 0, (int) n, StandardCharsets.UTF_8);
            } catch (LastErrorException e) {
                if (e.getErrorCode() != SystemdLibC.EAGAIN) {
                    throw new IOException("receive: errno " + e.getErrorCode(), e);
                }
            }
            if (System.nanoTime() > deadline) {
                return null;
            }
            Thread.sleep(10);
        }
    }

    /** struct sockaddr_un for a path, or for an abstract name ('@' becomes the leading NUL, no trailing one). */
    static byte[] sockaddr(String address) {
        boolean abstractName = address.startsWith("@");
        byte[] path = address.getBytes(StandardCharsets.UTF_8);
        if (path.length + (abstractName ? 0 : 1) > MAX_PATH) {
            throw new IllegalArgumentException("unix socket address too long: " + address);
        }
        ByteBuffer b = ByteBuffer.allocate(2 + path.length + (abstractName ? 0 : 1)).order(ByteOrder.nativeOrder());
        b.putShort((short) SystemdLibC.AF_UNIX).put(path);
        if (abstractName) {
            b.put(2, (byte) 0);
        }
        return b.array();
    }

    @Override
    public void close() {
        try {
            SystemdLibC.INSTANCE.close(fd);
        } catch (LastErrorException e) {
            // closing
        }
    }
}
