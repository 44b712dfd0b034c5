package org.vfiovnc.rfb.security;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Checking an unknown name costs as much as checking a known one, whatever iteration counts the file holds. */
class UsersFileTest {
    @TempDir
    Path dir;

    /**
     * The cheapest check of a known and of an unknown name, in nanoseconds of this thread's CPU time,
     * taken in turns: the work is what would tell names apart, and CPU time does not count the time
     * a loaded machine keeps the thread waiting (wall time did, and failed on a busy CI host).
     */
    private static long[] fastestChecks(UsersFile users) {
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        long[] best = {Long.MAX_VALUE, Long.MAX_VALUE};
        String[] names = {"bob", "mallory"};
        for (int round = 0; round < 5; round++) {
            for (int i = 0; i < 2; i++) {
                long t0 = cpu.getCurrentThreadCpuTime();
                users.check(names[i], "wrong".toCharArray());
                best[i] = Math.min(best[i], cpu.getCurrentThreadCpuTime() - t0);
            }
        }
        return best;
    }

    private static UsersFile withBobHashedAt(Path dir, int iterations) throws Exception {
        String stored = PasswordHash.create("builder".toCharArray(), iterations).encoded();
        UsersFile users = UsersFile.load(Files.writeString(dir.resolve("users"), "bob:" + stored + "\n"));
        assertTrue(users.check("bob", "builder".toCharArray()));
        assertFalse(users.check("mallory", "builder".toCharArray()));
        return users;
    }

    @Test
    void anUnknownNameAnswersNoFasterThanAKnownOneStoredWithMoreIterations() throws Exception {
        long[] t = fastestChecks(withBobHashedAt(dir, 200_000));
        assertTrue(t[1] > t[0] * 0.75, "unknown name " + t[1] / 1_000_000 + " ms, known " + t[0] / 1_000_000
                + " ms: the difference tells which names exist");
    }

    @Test
    void anUnknownNameAnswersNoSlowerThanAKnownOneStoredWithFewerIterations() throws Exception {
        long[] t = fastestChecks(withBobHashedAt(dir, 5_000));
        assertTrue(t[1] < t[0] * 3 + 2_000_000, "unknown name " + t[1] / 1_000_000 + " ms, known " + t[0] / 1_000_000
                + " ms: the difference tells which names exist");
    }
}
