package dev.crossfire.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crossfire.api.HttpEndpoint;
import dev.crossfire.app.CrossfireApp;
import dev.crossfire.app.Service;
import dev.crossfire.app.WebFront;
import dev.crossfire.config.CrossfireSettings;
import dev.crossfire.config.ServiceConfig;
import dev.crossfire.figure.FigureDirectory;
import dev.crossfire.metrics.CrossfireMetrics;
import dev.crossfire.serde.InMemorySchemaRegistry;
import dev.crossfire.serde.RegistrySettings;
import dev.crossfire.topology.CrossfireSerdes;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.streams.state.HostInfo;

/**
 * crossfire's metrics wired as {@code Service.start} wires them, built but not started: the
 * Prometheus registry with the JVM binders, the production app with Kafka Streams' binder, the live
 * view on the HTTP port, and {@code /metrics} read over HTTP. Only the schema registry is in memory,
 * which no metric depends on.
 */
final class RunWiring implements AutoCloseable {

    final CrossfireSettings settings;
    final CrossfireSerdes serdes;
    final CrossfireMetrics metrics;
    final CrossfireApp app;
    private final HttpEndpoint http;
    private final WebFront front;

    private RunWiring(CrossfireSettings settings, CrossfireSerdes serdes, CrossfireMetrics metrics, CrossfireApp app, HttpEndpoint http,
                      WebFront front) {
        this.settings = settings;
        this.serdes = serdes;
        this.metrics = metrics;
        this.app = app;
        this.http = http;
        this.front = front;
    }

    /** {@code partitions}: the posts topic's partition count, as {@code run} reads it from the cluster. */
    static RunWiring open(String bootstrapServers, Path stateDir, int partitions) throws IOException {
        ServiceConfig config = ServiceConfig.of(Map.of("bootstrap.servers", bootstrapServers, RegistrySettings.URL, "http://127.0.0.1:9",
            "state.dir", stateDir.toString(), "application.id", "crossfire", "crossfire.http.port", "0"));
        CrossfireSerdes serdes = new CrossfireSerdes(new InMemorySchemaRegistry());
        HttpEndpoint http = HttpEndpoint.open("127.0.0.1", 0);
        HostInfo self = new HostInfo("127.0.0.1", http.port());
        CrossfireMetrics metrics = CrossfireMetrics.prometheus();
        CrossfireApp app = CrossfireApp.create(config.settings(), serdes, Service.streamsProperties(config, self), partitions,
            new FigureDirectory(), metrics);
        metrics.bind(app.streams());
        http.health(app.streams()::state);
        http.metrics(metrics::scrape);
        WebFront front = WebFront.mount(http, app, self, config.settings(), Duration.ofSeconds(1), "", metrics);
        return new RunWiring(config.settings(), serdes, metrics, app, http, front);
    }

    /** {@code GET /metrics}, after the JVM has reported a collection (GC pause timers appear with the first one). */
    String scrape() throws IOException, InterruptedException {
        long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (metrics.registry().find("jvm.gc.pause").timers().isEmpty() && System.nanoTime() < until) {
            System.gc();
            Thread.sleep(50);
        }
        HttpResponse<String> response = HttpClient.newHttpClient().send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + http.port() + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    @Override
    public void close() {
        front.close();
        http.close();
        app.close(Duration.ofSeconds(10));
        metrics.close();
    }
}
