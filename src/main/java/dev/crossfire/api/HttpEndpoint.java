package dev.crossfire.api;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.kafka.streams.KafkaStreams;

/**
 * The service's one HTTP port: {@code /health/live} (the process and its Streams client are alive),
 * {@code /health/ready} (only while Streams is RUNNING: processing), {@code /health/serving} (RUNNING
 * or REBALANCING: the API and the live view answer), {@code /metrics} and the query API. It is
 * the JDK's own server: seven GET routes do not need a web framework's thirty jars. It opens before
 * Streams starts, because the port it got is the address ({@code application.server}) that the
 * other instances forward queries to.
 *
 * <p>Bounded throughout: {@value #THREADS} requests are answered at once and {@value #QUEUE} more
 * wait; a connection beyond that is closed unanswered. Every route is a GET within
 * {@link RequestLimits}; the JDK server's own time and size limits are set by {@link JdkServerLimits}.
 */
public final class HttpEndpoint implements AutoCloseable {

    /** Bounds the requests answered at once; forwarding to a peer holds a thread for its time-out at most. */
    static final int THREADS = 8;
    /** Requests read and waiting for a thread; the JDK server closes the connection of one more. */
    static final int QUEUE = 32;

    static {
        JdkServerLimits.apply();
    }

    private final HttpServer server;
    private final ThreadPoolExecutor executor;

    private HttpEndpoint(HttpServer server, ThreadPoolExecutor executor) {
        this.server = server;
        this.executor = executor;
    }

    public static HttpEndpoint open(String host, int port) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 0);
        // a full queue throws RejectedExecutionException, on which the JDK server closes the connection
        ThreadPoolExecutor executor = new ThreadPoolExecutor(THREADS, THREADS, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(QUEUE), r -> {
            Thread t = new Thread(r, "crossfire-http");
            t.setDaemon(true);
            return t;
        }, new ThreadPoolExecutor.AbortPolicy());
        server.setExecutor(executor);
        server.start();
        return new HttpEndpoint(server, executor);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** Requests read and waiting for a thread. */
    int waiting() {
        return executor.getQueue().size();
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
        // the API and the live view answer through a rebalance too: a Kubernetes Service routing on
        // /health/ready would lose every endpoint at each rebalance, which every pod goes through at once
        route("/health/serving", ex -> {
            KafkaStreams.State s = state.get();
            boolean serving = s == KafkaStreams.State.RUNNING || s == KafkaStreams.State.REBALANCING;
            Http.send(ex, serving ? 200 : 503, status(serving, s));
        });
    }

    public void metrics(Supplier<String> scrape) {
        route("/metrics", ex -> Http.sendText(ex, 200, scrape.get(), "text/plain; version=0.0.4; charset=utf-8"));
    }

    /**
     * Serves GET requests under {@code prefix}; anything else gets 405, a request over
     * {@link RequestLimits} the status that names the bound, a failing handler 500 with its message.
     */
    public void route(String prefix, HttpHandler handler) {
        context(prefix, ex -> {
            handler.handle(ex);
            return false;
        });
    }

    /**
     * As {@link #route}, for an answer that outlives the request thread (server-sent events): a
     * handler that returns true has taken the exchange and closes it itself; one that returns
     * false, or throws, has it closed here.
     */
    public void stream(String prefix, StreamHandler handler) {
        context(prefix, handler);
    }

    /** A handler that may keep the exchange open past its return. */
    @FunctionalInterface
    public interface StreamHandler {
        /** @return true when the handler has taken the exchange and will close it */
        boolean handle(HttpExchange exchange) throws IOException;
    }

    private void context(String prefix, StreamHandler handler) {
        server.createContext(prefix, ex -> {
            boolean taken = false;
            try {
                if (!ex.getRequestMethod().equals("GET")) {
                    ex.getResponseHeaders().add("Allow", "GET");
                    ex.sendResponseHeaders(405, -1);
                    return;
                }
                Optional<RequestLimits.Refusal> refusal = RequestLimits.check(ex);
                if (refusal.isPresent()) {
                    ex.getResponseHeaders().set("Connection", "close");
                    Http.sendError(ex, refusal.get().status(), refusal.get().message());
                    return;
                }
                taken = handler.handle(ex);
            } catch (RuntimeException e) {
                if (ex.getResponseCode() == -1) { // nothing sent yet
                    Http.sendError(ex, 500, e.toString());
                }
            } finally {
                if (!taken) {
                    ex.close();
                }
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
