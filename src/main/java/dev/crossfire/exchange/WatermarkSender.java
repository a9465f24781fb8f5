package dev.crossfire.exchange;

import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * One thread-linker partition's promise to the {@link ExchangeDesk}: every turn it sends from now on
 * is at or after its watermark, unless its post came late. The watermark is the partition's clock
 * (the newest creation time read on its posts partition), held back by the oldest turn it still
 * owes: a post whose turn waits for its parent's link. It is sent when it has moved by a step of
 * event time, or when the caller forces it (a turn just left, the input ended, a timer fired), and
 * never when it has not moved.
 */
public final class WatermarkSender {

    private final long stepMs;
    /** Creation times of the turns still owed, with how many at each. */
    private final TreeMap<Long, Integer> owed = new TreeMap<>();
    private long lastSent = Long.MIN_VALUE;

    /** @param stepMs event time the watermark moves by before it is sent unasked */
    public WatermarkSender(long stepMs) {
        this.stepMs = stepMs;
    }

    public void owe(long createdAt) {
        owed.merge(createdAt, 1, Integer::sum);
    }

    public void paid(long createdAt) {
        owed.computeIfPresent(createdAt, (t, n) -> n == 1 ? null : n - 1);
    }

    /** The next watermark is sent even if it has not moved (after the partition said it was idle). */
    public void resend() {
        lastSent = Long.MIN_VALUE;
    }

    /** Forgets the owed turns and what was sent, when the partition starts again. */
    public void clear() {
        owed.clear();
        lastSent = Long.MIN_VALUE;
    }

    public long value(long clock) {
        return owed.isEmpty() ? clock : Math.min(clock, owed.firstKey());
    }

    /** The watermark to send now, if it has moved since the last one sent and is due. */
    public OptionalLong due(long clock, boolean force) {
        long now = value(clock);
        if (now <= lastSent || now == Long.MIN_VALUE) {
            return OptionalLong.empty();
        }
        boolean stepped = lastSent == Long.MIN_VALUE || now - lastSent >= stepMs;
        if (!force && !stepped) {
            return OptionalLong.empty();
        }
        lastSent = now;
        return OptionalLong.of(now);
    }
}
