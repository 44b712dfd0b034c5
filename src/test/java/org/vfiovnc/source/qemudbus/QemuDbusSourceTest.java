package org.vfiovnc.source.qemudbus;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.shinyhut.vernacular.client.rendering.ColorDepth;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.vfiovnc.input.InputSink;
import org.vfiovnc.rfb.security.NoneSecurity;
import org.vfiovnc.server.VncServer;
import org.vfiovnc.source.dmabuf.Readback;
import org.vfiovnc.testing.Pixels;
import org.vfiovnc.testing.Qemu;
import org.vfiovnc.testing.QemuBuilder;
import org.vfiovnc.testing.TestServer;
import org.vfiovnc.testing.Vernacular;

/**
 * Acceptance: a real QEMU ({@code -display dbus} on a real dbus-daemon) shows SeaBIOS on a standard
 * VGA; the server attaches with the qemu-dbus source and a real viewer (vernacular) must show
 * exactly what QEMU's own screendump shows, follow the guest's changes, send keys the guest acts
 * on (ESC opens SeaBIOS's boot menu) and pointer motion and buttons QEMU receives (its input trace;
 * the guest's PS/2 mouse is relative, so motion arrives as deltas), and survive QEMU quitting and
 * coming back.
 */
class QemuDbusSourceTest {
    /** A few pixels differ while the VGA text cursor blinks; a new screen changes thousands. */
    private static final int BLINK_PIXELS = 400;

    /**
     * QEMU on the bus: standard VGA, no disk (SeaBIOS shows its text), the boot menu prompt held for
     * 60 s, QMP for screendump and quit (start returns once QMP answers: QEMU is on the bus by then),
     * and QEMU's own trace of the input it receives (the guest firmware has no way to report it).
     */
    private static QemuBuilder seabios(PrivateBus bus) {
        return Qemu.in(bus.dir()).memory(64).options("-vga", "std").display("dbus,addr=" + bus.address())
                .options("-nic", "none", "-no-reboot", "-boot", "menu=on,splash-time=60000").qmpHandshakeOnStart().traceInput();
    }

    // QEMU under TCG shows SeaBIOS's prompt (up to 60 s allowed to settle), then the checks: about 10 s.
    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void viewerShowsQemusScreenFollowsItAndTypesIntoTheGuest() throws Exception {
        try (PrivateBus bus = PrivateBus.start();
             Qemu vm = seabios(bus).start()) {
            QemuDbusSource source = new QemuDbusSource(QemuDbusAddress.parse(bus.address()), Readback.AUTO);
            try (InputSink input = source.inputSink();
                 VncServer server = TestServer.start(source, List.of(new NoneSecurity()), input);
                 Vernacular viewer = Vernacular.connect(server.port(), ColorDepth.BPP_24_TRUE, c -> { })) {
                // SeaBIOS draws its banner, then waits at "Press ESC for boot menu" (60 s): a still text screen.
                Picture prompt = awaitStillScreen(vm, viewer, 60);
                awaitViewerEqualsScreendump(vm, viewer, 20);

                viewer.client().updateKey(0xff1b, true);
                viewer.client().updateKey(0xff1b, false);

                // The guest answers ESC with its boot menu: a different screen, and the viewer follows it.
                Picture menu = awaitChange(vm, prompt, 30);
                Picture shown = awaitViewerEqualsScreendump(vm, viewer, 20);
                assertTrue(shown.differingPixels(prompt) > BLINK_PIXELS,
                        "the viewer still shows the prompt; screendump after ESC differs in "
                                + menu.differingPixels(prompt) + " pixels");
                assertTrue(viewer.errors().isEmpty(), "viewer errors: " + viewer.errors());

                // Pointer: the firmware shows no reaction, so QEMU's input trace is the witness.
                viewer.client().moveMouse(100, 100);
                viewer.client().moveMouse(160, 130);
                viewer.client().updateMouseButton(1, true);
                viewer.client().updateMouseButton(1, false);
                awaitTrace(vm, "input_event_btn", "button left", "down 1");
                awaitTrace(vm, "input_event_btn", "button left", "down 0");
                awaitTrace(vm, "input_event_rel", "axis x", "value 60");
                awaitTrace(vm, "input_event_rel", "axis y", "value 30");
                awaitTrace(vm, "input_event_key_qcode", "qcode esc", "down 1");
                awaitTrace(vm, "input_event_key_qcode", "qcode esc", "down 0");
            }
        }
    }

