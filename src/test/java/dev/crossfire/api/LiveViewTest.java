package dev.crossfire.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import dev.crossfire.testing.LiveEventStream;
import org.junit.jupiter.api.Test;

/**
 * The live view on the real HTTP endpoint: the page's files, and the event stream with its bounds
 * (clients, queue per client, heartbeat, lifetime) and the bearer token.
 */
class LiveViewTest {

    private static final HttpClient CLIENT = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    private static HttpResponse<String> get(int port, String path, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(10)).GET();
        if (headers.length > 0) {
            b.headers(headers);
        }
        return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void thePageIsServedFromTheJarWithAPolicyThatAllowsNothingFromElsewhere() throws Exception {
        try (HttpEndpoint endpoint = HttpEndpoint.open("127.0.0.1", 0); LiveEvents events = new LiveEvents()) {
            LiveView.mount(endpoint, events, "s3cret");
            int port = endpoint.port();

            HttpResponse<String> page = get(port, "/live/");
            assertThat(page.statusCode()).isEqualTo(200); // the files hold no data: open without the token
            assertThat(page.headers().firstValue("Content-Type")).contains("text/html; charset=utf-8");
            assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp ->
                assertThat(csp).contains("default-src 'none'", "script-src 'self'", "connect-src 'self'", "frame-ancestors 'none'"));
            assertThat(page.headers().firstValue("Referrer-Policy")).contains("no-referrer");
            assertThat(page.body()).contains("<script type=\"module\" src=\"app.js\"></script>", "<link rel=\"stylesheet\" href=\"style.css\">")
                .doesNotContain("http://", "https://", "<style", "style=\"");

            // the page's modules, each served, each importing only its neighbours, none writing markup
            StringBuilder scripts = new StringBuilder();
            for (String module : List.of("app.js", "feed.js", "desk.js", "view.js", "chart.js", "notify.js", "time.js", "dom.js")) {
                HttpResponse<String> script = get(port, "/live/" + module);
                assertThat(script.statusCode()).as(module).isEqualTo(200);
                assertThat(script.headers().firstValue("Content-Type")).contains("text/javascript; charset=utf-8");
                assertThat(script.body()).doesNotContain("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function");
                Matcher imports = Pattern.compile("(?m)^import .* from '([^']+)';$").matcher(script.body());
                while (imports.find()) {
                    assertThat(imports.group(1)).as(module + " imports").matches("\\./[a-z]+\\.js");
                    assertThat(get(port, "/live/" + imports.group(1).substring(2)).statusCode()).as(imports.group(1)).isEqualTo(200);
                }
                scripts.append(script.body());
            }
            assertThat(scripts).contains("fetch('events'", "'../exchanges?limit=1000'", "'../pileons?limit=1000'");
            assertThat(get(port, "/live/style.css").headers().firstValue("Content-Type")).contains("text/css; charset=utf-8");
            assertThat(get(port, "/live/icon.svg").statusCode()).isEqualTo(200);

            HttpResponse<String> bare = get(port, "/live");
            assertThat(bare.statusCode()).isEqualTo(308);
            assertThat(bare.headers().firstValue("Location")).contains("/live/");
            assertThat(RawHttp.send(port, RawHttp.get("/live/../../etc/passwd")).status()).isNotEqualTo(200);
            assertThat(RawHttp.send(port, RawHttp.get("/live/%2e%2e/app.js")).status()).isEqualTo(404);
            assertThat(get(port, "/live/nothing.js").statusCode()).isEqualTo(404);
            assertThat(get(port, "/livestock").statusCode()).isEqualTo(404);
            // on a connection of its own: the server closes one that carried a refused method, and a pooled
            // connection the client reused as the server closed it made this flaky under load
            assertThat(RawHttp.send(port, "POST /live/ HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
                .status()).isEqualTo(405);
        }
    }

