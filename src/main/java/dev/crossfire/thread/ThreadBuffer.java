package dev.crossfire.thread;

import dev.crossfire.avro.PendingChild;
import dev.crossfire.avro.Post;
import dev.crossfire.post.PostSize;
import java.util.List;

/**
 * Who may wait in the thread buffer. The children waiting for one parent are one store entry, and
 * so one changelog record, rewritten whenever a child joins: they are bounded in count
 * ({@code threadBufferMaxChildren}) and in bytes, by {@link #MAX_RECORD_BYTES}, under the 1 MiB a
 * changelog topic takes with the broker's default settings. Without the byte bound seven replies
 * with texts at the length limit made a record the changelog refuses, and a refused write stops the
 * stream thread. A child that does not fit is released at once as an orphan, never dropped.
 */
public final class ThreadBuffer {

    /** Bound on the key and value of one parent's waiting list, with room left for Kafka's own framing. */
    public static final long MAX_RECORD_BYTES = 900 * 1024;
    /** A waiting child's own fields besides its post: the time it began waiting and its extensions. */
    private static final int PER_CHILD = 16;

    private final int maxChildren;

    public ThreadBuffer(int maxChildren) {
        this.maxChildren = maxChildren;
    }

    /** Whether {@code child} may join the children already waiting for {@code parentId}. */
    public boolean admits(String parentId, List<PendingChild> waiting, Post child) {
        if (waiting.size() >= maxChildren) {
            return false;
        }
        long bytes = PostSize.utf8(parentId) + PER_CHILD + PostSize.bytes(child);
        for (PendingChild other : waiting) {
            bytes += PER_CHILD + PostSize.bytes(other.getPost());
            if (bytes > MAX_RECORD_BYTES) {
                return false;
            }
        }
        return bytes <= MAX_RECORD_BYTES;
    }
}
