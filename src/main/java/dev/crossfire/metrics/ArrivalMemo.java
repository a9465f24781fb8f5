package dev.crossfire.metrics;

import java.util.HashMap;
import java.util.Map;

/**
 * Arrival times of the children waiting in one task's thread buffer, by post id: the buffer's store
 * value has no place for them, and they only feed a metric. In memory and bounded
 * ({@link #DEFAULT_CAPACITY} per task): a child buffered while the memo was full, or before a restart
 * or rebalance, is linked as usual but its alert has no arrival latency. Not thread-safe: one per
 * processor instance.
 */
public final class ArrivalMemo {

    public static final int DEFAULT_CAPACITY = 10_000;

    private final int capacity;
    private final Map<String, Long> arrivals = new HashMap<>();

    public ArrivalMemo() {
        this(DEFAULT_CAPACITY);
    }

    public ArrivalMemo(int capacity) {
        this.capacity = capacity;
    }

    public void remember(String postId, long arrival) {
        if (arrival >= 0 && (arrivals.size() < capacity || arrivals.containsKey(postId))) {
            arrivals.put(postId, arrival);
        }
    }

    /** The remembered arrival, forgotten now, or {@link ArrivalStamp#UNKNOWN}. */
    public long take(String postId) {
        Long arrival = arrivals.remove(postId);
        return arrival == null ? ArrivalStamp.UNKNOWN : arrival;
    }

    public int size() {
        return arrivals.size();
    }
}
