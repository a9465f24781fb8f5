package dev.crossfire.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.crossfire.avro.Post;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The client's fault handling against a scripted HTTP server on loopback: the faults a real
 * registry cannot be made to produce on demand (5xx bursts, slow answers, a dead first URL). The
 * protocol itself is tested against a real registry in the integration tests.
 */
class HttpSchemaRegistryClientTest {

    private HttpServer server;
    private java.util.concurrent.ExecutorService executor;
    private final Deque<Answer> script = new ArrayDeque<>();
    private final List<String> seen = Collections.synchronizedList(new ArrayList<>());
    private final List<String> authorizations = Collections.synchronizedList(new ArrayList<>());

    private record Answer(int status, String body, long delayMs) {
    }

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        // answers in parallel, so a slow answer does not hold up the client's retries
        executor = java.util.concurrent.Executors.newCachedThreadPool();
        server.setExecutor(executor);
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        seen.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getRawPath());
        authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
        Answer answer = script.isEmpty() ? new Answer(500, "{\"error_code\":50001,\"message\":\"no script\"}", 0) : script.poll();
        if (answer.delayMs() > 0) {
            try {
                Thread.sleep(answer.delayMs());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/vnd.schemaregistry.v1+json");
        exchange.sendResponseHeaders(answer.status(), body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    private String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private HttpSchemaRegistryClient client(Map<String, String> extra) {
        Map<String, String> config = new java.util.HashMap<>(extra);
        config.putIfAbsent(RegistrySettings.URL, url());
        return new HttpSchemaRegistryClient(RegistrySettings.fromConfig(config)
            .withTimeouts(Duration.ofMillis(500), 2, Duration.ofMillis(20)));
    }

    @Test
    void registersOnceAndAnswersFromItsCacheAfterwards() {
        script.add(new Answer(200, "{\"id\": 7}", 0));
        HttpSchemaRegistryClient client = client(Map.of());
        for (int i = 0; i < 100; i++) {
            assertThat(client.register("crossfire.posts-value", Post.getClassSchema())).isEqualTo(7);
        }
        assertThat(client.schemaById(7)).isEqualTo(Post.getClassSchema());
        assertThat(seen).containsExactly("POST /subjects/crossfire.posts-value/versions");
    }

    @Test
    void retriesServerErrorsWithBackoffThenSucceeds() {
        script.add(new Answer(503, "{\"error_code\":50301,\"message\":\"busy\"}", 0));
        script.add(new Answer(500, "oops", 0));
        script.add(new Answer(200, "{\"id\": 3}", 0));
        assertThat(client(Map.of()).register("s", Post.getClassSchema())).isEqualTo(3);
        assertThat(seen).hasSize(3);
    }

    @Test
    void retriesATimeOutAndGivesUpWithAClearMessageAfterTheLastAttempt() {
        for (int i = 0; i < 3; i++) {
            script.add(new Answer(200, "{\"id\": 1}", 1_500));
        }
        assertThatThrownBy(() -> client(Map.of()).register("s", Post.getClassSchema()))
            .isInstanceOf(SchemaRegistryException.class)
            .hasMessageStartingWith("cannot register the schema dev.crossfire.avro.Post under subject s: registry at " + url() + " unreachable")
            .hasMessageContaining("HttpTimeoutException");
        assertThat(seen).hasSize(3);
    }

    @Test
    void movesOnToTheNextUrlWhenTheFirstIsDown() throws IOException {
        int deadPort;
        try (ServerSocket s = new ServerSocket(0)) {
            deadPort = s.getLocalPort();
        }
        script.add(new Answer(200, "{\"schema\": " + quoted(Post.getClassSchema().toString()) + "}", 0));
        HttpSchemaRegistryClient client = client(Map.of(RegistrySettings.URL, "http://127.0.0.1:" + deadPort + "," + url()));
        assertThat(client.schemaById(42).getFullName()).isEqualTo("dev.crossfire.avro.Post");
        assertThat(seen).containsExactly("GET /schemas/ids/42");
    }

    @Test
    void clientErrorsAreFinalAndSayWhatTheyMean() {
        script.add(new Answer(404, "{\"error_code\":40403,\"message\":\"Schema not found\"}", 0));
        assertThatThrownBy(() -> client(Map.of()).schemaById(99))
            .isInstanceOf(SchemaRegistryException.class)
            .hasMessage("cannot fetch schema id 99: schema not found (HTTP 404, error 40403 from " + url() + "): Schema not found")
            .satisfies(e -> assertThat(((SchemaRegistryException) e).errorCode()).isEqualTo(40403));
        assertThat(seen).hasSize(1);

        script.add(new Answer(409, "{\"error_code\":409,\"message\":\"Schema being registered is incompatible with an earlier schema\"}", 0));
        assertThatThrownBy(() -> client(Map.of()).register("crossfire.alerts-value", Post.getClassSchema()))
            .hasMessageContaining("incompatible with the schemas already registered")
            .hasMessageContaining("HTTP 409");

        script.add(new Answer(422, "{\"error_code\":42201,\"message\":\"Invalid schema\"}", 0));
        assertThatThrownBy(() -> client(Map.of()).register("s", Post.getClassSchema()))
            .hasMessageContaining("invalid schema or request (HTTP 422, error 42201");

        script.add(new Answer(404, "{\"error_code\":40401,\"message\":\"Subject 'x' not found.\"}", 0));
        assertThatThrownBy(() -> client(Map.of()).latest("x")).hasMessageContaining("subject not found");
    }

    @Test
    void sendsBasicAuthAndEncodesSubjectsInThePath() {
        script.add(new Answer(200, "{\"id\": 5}", 0));
        client(Map.of(RegistrySettings.USER_INFO, "editor:s3cret")).register("news posts/value", Post.getClassSchema());
        assertThat(seen).containsExactly("POST /subjects/news%20posts%2Fvalue/versions");
        assertThat(authorizations).containsExactly("Basic " + java.util.Base64.getEncoder()
            .encodeToString("editor:s3cret".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void settingsNeverPrintThePassword() {
        RegistrySettings settings = RegistrySettings.fromConfig(Map.of(RegistrySettings.URL, url(), RegistrySettings.USER_INFO, "editor:s3cret"));
        assertThat(settings.toString()).contains("editor:****").doesNotContain("s3cret");
    }

    @Test
    void credentialsInTheUrlAreSentAsBasicAuthAndNeverPrinted() {
        String withCredentials = url().replace("http://", "http://editor:url%40s3cret@");
        RegistrySettings settings = RegistrySettings.fromConfig(Map.of(RegistrySettings.URL, withCredentials + "," + withCredentials));
        assertThat(settings.urls()).allSatisfy(u -> assertThat(u.toString()).isEqualTo(url()));
        assertThat(settings.toString()).contains("editor:****").doesNotContain("s3cret");

        script.add(new Answer(401, "{\"error_code\":40101,\"message\":\"Unauthorized\"}", 0));
        assertThatThrownBy(() -> new HttpSchemaRegistryClient(settings).register("s", Post.getClassSchema()))
            .hasMessageContaining("not authorised").hasMessageContaining("from " + url() + ")").hasMessageNotContaining("s3cret");
        assertThat(authorizations).containsExactly("Basic " + java.util.Base64.getEncoder()
            .encodeToString("editor:url@s3cret".getBytes(StandardCharsets.UTF_8)));

        assertThatThrownBy(() -> RegistrySettings.fromConfig(Map.of(RegistrySettings.URL, "ftp://editor:s3cret@registry:8081")))
            .hasMessage("schema.registry.url needs http:// or https:// URLs, got 'ftp://****@registry:8081'");
    }

    @Test
    void compatibilityFallsBackToTheGlobalLevelAndANewSubjectIsCompatible() {
        script.add(new Answer(404, "{\"error_code\":40408,\"message\":\"Subject does not have subject-level compatibility configured\"}", 0));
        script.add(new Answer(200, "{\"compatibilityLevel\":\"BACKWARD\"}", 0));
        script.add(new Answer(404, "{\"error_code\":40401,\"message\":\"Subject not found\"}", 0));
        HttpSchemaRegistryClient client = client(Map.of());
        assertThat(client.compatibility("s")).isEqualTo("BACKWARD");
        assertThat(client.isCompatible("s", Post.getClassSchema())).isTrue();
        assertThat(seen).containsExactly("GET /config/s", "GET /config", "POST /compatibility/subjects/s/versions/latest");
    }

    private static String quoted(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
