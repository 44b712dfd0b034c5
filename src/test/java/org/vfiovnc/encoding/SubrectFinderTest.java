package org.vfiovnc.encoding;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SubrectFinderTest {

    @Test
    void mostCommonHasTheHighestCount() {
        Random rnd = new Random(7);
        for (int round = 0; round < 2000; round++) {
            int n = 1 + rnd.nextInt(round % 10 == 0 ? 70_000 : 256);
            int colours = 1 + rnd.nextInt(round % 3 == 0 ? 4 : 300);
            int[] px = new int[n];
            for (int i = 0; i < n; i++) {
                // Runs and scattered colours, negative values too.
                px[i] = i > 0 && rnd.nextInt(3) == 0 ? px[i - 1] : (rnd.nextInt(colours) - colours / 2) * 0x010305;
            }
            Map<Integer, Integer> counts = new HashMap<>();
            int max = 0;
            for (int v : px) {
                max = Math.max(max, counts.merge(v, 1, Integer::sum));
            }
            int got = SubrectFinder.mostCommon(px);
            assertEquals(max, counts.get(got), "round " + round + ": colour " + got);
        }
        assertEquals(0, SubrectFinder.mostCommon(new int[0]));
    }
}
