package dev.crossfire.notify;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Random;

/**
 * How long to wait before the next try of a delivery, and when to give up: exponential backoff from
 * {@code base}, capped at {@code max}, with full jitter (a random wait up to the backoff, so that
 * many notifiers do not retry in step); a receiver's {@code Retry-After} wins when it asks for longer,
 * up to {@code max}. After {@code tries} tries the alert is dead-lettered.
 */
public record RetryPolicy(int tries, Duration base, Duration max) {

    public RetryPolicy {
        if (tries < 1) {
            throw new IllegalArgumentException("--max-tries must be at least 1: " + tries);
        }
        if (base.isNegative() || max.compareTo(base) < 0) {
            throw new IllegalArgumentException("backoff must be 0 <= base <= max: " + base + ", " + max);
        }
    }

    /** The wait before try number {@code nextTry} (2 for the first retry), given the receiver's Retry-After, if any. */
    public Duration waitBefore(int nextTry, String retryAfter, Instant now, Random random) {
        long cap = Math.min(max.toMillis(), base.toMillis() * (1L << Math.min(20, nextTry - 2)));
        long jittered = cap <= 0 ? 0 : (long) (random.nextDouble() * cap);
        Duration asked = retryAfter(retryAfter, now);
        long wait = asked == null ? jittered : Math.max(jittered, Math.min(max.toMillis(), asked.toMillis()));
        return Duration.ofMillis(wait);
    }

    /** A Retry-After header as a wait: delay-seconds or an HTTP date; null when absent or unreadable. */
    static Duration retryAfter(String header, Instant now) {
        if (header == null || header.isBlank()) {
            return null;
        }
        String h = header.strip();
        try {
            long seconds = Long.parseLong(h);
            return seconds < 0 ? null : Duration.ofSeconds(seconds);
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(h, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                Duration d = Duration.between(now, at);
                return d.isNegative() ? Duration.ZERO : d;
            } catch (DateTimeParseException notDate) {
                return null;
            }
        }
    }
}
