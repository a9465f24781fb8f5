package dev.crossfire.topology;

import dev.crossfire.config.CrossfireSettings;
import dev.crossfire.config.Topics;
import dev.crossfire.exchange.EscalationScorer;
import dev.crossfire.exchange.ExchangeDesk;
import dev.crossfire.pileon.PileOnTracker;
import dev.crossfire.exchange.ExchangeTracker;
import dev.crossfire.figure.FigureDirectory;
import dev.crossfire.interaction.InteractionDeriver;
import dev.crossfire.interaction.TurnMaker;
import dev.crossfire.metrics.CrossfireMetrics;
import dev.crossfire.post.PostDecoder;
import dev.crossfire.post.PostValidator;
import dev.crossfire.text.HostilityScorer;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.StreamPartitioner;
import org.apache.kafka.streams.processor.UsePartitionTimeOnInvalidTimestamp;
import org.apache.kafka.streams.state.Stores;

/**
 * The whole application as one pure function of its settings: tests build the production topology
 * through {@link #build}, never a copy of it. See {@code docs/determinism.md} for why it has this shape.
 *
 * <pre>
 *  posts ──(read-only store: the topic is its changelog)──┐
 *  thread-requests ───────────────────────────────────────┼─► thread linker ─► threads, posts.rejected
 *  thread-links ──(read-only store: the topic is its changelog)┘  │  ├─► thread-requests (child → its parent's partition)
 *                                                             │  └─► thread-links (decided link → the child's partition)
 *                                                             └─► turns (turns at once, and watermarks to every partition)
 *  turns ─► exchange desk (turns in event-time order) ─► alerts
 *  figures ─► global store + figure directory (every instance sees all of it)
 * </pre>
 */
public final class CrossfireTopology {

    /**
     * Streams setting (passed through to processors as an application config) that tells the
     * topology how many partitions the posts topic has, and the two thread topics with it: which
     * partition owns a post, and how many watermarks the exchange desk waits for. Required.
     */
    public static final String LOOP_PARTITIONS_CONFIG = "crossfire.loop.partitions";

    static final String LINKER = "link-threads";
    static final String DESK = "exchange-desk";

    private CrossfireTopology() {
    }

    public static Topology build(CrossfireSettings settings, CrossfireSerdes serdes, FigureDirectory directory, HostilityScorer hostility) {
        return build(settings, serdes, directory, hostility, CrossfireMetrics.noop());
    }

    /** The same topology, counting into {@code metrics} (see {@code docs/metrics.md}); its shape does not change. */
    public static Topology build(CrossfireSettings settings, CrossfireSerdes serdes, FigureDirectory directory, HostilityScorer hostility,
                                 CrossfireMetrics metrics) {
        Topics topics = settings.topics();
        Topology t = new Topology();
        if (metrics.enabled()) {
            metrics.figures(directory); // lives as long as the directory; nothing to close
        }
        t.addGlobalStore(
            Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(FigureRegistryProcessor.STORE), Serdes.String(), Serdes.ByteArray())
                .withLoggingDisabled(),
            "figures-source", Serdes.String().deserializer(), Serdes.ByteArray().deserializer(), topics.figures(),
            "figures-registry", () -> new FigureRegistryProcessor(directory, serdes.figure, topics.figures()));

