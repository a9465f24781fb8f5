package dev.crossfire.topology;

import dev.crossfire.avro.ExchangeAlert;
import dev.crossfire.avro.Interaction;
import dev.crossfire.avro.SignalType;
import dev.crossfire.avro.ThreadSignal;
import dev.crossfire.avro.ThreadedPost;
import dev.crossfire.config.CrossfireSettings;
import dev.crossfire.config.Topics;
import dev.crossfire.exchange.EscalationScorer;
import dev.crossfire.exchange.ExchangeTracker;
import dev.crossfire.figure.FigureDirectory;
import dev.crossfire.interaction.InteractionDeriver;
import dev.crossfire.metrics.ArrivalStamp;
import dev.crossfire.metrics.CrossfireMetrics;
import dev.crossfire.post.PostDecoder;
import dev.crossfire.post.PostValidator;
import dev.crossfire.text.HostilityScorer;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.processor.StreamPartitioner;
import org.apache.kafka.streams.processor.TimestampExtractor;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The whole application as one pure function of its settings: tests build the production topology
 * through {@link #build}, never a copy of it.
 *
 * <pre>
 * posts ─validate─► dedup, link ◄── thread-signals ◄──┐ loop: AWAITING_PARENT keyed by parent id;
 *   │                  ├──────────────────────────────────┘ LINKED, and ARRIVED read off its home partition, by post id
 *   └─► posts.rejected └─► resolve figures ─► threads
 *                                └─► interactions ─repartition by pair─► exchanges ─► alerts
 * threads ─► thread-trees store (for the query API)
 * figures ─► global store + figure directory (every instance sees all of it)
 * </pre>
 */
public final class CrossfireTopology {

    private CrossfireTopology() {
    }

    /**
     * Streams setting (passed through to processors as an application config) that tells the
     * topology how many partitions the thread-signals topic has. A post read from the posts
     * partition with the loop partition's number, whose id hashes to that partition, is linked where
     * it is read instead of going round the loop once; without this setting every post goes round.
     */
    public static final String LOOP_PARTITIONS_CONFIG = "crossfire.loop.partitions";

    public static Topology build(CrossfireSettings settings, CrossfireSerdes serdes, FigureDirectory directory, HostilityScorer hostility) {
        return build(settings, serdes, directory, hostility, CrossfireMetrics.noop());
    }

    /**
     * The same topology, counting into {@code metrics} (see {@code docs/metrics.md}). With metrics on,
     * each post also carries its arrival time (Kafka timestamp on the posts topic) in an internal
     * header, for the alert latency; the topology's shape, stores and topics do not change.
     */
    public static Topology build(CrossfireSettings settings, CrossfireSerdes serdes, FigureDirectory directory, HostilityScorer hostility,
                                 CrossfireMetrics metrics) {
        Topics topics = settings.topics();
        StreamsBuilder builder = new StreamsBuilder();
        PostDecoder decoder = new PostDecoder(serdes.post);
        PostValidator validator = new PostValidator(settings.futureTolerance(), settings.maxTextChars());

        if (metrics.enabled()) {
            metrics.figures(directory); // lives as long as the directory; nothing to close
        }
        TimestampExtractor postTime = new PostTimestampExtractor(decoder, validator);
        if (metrics.enabled()) {
            postTime = ArrivalStamp.stamping(postTime);
        }

        builder.addGlobalStore(
            Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(FigureRegistryProcessor.STORE), Serdes.String(), Serdes.ByteArray())
                .withLoggingDisabled(),
            topics.figures(),
            Consumed.with(Serdes.String(), Serdes.ByteArray()).withName("figures-source"),
            () -> new FigureRegistryProcessor(directory, serdes.figure, topics.figures()));

        // stage 1: validate; the dead-letter branch keeps the original bytes
        var validated = builder.stream(topics.posts(), Consumed.with(Serdes.ByteArray(), Serdes.ByteArray())
                .withTimestampExtractor(postTime)
                .withName("posts-source"))
            .process(() -> new ValidateProcessor(decoder, validator, metrics), Named.as("validate"))
            .split(Named.as("validated-"))
            .branch((key, value) -> value instanceof Rejected, Branched.as("rejected"))
            .defaultBranch(Branched.as("accepted"));
        validated.get("validated-rejected")
            .map((key, value) -> KeyValue.pair(((Rejected) value).key(), ((Rejected) value).value()), Named.as("unwrap-rejected"))
            .to(topics.rejected(), Produced.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("rejected-sink"));
        KStream<String, ThreadSignal> accepted = validated.get("validated-accepted")
            .mapValues(value -> (ThreadSignal) value, Named.as("as-signal"));

        // stages 2 and 3: deduplicate and link threads, looping through the signals topic. The posts and
        // the loop feed one processor, so that a task reads its posts partition and its loop partition
        // together, in event-time order: read apart, the posts raced ahead of the loop in any backlog,
        // and stream time expired replies still on their way to their parents.
        for (StoreBuilder<?> store : threadStores(settings, serdes)) {
            builder.addStateStore(store);
        }
        KStream<String, ThreadSignal> loop = builder.stream(topics.threadSignals(),
            Consumed.with(Serdes.String(), serdes.signal).withName("signals-source"));
        var linked = accepted.merge(loop, Named.as("posts-and-loop"))
            .process(() -> new ThreadLinkProcessor(settings, metrics), Named.as("link-threads"),
                ThreadLinkProcessor.SEEN_STORE, ThreadLinkProcessor.LINKS_STORE, ThreadLinkProcessor.PENDING_STORE)
            .split(Named.as("linked-"))
            .branch((key, value) -> value instanceof ThreadSignal, Branched.as("loop"))
            .defaultBranch(Branched.as("settled"));
        linked.get("linked-loop")
            .mapValues(value -> (ThreadSignal) value, Named.as("as-loop-signal"))
            .to(topics.threadSignals(), Produced.with(Serdes.String(), serdes.signal)
                .withStreamPartitioner(flushToEveryPartition()).withName("loop-sink"));

        // stages 4 and 5: figures, threads output, interactions
        var resolved = linked.get("linked-settled")
            .mapValues(value -> (LinkedPost) value, Named.as("as-linked-post"))
            .process(() -> new FigureResolver(new InteractionDeriver(directory), hostility, metrics), Named.as("resolve-figures"))
            .split(Named.as("resolved-"))
            .branch((key, value) -> value instanceof ThreadedPost, Branched.as("thread"))
            .defaultBranch(Branched.as("interaction"));
        resolved.get("resolved-thread")
            .mapValues(value -> (ThreadedPost) value, Named.as("as-threaded-post"))
            .to(topics.threads(), Produced.with(Serdes.String(), serdes.threadedPost).withName("threads-sink"));

        // stage 6: one exchange per unordered pair, so interactions move to the pair's partition
        KStream<String, Interaction> byPair = resolved.get("resolved-interaction")
            .mapValues(value -> (Interaction) value, Named.as("as-interaction"))
            .repartition(Repartitioned.with(Serdes.String(), serdes.interaction).withName("interactions-by-pair"));
        builder.addStateStore(Stores.keyValueStoreBuilder(
            Stores.persistentKeyValueStore(ExchangeProcessor.STORE), Serdes.String(), serdes.exchangeState));
        ExchangeTracker tracker = new ExchangeTracker(new EscalationScorer(settings.escalation()),
            settings.exchangeInactivity(), settings.maxTurnsKept());
        KStream<String, ExchangeAlert> alerts = byPair.process(() -> new ExchangeProcessor(tracker, metrics), Named.as("detect-exchanges"),
            ExchangeProcessor.STORE);

        // stage 7
        alerts.to(topics.alerts(), Produced.with(Serdes.String(), serdes.alert).withName("alerts-sink"));

        // for the query API: each thread under its root, read back from the threads topic (keyed by root)
        builder.addStateStore(Stores.windowStoreBuilder(
            Stores.persistentWindowStore(StoreNames.THREAD_TREES, settings.linkRetention(), Duration.ofMillis(1), true),
            Serdes.String(), serdes.threadNode));
        builder.stream(topics.threads(), Consumed.with(Serdes.String(), serdes.threadedPost).withName("thread-trees-source"))
            .process(() -> new ThreadTreeProcessor(settings.linkRetention()), Named.as("keep-thread-trees"), StoreNames.THREAD_TREES);
        return builder.build();
    }

    private static List<StoreBuilder<?>> threadStores(CrossfireSettings settings, CrossfireSerdes serdes) {
        Duration dedup = settings.dedupRetention();
        Duration links = settings.linkRetention();
        return List.of(
            Stores.windowStoreBuilder(Stores.persistentWindowStore(ThreadLinkProcessor.SEEN_STORE, dedup, Duration.ofMillis(1), false),
                Serdes.String(), Serdes.Long()),
            Stores.windowStoreBuilder(Stores.persistentWindowStore(ThreadLinkProcessor.LINKS_STORE, links, Duration.ofMillis(1), false),
                Serdes.String(), serdes.link),
            Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(ThreadLinkProcessor.PENDING_STORE), Serdes.String(), serdes.pending));
    }

    /** A FLUSH must reach every partition's stream time; everything else goes by key. */
    private static StreamPartitioner<String, ThreadSignal> flushToEveryPartition() {
        return (topic, key, value, partitions) -> {
            if (value != null && value.getType() == SignalType.FLUSH) {
                Set<Integer> all = IntStream.range(0, partitions).boxed().collect(Collectors.toSet());
                return Optional.of(all);
            }
            return Optional.empty();
        };
    }
}
