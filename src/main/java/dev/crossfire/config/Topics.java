package dev.crossfire.config;

/**
 * The names of every topic crossfire reads or writes. Defaults follow the architecture page; each is
 * configurable so several deployments can share a cluster.
 *
 * <p>{@code threadSignals} is the thread linker's loop topic: it is written and read by the same
 * sub-topology, keyed by post id or parent id, and the default partitioner on that String key
 * decides on which partition a post's thread state lives. Nothing else may write to it, and its
 * partition count must not change while the application has state (keys would move away from it).
 */
public record Topics(String posts, String figures, String threads, String alerts, String rejected, String threadSignals) {

    public static Topics defaults() {
        return new Topics("crossfire.posts", "crossfire.figures", "crossfire.threads", "crossfire.alerts",
            "crossfire.posts.rejected", "crossfire.internal.thread-signals");
    }

    /** The same topics with {@code prefix} before each name, for runs that must not meet each other on one cluster. */
    public Topics withPrefix(String prefix) {
        return new Topics(prefix + posts, prefix + figures, prefix + threads, prefix + alerts, prefix + rejected, prefix + threadSignals);
    }
}
