package dev.crossfire.thread;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * When each absent parent's waiting children are next due for release, earliest first. It is an
 * index over the waiting children (the {@code thread-waiting} store), kept in memory and rebuilt
 * from that store when a task starts, instead of a second store: a changelogged index would cost a
 * record per waiting child and hold nothing the store does not. It has one entry per awaited
 * parent, so it is bounded exactly as the waiting children are.
 */
public final class WaitDeadlines {

    private final TreeMap<Long, Set<String>> byDeadline = new TreeMap<>();
    private final Map<String, Long> deadlineOf = new HashMap<>();

    /** Sets (or moves) the parent's deadline. */
    public void set(String parentId, long deadline) {
        remove(parentId);
        deadlineOf.put(parentId, deadline);
        byDeadline.computeIfAbsent(deadline, d -> new LinkedHashSet<>()).add(parentId);
    }

    /** Sets the parent's deadline, or moves it earlier; a later one leaves it as it is. */
    public void setEarlier(String parentId, long deadline) {
        Long current = deadlineOf.get(parentId);
        if (current == null || deadline < current) {
            set(parentId, deadline);
        }
    }

    public void remove(String parentId) {
        Long old = deadlineOf.remove(parentId);
        if (old == null) {
            return;
        }
        Set<String> parents = byDeadline.get(old);
        parents.remove(parentId);
        if (parents.isEmpty()) {
            byDeadline.remove(old);
        }
    }

    /** Up to {@code max} parents whose deadline is at or before {@code streamTime}, earliest first; they stay indexed. */
    public List<String> due(long streamTime, int max) {
        List<String> due = new ArrayList<>();
        for (Set<String> parents : byDeadline.headMap(streamTime, true).values()) {
            for (String parentId : parents) {
                if (due.size() >= max) {
                    return due;
                }
                due.add(parentId);
            }
        }
        return due;
    }

    public int size() {
        return deadlineOf.size();
    }

    public void clear() {
        byDeadline.clear();
        deadlineOf.clear();
    }
}
