package dev.crossfire.config;

import java.time.Duration;

/**
 * Everything the topology is a function of, with the defaults documented in the README. Durations
 * are event time (stream time), never wall-clock time.
 *
 * @param futureTolerance      how far ahead of the record's broker/producer timestamp a post's
 *                             createdAt may be before it is rejected as far-future
 * @param maxTextChars         longer texts are rejected (platforms cap posts far below this)
 * @param dedupRetention       a post id seen again within this window is a redelivery and dropped
 * @param linkRetention        how long a post's thread position is kept for later replies to find
 * @param threadBufferTimeout  how long a reply or quote waits for its parent before it is released
 *                             as the root of its own thread (flagged ORPHAN)
 * @param threadBufferMaxChildren posts waiting for one parent, at most; more are released at once as orphans
 * @param maxReleasesPerSweep  bound on the work of one expiry sweep (the rest waits for the next)
 * @param exchangeInactivity   a gap longer than this between two figures' turns ends their exchange
 * @param maxTurnsKept         turns kept per exchange (oldest dropped, still counted)
 * @param escalation           thresholds and weights of the escalation score
 */
public record CrossfireSettings(
    Topics topics,
    Duration futureTolerance,
    int maxTextChars,
    Duration dedupRetention,
    Duration linkRetention,
    Duration threadBufferTimeout,
    int threadBufferMaxChildren,
    int maxReleasesPerSweep,
    Duration exchangeInactivity,
    int maxTurnsKept,
    EscalationPolicy escalation) {

    public static CrossfireSettings defaults() {
        return new CrossfireSettings(Topics.defaults(), Duration.ofHours(1), 50_000, Duration.ofDays(7),
            Duration.ofDays(7), Duration.ofMinutes(15), 1_000, 10_000, Duration.ofHours(72), 50,
            EscalationPolicy.defaults());
    }

    public CrossfireSettings withTopics(Topics newTopics) {
        return new CrossfireSettings(newTopics, futureTolerance, maxTextChars, dedupRetention, linkRetention,
            threadBufferTimeout, threadBufferMaxChildren, maxReleasesPerSweep, exchangeInactivity, maxTurnsKept, escalation);
    }

    public CrossfireSettings withThreadBufferTimeout(Duration timeout) {
        return new CrossfireSettings(topics, futureTolerance, maxTextChars, dedupRetention, linkRetention,
            timeout, threadBufferMaxChildren, maxReleasesPerSweep, exchangeInactivity, maxTurnsKept, escalation);
    }

    public CrossfireSettings withThreadBufferMaxChildren(int max) {
        return new CrossfireSettings(topics, futureTolerance, maxTextChars, dedupRetention, linkRetention,
            threadBufferTimeout, max, maxReleasesPerSweep, exchangeInactivity, maxTurnsKept, escalation);
    }
}
