package org.vfiovnc.transport.http;

/**
 * The answer to a page request over plain http:// when the server requires TLS: a redirect to the
 * same host, port and path over https:// (one port serves both), so the user lands on the page
 * that can connect. The Location is built only from a Host that parses as a host and a path of
 * plain visible characters: an attacker's header never ends up in the answer as written.
 */
public final class HttpsRedirect {
    private HttpsRedirect() {}

    public static HttpResponse to(HttpRequest req) {
        WebOrigin self = WebOrigin.ofHost("http", req.header("host"));
        if (self == null) {
            return HttpResponse.text(400, "Bad Request", "this server requires https://; the request has no usable Host");
        }
        String target = req.target().matches("/[\\x21-\\x7e]*") ? req.target() : "/";
        String location = "https://" + self.host() + ":" + self.port() + target;
        HttpResponse r = HttpResponse.text(307, "Temporary Redirect", "this server requires https://: " + location);
        r.headers().put("Location", location);
        return r;
    }
}
