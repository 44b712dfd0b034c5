package org.vfiovnc.source.vfio;

import org.vfiovnc.source.SourceException;
import org.vfiovnc.source.linux.LibC;

/** A VFIO call failed with an errno; the message names the call and the device. */
public class VfioErrnoException extends SourceException {
    private final int errno;

    VfioErrnoException(String what, int errno) {
        super(what + ": " + LibC.describe(errno));
        this.errno = errno;
    }

    public int errno() {
        return errno;
    }
}
