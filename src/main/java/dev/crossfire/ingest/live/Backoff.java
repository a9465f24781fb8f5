package dev.crossfire.ingest.live;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * How long to wait before the next reconnect: exponential from {@code min}, capped at {@code max},
 * with full jitter (a random wait between half and all of the step) so that many clients dropped by
 * one server at once do not come back at once. A connection that delivered a message resets it.
 */
final class Backoff {

    private final Duration min;
    private final Duration max;
    private final RandomGenerator random;
    private int failures;

    Backoff(Duration min, Duration max, RandomGenerator random) {
        if (min.isNegative() || min.isZero() || max.compareTo(min) < 0) {
            throw new IllegalArgumentException("backoff needs 0 < min <= max, got " + min + " and " + max);
        }
        this.min = min;
        this.max = max;
        this.random = random;
    }

    /** The wait before the next attempt, one failure more than the last. */
    Duration next() {
        long step = min.toMillis() << Math.min(failures, 20);
        failures++;
        long capped = Math.min(step, max.toMillis());
        long half = Math.max(1, capped / 2);
        return Duration.ofMillis(half + random.nextLong(capped - half + 1));
    }

    void reset() {
        failures = 0;
    }
}
