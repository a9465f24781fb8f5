package dev.crossfire.config;

import java.util.List;

/**
 * The names of every topic crossfire reads or writes. Defaults follow the architecture page; each is
 * configurable so several deployments can share a cluster.
 *
 * <p>Three internal topics carry the thread linker's and the exchange desk's traffic; nothing else
 * may write to them:
 * <ul>
 *   <li>{@code threadRequests}: a reply or quote asking the partition that owns its parent, keyed by
 *       the parent's id; and posts on their way to their own partition, keyed by their id;</li>
 *   <li>{@code threadLinks}: each reply's or quote's decided place, keyed by its id. It is also the
 *       changelog of the store of links, so it is compacted and must keep at least the link
 *       retention;</li>
 *   <li>{@code turns}: the turns of figure pairs and each linker partition's watermark, read by the
 *       exchange desk (one partition by default: turns are few).</li>
 * </ul>
 * The posts topic and the two thread topics must have as many partitions as each other, and their
 * partition count must not change while the application has state: the default partitioner on a
 * post's id decides which partition owns it.
 */
public record Topics(String posts, String figures, String threads, String alerts, String rejected,
                     String threadRequests, String threadLinks, String turns, String pileOns) {

    public static Topics defaults() {
        return new Topics("crossfire.posts", "crossfire.figures", "crossfire.threads", "crossfire.alerts",
            "crossfire.posts.rejected", "crossfire.internal.thread-requests", "crossfire.internal.thread-links",
            "crossfire.internal.turns", "crossfire.pileons");
    }

    /** The same topics with {@code prefix} before each name, for runs that must not meet each other on one cluster. */
    public Topics withPrefix(String prefix) {
        return new Topics(prefix + posts, prefix + figures, prefix + threads, prefix + alerts, prefix + rejected,
            prefix + threadRequests, prefix + threadLinks, prefix + turns, prefix + pileOns);
    }

    /** The same topics with the figures registry under another name. */
    public Topics withFigures(String name) {
        return new Topics(posts, name, threads, alerts, rejected, threadRequests, threadLinks, turns, pileOns);
    }

    /** The topics the application reads and writes itself, in the order a reset or a look at its lag goes through them. */
    public List<String> internal() {
        return List.of(threadRequests, threadLinks, turns);
    }

    /** Every topic the application reads from: how far it has read them tells whether it has caught up. */
    public List<String> inputs() {
        return List.of(posts, threadRequests, threadLinks, turns);
    }
}
