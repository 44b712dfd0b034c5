package org.vfiovnc.source.vfio;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The VFIO display sources on the real kernel ABI: mdpy (region planes) and mbochs (dma-buf planes)
 * inside a QEMU guest, served by `serve` and checked pixel for pixel by a connected vernacular
 * viewer (see GuestViewer and native-stubs/guest/scenarios.sh).
 */
class VfioGuestTest {

    @Test
    void regionPlanesOverCdevAndIommufd() throws Exception {
        String log = GuestVm.run("mdpy-cdev");
        assertTrue(log.contains("SCENARIO PASSED"), log);
    }

    @Test
    void regionPlanesOverGroupAndContainerAndBusyDeviceIsExplained() throws Exception {
        String log = GuestVm.run("mdpy-group");
        assertTrue(log.contains("SCENARIO PASSED"), log);
    }

    /** Holder passes the fd (vfio-fd:unix:), keeps drawing; mode change, disable and enable are seen live. */
    @Test
    void dmaBufPlanesWithMmapReadbackThroughFdHandoff() throws Exception {
        String log = GuestVm.run("mbochs-mmap");
        assertTrue(log.contains("SCENARIO PASSED"), log);
    }

    @Test
    void removingTheMdevWhileServingReleasesItWithAClearLogLine() throws Exception {
        String log = GuestVm.run("remove");
        assertTrue(log.contains("was removed"), log);
    }
}
