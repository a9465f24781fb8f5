package dev.crossfire.ingest.live;

import java.net.URI;
import java.time.Duration;

/**
 * One live source and its bounds. Every dimension is bounded: messages waiting to be converted
 * ({@code queueMessages}; when full, no more frames are read and the server waits, as TCP makes it),
 * one message's size ({@code maxMessageBytes}; a longer one is dead-lettered, kept whole up to
 * {@code maxDeadLetterBytes}), how often it reconnects ({@code backoffMin} doubling to
 * {@code backoffMax}, with jitter) and how long a silent connection is trusted ({@code stallAfter}:
 * no message nor answer to a ping for that long and it is dropped and opened again).
 *
 * @param url              the stream's WebSocket address ({@code ws://} or {@code wss://})
 * @param accessToken      Mastodon's bearer token (sent as {@code Authorization}), or null
 * @param resumeOverlap    how far before the last delivered event a resumed Jetstream connection
 *                         starts: a few seconds of duplicates, which crossfire drops by post id,
 *                         rather than a gap
 * @param pingEvery        how often a ping checks a quiet connection
 */
public record LiveSettings(LiveNetwork network, URI url, String accessToken, int queueMessages, int maxMessageBytes,
                           int maxDeadLetterBytes, Duration backoffMin, Duration backoffMax, Duration stallAfter,
                           Duration pingEvery, Duration resumeOverlap, Duration connectTimeout) {

    public static final int DEFAULT_QUEUE_MESSAGES = 1_000;
    /** Jetstream's events are a few kB; its server caps records near 1 MB. */
    public static final int DEFAULT_MAX_MESSAGE_BYTES = 1_048_576;
    /** Below the 8 MB a record on crossfire's topics may hold. */
    public static final int DEFAULT_MAX_DEAD_LETTER_BYTES = 4 * 1_048_576;

    public LiveSettings {
        if (queueMessages < 1 || maxMessageBytes < 1 || maxDeadLetterBytes < maxMessageBytes) {
            throw new IllegalArgumentException("bounds must be positive, and the dead-letter bound at least the message bound");
        }
        String scheme = url.getScheme();
        if (!"ws".equals(scheme) && !"wss".equals(scheme)) {
            throw new IllegalArgumentException("a stream's address starts with ws:// or wss://, not " + url);
        }
    }

    public static LiveSettings defaults(LiveNetwork network, URI url) {
        return new LiveSettings(network, url, null, DEFAULT_QUEUE_MESSAGES, DEFAULT_MAX_MESSAGE_BYTES, DEFAULT_MAX_DEAD_LETTER_BYTES,
            Duration.ofSeconds(1), Duration.ofMinutes(1), Duration.ofSeconds(90), Duration.ofSeconds(30), Duration.ofSeconds(5),
            Duration.ofSeconds(10));
    }

    public LiveSettings withAccessToken(String token) {
        return new LiveSettings(network, url, token, queueMessages, maxMessageBytes, maxDeadLetterBytes, backoffMin, backoffMax,
            stallAfter, pingEvery, resumeOverlap, connectTimeout);
    }

    public LiveSettings withBounds(int queue, int messageBytes, int deadLetterBytes) {
        return new LiveSettings(network, url, accessToken, queue, messageBytes, deadLetterBytes, backoffMin, backoffMax,
            stallAfter, pingEvery, resumeOverlap, connectTimeout);
    }

    public LiveSettings withBackoff(Duration min, Duration max) {
        return new LiveSettings(network, url, accessToken, queueMessages, maxMessageBytes, maxDeadLetterBytes, min, max,
            stallAfter, pingEvery, resumeOverlap, connectTimeout);
    }

    public LiveSettings withStall(Duration stall, Duration ping) {
        return new LiveSettings(network, url, accessToken, queueMessages, maxMessageBytes, maxDeadLetterBytes, backoffMin, backoffMax,
            stall, ping, resumeOverlap, connectTimeout);
    }

    public LiveSettings withResumeOverlap(Duration overlap) {
        return new LiveSettings(network, url, accessToken, queueMessages, maxMessageBytes, maxDeadLetterBytes, backoffMin, backoffMax,
            stallAfter, pingEvery, overlap, connectTimeout);
    }

    /** The address as logs and dead-letter headers show it: an {@code access_token} in the query is masked. */
    public String displayUrl() {
        return url.toString().replaceAll("(?i)(access_token=)[^&]*", "$1****");
    }

    /** For log lines: the token never shows. */
    @Override
    public String toString() {
        return "LiveSettings[" + network.cliName() + " " + displayUrl() + (accessToken == null ? "" : ", token ****") + ", queue " + queueMessages
            + ", message " + maxMessageBytes + " B, backoff " + backoffMin + ".." + backoffMax + ", stall " + stallAfter + "]";
    }
}
