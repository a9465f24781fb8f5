package dev.crossfire.serde;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.crossfire.api.JdkServerLimits;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.avro.Schema;

/**
 * Serves a {@link SchemaRegistryClient} (the in-memory registry) over the part of Confluent's REST
 * API that crossfire's own HTTP client speaks, on loopback. With it, crossfire instances in other
 * JVMs on this machine share one registry without a registry server installed: {@code bench
 * instances} uses it. The in-memory registry has no compatibility rules, so every schema is
 * compatible. Requests are bounded to {@value #MAX_BODY} bytes.
 */
public final class RegistryHttpServer implements AutoCloseable {

    static final int MAX_BODY = 1 << 20;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SchemaRegistryClient registry;
    private final HttpServer server;
    private final ExecutorService threads;

    private RegistryHttpServer(SchemaRegistryClient registry) throws IOException {
        this.registry = registry;
        // the JDK reads its server limits once per JVM, at the first server: set crossfire's first,
        // whichever of its servers comes first (here, or the query API's port)
        JdkServerLimits.apply();
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        this.threads = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "registry-http");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(threads);
        server.createContext("/", this::handle);
        server.start();
    }

    public static RegistryHttpServer start(SchemaRegistryClient registry) throws IOException {
        return new RegistryHttpServer(registry);
    }

    /** The base URL for {@code schema.registry.url}. */
    public String url() {
        return "http://" + server.getAddress().getHostString() + ":" + server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            String[] path = exchange.getRequestURI().getRawPath().replaceAll("^/+|/+$", "").split("/");
            try {
                JsonNode answer = route(method, path, exchange.getRequestBody());
                send(exchange, 200, answer);
            } catch (SchemaRegistryException e) {
                int status = e.status() > 0 ? e.status() : 404;
                send(exchange, status, error(e.errorCode() > 0 ? e.errorCode() : status * 100 + 1, e.getMessage()));
            } catch (IllegalArgumentException e) {
                send(exchange, 422, error(42201, e.getMessage()));
            }
        }
    }

    private JsonNode route(String method, String[] p, InputStream body) throws IOException {
        if (method.equals("GET") && p.length == 3 && p[0].equals("schemas") && p[1].equals("ids")) {
            Schema schema = registry.schemaById(Integer.parseInt(p[2]));
            return JSON.createObjectNode().put("schema", schema.toString());
        }
        if (p.length >= 2 && p[0].equals("subjects")) {
            String subject = URLDecoder.decode(p[1], StandardCharsets.UTF_8);
            if (method.equals("POST") && p.length == 3 && p[2].equals("versions")) {
                return JSON.createObjectNode().put("id", registry.register(subject, schema(body)));
            }
            if (method.equals("POST") && p.length == 2) {
                Schema schema = schema(body);
                int id = registry.idOf(subject, schema);
                return JSON.createObjectNode().put("subject", subject).put("id", id).put("schema", schema.toString());
            }
            if (method.equals("GET") && p.length == 4 && p[2].equals("versions") && p[3].equals("latest")) {
                RegisteredSchema latest = registry.latest(subject);
                return JSON.createObjectNode().put("subject", subject).put("version", latest.version()).put("id", latest.id())
                    .put("schema", latest.schema().toString());
            }
        }
        if (method.equals("POST") && p.length == 5 && p[0].equals("compatibility")) {
            schema(body);
            return JSON.createObjectNode().put("is_compatible", true);
        }
        if (p.length >= 1 && p[0].equals("config")) {
            if (method.equals("PUT")) {
                return JSON.readTree(bounded(body));
            }
            return JSON.createObjectNode().put("compatibilityLevel", "NONE");
        }
        throw new SchemaRegistryException("no such endpoint: " + method + " /" + String.join("/", p), 404, 40400, null);
    }

    private static Schema schema(InputStream body) throws IOException {
        JsonNode request = JSON.readTree(bounded(body));
        String text = request == null ? null : request.path("schema").asText(null);
        if (text == null) {
            throw new IllegalArgumentException("the request has no schema");
        }
        try {
            return new Schema.Parser().parse(text);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not an Avro schema: " + e.getMessage());
        }
    }

    private static byte[] bounded(InputStream body) throws IOException {
        byte[] bytes = body.readNBytes(MAX_BODY + 1);
        if (bytes.length > MAX_BODY) {
            throw new IllegalArgumentException("request body over " + MAX_BODY + " bytes");
        }
        return bytes;
    }

    private static ObjectNode error(int code, String message) {
        return JSON.createObjectNode().put("error_code", code).put("message", message);
    }

    private static void send(HttpExchange exchange, int status, JsonNode body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/vnd.schemaregistry.v1+json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
