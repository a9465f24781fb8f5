package dev.crossfire.thread;

import dev.crossfire.avro.LinkStatus;
import dev.crossfire.avro.ParentRequest;
import dev.crossfire.avro.Post;
import dev.crossfire.avro.ThreadLink;
import dev.crossfire.avro.WaitingChild;
import dev.crossfire.post.PostSize;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The thread linker of one partition: messages in, effects out, no Kafka. Every post is owned by
 * the partition its id hashes to; a reply or quote asks its parent's partition for its place, and
 * that partition decides it, because the facts that decide it live there:
 * <ul>
 *   <li>whether the parent arrived, which the parent's partition learns from its own posts
 *       partition directly, never through the loop;</li>
 *   <li>the parent's own link, when the parent is a reply itself.</li>
 * </ul>
 * A child waits for a parent that has not arrived until its parent's partition has read a post
 * created {@code parentWait} after the child. A post that arrives late by less than that is always
 * found, however far the loop lags, so the decision depends on the posts, not on timing. A child
 * whose parent has arrived but whose parent's own link is still on its way waits without a
 * deadline: that link always comes, as the parent was decided in its turn.
 */
public final class ThreadLinker {

    /** Bound on the key and value of one parent's waiting children, under the 1 MiB a changelog record may take. */
    public static final long MAX_WAITING_BYTES = 900 * 1024;

    private final Duration retention;
    private final Duration parentWait;
    private final int maxChildren;
    private final int maxReleasesPerStep;
    /** Earliest deadline of the children waiting for each absent parent; rebuilt from the state by {@link #restore}. */
    private final WaitDeadlines deadlines = new WaitDeadlines();

    /**
     * @param retention          a parent older than this (before the child) is not linked
     * @param parentWait         how much later the parent's partition must have read before a child stops waiting
     * @param maxChildren        children waiting for one parent, at most; one more becomes an orphan at once
     * @param maxReleasesPerStep parents whose waiting children are released in one step, at most
     */
    public ThreadLinker(Duration retention, Duration parentWait, int maxChildren, int maxReleasesPerStep) {
        this.retention = retention;
        this.parentWait = parentWait;
        this.maxChildren = maxChildren;
        this.maxReleasesPerStep = maxReleasesPerStep;
    }

    /** Indexes the deadlines of the children already waiting when the partition starts; returns how many wait. */
    public long restore(LinkerState state) {
        deadlines.clear();
        long count = 0;
        for (Map.Entry<String, List<WaitingChild>> parent : state.allWaiting()) {
            long earliest = Long.MAX_VALUE;
            boolean forArrival = false;
            for (WaitingChild child : parent.getValue()) {
                count++;
                if (!child.getForLink()) {
                    forArrival = true;
                    earliest = Math.min(earliest, ThreadRules.deadline(child.getRequest(), parentWait));
                }
            }
            if (forArrival) {
                deadlines.set(parent.getKey(), earliest);
            }
        }
        return count;
    }

    /** The first accepted copy of a post, at the partition that owns it. */
    public void arrived(Post post, LinkerState state, LinkerOutput out) {
        if (ThreadRules.parentRef(post) == null) {
            out.threaded(ThreadRules.root(post));
        } else {
            out.ask(ThreadRules.request(post));
        }
        List<WaitingChild> waiting = state.waiting(post.getId());
        if (waiting.isEmpty()) {
            return;
        }
        deadlines.remove(post.getId());
        List<WaitingChild> still = new ArrayList<>();
        for (WaitingChild child : waiting) {
            ThreadLink decided = settle(post, child.getRequest(), state);
            if (decided == null) {
                still.add(new WaitingChild(child.getRequest(), true));
            } else {
                out.released(decided.getStatus());
                out.decided(decided);
            }
        }
        state.waiting(post.getId(), still);
    }

    /** A child asks for its place, at the partition that owns its parent. */
    public void requested(ParentRequest child, LinkerState state, LinkerOutput out) {
        Optional<Post> parent = state.post(child.getParentId());
        if (parent.isPresent()) {
            ThreadLink decided = settle(parent.get(), child, state);
            if (decided == null) {
                await(child, true, state, out);
            } else {
                out.decided(decided);
            }
        } else if (state.clock() >= ThreadRules.deadline(child, parentWait)) {
            out.decided(ThreadRules.orphan(child));
        } else {
            await(child, false, state, out);
        }
    }

