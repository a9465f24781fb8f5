package dev.crossfire.config;

import java.time.Duration;

/**
 * Everything the topology is a function of, with the defaults documented in the README. Durations
 * are event time, measured on clocks that come from the posts themselves (see
 * {@code docs/determinism.md}), never wall-clock time.
 *
 * @param futureTolerance      how far ahead of the record's broker/producer timestamp a post's
 *                             createdAt may be before it is rejected as far-future
 * @param maxTextChars         longer texts are rejected (platforms cap posts far below this)
 * @param dedupRetention       a post id seen again within this window is a redelivery and dropped
 * @param linkRetention        a parent created longer than this before its reply is not linked to it,
 *                             and a post's place in its thread is kept this long for later replies
 * @param parentWait           how long a reply or quote waits for a parent that has not arrived,
 *                             measured on the parent's partition: until it has read a post created
 *                             this much after the child. A parent that comes later than this is
 *                             missed, and the child is released as the root of its own thread (ORPHAN)
 * @param maxWaitingChildren   children waiting for one parent, at most; more are released at once as orphans
 * @param maxReleasesPerSweep  bound on the parents whose children one step releases (the rest waits for the next)
 * @param allowedLateness      how far behind newer posts of its partition a post may arrive and still
 *                             have its turns applied in event-time order: turns are held this long
 *                             (in event time) before they are applied, so it is also the alerts'
 *                             hold-back. Beyond it, a turn is applied where it falls
 * @param exchangeInactivity   a gap longer than this between two figures' turns ends their exchange
 * @param maxTurnsKept         turns kept per exchange (oldest dropped, still counted)
 * @param escalation           thresholds and weights of the escalation score
 * @param pileOns              what makes a pile-on on one figure, and its levels
 * @param acceptEndOfInput     whether an end-of-input record on the posts topic is obeyed (it releases
 *                             every waiting child and every held turn). Batch runs ({@code detect},
 *                             {@code demo}, {@code bench}) turn it on; {@code run} leaves it off unless
 *                             configured, so that whoever may write posts cannot end the input
 * @param idleAfter            wall-clock time after which a partition that has read no post stops
 *                             holding the exchange desk back, until it reads one again; zero: never.
 *                             The one place the wall clock enters: it decides when turns are let go on
 *                             a quiet feed, never what they are. Off for batch runs, which end their input
 */
public record CrossfireSettings(
    Topics topics,
    Duration futureTolerance,
    int maxTextChars,
    Duration dedupRetention,
    Duration linkRetention,
    Duration parentWait,
    int maxWaitingChildren,
    int maxReleasesPerSweep,
    Duration allowedLateness,
    Duration exchangeInactivity,
    int maxTurnsKept,
    EscalationPolicy escalation,
    PileOnPolicy pileOns,
    boolean acceptEndOfInput,
    Duration idleAfter) {

    public static CrossfireSettings defaults() {
        return new CrossfireSettings(Topics.defaults(), Duration.ofHours(1), 50_000, Duration.ofDays(7),
            Duration.ofDays(7), Duration.ofMinutes(15), 1_000, 10_000, Duration.ZERO, Duration.ofHours(72), 50,
            EscalationPolicy.defaults(), PileOnPolicy.defaults(), false, Duration.ofSeconds(5));
    }

    /** The settings of a batch run over a finite input: it may end its input, and no partition is ever deemed idle. */
    public static CrossfireSettings batch() {
        return defaults().withEndOfInput(true).withIdleAfter(Duration.ZERO);
    }

    public CrossfireSettings withTopics(Topics newTopics) {
        return new CrossfireSettings(newTopics, futureTolerance, maxTextChars, dedupRetention, linkRetention, parentWait,
            maxWaitingChildren, maxReleasesPerSweep, allowedLateness, exchangeInactivity, maxTurnsKept, escalation, pileOns, acceptEndOfInput, idleAfter);
    }

    public CrossfireSettings withParentWait(Duration wait) {
        return new CrossfireSettings(topics, futureTolerance, maxTextChars, dedupRetention, linkRetention, wait,
            maxWaitingChildren, maxReleasesPerSweep, allowedLateness, exchangeInactivity, maxTurnsKept, escalation, pileOns, acceptEndOfInput, idleAfter);
    }

    public CrossfireSettings withMaxWaitingChildren(int max) {
        return new CrossfireSettings(topics, futureTolerance, maxTextChars, dedupRetention, linkRetention, parentWait,
            max, maxReleasesPerSweep, allowedLateness, exchangeInactivity, maxTurnsKept, escalation, pileOns, acceptEndOfInput, idleAfter);
    }

    public CrossfireSettings withAllowedLateness(Duration lateness) {
        return new CrossfireSettings(topics, futureTolerance, maxTextChars, dedupRetention, linkRetention, parentWait,
            maxWaitingChildren, maxReleasesPerSweep, lateness, exchangeInactivity, maxTurnsKept, escalation, pileOns, acceptEndOfInput, idleAfter);
    }

    public CrossfireSettings withRetentions(Duration dedup, Duration links) {
        return new CrossfireSettings(topics, futureTolerance, maxTextChars, dedup, links, parentWait,
            maxWaitingChildren, maxReleasesPerSweep, allowedLateness, exchangeInactivity, maxTurnsKept, escalation, pileOns, acceptEndOfInput, idleAfter);
    }

    public CrossfireSettings withExchange(Duration inactivity, int maxTurns) {
        return new CrossfireSettings(topics, futureTolerance, maxTextChars, dedupRetention, linkRetention, parentWait,
            maxWaitingChildren, maxReleasesPerSweep, allowedLateness, inactivity, maxTurns, escalation, pileOns, acceptEndOfInput, idleAfter);
    }

    public CrossfireSettings withIdleAfter(Duration idle) {
        return new CrossfireSettings(topics, futureTolerance, maxTextChars, dedupRetention, linkRetention, parentWait,
            maxWaitingChildren, maxReleasesPerSweep, allowedLateness, exchangeInactivity, maxTurnsKept, escalation, pileOns, acceptEndOfInput, idle);
    }

    public CrossfireSettings withEndOfInput(boolean accept) {
        return new CrossfireSettings(topics, futureTolerance, maxTextChars, dedupRetention, linkRetention, parentWait,
            maxWaitingChildren, maxReleasesPerSweep, allowedLateness, exchangeInactivity, maxTurnsKept, escalation, pileOns, accept, idleAfter);
    }
}
