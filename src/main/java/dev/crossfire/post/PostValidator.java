package dev.crossfire.post;

import dev.crossfire.avro.Post;
import dev.crossfire.avro.PostRef;
import java.time.Duration;
import java.time.Instant;

/**
 * The rules a decoded post must pass before it enters the topology. The reference time for
 * "far in the future" is the Kafka record's own timestamp (when the producer or broker saw it),
 * never the processor's clock, so replays of old data and tests stay deterministic.
 */
public final class PostValidator {

    /**
     * The largest encoded post accepted. Everything crossfire writes about a post (its threaded copy,
     * its place in a thread buffer, its loop signal) is about as large as the post, and a record the
     * broker refuses cannot be skipped under exactly-once: it would stop its partition for good. Half
     * of Kafka's default 1 MB message limit leaves room for the rest; a 50,000-character text with a
     * hundred mentions is under a fifth of it.
     */
    public static final int MAX_POST_BYTES = 512 * 1024;

    private final Duration futureTolerance;
    private final int maxTextChars;

    public PostValidator(Duration futureTolerance, int maxTextChars) {
        this.futureTolerance = futureTolerance;
        this.maxTextChars = maxTextChars;
    }

    /** Checked on the raw bytes before decoding, so an oversized record costs no parsing. */
    public void checkSize(byte[] value) throws InvalidPostException {
        if (value != null && value.length > MAX_POST_BYTES) {
            throw new InvalidPostException(RejectReason.TOO_LARGE,
                "the record has " + value.length + " bytes, more than the limit of " + MAX_POST_BYTES);
        }
    }

    /** Every rule but the far-future one, which needs the record's Kafka timestamp: see {@link #isFarFuture}. */
    public void validate(Post post) throws InvalidPostException {
        Instant createdAt = post.getCreatedAt();
        if (createdAt.toEpochMilli() <= 0) {
            throw new InvalidPostException(RejectReason.BAD_TIMESTAMP, "createdAt " + createdAt + " is not after 1970");
        }
        if (post.getText().length() > maxTextChars) {
            throw new InvalidPostException(RejectReason.TEXT_TOO_LONG,
                "text has " + post.getText().length() + " characters, more than the limit of " + maxTextChars);
        }
        checkNotSelf(post, post.getReplyTo(), "replyTo");
        checkNotSelf(post, post.getQuoteOf(), "quoteOf");
        checkNotSelf(post, post.getRepostOf(), "repostOf");
    }

    public boolean isFarFuture(long createdAtMs, long recordTimestampMs) {
        return recordTimestampMs > 0 && createdAtMs > recordTimestampMs + futureTolerance.toMillis();
    }

    private static void checkNotSelf(Post post, PostRef ref, String field) throws InvalidPostException {
        if (ref != null && ref.getPostId().equals(post.getId())) {
            throw new InvalidPostException(RejectReason.SELF_REFERENCE, field + " points at the post itself (" + post.getId() + ")");
        }
    }
}
