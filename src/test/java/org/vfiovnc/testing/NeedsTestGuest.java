package org.vfiovnc.testing;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;

/**
 * For test classes that boot the test guest ({@link Qemu#testGuest}): its kernel is built first when
 * the cache lacks it (15-30 min; CI's setup.d builds it before the tests), outside any test's own
 * time limit.
 */
public abstract class NeedsTestGuest {
    @BeforeAll
    @Timeout(value = 60, unit = TimeUnit.MINUTES)
    static void buildTestGuestKernel() throws Exception {
        Qemu.testGuestKernel();
    }
}
