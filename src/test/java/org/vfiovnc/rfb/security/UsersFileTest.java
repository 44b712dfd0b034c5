package org.vfiovnc.rfb.security;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Checking an unknown name costs as much as checking a known one, whatever iteration counts the file holds. */
class UsersFileTest {
    @TempDir
    Path dir;

    /**
     * The fastest check of a known and of an unknown name, in nanoseconds, taken in turns (the
     * fastest is the least disturbed by the rest of the machine).
     */
    private static long[] fastestChecks(UsersFile users) {
        long[] best = {Long.MAX_VALUE, Long.MAX_VALUE};
        String[] names = {"bob", "mallory"};
        for (int round = 0; round < 5; round++) {
            for (int i = 0; i < 2; i++) {
                long t0 = System.nanoTime();
                users.check(names[i], "wrong".toCharArray());
                best[i] = Math.min(best[i], System.nanoTime() - t0);
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
