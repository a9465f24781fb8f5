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
     * A post larger than this once encoded is rejected ({@link RejectReason#TOO_LARGE}). Every record
     * crossfire writes about a post is the post plus a few ids, and the threads topic and Kafka
     * Streams' changelogs take the broker's default record limit (1 MiB): a post of 3 MB (100,000
     * mentions fit in that, which the text limit does not bound) would make every write about it fail,
     * and a failed write stops the stream thread. Half the limit leaves room for what is added; a post
     * with a text at the default limit and a hundred mentions is a tenth of it.
     */
    public static final long MAX_POST_BYTES = 512 * 1024;

    private final Duration futureTolerance;
    private final int maxTextChars;

    public PostValidator(Duration futureTolerance, int maxTextChars) {
        this.futureTolerance = futureTolerance;
        this.maxTextChars = maxTextChars;
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
        long bytes = PostSize.bytes(post);
        if (bytes > MAX_POST_BYTES) {
            throw new InvalidPostException(RejectReason.TOO_LARGE, "post takes " + bytes + " bytes once encoded (a text of "
                + post.getText().length() + " characters, " + post.getMentions().size() + " mentions), more than the limit of " + MAX_POST_BYTES);
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
