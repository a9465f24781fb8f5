package dev.crossfire.serde;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registry's bearer token in the OAuth modes: fetched by the client-credentials grant as Kafka's
 * and Confluent's clients ask for it (client id and secret as basic authentication, the scope in the
 * form), kept until {@link AccessToken#refreshAt} and fetched again then. One fetch at a time: the
 * stream threads that need a token together wait for the same one.
 */
final class OAuthTokens {

    private static final Logger LOG = LoggerFactory.getLogger(OAuthTokens.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final RegistryAuth.OAuth auth;
    private final HttpClient http;
    private final Duration timeout;
    private final int retries;
    private final Duration backoff;
    private final Clock clock;
    private AccessToken current;
    private Instant refreshAt = Instant.MIN;

    OAuthTokens(RegistryAuth.OAuth auth, HttpClient http, Duration timeout, int retries, Duration backoff, Clock clock) {
        this.auth = auth;
        this.http = http;
        this.timeout = timeout;
        this.retries = retries;
        this.backoff = backoff;
        this.clock = clock;
    }

    /** @throws TokenEndpointException when there is no token, and the last one has expired */
    synchronized String token() {
        if (current != null && clock.instant().isBefore(refreshAt)) {
            return current.value();
        }
        try {
            AccessToken fresh = fetch();
            current = fresh;
            refreshAt = fresh.refreshAt(clock.instant(), auth.cacheBuffer());
            return fresh.value();
        } catch (TokenEndpointException e) {
            // the refresh comes early on purpose: a token endpoint that is down for a while need not stop anything yet
            if (current != null && clock.instant().isBefore(current.expiresAt())) {
                LOG.warn("{}; the current token is used until it expires at {}", e.getMessage(), current.expiresAt());
                return current.value();
            }
            throw e;
        }
    }

    private AccessToken fetch() {
        TokenEndpointException last = null;
        Duration wait = backoff;
        for (int attempt = 0; attempt <= retries; attempt++) {
            if (attempt > 0) {
                sleep(wait);
                wait = wait.multipliedBy(2);
            }
            HttpResponse<String> response;
            try {
                response = http.send(request(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            } catch (IOException e) {
                last = failure("unreachable (" + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")", e);
                continue;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw failure("not asked: interrupted", e);
            }
            int status = response.statusCode();
            if (status >= 200 && status < 300) {
                return parse(response.body());
            }
            boolean worthRetrying = status >= 500 || status == 429 || status == 408;
            String check = status == 400 || status == 401 || status == 403
                ? ", check " + auth.credentialsFrom() + (auth.scope() == null ? "" : " and the scope " + auth.scope()) : "";
            String what = status >= 500 ? "failed" : "refused client " + auth.clientId();
            last = failure(what + " (HTTP " + status + check + ")" + errorOf(response.body()), null);
            if (!worthRetrying) {
                throw last;
            }
        }
        throw last;
    }

    private HttpRequest request() {
        String credentials = auth.clientId() + ":" + auth.clientSecret();
        String form = "grant_type=client_credentials" + (auth.scope() == null ? "" : "&scope=" + URLEncoder.encode(auth.scope(), StandardCharsets.UTF_8));
        return HttpRequest.newBuilder(auth.tokenEndpoint())
            .timeout(timeout)
            .header("Accept", "application/json")
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header("Cache-Control", "no-cache")
            .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)))
            .POST(HttpRequest.BodyPublishers.ofString(form, StandardCharsets.UTF_8))
            .build();
    }

    private AccessToken parse(String body) {
        try {
            return AccessToken.of(JSON.readTree(body == null || body.isBlank() ? "{}" : body), clock.instant(), auth.scopeClaim(), auth.subClaim());
        } catch (IOException e) {
            throw failure("answered something that is not JSON", null);
        } catch (IllegalArgumentException e) {
            throw failure("answered, but " + e.getMessage(), null);
        }
    }

    /** An OAuth error answer as {@code error: description}, else the start of the body. */
    private static String errorOf(String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        String text = body;
        try {
            JsonNode node = JSON.readTree(body);
            if (node.hasNonNull("error")) {
                text = node.get("error").asText() + (node.hasNonNull("error_description") ? ": " + node.get("error_description").asText() : "");
            }
        } catch (IOException | RuntimeException e) {
            // not JSON: the body as it is
        }
        text = text.strip().replaceAll("\\s+", " ");
        return ": " + (text.length() > 300 ? text.substring(0, 300) + "…" : text);
    }

    private TokenEndpointException failure(String what, Throwable cause) {
        return new TokenEndpointException("no token for the schema registry: token endpoint " + auth.tokenEndpoint() + " " + what, cause);
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TokenEndpointException("interrupted while waiting to ask the token endpoint again", e);
        }
    }
}
