package org.vfiovnc.source.linux;

/** ioctl request numbers computed as the kernel's asm-generic/ioctl.h macros compute them (x86, arm64). */
public final class Ioctl {
    private static final int NRBITS = 8;
    private static final int TYPEBITS = 8;
    private static final int SIZEBITS = 14;
    private static final int NRSHIFT = 0;
    private static final int TYPESHIFT = NRSHIFT + NRBITS;
    private static final int SIZESHIFT = TYPESHIFT + TYPEBITS;
    private static final int DIRSHIFT = SIZESHIFT + SIZEBITS;
    public static final int NONE = 0;
    public static final int WRITE = 1;
    public static final int READ = 2;

    private Ioctl() {}

    public static long ioc(int dir, int type, int nr, int size) {
        return ((long) dir << DIRSHIFT) | ((long) type << TYPESHIFT) | ((long) nr << NRSHIFT) | ((long) size << SIZESHIFT);
    }

    /** _IO(type, nr) */
    public static long io(int type, int nr) {
        return ioc(NONE, type, nr, 0);
    }

    /** _IOW(type, nr, size) */
    public static long iow(int type, int nr, int size) {
        return ioc(WRITE, type, nr, size);
    }

    /** _IOR(type, nr, size) */
    public static long ior(int type, int nr, int size) {
        return ioc(READ, type, nr, size);
    }

    /** _IOWR(type, nr, size) */
    public static long iowr(int type, int nr, int size) {
        return ioc(READ | WRITE, type, nr, size);
    }
}
