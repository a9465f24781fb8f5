package dev.crossfire.ingest.live;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The two live networks crossfire reads, each with the importer that converts its messages (the one
 * {@code import --from bluesky|mastodon} uses, so one record gives the same post either way) and what
 * its stream offers for resuming: Jetstream a cursor in microseconds, Mastodon's streaming API none.
 */
public enum LiveNetwork {

    /** Bluesky's Jetstream: {@code wss://.../subscribe}, JSON events with {@code time_us}. */
    BLUESKY_JETSTREAM("bluesky-jetstream", "bluesky"),
    /** Mastodon's streaming API over WebSocket: {@code wss://server/api/v1/streaming?stream=...}. */
    MASTODON_STREAM("mastodon-stream", "mastodon");

    /** The collections crossfire turns into posts; everything else Jetstream would send is skipped anyway. */
    static final List<String> POST_COLLECTIONS = List.of("app.bsky.feed.post", "app.bsky.feed.repost");
    /** Jetstream's own limit on {@code wantedDids}. */
    public static final int MAX_WANTED_DIDS = 10_000;

    private final String cliName;
    private final String importer;

    LiveNetwork(String cliName, String importer) {
        this.cliName = cliName;
        this.importer = importer;
    }

    /** As {@code ingest --from} and the connector's {@code source.network} name it. */
    public String cliName() {
        return cliName;
    }

    /** The {@code import --from} name of the importer that converts its messages. */
    public String importerName() {
        return importer;
    }

    public boolean hasCursor() {
        return this == BLUESKY_JETSTREAM;
    }

    public static LiveNetwork named(String name) {
        for (LiveNetwork n : values()) {
            if (n.cliName.equals(name)) {
                return n;
            }
        }
        throw new IllegalArgumentException("unknown network '" + name + "' (expected bluesky-jetstream or mastodon-stream)");
    }

    /**
     * Where to connect: the operator's URL, plus for Jetstream the post collections (unless the URL
     * names its own), the cursor to resume from, and {@code requireHello} when the DIDs to follow are
     * sent in the first message (10,000 DIDs do not fit in a URL).
     *
     * @param cursorUs the Jetstream cursor, or negative for "from now"
     */
    URI connectUri(URI base, long cursorUs, boolean hello) {
        if (this != BLUESKY_JETSTREAM) {
            return base;
        }
        StringBuilder query = new StringBuilder(base.getRawQuery() == null ? "" : base.getRawQuery());
        if (!query.toString().contains("wantedCollections=")) {
            for (String c : POST_COLLECTIONS) {
                append(query, "wantedCollections", c);
            }
        }
        if (cursorUs >= 0) {
            append(query, "cursor", Long.toString(cursorUs));
        }
        if (hello) {
            append(query, "requireHello", "true");
        }
        String s = base.toString();
        int q = s.indexOf('?');
        return URI.create((q < 0 ? s : s.substring(0, q)) + "?" + query);
    }

    /** The event's place in the stream: Jetstream's {@code time_us}, or -1 where the network has none. */
    long cursorOf(JsonNode message) {
        if (this != BLUESKY_JETSTREAM || message == null) {
            return -1;
        }
        JsonNode t = message.get("time_us");
        return t != null && t.canConvertToLong() ? t.asLong() : -1;
    }

    private static void append(StringBuilder query, String key, String value) {
        if (!query.isEmpty()) {
            query.append('&');
        }
        query.append(key).append('=').append(URLEncoder.encode(value, StandardCharsets.UTF_8));
    }
}
