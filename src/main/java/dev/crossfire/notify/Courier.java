package dev.crossfire.notify;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Random;
import java.util.function.BooleanSupplier;

/**
 * Delivers one alert to one destination, trying again as {@link RetryPolicy} says: a 2xx answer is
 * delivered; a timeout, a refused connection, a 5xx, 408 or 429 is tried again; any other 4xx means
 * the receiver will not take it however often it is sent, and the alert is given up at once. Every
 * wait can be cut short by {@code stopping}, so that a stop does not wait out a backoff.
 */
public final class Courier {

    /** What became of one alert at one destination. */
    public record Outcome(boolean delivered, int tries, int lastStatus, String why, Duration took) {
    }

    /** Receives each retry, for metrics and logs. */
    public interface Listener {
        void retrying(Destination to, int nextTry, Duration wait, String why);
    }

    private final HttpClient http;
    private final RetryPolicy retries;
    private final Duration requestTimeout;
    private final byte[] secret;
    private final String liveUrl;
    private final Clock clock;
    private final Random random;
    private final Listener listener;

    public Courier(RetryPolicy retries, Duration requestTimeout, byte[] secret, String liveUrl, Clock clock, Random random, Listener listener) {
        this.http = HttpClient.newBuilder().connectTimeout(requestTimeout).followRedirects(HttpClient.Redirect.NEVER).build();
        this.retries = retries;
        this.requestTimeout = requestTimeout;
        this.secret = secret;
        this.liveUrl = liveUrl;
        this.clock = clock;
        this.random = random;
        this.listener = listener;
    }

    /** The live view's address, for the Slack messages' link (null: none). */
    public String liveUrl() {
        return liveUrl;
    }

    /** The body each kind of destination gets. */
    public String body(Destination to, Notice notice) {
        return to.kind() == Destination.Kind.SLACK ? notice.slack() : notice.json();
    }

    public Outcome deliver(Destination to, Notice notice, BooleanSupplier stopping) throws InterruptedException {
        String body = body(to, notice);
        long started = System.nanoTime();
        int status = 0;
        String why = null;
        for (int attempt = 1; attempt <= retries.tries(); attempt++) {
            String retryAfter = null;
            try {
                HttpResponse<String> answer = http.send(request(to, notice, body), HttpResponse.BodyHandlers.ofString());
                status = answer.statusCode();
                if (status >= 200 && status < 300) {
                    return new Outcome(true, attempt, status, null, Duration.ofNanos(System.nanoTime() - started));
                }
                retryAfter = answer.headers().firstValue("Retry-After").orElse(null);
                why = "HTTP " + status;
                if (status >= 400 && status < 500 && status != 408 && status != 425 && status != 429) {
                    return new Outcome(false, attempt, status, why + ": the receiver refuses it; not tried again",
                        Duration.ofNanos(System.nanoTime() - started));
                }
            } catch (java.net.http.HttpTimeoutException e) {
                status = 0;
                why = "no answer within " + requestTimeout.toMillis() + " ms";
            } catch (IOException e) {
                status = 0;
                why = "cannot reach " + to.label() + ": " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
            }
            if (attempt == retries.tries() || stopping.getAsBoolean()) {
                break;
            }
            Duration wait = retries.waitBefore(attempt + 1, retryAfter, clock.instant(), random);
            listener.retrying(to, attempt + 1, wait, why);
            if (!sleep(wait, stopping)) {
                return new Outcome(false, attempt, status, why + "; stopped before the next try", Duration.ofNanos(System.nanoTime() - started));
            }
        }
        return new Outcome(false, retries.tries(), status, why + " after " + retries.tries() + " tries",
            Duration.ofNanos(System.nanoTime() - started));
    }

    private HttpRequest request(Destination to, Notice notice, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(to.url()).timeout(requestTimeout)
            .header("Content-Type", "application/json; charset=utf-8")
            .header("User-Agent", "crossfire-alerts-notify")
            .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (to.kind() == Destination.Kind.WEBHOOK) {
            long now = clock.instant().getEpochSecond();
            b.header(WebhookSignature.IDEMPOTENCY_HEADER, notice.alertId());
            b.header(WebhookSignature.TIMESTAMP_HEADER, Long.toString(now));
            if (secret != null) {
                b.header(WebhookSignature.SIGNATURE_HEADER, WebhookSignature.sign(secret, now, body));
            }
        }
        return b.build();
    }

    /** Sleeps in short steps; false when stopped first. */
    private static boolean sleep(Duration wait, BooleanSupplier stopping) throws InterruptedException {
        long until = System.nanoTime() + wait.toNanos();
        while (System.nanoTime() < until) {
            if (stopping.getAsBoolean()) {
                return false;
            }
            Thread.sleep(Math.min(100, Math.max(1, (until - System.nanoTime()) / 1_000_000)));
        }
        return !stopping.getAsBoolean();
    }
}