    private static void awaitTrace(Qemu vm, String... parts) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        List<String> trace = List.of();
        while (System.nanoTime() < deadline) {
            trace = vm.inputTrace().lines().toList();
            for (String line : trace) {
                if (java.util.Arrays.stream(parts).allMatch(line::contains)) {
                    return;
                }
            }
            Thread.sleep(100);
        }
        fail("QEMU's input trace has no line with " + java.util.Arrays.toString(parts) + ": " + trace);
    }

    // SeaBIOS boots twice under TCG (QEMU quits and comes back, each up to 60 s to settle): about 10 s.
    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void survivesQemuQuittingAndReattachesWhenItReturns() throws Exception {
        try (PrivateBus bus = PrivateBus.start();
             Qemu vm = seabios(bus).start()) {
            QemuDbusSource source = new QemuDbusSource(QemuDbusAddress.parse(bus.address()), Readback.AUTO);
            try (VncServer server = TestServer.start(source);
                 Vernacular viewer = Vernacular.connect(server.port(), ColorDepth.BPP_24_TRUE, c -> { })) {
                Picture before = awaitStillScreen(vm, viewer, 60);
                awaitViewerEqualsScreendump(vm, viewer, 20);

                vm.quit();
                // The viewer stays connected and is told the source is gone (a notice frame, not QEMU's picture).
                awaitViewer(viewer, img -> new Picture(img.getWidth(), img.getHeight(), Pixels.of(img))
                        .differingPixels(before) > BLINK_PIXELS, 20, "a notice frame after QEMU quit");
                Thread.sleep(2000);
                assertTrue(viewer.isRunning(), "viewer disconnected while QEMU was away");

                try (Qemu again = seabios(bus).start()) {
                    awaitStillScreen(again, viewer, 60);
                    awaitViewerEqualsScreendump(again, viewer, 40);
                    assertTrue(viewer.isRunning() && viewer.errors().isEmpty(), "viewer errors: " + viewer.errors());
                }
            }
        }
    }

    /** Waits until two screendumps 1.5 s apart differ by no more than a blinking cursor, and not all black. */
    private static Picture awaitStillScreen(Qemu vm, Vernacular viewer, int seconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        Picture last = Picture.screendump(vm);
        while (System.nanoTime() < deadline) {
            Thread.sleep(1500);
            Picture now = Picture.screendump(vm);
            if (now.differingPixels(last) <= BLINK_PIXELS && !allBlack(now)) {
                return now;
            }
            last = now;
        }
        fail("QEMU's screen never settled; log: " + vm.log());
        return null;
    }

    private static Picture awaitChange(Qemu vm, Picture from, int seconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            Picture now = Picture.screendump(vm);
            if (now.differingPixels(from) > BLINK_PIXELS) {
                return now;
            }
            Thread.sleep(200);
        }
        fail("the guest's screen did not change after the key press (key not delivered?)");
        return null;
    }

    /**
     * Waits until the viewer's picture equals a screendump taken right then (the text cursor blinks,
     * so each try compares with a fresh dump) and returns that dump.
     */
    private static Picture awaitViewerEqualsScreendump(Qemu vm, Vernacular viewer, int seconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        String problem = "no picture from the viewer";
        while (System.nanoTime() < deadline) {
            Picture dump = Picture.screendump(vm);
            BufferedImage img = viewer.lastImage();
            if (img != null) {
                if (img.getWidth() != dump.width() || img.getHeight() != dump.height()) {
                    problem = "viewer " + img.getWidth() + "x" + img.getHeight() + ", screendump "
                            + dump.width() + "x" + dump.height();
                } else {
                    problem = Pixels.compare(dump.rgb(), Pixels.of(img), dump.width(), 0);
                    if (problem == null) {
                        return dump;
                    }
                }
            }
            Thread.sleep(100);
        }
        fail("viewer never showed QEMU's screendump: " + problem + "; viewer errors " + viewer.errors());
        return null;
    }

    private static void awaitViewer(Vernacular viewer, java.util.function.Predicate<BufferedImage> ok, int seconds,
            String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            BufferedImage img = viewer.lastImage();
            if (img != null && ok.test(img)) {
                return;
            }
            Thread.sleep(100);
        }
        fail("viewer never showed " + what);
    }

    private static boolean allBlack(Picture p) {
        for (int v : p.rgb()) {
            if (v != 0) {
                return false;
            }
        }
        return true;
    }
}
