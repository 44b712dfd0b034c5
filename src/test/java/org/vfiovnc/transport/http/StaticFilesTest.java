package org.vfiovnc.transport.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class StaticFilesTest {
    private Path root;
    private StaticFiles files;

    @BeforeEach
    void setUp() throws Exception {
        Path top = Files.createTempDirectory("webtest");
        root = Files.createDirectories(top.resolve("web"));
        Files.writeString(top.resolve("secret.txt"), "secret");
        Files.writeString(root.resolve("index.html"), "<p>hi</p>");
        Files.writeString(root.resolve("app.js"), "export {}");
        Files.createDirectories(root.resolve("sub"));
        Files.writeString(root.resolve("sub/a.css"), "p{}");
        Files.createSymbolicLink(root.resolve("escape.txt"), top.resolve("secret.txt"));
        Files.createSymbolicLink(root.resolve("outdir"), top);
        Files.createSymbolicLink(root.resolve("inside.js"), root.resolve("app.js"));
        Path novnc = Files.createDirectories(root.resolve("node_modules/@novnc/novnc/core"));
        Files.writeString(novnc.resolve("rfb.js"), "export default 1");
        Files.createDirectories(root.resolve("node_modules/other"));
        Files.writeString(root.resolve("node_modules/other/x.js"), "x");
        files = new StaticFiles(root);
    }

    private HttpResponse get(String target) {
        return files.respond(new HttpRequest("GET", target, "HTTP/1.1", Map.of()));
    }

    @Test
    void servesFilesWithContentTypes() {
        HttpResponse index = get("/");
        assertEquals(200, index.status());
        assertEquals("text/html; charset=utf-8", index.headers().get("Content-Type"));
        assertEquals("text/javascript; charset=utf-8", get("/app.js?v=1").headers().get("Content-Type"));
        assertEquals("text/css; charset=utf-8", get("/sub/a.css").headers().get("Content-Type"));
        assertEquals(200, get("/novnc/core/rfb.js").status());
        assertEquals(200, get("/inside.js").status(), "a symlink that stays inside is fine");
    }

    @Test
    void escapesListingsAndOtherModulesGet404() {
        for (String t : new String[] {"/../secret.txt", "/%2e%2e/secret.txt", "/sub/..%2f..%2fsecret.txt", "/sub/%2E%2E/%2e%2e/secret.txt",
                "/escape.txt", "/outdir/secret.txt", "/sub", "/sub/", "/novnc/core", "/node_modules/other/x.js",
                "/novnc/../node_modules/other/x.js", "/app.js%00", "/%zz", "/sub//a.css", "relative", "/./app.js", "/sub\\a.css"}) {
            assertEquals(404, get(t).status(), t);
        }
    }

    @Test
    void otherMethodsGet405() {
        HttpResponse r = files.respond(new HttpRequest("POST", "/", "HTTP/1.1", Map.of()));
        assertEquals(405, r.status());
        assertTrue(r.headers().get("Allow").contains("GET"));
    }

    @Test
    void dotfilesAreNotServed() throws Exception {
        Files.writeString(root.resolve(".env"), "SECRET=1");
        Files.createDirectories(root.resolve(".git"));
        Files.writeString(root.resolve(".git/config"), "[core]");
        Files.writeString(root.resolve("sub/.hidden"), "x");
        for (String target : new String[] {"/.env", "/.git/config", "/%2egit/config", "/sub/.hidden", "/%2Eenv"}) {
            assertEquals(404, get(target).status(), target);
        }
    }

    @Test
    void everyPageForbidsOtherSitesToFrameIt() {
        HttpResponse index = get("/");
        String csp = index.headers().get("Content-Security-Policy");
        assertTrue(csp != null && csp.contains("frame-ancestors 'self'"), String.valueOf(csp));
        assertTrue(csp.contains("default-src 'self'"), csp);
        assertEquals("SAMEORIGIN", index.headers().get("X-Frame-Options"));
        assertTrue(get("/app.js").headers().get("Content-Security-Policy") != null);
    }
}
