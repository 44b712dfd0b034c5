package org.vfiovnc.input;

import java.nio.file.Path;

/** Lets other packages' guest tests use the same cached test kernel as {@link QmpGuestEvdevTest}. */
public final class QmpGuestEvdevTestAccess {
    private QmpGuestEvdevTestAccess() {}

    public static Path kernel() throws Exception {
        return QmpGuestEvdevTest.kernel();
    }
}
