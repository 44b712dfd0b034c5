package org.vfiovnc.systemd;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;

/**
 * The libc calls the service manager's protocols need and Java 17 lacks: unix datagram sockets
 * (readiness) and moving an inherited descriptor (socket activation). Calls throw
 * {@link LastErrorException} instead of returning -1.
 */
interface SystemdLibC extends Library {
    SystemdLibC INSTANCE = Native.load("c", SystemdLibC.class);

    int AF_UNIX = 1;
    int SOCK_DGRAM = 2;
    int SOCK_CLOEXEC = 0x80000;
    int MSG_DONTWAIT = 0x40;
    int MSG_NOSIGNAL = 0x4000;
    int EAGAIN = 11;

    int socket(int domain, int type, int protocol) throws LastErrorException;

    int bind(int fd, byte[] address, int length) throws LastErrorException;

    NativeLong sendto(int fd, byte[] buf, NativeLong length, int flags, byte[] address, int addressLength)
            throws LastErrorException;

    NativeLong recv(int fd, byte[] buf, NativeLong length, int flags) throws LastErrorException;

    int dup2(int from, int to) throws LastErrorException;

    int close(int fd) throws LastErrorException;
}
