package dev.crossfire.api;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.apache.kafka.streams.KafkaStreams;

/**
 * The service's one HTTP port: {@code /health/live} (the process and its Streams client are alive),
 * {@code /health/ready} (only while Streams is RUNNING), {@code /metrics} and the query API. It is
 * the JDK's own server: seven GET routes do not need a web framework's thirty jars. It opens before
 * Streams starts, because the port it got is the address ({@code application.server}) that the
 * other instances forward queries to.
 */
public final class HttpEndpoint implements AutoCloseable {

    /** Bounds the requests answered at once; forwarding to a peer holds a thread for its time-out at most. */
    private static final int THREADS = 8;

    private final HttpServer server;
    private final ExecutorService executor;

    private HttpEndpoint(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    public static HttpEndpoint open(String host, int port) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 0);
        ExecutorService executor = Executors.newFixedThreadPool(THREADS, r -> {
            Thread t = new Thread(r, "crossfire-http");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.start();
        return new HttpEndpoint(server, executor);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public void health(Supplier<KafkaStreams.State> state) {
        route("/health/live", ex -> {
            KafkaStreams.State s = state.get();
            boolean alive = s != KafkaStreams.State.ERROR && s != KafkaStreams.State.NOT_RUNNING && s != KafkaStreams.State.PENDING_ERROR;
            Http.send(ex, alive ? 200 : 503, status(alive, s));
        });
        route("/health/ready", ex -> {
            KafkaStreams.State s = state.get();
            boolean ready = s == KafkaStreams.State.RUNNING;
            Http.send(ex, ready ? 200 : 503, status(ready, s));
        });
    }

    public void metrics(Supplier<String> scrape) {
        route("/metrics", ex -> Http.sendText(ex, 200, scrape.get(), "text/plain; version=0.0.4; charset=utf-8"));
    }

    /** Serves GET requests under {@code prefix}; anything else gets 405, a failing handler 500 with its message. */
    public void route(String prefix, HttpHandler handler) {
        server.createContext(prefix, ex -> {
            try {
                if (!ex.getRequestMethod().equals("GET")) {
                    ex.getResponseHeaders().add("Allow", "GET");
                    ex.sendResponseHeaders(405, -1);
                    return;
                }
                handler.handle(ex);
            } catch (RuntimeException e) {
                if (ex.getResponseCode() == -1) { // nothing sent yet
                    Http.sendError(ex, 500, e.toString());
                }
            } finally {
                ex.close();
            }
        });
    }

    private static com.fasterxml.jackson.databind.node.ObjectNode status(boolean up, KafkaStreams.State s) {
        return Http.object().put("status", up ? "UP" : "DOWN").put("streams", s.toString());
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
