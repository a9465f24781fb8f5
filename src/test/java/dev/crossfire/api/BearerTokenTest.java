package dev.crossfire.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crossfire.config.ServiceConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;

/** The query API's bearer token on the real HTTP endpoint: queries need it, probes and scrapers do not. */
class BearerTokenTest {

    private static HttpResponse<String> get(int port, String path, String authorization) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET();
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void queriesWithoutTheTokenGet401AndHealthAndMetricsStayOpen() throws Exception {
        try (HttpEndpoint endpoint = HttpEndpoint.open("127.0.0.1", 0)) {
            endpoint.health(() -> KafkaStreams.State.RUNNING);
            endpoint.metrics(() -> "up 1\n");
            endpoint.route("/exchanges", BearerToken.guard("s3cret", ex -> Http.send(ex, 200, Http.object().put("ok", true))));
            int port = endpoint.port();

            HttpResponse<String> none = get(port, "/exchanges", null);
            assertThat(none.statusCode()).isEqualTo(401);
            assertThat(none.headers().firstValue("WWW-Authenticate")).contains("Bearer realm=\"crossfire\"");
            assertThat(none.body()).doesNotContain("s3cret");
            assertThat(get(port, "/exchanges", "Bearer wrong").statusCode()).isEqualTo(401);
            assertThat(get(port, "/exchanges", "s3cret").statusCode()).isEqualTo(401);
            assertThat(get(port, "/exchanges", "Bearer s3cret").statusCode()).isEqualTo(200);

            assertThat(get(port, "/health/ready", null).statusCode()).isEqualTo(200);
            assertThat(get(port, "/metrics", null).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void noTokenConfiguredMeansNoCheckAndAConfiguredOneIsMaskedWhenPrinted() throws Exception {
        try (HttpEndpoint endpoint = HttpEndpoint.open("127.0.0.1", 0)) {
            endpoint.route("/threads/", BearerToken.guard("", ex -> Http.send(ex, 200, Http.object().put("ok", true))));
            assertThat(get(endpoint.port(), "/threads/x", null).statusCode()).isEqualTo(200);
        }
        ServiceConfig config = ServiceConfig.of(Map.of("bootstrap.servers", "kafka:9092", "schema.registry.url", "http://r:8081",
            "crossfire.http.token", "s3cret"));
        assertThat(config.describe()).contains("crossfire.http.token=").doesNotContain("s3cret");
    }
}
