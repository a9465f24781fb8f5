package dev.crossfire.bench;

import java.util.Map;

/**
 * What one sampling interval of a soak run saw. Rates and latencies are over the interval; the rest
 * is read at its end. -1 means not measured (no alert in the interval, no {@code /proc} to read).
 *
 * @param seconds          end of the interval, from the first post sent
 * @param offeredPerSecond posts sent per second (duplicates included)
 * @param processedPerSecond records crossfire read from the posts topic per second
 * @param postsLag         the crossfire group's lag on the posts topic, in records
 * @param loopLag          its lag on the loop topics (thread-requests and thread-links)
 * @param alerts           alerts of planted exchanges that became visible in the interval and were timed
 * @param latencyP50Millis from the triggering post's send to the alert read by a read_committed consumer
 * @param latencyP99Millis the same, 99th percentile
 * @param heapAfterGcBytes used heap of the whole JVM (broker included) right after an explicit full GC
 * @param heapCommittedBytes heap the JVM has taken from the system, used or not
 * @param gcMillis         how long that GC took
 * @param rssBytes         resident memory of the process (committed heap, RocksDB, the broker's buffers, code)
 * @param stateBytes       crossfire's state directory on disk
 * @param memtableBytes    RocksDB's memtables over all stores: state not flushed to disk yet (exactly-once does
 *                         not flush at every commit), part of the resident memory
 * @param bufferedChildren replies and quotes waiting in the thread buffer for their parent
 * @param exchanges        entries of the exchanges store, counted (open exchanges and quiet ones not swept yet)
 * @param storeKeys        RocksDB's estimate of the keys of each persistent store, summed over tasks; it counts
 *                         overwrites and deletes until they are compacted, so it is a rough figure
 */
public record SoakSample(double seconds, double offeredPerSecond, double processedPerSecond, long postsLag, long loopLag,
                         int alerts, long latencyP50Millis, long latencyP99Millis, long heapAfterGcBytes, long heapCommittedBytes,
                         long gcMillis, long rssBytes, long stateBytes, long memtableBytes, long bufferedChildren, long exchanges,
                         Map<String, Long> storeKeys) {

    /** Resident memory outside the heap (RocksDB, direct buffers, metaspace, thread stacks); -1 without {@code /proc}. */
    public long nativeBytes() {
        return rssBytes < 0 ? -1 : Math.max(0, rssBytes - heapCommittedBytes);
    }
}