    @Test
    void theStreamNeedsTheTokenOpensWithHelloAndCarriesEachPublishedEvent() throws Exception {
        try (HttpEndpoint endpoint = HttpEndpoint.open("127.0.0.1", 0); LiveEvents events = new LiveEvents()) {
            LiveView.mount(endpoint, events, "s3cret");
            int port = endpoint.port();

            HttpResponse<String> refused = get(port, "/live/events");
            assertThat(refused.statusCode()).isEqualTo(401);
            assertThat(refused.body()).doesNotContain("s3cret");
            assertThat(get(port, "/live/events", "Authorization", "Bearer wrong").statusCode()).isEqualTo(401);
            String tooMany = "/live/events?" + "a=1&".repeat(RequestLimits.MAX_QUERY_PARAMS) + "a=1";
            assertThat(get(port, tooMany, "Authorization", "Bearer s3cret").statusCode()).isEqualTo(400);

            try (LiveEventStream stream = LiveEventStream.open(port, "Bearer s3cret")) {
                assertThat(stream.response.headers().firstValue("Content-Type")).contains("text/event-stream; charset=utf-8");
                assertThat(stream.response.headers().firstValue("Cache-Control")).contains("no-store");
                assertThat(stream.nextEvent()).containsExactly("retry: 1000", "event: hello", "data: {\"lifetimeSeconds\":90}");
                awaitClients(events, 1);

                events.publish("alert", "{\"exchangeId\":\"a|b|2020-05-22T23:10:41Z\",\"level\":\"NOTICE\"}");
                events.publish("alert", "{\"exchangeId\":\"a|b|2020-05-22T23:10:41Z\",\"level\":\"ESCALATING\"}");
                assertThat(stream.nextEvent()).containsExactly("id: 1", "event: alert",
                    "data: {\"exchangeId\":\"a|b|2020-05-22T23:10:41Z\",\"level\":\"NOTICE\"}");
                assertThat(stream.nextEvent()).containsExactly("id: 2", "event: alert",
                    "data: {\"exchangeId\":\"a|b|2020-05-22T23:10:41Z\",\"level\":\"ESCALATING\"}");
            }
            assertThatThrownBy(() -> events.publish("alert", "{\n}")).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void clientsAreBoundedAndAQuietStreamHasHeartbeatsAndEndsAfterItsLifetime() throws Exception {
        try (HttpEndpoint endpoint = HttpEndpoint.open("127.0.0.1", 0);
             LiveEvents events = new LiveEvents(2, 16, Duration.ofMillis(200), Duration.ofSeconds(2))) {
            LiveView.mount(endpoint, events, "");
            int port = endpoint.port();
            try (LiveEventStream first = LiveEventStream.open(port, null); LiveEventStream second = LiveEventStream.open(port, null)) {
                assertThat(first.nextEvent()).contains("event: hello");
                assertThat(second.nextEvent()).contains("event: hello");
                HttpResponse<String> third = get(port, "/live/events");
                assertThat(third.statusCode()).isEqualTo(503);
                assertThat(third.headers().firstValue("Retry-After")).contains("5");

                assertThat(first.nextEvent()).containsExactly(": keep-alive");
                long started = System.nanoTime();
                assertThat(first.awaitEnd(Duration.ofSeconds(10))).as("the stream ends by itself").isTrue();
                assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
            }
            awaitClients(events, 0);
            try (LiveEventStream again = LiveEventStream.open(port, null)) {
                assertThat(again.nextEvent()).contains("event: hello"); // the slots are free again
            }
        }
    }

    @Test
    void aClientThatStopsReadingIsDroppedWithoutHoldingUpTheOthers() throws Exception {
        try (HttpEndpoint endpoint = HttpEndpoint.open("127.0.0.1", 0);
             LiveEvents events = new LiveEvents(4, 4, Duration.ofSeconds(1), Duration.ofSeconds(60))) {
            LiveView.mount(endpoint, events, "");
            int port = endpoint.port();
            try (Socket stalled = new Socket()) {
                stalled.setReceiveBufferSize(4096);
                stalled.connect(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), port));
                stalled.getOutputStream().write(RawHttp.get("/live/events").getBytes(StandardCharsets.ISO_8859_1));
                stalled.getOutputStream().flush();
                awaitClients(events, 1);
                try (LiveEventStream reader = LiveEventStream.open(port, null)) {
                    assertThat(reader.nextEvent()).contains("event: hello");
                    awaitClients(events, 2);
                    String big = "{\"padding\":\"" + "x".repeat(64 * 1024) + "\"}";
                    int sent = 0;
                    // the stalled socket's buffers fill, then its queue of 4: it is dropped
                    while (events.dropped() == 0 && sent < 2_000) {
                        events.publish("alert", big);
                        sent++;
                        reader.nextEvent(); // the reading client keeps up
                    }
                    assertThat(events.dropped()).as("dropped after %d events", sent).isEqualTo(1);
                    events.publish("alert", "{\"after\":true}");
                    assertThat(reader.nextEvent()).contains("data: {\"after\":true}");
                }
            }
            awaitClients(events, 0); // the dropped client's thread ends once its socket is gone
        }
    }

    private static void awaitClients(LiveEvents events, int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (events.clients() != count && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(events.clients()).isEqualTo(count);
    }
}
