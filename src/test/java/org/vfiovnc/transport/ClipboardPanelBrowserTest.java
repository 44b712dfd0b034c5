package org.vfiovnc.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.vfiovnc.display.RefreshLoop;
import org.vfiovnc.input.GuestLink;
import org.vfiovnc.input.InputSink;
import org.vfiovnc.input.PowerControl;
import org.vfiovnc.rfb.RfbConfig;
import org.vfiovnc.rfb.security.NoneSecurity;
import org.vfiovnc.server.VncServer;
import org.vfiovnc.source.demo.DemoSource;
import org.vfiovnc.testing.BrowserDriver;
import org.vfiovnc.testing.MemoryClipboard;
import org.vfiovnc.testing.TestServer;
import org.vfiovnc.testing.Tools;
import org.vfiovnc.transport.door.TransportOptions;
import org.vfiovnc.transport.http.StaticFiles;

/**
 * The served page's clipboard panel in headless Chromium with noVNC 1.7 (Extended Clipboard): the
 * guest's copy appears in the text area, "Send to clipboard" reaches the guest's clipboard in
 * UTF-8, and "Paste as keys" types the text as key events with Shift where a US keyboard needs it.
 */
class ClipboardPanelBrowserTest {
    private static BrowserDriver browser;
    private static VncServer server;
    private static final MemoryClipboard CLIPBOARD = new MemoryClipboard();
    /** Every key event as "+keysym" / "-keysym" in hex. */
    private static final List<String> KEYS = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        browser = BrowserDriver.start();
        InputSink keys = new InputSink() {
            @Override
            public void key(boolean down, int keysym, int scancode) {
                KEYS.add((down ? "+" : "-") + Integer.toHexString(keysym));
            }

            @Override
            public void pointer(int x, int y, int buttonMask, int width, int height) {}
        };
        server = VncServer.start(new RefreshLoop(new DemoSource(320, 200, true), TestServer.fastPacing()),
                RfbConfig.defaults(List.of(new NoneSecurity())), new GuestLink(keys, PowerControl.NONE, CLIPBOARD),
                new ListenAddress("127.0.0.1", 0),
                TransportOptions.sniffing(new StaticFiles(Tools.projectDir().resolve("web")), null));
        browser.open("http://127.0.0.1:" + server.port() + "/", null);
        browser.click("#clipboard-panel summary"); // the panel starts folded
        long deadline = System.currentTimeMillis() + 10_000;
        while (CLIPBOARD.listenerCount() == 0 && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void guestCopyAppearsInThePanel() throws Exception {
        CLIPBOARD.guestCopies("from the guest: caf\u00e9 \u2603\nline 2");
        browser.awaitValue("#clipboard-text", "from the guest: caf\u00e9 \u2603\nline 2");
    }

    @Test
    void sendToClipboardReachesTheGuestClipboard() throws Exception {
        CLIPBOARD.fromViewers.clear();
        browser.fill("#clipboard-text", "to the guest: \u00fcber \u2603\nok");
        browser.click("#clipboard-send");
        long deadline = System.currentTimeMillis() + 10_000;
        while (CLIPBOARD.fromViewers.isEmpty() && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(List.of("to the guest: \u00fcber \u2603\nok"), List.copyOf(CLIPBOARD.fromViewers));
    }

    @Test
    void pasteAsKeysTypesWithShiftWhereNeeded() throws Exception {
        KEYS.clear();
        browser.fill("#clipboard-text", "Hi! a_1\n\u00e9");
        browser.click("#clipboard-type");
        List<String> expected = new ArrayList<>();
        for (String k : "S48 69 S21 20 61 S5f 31 ff0d".split(" ")) {
            boolean shift = k.startsWith("S");
            String sym = shift ? k.substring(1) : k;
            if (shift) {
                expected.add("+ffe1");
            }
            expected.add("+" + sym);
            expected.add("-" + sym);
            if (shift) {
                expected.add("-ffe1");
            }
        }
        long deadline = System.currentTimeMillis() + 10_000;
        while (KEYS.size() < expected.size() && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        Thread.sleep(200);
        assertEquals(expected, List.copyOf(KEYS));
        String status = browser.text("#clipboard-status");
        assertTrue(status.contains("typed 8 characters, skipped 1"), status);
    }
}
