package dev.crossfire.thread;

import java.time.Duration;

/**
 * Where a post's entries go in a window store (its dedup mark, its thread link, its node of the
 * thread tree): at the post's own time, unless that time is so far behind stream time that the store
 * would drop the entry at once, or expire it before a redelivery within the retention could find
 * it. Such a late post (an archive's old post quoted by a new one, a backlog replayed out of order,
 * a clock far behind) is filed at stream time instead, and looked up over the store's whole window.
 * Without this a late post's mark was dropped, and each redelivery of it was threaded again.
 */
public final class LateFiling {

    private LateFiling() {
    }

    /** More than half the retention behind stream time. */
    public static boolean isLate(long eventTime, long streamTime, Duration retention) {
        return streamTime >= 0 && eventTime < streamTime - retention.toMillis() / 2;
    }

    /** The time to file the entry of an event at {@code eventTime} under. */
    public static long fileAt(long eventTime, long streamTime, Duration retention) {
        return isLate(eventTime, streamTime, retention) ? streamTime : eventTime;
    }
}
