package dev.crossfire.ingest.live;

import dev.crossfire.avro.Post;
import java.time.Instant;
import java.util.List;

/**
 * What one message became: its posts (none for a like, a deletion, an edit), or a rejection that
 * keeps its bytes for the dead-letter topic.
 *
 * @param cursorUs  Jetstream's cursor for this message, or -1: once it is written, a restart may resume here
 * @param eventTime when the network says it happened, for the lag; null when it does not say
 * @param skippedAs what a message without posts was ("identity event", "delete"), else null
 */
public record Delivery(List<Post> posts, Rejection rejection, long cursorUs, Instant eventTime, String skippedAs) {

    /**
     * A message that is not kept as posts: it goes to the dead-letter topic as it came.
     *
     * @param reason  a code, as the topology's dead letters carry ({@code NOT_JSON}, {@code TOO_LARGE}, ...)
     * @param raw     the message's bytes, byte for byte (its beginning only when {@code length} is larger)
     * @param length  the message's real length
     */
    public record Rejection(String reason, String message, byte[] raw, long length) {
    }

    public boolean rejected() {
        return rejection != null;
    }
}
