package dev.crossfire.ingest.live;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The recorded Jetstream server, for tests in other packages (the CLI's and the connector's). */
public final class LiveTestServers {

    private LiveTestServers() {
    }

    /** What one client connection asked for. */
    public record Seen(String cursor, Map<String, List<String>> query) {
    }

    /** A running recorded Jetstream on 127.0.0.1. */
    public static final class Jetstream implements AutoCloseable {
        private final WebSocketTestServer server;

        private Jetstream(WebSocketTestServer server) {
            this.server = server;
        }

        public URI uri() {
            return server.uri("/subscribe");
        }

        public List<Seen> connections() {
            List<Seen> seen = new ArrayList<>();
            for (WebSocketTestServer.Connection c : server.connections()) {
                Map<String, List<String>> q = c.query();
                seen.add(new Seen(q.containsKey("cursor") ? q.get("cursor").get(0) : null, q));
            }
            return seen;
        }

        /** Every text the clients sent, in order, once there are at least {@code n} (or what there is after the wait). */
        public List<String> awaitTexts(int n, Duration within) throws InterruptedException {
            long deadline = System.nanoTime() + within.toNanos();
            while (true) {
                List<String> texts = new ArrayList<>();
                server.connections().forEach(c -> texts.addAll(c.textsReceived()));
                if (texts.size() >= n || System.nanoTime() > deadline) {
                    return texts;
                }
                Thread.sleep(50);
            }
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }

    public static Jetstream jetstream(List<String> events, Map<Integer, List<Object>> plans) throws IOException {
        Map<Integer, List<RecordedJetstream.Step>> steps = new java.util.HashMap<>();
        plans.forEach((k, v) -> steps.put(k, v.stream().map(RecordedJetstream.Step.class::cast).toList()));
        return new Jetstream(WebSocketTestServer.start(new RecordedJetstream(events, steps)));
    }

    public static Object send(int n) {
        return new RecordedJetstream.Send(n);
    }

    public static Object sendRest() {
        return new RecordedJetstream.SendRest();
    }

    public static Object text(String text) {
        return new RecordedJetstream.Text(text);
    }

    public static Object drop() {
        return new RecordedJetstream.Drop();
    }

    public static Object stall() {
        return new RecordedJetstream.Stall();
    }

    public static Object awaitUpdate() {
        return new RecordedJetstream.AwaitUpdate();
    }

    public static Object idle() {
        return new RecordedJetstream.Idle();
    }

    public static long timeUs(String event) throws Exception {
        return RecordedJetstream.timeUs(event);
    }

    public static String post(String did, String rkey, long timeUs, String text) {
        return RecordedJetstream.post(did, rkey, timeUs, text);
    }
}
