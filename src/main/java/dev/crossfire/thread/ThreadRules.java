package dev.crossfire.thread;

import dev.crossfire.avro.LinkStatus;
import dev.crossfire.avro.Post;
import dev.crossfire.avro.PostRef;
import dev.crossfire.avro.ThreadLink;

/**
 * How a post is placed in a thread, independent of where the state lives. A reply's parent is the
 * post it replies to; a quote's parent is the post it quotes (the seed exchange runs on quotes, so a
 * quote joins the quoted post's thread). A repost starts nothing: it is amplification, not speech.
 */
public final class ThreadRules {

    /** Deep chains beyond this are cut: a cycle or a bot loop cannot grow a thread without end. */
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

    public static ThreadLink root(Post post) {
        return link(post, post.getId(), null, null, 0, LinkStatus.ROOT);
    }

    public static ThreadLink childOf(ThreadLink parent, Post child) {
        PostRef ref = parentRef(child);
        if (parent.getDepth() + 1 > MAX_DEPTH) {
            return orphan(child);
        }
        return link(child, parent.getRootId(), ref.getPostId(), parent.getAuthorHandle(), parent.getDepth() + 1, LinkStatus.LINKED);
    }

    /** A child whose parent never came (or could not be waited for) becomes the root of its own thread. */
    public static ThreadLink orphan(Post child) {
        PostRef ref = parentRef(child);
        return link(child, child.getId(), ref == null ? null : ref.getPostId(),
            ref == null ? null : ref.getAuthorHandle(), 0, LinkStatus.ORPHAN);
    }

    private static ThreadLink link(Post post, String rootId, String parentId, String parentAuthor, int depth, LinkStatus status) {
        return ThreadLink.newBuilder()
            .setPostId(post.getId())
            .setRootId(rootId)
            .setParentId(parentId)
            .setParentAuthorHandle(parentAuthor)
            .setAuthorHandle(post.getAuthor().getHandle())
            .setDepth(depth)
            .setStatus(status)
            .setCreatedAt(post.getCreatedAt())
            .build();
    }
}
