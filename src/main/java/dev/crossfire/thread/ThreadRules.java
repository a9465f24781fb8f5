package dev.crossfire.thread;

import dev.crossfire.avro.LinkStatus;
import dev.crossfire.avro.ParentRequest;
import dev.crossfire.avro.Post;
import dev.crossfire.avro.PostRef;
import dev.crossfire.avro.ThreadLink;
import java.time.Duration;
import java.time.Instant;

/**
 * How a post is placed in a thread, independent of where the state lives. A reply's parent is the
 * post it replies to; a quote's parent is the post it quotes (the seed exchange runs on quotes, so a
 * quote joins the quoted post's thread). A repost starts nothing: it is amplification, not speech.
 *
 * <p>A parent must come strictly before its child in event time (creation time, then id), and be no
 * older than the link retention. Platforms stamp creation on their own servers, so a reply is never
 * older than what it answers; the rule also makes reply cycles impossible, whatever order the posts
 * arrive in, so no decision ever waits on a cycle.
 */
public final class ThreadRules {

    /** Deep chains beyond this are cut: a bot loop cannot grow a thread without end. */
    public static final int MAX_DEPTH = 10_000;

    private ThreadRules() {
    }

    /** The reference that makes a post a child, or null for a root. */
    public static PostRef parentRef(Post post) {
        if (post.getReplyTo() != null) {
            return post.getReplyTo();
        }
        return post.getQuoteOf();
    }

    /** What a child asks its parent's partition: everything its own link needs, and not the post. */
    public static ParentRequest request(Post child) {
        PostRef ref = parentRef(child);
        if (ref == null) {
            throw new IllegalArgumentException(child.getId() + " is a root: it has no parent to ask");
        }
        return ParentRequest.newBuilder()
            .setChildId(child.getId())
            .setChildCreatedAt(child.getCreatedAt())
            .setChildAuthorHandle(child.getAuthor().getHandle())
            .setParentId(ref.getPostId())
            .setParentAuthorHandle(ref.getAuthorHandle())
            .build();
    }

    /** Whether {@code parent} may be the parent of the child asking: strictly earlier, and no older than the retention. */
    public static boolean canParent(Post parent, ParentRequest child, Duration retention) {
        return precedes(parent.getCreatedAt(), parent.getId(), child.getChildCreatedAt(), child.getChildId())
            && child.getChildCreatedAt().toEpochMilli() - parent.getCreatedAt().toEpochMilli() <= retention.toMillis();
    }

    /** Event-time order of posts: creation time, then id, so that two posts of one second still have an order. */
    public static boolean precedes(Instant firstTime, String firstId, Instant secondTime, String secondId) {
        int byTime = firstTime.compareTo(secondTime);
        return byTime < 0 || (byTime == 0 && firstId.compareTo(secondId) < 0);
    }

    public static ThreadLink root(Post post) {
        return ThreadLink.newBuilder()
            .setPostId(post.getId())
            .setRootId(post.getId())
            .setParentId(null)
            .setParentAuthorHandle(null)
            .setAuthorHandle(post.getAuthor().getHandle())
            .setDepth(0)
            .setStatus(LinkStatus.ROOT)
            .setCreatedAt(post.getCreatedAt())
            .build();
    }

    /** The child's link under its parent's, or an orphan's when the chain is already as deep as allowed. */
    public static ThreadLink childOf(ThreadLink parent, ParentRequest child) {
        if (parent.getDepth() + 1 > MAX_DEPTH) {
            return orphan(child);
        }
        return link(child, parent.getRootId(), parent.getAuthorHandle(), parent.getDepth() + 1, LinkStatus.LINKED);
    }

    /** A child whose parent never came (or cannot be its parent) becomes the root of its own thread. */
    public static ThreadLink orphan(ParentRequest child) {
        return link(child, child.getChildId(), child.getParentAuthorHandle(), 0, LinkStatus.ORPHAN);
    }

    /** When a child stops waiting for a parent that has not arrived: the parent's partition has read this far. */
    public static long deadline(ParentRequest child, Duration parentWait) {
        long at = child.getChildCreatedAt().toEpochMilli();
        long wait = parentWait.toMillis();
        return at > Long.MAX_VALUE - wait ? Long.MAX_VALUE : at + wait;
    }

    private static ThreadLink link(ParentRequest child, String rootId, String parentAuthor, int depth, LinkStatus status) {
        return ThreadLink.newBuilder()
            .setPostId(child.getChildId())
            .setRootId(rootId)
            .setParentId(child.getParentId())
            .setParentAuthorHandle(parentAuthor)
            .setAuthorHandle(child.getChildAuthorHandle())
            .setDepth(depth)
            .setStatus(status)
            .setCreatedAt(child.getChildCreatedAt())
            .build();
    }
}