        // the thread linker: three doors in, one processor, five sinks
        t.addReadOnlyStateStore(
            Stores.timestampedKeyValueStoreBuilder(Stores.persistentTimestampedKeyValueStore(StoreNames.POSTS), Serdes.Bytes(), Serdes.ByteArray()),
            "posts-source", new UsePartitionTimeOnInvalidTimestamp(), Serdes.Bytes().deserializer(), Serdes.ByteArray().deserializer(),
            topics.posts(), "posts-intake", LinkerIntake.Posts::new);
        t.addReadOnlyStateStore(
            Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(StoreNames.LINKS), Serdes.String(), serdes.link),
            "thread-links-source", new LoopTime(), Serdes.String().deserializer(), serdes.link.deserializer(),
            topics.threadLinks(), "thread-links-intake", LinkerIntake.Links::new);
        t.addSource((org.apache.kafka.streams.AutoOffsetReset) null, "thread-requests-source", new LoopTime(), Serdes.String().deserializer(), serdes.linkerMessage.deserializer(), topics.threadRequests());
        t.addProcessor("thread-requests-intake", LinkerIntake.Requests::new, "thread-requests-source");

        PostDecoder decoder = new PostDecoder(serdes.post);
        PostValidator validator = new PostValidator(settings.futureTolerance(), settings.maxTextChars());
        TurnMaker turns = new TurnMaker(new InteractionDeriver(directory), hostility);
        t.addProcessor(LINKER,
            () -> new ThreadLinkProcessor(settings, turns, (byKey, strays) -> new PostBook(topics.posts(), decoder, validator, byKey, strays),
                metrics),
            "posts-intake", "thread-links-intake", "thread-requests-intake");
        t.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(StoreNames.STRAYS), Serdes.String(), serdes.post), LINKER);
        t.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(StoreNames.WAITING), Serdes.String(), serdes.waiting)
            .withCachingEnabled(), LINKER);
        t.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(StoreNames.CLOCK), Serdes.String(), Serdes.Long())
            .withCachingEnabled(), LINKER);
        t.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(StoreNames.OWED_TURNS), Serdes.String(), Serdes.Long()),
            LINKER);
        t.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(StoreNames.THREAD_MEMBERS), Serdes.String(),
            Serdes.ByteArray()).withLoggingDisabled(), LINKER);
        t.connectProcessorAndStateStores(LINKER, StoreNames.POSTS, StoreNames.LINKS);

        t.addSink(LinkerOutlets.THREADS, topics.threads(), Serdes.String().serializer(), serdes.threadedPost.serializer(), LINKER);
        t.addSink(LinkerOutlets.REQUESTS, topics.threadRequests(), Serdes.String().serializer(), serdes.linkerMessage.serializer(), LINKER);
        t.addSink(LinkerOutlets.LINKS, topics.threadLinks(), Serdes.String().serializer(), serdes.link.serializer(), LINKER);
        t.addSink(LinkerOutlets.TURNS, topics.turns(), Serdes.String().serializer(), serdes.exchangeInput.serializer(),
            watermarksToEveryPartition(), LINKER);
        t.addSink(LinkerOutlets.REJECTED, topics.rejected(), Serdes.ByteArray().serializer(), Serdes.ByteArray().serializer(), LINKER);

        // the exchange desk
        ExchangeTracker tracker = new ExchangeTracker(new EscalationScorer(settings.escalation()), settings.exchangeInactivity(),
            settings.maxTurnsKept());
        t.addSource("turns-source", Serdes.String().deserializer(), serdes.exchangeInput.deserializer(), topics.turns());
        PileOnTracker pileOns = new PileOnTracker(settings.pileOns());
        t.addProcessor(DESK, () -> new ExchangeDeskProcessor(new ExchangeDesk(tracker, pileOns, settings.allowedLateness()), metrics),
            "turns-source");
        t.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(StoreNames.TURN_QUEUE), Serdes.String(), serdes.interaction)
            .withCachingEnabled(), DESK);
        t.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(StoreNames.EXCHANGES), Serdes.String(), serdes.exchangeState),
            DESK);
        t.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(StoreNames.PILE_ONS), Serdes.String(), serdes.pileOnState),
            DESK);
        t.addSink(ExchangeDeskProcessor.ALERTS_SINK, topics.alerts(), Serdes.String().serializer(), serdes.alert.serializer(), DESK);
        t.addSink(ExchangeDeskProcessor.PILE_ONS_SINK, topics.pileOns(), Serdes.String().serializer(), serdes.pileOn.serializer(), DESK);
        return t;
    }

    /** A watermark must reach every partition of the turns topic; a turn goes by its pair. */
    private static StreamPartitioner<Object, Object> watermarksToEveryPartition() {
        return (topic, key, value, partitions) -> key == null
            ? Optional.of(IntStream.range(0, partitions).boxed().collect(Collectors.toSet()))
            : Optional.empty();
    }
}
