package org.vfiovnc.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class TextTyperTest {

    /** Key events as "+q" / "-q" with the QMP qcode of each keysym. */
    static final class Recording implements InputSink {
        final List<String> events = new CopyOnWriteArrayList<>();

        @Override
        public void key(boolean down, int keysym, int scancode) {
            events.add((down ? "+" : "-") + QmpKeymap.qcode(keysym, scancode));
        }

        @Override
        public void pointer(int x, int y, int buttonMask, int width, int height) {}
    }

    /** The events typing {@code s} must give: Shift around capitals and US shifted symbols. */
    static List<String> expected(String qcodesWithShift) {
        List<String> out = new ArrayList<>();
        for (String k : qcodesWithShift.split(" ")) {
            boolean shift = k.startsWith("S-");
            String q = shift ? k.substring(2) : k;
            if (shift) {
                out.add("+shift");
            }
            out.add("+" + q);
            out.add("-" + q);
            if (shift) {
                out.add("-shift");
            }
        }
        return out;
    }

    private static void awaitIdle(TextTyper t) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!t.idle() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertTrue(t.idle(), "typer did not finish");
    }

    @Test
    void capitalsDigitsAndPunctuationGetShiftWhereAUsKeyboardNeedsIt() throws Exception {
        Recording sink = new Recording();
        try (TextTyper t = new TextTyper(sink, 0, 1000)) {
            assertTrue(t.type("Hello, World! 42 #$%&*()_+"));
            awaitIdle(t);
            assertEquals(expected("S-h e l l o comma spc S-w o r l d S-1 spc 4 2 spc S-3 S-4 S-5 S-7 S-8 S-9 S-0 S-minus S-equal"),
                    sink.events);
            assertEquals(26, t.typed());
            assertEquals(0, t.skipped());
        }
    }

    @Test
    void everyPrintableAsciiCharacterHasAKey() {
        for (int c = 0x20; c <= 0x7e; c++) {
            UsLayout.Keystroke k = UsLayout.keystroke(c);
            assertTrue(k != null && QmpKeymap.qcode(k.keysym(), 0) != null, "no key for '" + (char) c + "'");
        }
        assertTrue(UsLayout.keystroke('~').shift());
        assertFalse(UsLayout.keystroke('`').shift());
        assertNull(UsLayout.keystroke(0xe9));
        assertNull(UsLayout.keystroke(0x1b));
    }

    @Test
    void newlinesAndTabsAreKeysAndOtherCharactersAreSkippedAndCounted() throws Exception {
        Recording sink = new Recording();
        try (TextTyper t = new TextTyper(sink, 0, 1000)) {
            t.type("a\r\nb\tc\rd\u00e9\u20ac\ud83d\ude00e\u0007");
            awaitIdle(t);
            assertEquals(expected("a ret b tab c ret d e"), sink.events);
            assertEquals(8, t.typed());
            assertEquals(4, t.skipped(), "é, €, one emoji (two chars, one code point), BEL");
        }
    }

    @Test
    void textBeyondThePendingLimitIsRefusedAndTheCallerNeverWaits() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        InputSink slow = new InputSink() {
            @Override
            public void key(boolean down, int keysym, int scancode) {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }

            @Override
            public void pointer(int x, int y, int buttonMask, int width, int height) {}
        };
        try (TextTyper t = new TextTyper(slow, 0, 10)) {
            long start = System.nanoTime();
            assertTrue(t.type("abcdef"));
            assertFalse(t.type("ghijkl"), "16 characters pending > 10");
            assertTrue(t.type("ghij"));
            assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(1));
            release.countDown();
            awaitIdle(t);
            assertEquals(10, t.typed());
        }
    }

    @Test
    void typingIsPacedOnItsOwnThread() throws Exception {
        Recording sink = new Recording();
        try (TextTyper t = new TextTyper(sink, 20, 1000)) {
            long start = System.nanoTime();
            t.type("abcde");
            assertTrue(sink.events.size() < 10, "type() returned after the keys were sent");
            awaitIdle(t);
            long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertTrue(ms >= 180, "10 events at 20 ms took " + ms + " ms");
        }
    }

    @Test
    void closingMidCharacterReleasesEveryKey() throws Exception {
        Recording sink = new Recording();
        TextTyper t = new TextTyper(sink, 200, 1000);
        t.type("A");
        Thread.sleep(300); // Shift and 'a' are down
        t.close();
        Thread.sleep(100);
        assertEquals(List.of("+shift", "+a", "-a", "-shift"), sink.events);
    }
}
