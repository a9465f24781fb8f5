package dev.crossfire.ingest.live;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A live source's meters, tagged with its network: what came in, what became posts, what was
 * dead-lettered and why, how often it reconnected, and its lag: now minus the time of the newest event
 * delivered, which grows when the source falls behind the network or the network goes quiet.
 */
public final class LiveMetrics {

    public static final String MESSAGES = "crossfire.source.messages";
    public static final String POSTS = "crossfire.source.posts";
    public static final String SKIPPED = "crossfire.source.skipped";
    public static final String DEAD_LETTERS = "crossfire.source.dead.letters";
    public static final String RECONNECTS = "crossfire.source.reconnects";
    public static final String LAG = "crossfire.source.lag.seconds";
    public static final String QUEUED = "crossfire.source.queued";

    private final MeterRegistry registry;
    private final Tags tags;
    private final Clock clock;
    private final Counter messages;
    private final Counter posts;
    private final Counter skipped;
    private final Counter reconnects;
    private final Map<String, Counter> deadLetters = new ConcurrentHashMap<>();
    /** Micros of the newest event delivered; -1 before the first. */
    private final AtomicLong newestUs = new AtomicLong(-1);

    public LiveMetrics(MeterRegistry registry, LiveNetwork network, Clock clock) {
        this.registry = registry;
        this.tags = Tags.of("network", network.cliName());
        this.clock = clock;
        messages = Counter.builder(MESSAGES).tags(tags).description("Messages read from the live stream").register(registry);
        posts = Counter.builder(POSTS).tags(tags).description("Posts made from live messages and handed on").register(registry);
        skipped = Counter.builder(SKIPPED).tags(tags).description("Live messages that are not posts (likes, deletions, edits, identity)")
            .register(registry);
        reconnects = Counter.builder(RECONNECTS).tags(tags).description("Connections to the live stream opened again after one ended")
            .register(registry);
        Gauge.builder(LAG, this, LiveMetrics::lagSeconds).tags(tags)
            .description("Now minus the time of the newest live event delivered (NaN before the first)").register(registry);
    }

    /** A queue-length gauge over the source's inbox. */
    void queue(Inbox inbox) {
        Gauge.builder(QUEUED, inbox, Inbox::size).tags(tags).description("Live messages read but not yet converted").register(registry);
    }

    void delivered(Delivery d) {
        messages.increment();
        if (d.rejected()) {
            deadLetters.computeIfAbsent(d.rejection().reason(), r -> Counter.builder(DEAD_LETTERS).tags(tags).tag("reason", r)
                .description("Live messages sent to the dead-letter topic, by reason").register(registry)).increment();
        } else if (d.posts().isEmpty()) {
            skipped.increment();
        } else {
            posts.increment(d.posts().size());
        }
        if (d.eventTime() != null) {
            long us = d.eventTime().getEpochSecond() * 1_000_000 + d.eventTime().getNano() / 1_000;
            newestUs.accumulateAndGet(us, Math::max);
        }
    }

    void reconnected() {
        reconnects.increment();
    }

    /** Now minus the newest event delivered, in seconds; NaN before the first. */
    public double lagSeconds() {
        long us = newestUs.get();
        return us < 0 ? Double.NaN : Math.max(0, clock.millis() * 1_000 - us) / 1e6;
    }

    public long posts() {
        return (long) posts.count();
    }

    public long reconnects() {
        return (long) reconnects.count();
    }
}
