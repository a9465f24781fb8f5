package dev.crossfire.app;

import java.time.Duration;
import java.time.Instant;

/**
 * How fast {@code replay} sends: as fast as the broker takes them, at a fixed number of posts per
 * second, or at a multiple of the speed the posts were written (their createdAt gaps, shortened).
 * It paces on the wall clock, which is what a replay is about; the topology never sees that clock.
 * The benchmarks pace their live runs with it too.
 */
public final class ReplayPace {

    private final double postsPerSecond;
    private final double speedUp;
    private long startNanos = -1;
    private Instant firstEvent;

    private ReplayPace(double postsPerSecond, double speedUp) {
        this.postsPerSecond = postsPerSecond;
        this.speedUp = speedUp;
    }

    public static ReplayPace fullSpeed() {
        return new ReplayPace(0, 0);
    }

    public static ReplayPace rate(double postsPerSecond) {
        if (!(postsPerSecond > 0)) {
            throw new IllegalArgumentException("--rate must be above 0, not " + postsPerSecond);
        }
        return new ReplayPace(postsPerSecond, 0);
    }

    public static ReplayPace speedUp(double factor) {
        if (!(factor > 0)) {
            throw new IllegalArgumentException("--speed must be above 0, not " + factor);
        }
        return new ReplayPace(0, factor);
    }

    /** How long to wait before sending post number {@code index} (from 0), created at {@code createdAt}. */
    public Duration waitBefore(long index, Instant createdAt, long nowNanos) {
        if (startNanos < 0) {
            startNanos = nowNanos;
            firstEvent = createdAt;
        }
        long dueNanos;
        if (postsPerSecond > 0) {
            dueNanos = startNanos + (long) (index * 1e9 / postsPerSecond);
        } else if (speedUp > 0 && createdAt != null && firstEvent != null) {
            // a post older than the first (out of order) goes at once
            long eventGap = Math.max(0, Duration.between(firstEvent, createdAt).toNanos());
            dueNanos = startNanos + (long) (eventGap / speedUp);
        } else {
            return Duration.ZERO;
        }
        return Duration.ofNanos(Math.max(0, dueNanos - nowNanos));
    }

    public String describe() {
        if (postsPerSecond > 0) {
            return String.format(java.util.Locale.ROOT, "at %,.0f posts/s", postsPerSecond);
        }
        if (speedUp > 0) {
            return String.format(java.util.Locale.ROOT, "at %s× the original speed", speedUp);
        }
        return "as fast as possible";
    }
}
