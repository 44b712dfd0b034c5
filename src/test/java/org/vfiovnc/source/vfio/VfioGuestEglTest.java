package org.vfiovnc.source.vfio;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.vfiovnc.testing.NeedsTestGuest;

/**
 * Dma-buf planes with {@code --readback egl} in the guest: the same mbochs scenario as VfioGuestTest,
 * read back through Mesa 25 llvmpipe from the host root (.ci/setup.d/10-mesa-backports.sh), on the
 * group and the cdev path. It found two bugs that crashed the guest kernel through the mbochs
 * sample's dma-buf refcounting (see README "VFIO ... Tests"): a size check the real dma-buf refused,
 * which made the server re-export the buffer every tick, and an EGL call abandoned mid-import.
 */
// Each test boots a Linux guest under QEMU TCG (no KVM here) and runs this build's server and a
// viewer in it: 1.5-3 min on 2 busy cores; GuestScenario gives the guest 15 min before it calls it hung.
@Timeout(value = 20, unit = TimeUnit.MINUTES)
class VfioGuestEglTest extends NeedsTestGuest {


    @Test
    void dmaBufPlanesEglReadbackGroupPath() throws Exception {
        assertTrue(GuestScenario.run("mbochs-egl-group").contains("SCENARIO PASSED"));
    }

    @Test
    void dmaBufPlanesEglReadbackCdevPath() throws Exception {
        assertTrue(GuestScenario.run("mbochs-egl-cdev").contains("SCENARIO PASSED"));
    }
}
