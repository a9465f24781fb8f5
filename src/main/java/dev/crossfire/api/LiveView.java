package dev.crossfire.api;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The newsroom's live view, a desk of the active exchanges and pile-ons that updates itself, served
 * on the query API's port. {@code /live/} is plain HTML, CSS and JavaScript modules from the jar
 * (nothing fetched from elsewhere, no build step); the page reads {@code /exchanges} and
 * {@code /pileons} once per stream and then follows {@code /live/events} ({@link LiveEvents}).
 *
 * <p>The page's files hold no data and are open to anyone who reaches the port; the events, like
 * the query API, need the bearer token when one is configured. The page sends it in the
 * {@code Authorization} header: it reads it from the address's fragment ({@code #token=...}, which
 * browsers never send to a server) or asks for it, and keeps it for the tab's session only.
 */
public final class LiveView {

    static final String PREFIX = "/live";

    /** The page's files: name under {@code /live/} to resource and content type. */
    private static final Map<String, Asset> ASSETS = new LinkedHashMap<>();

    static {
        asset("", "index.html", "text/html; charset=utf-8");
        asset("index.html", "index.html", "text/html; charset=utf-8");
        for (String module : List.of("app.js", "feed.js", "desk.js", "view.js", "chart.js", "notify.js", "time.js", "dom.js")) {
            asset(module, module, "text/javascript; charset=utf-8");
        }
        asset("style.css", "style.css", "text/css; charset=utf-8");
        asset("icon.svg", "icon.svg", "image/svg+xml");
    }

    /**
     * Same-origin only: no script, style or connection elsewhere, no framing; links to the
     * original posts leave without a referrer (the newsroom's host name stays in the newsroom).
     */
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        + "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private record Asset(String type, byte[] bytes) {
    }

    private LiveView() {
    }

    private static void asset(String path, String resource, String type) {
        try (InputStream in = LiveView.class.getResourceAsStream("/live/" + resource)) {
            if (in == null) {
                throw new IllegalStateException("the live view's " + resource + " is missing from the jar");
            }
            ASSETS.put(path, new Asset(type, in.readAllBytes()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Serves the page under {@code /live/} and its events; {@code token} guards the events (empty for none). */
    public static void mount(HttpEndpoint endpoint, LiveEvents events, String token) {
        endpoint.route(PREFIX, LiveView::page);
        endpoint.stream(PREFIX + "/events", ex -> BearerToken.admits(token, ex) && events.serve(ex));
    }

    private static void page(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getRawPath();
        if (path.equals(PREFIX)) {
            // the page's relative addresses (app.js, ../exchanges) need the trailing slash
            ex.getResponseHeaders().set("Location", PREFIX + "/");
            ex.sendResponseHeaders(308, -1);
            return;
        }
        Asset asset = path.startsWith(PREFIX + "/") ? ASSETS.get(path.substring(PREFIX.length() + 1)) : null;
        if (asset == null) {
            Http.sendError(ex, 404, "no such resource: " + path);
            return;
        }
        ex.getResponseHeaders().set("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        ex.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
        ex.getResponseHeaders().set("Referrer-Policy", "no-referrer");
        ex.getResponseHeaders().set("Cache-Control", "no-cache");
        ex.getResponseHeaders().set("Content-Type", asset.type());
        ex.sendResponseHeaders(200, asset.bytes().length);
        ex.getResponseBody().write(asset.bytes());
    }
}
