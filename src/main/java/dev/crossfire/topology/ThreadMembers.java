package dev.crossfire.topology;

/**
 * The keys of the {@link StoreNames#THREAD_MEMBERS} index: a reply's or quote's id under its root's,
 * so that one prefix scan lists a thread's members on a partition.
 */
public final class ThreadMembers {

    private static final char SEPARATOR = '\u0000';

    private ThreadMembers() {
    }

    public static String key(String rootId, String postId) {
        return rootId + SEPARATOR + postId;
    }

    public static String prefix(String rootId) {
        return rootId + SEPARATOR;
    }
}
