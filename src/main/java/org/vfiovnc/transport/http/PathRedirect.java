package org.vfiovnc.transport.http;

/**
 * The answer to {@code /vm/NAME}: a redirect to {@code /vm/NAME/}, where the page's relative links
 * (its scripts and the WebSocket it opens) resolve under the display's path. The Location is
 * relative, and carries the query only when it is plain visible characters.
 */
public final class PathRedirect {
    private PathRedirect() {}

    public static HttpResponse toDirectory(HttpRequest req) {
        String path = req.path();
        String query = req.target().substring(path.length());
        String location = path + "/" + (query.matches("\\?[\\x21-\\x7e]*") ? query : "");
        HttpResponse r = HttpResponse.text(301, "Moved Permanently", "the page is at " + location);
        r.headers().put("Location", location);
        return r;
    }
}
