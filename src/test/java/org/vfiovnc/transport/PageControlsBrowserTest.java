package org.vfiovnc.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.vfiovnc.rfb.RfbConfig;
import org.vfiovnc.rfb.security.VncAuthSecurity;
import org.vfiovnc.rfb.security.VncPassword;
import org.vfiovnc.server.VncServer;
import org.vfiovnc.surface.SizeRequest;
import org.vfiovnc.testing.BrowserDriver;
import org.vfiovnc.testing.ControlledSource;
import org.vfiovnc.testing.TestServer;
import org.vfiovnc.testing.Tools;
import org.vfiovnc.transport.door.TransportOptions;
import org.vfiovnc.transport.http.StaticFiles;

/**
 * The served page's own controls in headless Chromium: the view menu's remote resize (the VM takes
 * the window's size, and follows it when the window changes; a VM that keeps its size is scaled,
 * with a note), Ctrl+Alt+Del, fullscreen, the power menu's hook, reconnecting with backoff after the
 * server went away (the password sent again), and Disconnect ending the tries.
 */
// The page in the Chromium started once for the class: seconds each; the reconnect test waits
// through two or three backoff rounds (1 + 2 + 4 s).
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class PageControlsBrowserTest {
    private static final String PASSWORD = "page-pw";
    private static BrowserDriver browser;
    private final RecordingInputSink input = new RecordingInputSink();
    private VncServer server;

    @BeforeAll
    static void startBrowser() throws Exception {
        browser = BrowserDriver.start();
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @AfterEach
    void stopServer() throws IOException {
        browser.closePage();
        if (server != null) {
            server.close();
        }
    }

    private VncServer serve(ControlledSource source, int port) throws IOException {
        StaticFiles web = new StaticFiles(Tools.projectDir().resolve("web"));
        RfbConfig config = RfbConfig.defaults(List.of(new VncAuthSecurity(VncPassword.of(PASSWORD))));
        server = VncServer.start(source, TestServer.fastPacing(), config, input, new ListenAddress("127.0.0.1", port),
                TransportOptions.sniffing(web, null));
        return server;
    }

    private String url() {
        return "http://127.0.0.1:" + server.port() + "/";
    }

    private static void awaitTrue(String js, int ms, String what) throws IOException {
        String reply = browser.awaitTrue(js, ms);
        assertTrue(reply.startsWith("ok "), what + ": " + reply);
    }

    private static String unquoted(String json) {
        return json.substring(1, json.length() - 1);
    }

    @Test
    void remoteResizeGivesTheVmTheWindowsSizeAndFollowsTheWindow() throws Exception {
        ControlledSource source = new ControlledSource(320, 200, 1);
        source.answerSizeRequests(SizeRequest.ACCEPTED, 2);
        serve(source, 0);
        browser.openWith(url(), "view=remote", PASSWORD);
        awaitTrue(BrowserDriver.CANVAS_FILLS_SCREEN, 10000, "the canvas should take the window's size");
        String first = unquoted(browser.eval(BrowserDriver.SCREEN_SIZE));
        assertEquals(first, server.loop().current().width() + "x" + server.loop().current().height());
        browser.viewport(800, 600);
        awaitTrue(BrowserDriver.CANVAS_FILLS_SCREEN + " && " + BrowserDriver.SCREEN_SIZE + " !== '" + first + "'", 10000,
                "the canvas should follow the smaller window");
        String second = unquoted(browser.eval(BrowserDriver.SCREEN_SIZE));
        assertEquals(List.of(first, second), source.sizeRequests);
        assertEquals("true", browser.eval("document.getElementById('view-note').hidden"));
    }

    @Test
    void aVmThatKeepsItsSizeIsScaledWithANote() throws Exception {
        ControlledSource source = new ControlledSource(320, 200, 1); // answers "prohibited"
        serve(source, 0);
        browser.openWith(url(), "view=remote", PASSWORD);
        awaitTrue("!document.getElementById('view-note').hidden", 10000, "a note should say the VM kept its size");
        String note = browser.eval("document.getElementById('view-note').textContent");
        assertTrue(note.contains("has not taken the window's size (it shows 320x200"), note);
        assertEquals("\"320x200\"", browser.eval("(() => { const c = document.querySelector('#screen canvas');"
                + " return c.width + 'x' + c.height; })()"));
        assertEquals(1, source.sizeRequests.size(), "noVNC asked once: " + source.sizeRequests);
        assertEquals("\"connected\"", browser.eval("document.body.dataset.state"));
    }

    @Test
    void ctrlAltDelFullscreenAndThePowerMenusHook() throws Exception {
        serve(new ControlledSource(320, 200, 1), 0);
        browser.openWith(url(), "view=scale", PASSWORD);
        input.pressed.clear();
        browser.click("#ctrl-alt-del");
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (input.pressed.size() < 3 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(List.of(0xffe3, 0xffe9, 0xffff), List.copyOf(input.pressed), "Control, Alt, Delete pressed");

        browser.click("#fullscreen");
        awaitTrue("document.fullscreenElement !== null"
                + " && document.getElementById('fullscreen').textContent === 'Exit fullscreen'", 5000, "fullscreen");
        browser.click("#fullscreen");
        awaitTrue("document.fullscreenElement === null"
                + " && document.getElementById('fullscreen').textContent === 'Fullscreen'", 5000, "fullscreen left");

        // No power control offered (this server has no XVP yet): no menu. noVNC shows its menu
        // when the server's XVP init sets capabilities.power; set here by hand, the page's does too.
        assertEquals("true", browser.eval("document.getElementById('power-menu').hidden"));
        assertEquals("false", browser.eval("(window.vncClient._setCapability('power', true),"
                + " document.getElementById('power-menu').hidden)"));
    }

    @Test
    void reconnectsWithBackoffAndTheSamePasswordThenDisconnectStops() throws Exception {
        ControlledSource source = new ControlledSource(320, 200, 1);
        int port = serve(source, 0).port();
        browser.openWith(url(), "view=scale", PASSWORD);
        server.close();
        awaitTrue("document.body.dataset.state.includes('; reconnecting in ')", 10000, "the page should say it reconnects");
        String lost = browser.eval("document.body.dataset.state");
        assertTrue(lost.startsWith("\"connection lost") || lost.startsWith("\"the server closed the connection"), lost);
        // Still away after the first try: the page keeps trying, waiting longer.
        awaitTrue("document.body.dataset.state.startsWith('cannot reach the server; reconnecting in ')", 10000,
                "a failed try should be reported and retried");
        serve(source, port);
        awaitTrue("document.body.dataset.state === 'connected'", 20000, "the page should be connected again");
        browser.click("#disconnect");
        awaitTrue("document.body.dataset.state === 'disconnected'", 5000, "Disconnect");
        Thread.sleep(2500);
        assertEquals("\"disconnected\"", browser.eval("document.body.dataset.state"), "no reconnect after Disconnect");
    }
}