    /** A link decided elsewhere for a post this partition owns: it goes out, and its waiting children follow. */
    public void linked(ThreadLink link, LinkerState state, LinkerOutput out) {
        out.threaded(link);
        List<WaitingChild> waiting = state.waiting(link.getPostId());
        if (waiting.isEmpty()) {
            return;
        }
        List<WaitingChild> still = new ArrayList<>();
        for (WaitingChild child : waiting) {
            if (child.getForLink()) {
                ThreadLink decided = ThreadRules.childOf(link, child.getRequest());
                out.released(decided.getStatus());
                out.decided(decided);
            } else {
                still.add(child); // not reached: a post arrives before its link comes back
            }
        }
        state.waiting(link.getPostId(), still);
    }

    /** This partition has read a post created at {@code createdAt} on its posts partition. */
    public void tick(long createdAt, LinkerState state, LinkerOutput out) {
        if (createdAt > state.clock()) {
            state.clock(createdAt);
        }
        release(state, out);
    }

    /** No more posts will come on this partition: every child still waiting for a parent that has not arrived is an orphan. */
    public void endOfInput(LinkerState state, LinkerOutput out) {
        state.clock(Long.MAX_VALUE);
        // at the end of time every deadline is due, so each round takes its parents out of the index for good
        while (deadlines.size() > 0) {
            release(state, out);
        }
    }

    /** How many parents that have not arrived have children waiting for them here (the deadline index's size). */
    public int parentsAwaited() {
        return deadlines.size();
    }

    /** The child's link under a parent that is here, or null while the parent's own link has yet to come. */
    private ThreadLink settle(Post parent, ParentRequest child, LinkerState state) {
        if (!ThreadRules.canParent(parent, child, retention)) {
            return ThreadRules.orphan(child);
        }
        if (ThreadRules.parentRef(parent) == null) {
            return ThreadRules.childOf(ThreadRules.root(parent), child);
        }
        return state.link(parent.getId()).map(link -> ThreadRules.childOf(link, child)).orElse(null);
    }

    private void await(ParentRequest child, boolean forLink, LinkerState state, LinkerOutput out) {
        String parentId = child.getParentId();
        List<WaitingChild> waiting = new ArrayList<>(state.waiting(parentId));
        if (waiting.size() >= maxChildren || !fits(waiting, child)) {
            out.overflow(child);
            out.decided(ThreadRules.orphan(child));
            return;
        }
        waiting.add(new WaitingChild(child, forLink));
        state.waiting(parentId, waiting);
        out.waiting(child);
        if (!forLink) {
            deadlines.setEarlier(parentId, ThreadRules.deadline(child, parentWait));
        }
    }

    /**
     * The children waiting for one parent are one store entry, and so one changelog record, which the
     * broker takes up to 1 MiB by default. Ids and handles are short, but a hostile post can make them
     * long: past {@link #MAX_WAITING_BYTES} a child does not wait.
     */
    private static boolean fits(List<WaitingChild> waiting, ParentRequest child) {
        long bytes = bytes(child);
        for (WaitingChild other : waiting) {
            bytes += bytes(other.getRequest());
            if (bytes > MAX_WAITING_BYTES) {
                return false;
            }
        }
        return bytes <= MAX_WAITING_BYTES;
    }

    private static long bytes(ParentRequest r) {
        return 32 + PostSize.utf8(r.getChildId()) + PostSize.utf8(r.getParentId()) + PostSize.utf8(r.getChildAuthorHandle())
            + (r.getParentAuthorHandle() == null ? 0 : PostSize.utf8(r.getParentAuthorHandle()));
    }

    /** Orphans the children whose wait is over at the partition's clock, a bounded number of parents at a time. */
    private int release(LinkerState state, LinkerOutput out) {
        long clock = state.clock();
        int released = 0;
        for (String parentId : deadlines.due(clock, maxReleasesPerStep)) {
            deadlines.remove(parentId);
            List<WaitingChild> still = new ArrayList<>();
            long next = Long.MAX_VALUE;
            for (WaitingChild child : state.waiting(parentId)) {
                long deadline = ThreadRules.deadline(child.getRequest(), parentWait);
                if (!child.getForLink() && deadline <= clock) {
                    out.released(LinkStatus.ORPHAN);
                    out.decided(ThreadRules.orphan(child.getRequest()));
                    released++;
                } else {
                    still.add(child);
                    if (!child.getForLink()) {
                        next = Math.min(next, deadline);
                    }
                }
            }
            state.waiting(parentId, still);
            if (next != Long.MAX_VALUE) {
                deadlines.set(parentId, next);
            }
        }
        return released;
    }
}
