package org.vfiovnc.source.vfio;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.vfiovnc.testing.NeedsTestGuest;

/**
 * The VFIO display sources on the real kernel ABI: mdpy (region planes) and mbochs (dma-buf planes)
 * inside a QEMU guest, served by `serve` and checked pixel for pixel by a connected vernacular
 * viewer (see GuestViewer and native-stubs/guest/scenarios.sh).
 */
// Each test boots a Linux guest under QEMU TCG (no KVM here) and runs this build's server and a
// viewer in it: 1.5-3 min on 2 busy cores; GuestScenario gives the guest 15 min before it calls it hung.
@Timeout(value = 20, unit = TimeUnit.MINUTES)
class VfioGuestTest extends NeedsTestGuest {


    @Test
    void regionPlanesOverCdevAndIommufd() throws Exception {
        String log = GuestScenario.run("mdpy-cdev");
        assertTrue(log.contains("SCENARIO PASSED"), log);
    }

    @Test
    void regionPlanesOverGroupAndContainerAndBusyDeviceIsExplained() throws Exception {
        String log = GuestScenario.run("mdpy-group");
        assertTrue(log.contains("SCENARIO PASSED"), log);
    }

    /*
     * Dma-buf planes (mbochs): a holder opens the device (group or cdev path), passes the fd to the
     * server (vfio-fd:unix:) and keeps drawing; the connected viewer sees each picture exactly, the
     * 640x480 -> 1024x768 mode change as a DesktopSize, disable as no-signal and re-enable.
     */
    @Test
    void dmaBufPlanesMmapReadbackGroupPath() throws Exception {
        assertTrue(GuestScenario.run("mbochs-mmap-group").contains("SCENARIO PASSED"));
    }

    @Test
    void dmaBufPlanesMmapReadbackCdevPath() throws Exception {
        assertTrue(GuestScenario.run("mbochs-mmap-cdev").contains("SCENARIO PASSED"));
    }

    @Test
    void removingTheMdevWhileServingReleasesItWithAClearLogLine() throws Exception {
        String log = GuestScenario.run("remove");
        assertTrue(log.contains("was removed"), log);
    }
}
