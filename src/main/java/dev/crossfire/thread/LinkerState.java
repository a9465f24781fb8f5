package dev.crossfire.thread;

import dev.crossfire.avro.Post;
import dev.crossfire.avro.ThreadLink;
import dev.crossfire.avro.WaitingChild;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What one partition of the thread linker knows: the posts it owns (those whose id hashes to it),
 * the links decided for its replies and quotes, the children waiting here for a parent it owns, and
 * its clock. In production these are state stores; in tests, maps.
 */
public interface LinkerState {

    /** An accepted post this partition owns, by id. */
    Optional<Post> post(String postId);

    /** The link decided for a reply or quote this partition owns. */
    Optional<ThreadLink> link(String postId);

    /** The children waiting here for {@code parentId}, in the order they came; empty when none. */
    List<WaitingChild> waiting(String parentId);

    /** Replaces the children waiting for {@code parentId}; an empty list removes the entry. */
    void waiting(String parentId, List<WaitingChild> children);

    /** Every parent with children waiting, for rebuilding the deadline index when the partition starts. */
    Iterable<Map.Entry<String, List<WaitingChild>>> allWaiting();

    /** The newest creation time this partition has read on its posts partition; {@link Long#MIN_VALUE} before the first. */
    long clock();

    void clock(long time);
}
