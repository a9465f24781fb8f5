package dev.crossfire.ingest.live;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A Jetstream server over recorded events, as the Jetstream README describes it: it starts at the
 * first event at or after {@code cursor} (or at the start, for this fixture, without one), streams only
 * {@code wantedDids} when given (in the URL or by {@code options_update}), and with
 * {@code requireHello=true} streams nothing before the client's first {@code options_update}.
 * Each connection follows its plan of steps; a connection without one streams everything and idles.
 */
final class RecordedJetstream implements WebSocketTestServer.Script {

    sealed interface Step permits Send, SendRest, Text, Binary, Drop, Stall, AwaitUpdate, Idle {
    }

    /** The next {@code count} events that pass the filter. */
    record Send(int count) implements Step {
    }

    record SendRest() implements Step {
    }

    /** A text frame of anything, not an event. */
    record Text(String text) implements Step {
    }

    record Binary(byte[] bytes) implements Step {
    }

    /** The TCP connection closed with no close frame. */
    record Drop() implements Step {
    }

    /** Open but silent: nothing read, nothing sent, no pong. */
    record Stall() implements Step {
    }

    /** Waits for the client's next options_update. */
    record AwaitUpdate() implements Step {
    }

    /** Keeps the connection open until the client leaves. */
    record Idle() implements Step {
    }

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final List<String> events;
    private final Map<Integer, List<Step>> plans;

    RecordedJetstream(List<String> events, Map<Integer, List<Step>> plans) {
        this.events = List.copyOf(events);
        this.plans = plans;
    }

    @Override
    public void serve(WebSocketTestServer.Connection c) throws Exception {
        Map<String, List<String>> q = c.query();
        Set<String> wanted = new HashSet<>(q.getOrDefault("wantedDids", List.of()));
        long cursor = q.containsKey("cursor") ? Long.parseLong(q.get("cursor").get(0)) : -1;
        int next = 0;
        while (next < events.size() && timeUs(events.get(next)) < cursor) {
            next++;
        }
        if ("true".equals(first(q, "requireHello"))) {
            applyUpdate(c.nextText(10_000), wanted);
        }
        for (Step step : plans.getOrDefault(c.number, List.of(new SendRest(), new Idle()))) {
            if (step instanceof Send s) {
                next = send(c, next, s.count(), wanted);
            } else if (step instanceof SendRest) {
                next = send(c, next, Integer.MAX_VALUE, wanted);
            } else if (step instanceof Text t) {
                c.sendText(t.text());
            } else if (step instanceof Binary b) {
                c.sendBinary(b.bytes());
            } else if (step instanceof Drop) {
                c.drop();
                return;
            } else if (step instanceof Stall) {
                c.stall();
                return;
            } else if (step instanceof AwaitUpdate) {
                applyUpdate(c.nextText(10_000), wanted);
            } else if (step instanceof Idle) {
                while (c.open()) {
                    Thread.sleep(50);
                }
            }
        }
    }

    private int send(WebSocketTestServer.Connection c, int from, int count, Set<String> wanted) throws Exception {
        int sent = 0;
        int i = from;
        for (; i < events.size() && sent < count; i++) {
            String e = events.get(i);
            if (wanted.isEmpty() || wanted.contains(MAPPER.readTree(e).path("did").asText())) {
                c.sendText(e);
                sent++;
            }
        }
        return i;
    }

    private static void applyUpdate(String message, Set<String> wanted) throws Exception {
        if (message == null) {
            throw new IllegalStateException("no options_update from the client");
        }
        JsonNode m = MAPPER.readTree(message);
        if (!"options_update".equals(m.path("type").asText())) {
            throw new IllegalStateException("not an options_update: " + message);
        }
        wanted.clear();
        m.path("payload").path("wantedDids").forEach(d -> wanted.add(d.asText()));
    }

    static long timeUs(String event) throws Exception {
        return MAPPER.readTree(event).path("time_us").asLong();
    }

    private static String first(Map<String, List<String>> q, String key) {
        List<String> v = q.get(key);
        return v == null || v.isEmpty() ? null : v.get(0);
    }

    /** A commit creating a post, in Jetstream's documented shape. */
    static String post(String did, String rkey, long timeUs, String text) {
        var event = MAPPER.createObjectNode();
        event.put("did", did).put("time_us", timeUs).put("kind", "commit");
        var commit = event.putObject("commit");
        commit.put("rev", "3l" + rkey).put("operation", "create").put("collection", "app.bsky.feed.post").put("rkey", rkey)
            .put("cid", "bafyrei" + rkey);
        var record = commit.putObject("record");
        record.put("$type", "app.bsky.feed.post").put("text", text)
            .put("createdAt", java.time.Instant.ofEpochSecond(timeUs / 1_000_000).toString());
        record.putArray("langs").add("en");
        return event.toString();
    }

    /** Posts by one DID, one a second from {@code startUs}, with rkeys {@code prefix0..}. */
    static List<String> posts(String did, String prefix, int count, long startUs) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(post(did, prefix + i, startUs + i * 1_000_000L, "post " + prefix + i));
        }
        return out;
    }
}
