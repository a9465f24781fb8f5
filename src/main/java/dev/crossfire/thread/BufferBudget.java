package dev.crossfire.thread;

import dev.crossfire.avro.Author;
import dev.crossfire.avro.PendingChild;
import dev.crossfire.avro.Post;
import dev.crossfire.avro.PostRef;
import java.util.List;

/**
 * Bytes a parent's waiting children may take. They are stored, and written to the changelog, as one
 * record per parent; a record over the broker's message limit (1 MB by default) cannot be skipped
 * under exactly-once and would stop the partition. The count bound alone does not prevent that: a
 * thousand long posts waiting on one parent are fifty megabytes. A child that would go over the
 * budget is released at once, as a child over the count bound is.
 */
public final class BufferBudget {

    /** Three quarters of Kafka's default message limit, measured with the upper bound below. */
    public static final long MAX_BYTES_PER_PARENT = 768 * 1024;

    private static final int FIXED_BYTES = 64;
    private static final int MAX_UTF8_BYTES_PER_CHAR = 3;

    private BufferBudget() {
    }

    /** Whether {@code child} still fits beside {@code waiting}. */
    public static boolean fits(List<PendingChild> waiting, Post child) {
        long total = upperBound(child);
        for (PendingChild c : waiting) {
            total += upperBound(c.getPost());
            if (total > MAX_BYTES_PER_PARENT) {
                return false;
            }
        }
        return total <= MAX_BYTES_PER_PARENT;
    }

    /** At least the Avro binary size of the post: every string at three bytes a character. */
    static long upperBound(Post post) {
        long chars = length(post.getId()) + length(post.getText()) + length(post.getRootId()) + length(post.getLang())
            + length(post.getUrl());
        Author author = post.getAuthor();
        if (author != null) {
            chars += length(author.getId()) + length(author.getHandle()) + length(author.getName());
        }
        for (PostRef ref : new PostRef[] {post.getReplyTo(), post.getQuoteOf(), post.getRepostOf()}) {
            if (ref != null) {
                chars += length(ref.getPostId()) + length(ref.getAuthorHandle()) + length(ref.getAuthorId());
            }
        }
        long bytes = FIXED_BYTES + MAX_UTF8_BYTES_PER_CHAR * chars;
        for (CharSequence mention : post.getMentions()) {
            bytes += MAX_UTF8_BYTES_PER_CHAR * (long) length(mention) + 5; // plus its length prefix
        }
        return bytes;
    }

    private static int length(CharSequence s) {
        return s == null ? 0 : s.length();
    }
}
