package org.vfiovnc.source.vfio;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Dma-buf planes with {@code --readback egl} in the guest: the same mbochs scenario as
 * VfioGuestTest, read back through Mesa 25 llvmpipe from the host root (.ci/setup.d/10-mesa-backports.sh).
 * Kept apart from VfioGuestTest because, as of this writing, the guest kernel oopses (a NULL callback
 * run from rcu_core) soon after the server imports an mbochs dma-buf into EGL; the console with the
 * oops is in the failure message.
 */
class VfioGuestEglTest {

    /** EGL readback (Mesa 25 llvmpipe from the host root, installed by .ci/setup.d/10-mesa-backports.sh). */
    @Test
    void dmaBufPlanesEglReadbackGroupPath() throws Exception {
        assertTrue(GuestVm.run("mbochs-egl-group").contains("SCENARIO PASSED"));
    }

    @Test
    void dmaBufPlanesEglReadbackCdevPath() throws Exception {
        assertTrue(GuestVm.run("mbochs-egl-cdev").contains("SCENARIO PASSED"));
    }
}
