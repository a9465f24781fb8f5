package dev.crossfire.app;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.apache.kafka.streams.KafkaStreams;

/**
 * {@code GET /health/live} (the process and its Streams client are alive) and
 * {@code GET /health/ready} (ready only while Streams is RUNNING), for Kubernetes probes, plus
 * {@code GET /metrics} when a scrape function is given. The JDK's own HTTP server: no framework.
 */
public final class HealthEndpoint implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService executor;

    private HealthEndpoint(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    public static HealthEndpoint start(String host, int port, Supplier<KafkaStreams.State> state, Supplier<String> metrics) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 0);
        server.createContext("/health/live", ex -> {
            KafkaStreams.State s = state.get();
            boolean alive = s != KafkaStreams.State.ERROR && s != KafkaStreams.State.NOT_RUNNING && s != KafkaStreams.State.PENDING_ERROR;
            answer(ex, alive ? 200 : 503, "{\"status\":\"" + (alive ? "UP" : "DOWN") + "\",\"streams\":\"" + s + "\"}", "application/json");
        });
        server.createContext("/health/ready", ex -> {
            KafkaStreams.State s = state.get();
            boolean ready = s == KafkaStreams.State.RUNNING;
            answer(ex, ready ? 200 : 503, "{\"status\":\"" + (ready ? "UP" : "DOWN") + "\",\"streams\":\"" + s + "\"}", "application/json");
        });
        if (metrics != null) {
            server.createContext("/metrics", ex -> answer(ex, 200, metrics.get(), "text/plain; version=0.0.4; charset=utf-8"));
        }
        ExecutorService executor = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "crossfire-http");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.start();
        return new HealthEndpoint(server, executor);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private static void answer(HttpExchange exchange, int status, String body, String type) throws IOException {
        if (!exchange.getRequestMethod().equals("GET")) {
            exchange.sendResponseHeaders(405, -1);
            exchange.close();
            return;
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
