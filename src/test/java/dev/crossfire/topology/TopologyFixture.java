package dev.crossfire.topology;

import dev.crossfire.api.ThreadReader;
import dev.crossfire.avro.ExchangeAlert;
import dev.crossfire.avro.PileOnAlert;
import dev.crossfire.avro.Post;
import dev.crossfire.avro.ThreadLink;
import dev.crossfire.avro.ThreadNode;
import dev.crossfire.interaction.InteractionDeriver;
import dev.crossfire.post.InvalidPostException;
import dev.crossfire.post.PostDecoder;
import java.util.Optional;
import java.util.function.Predicate;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import dev.crossfire.avro.PublicFigure;
import dev.crossfire.avro.ThreadedPost;
import dev.crossfire.config.CrossfireSettings;
import dev.crossfire.figure.FigureDirectory;
import dev.crossfire.metrics.CrossfireMetrics;
import dev.crossfire.serde.InMemorySchemaRegistry;
import dev.crossfire.testing.PostBuilder;
import dev.crossfire.text.HostilityScorer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;

/**
 * The production topology under {@link TopologyTestDriver}: posts in as JSON bytes (or any bytes),
 * figures in as Avro, every output topic readable. Records are piped with the time the broker would
 * have stamped, which the validator uses as "now" for far-future checks. Public for the metrics tests
 * ({@code dev.crossfire.metrics}), which drive the same production topology.
 */
public final class TopologyFixture implements AutoCloseable {

    public static final Instant INGEST_TIME = Instant.parse("2026-01-01T00:00:00Z");

    public final CrossfireSettings settings;
    public final CrossfireSerdes serdes;
    public final TopologyTestDriver driver;
    public final TestInputTopic<byte[], byte[]> posts;
    public final TestInputTopic<String, PublicFigure> figures;
    public final TestOutputTopic<String, ExchangeAlert> alerts;
    public final TestOutputTopic<String, PileOnAlert> pileOns;
    public final TestOutputTopic<String, ThreadedPost> threads;
    public final TestOutputTopic<byte[], byte[]> rejected;
    private final FigureDirectory directory;

    /** The production settings of a batch run: an end of input is accepted. */
    public TopologyFixture() {
        this(CrossfireSettings.batch());
    }

    public TopologyFixture(CrossfireSettings settings) {
        this(settings, CrossfireMetrics.noop());
    }

    public TopologyFixture(CrossfireMetrics metrics) {
        this(CrossfireSettings.batch(), metrics);
    }

    public TopologyFixture(CrossfireSettings settings, CrossfireMetrics metrics) {
        this(settings, metrics, new Properties());
    }

    /**
     * {@code streams}: Kafka Streams settings laid over the driver's own, e.g. the production ones
     * ({@code StreamsProperties.of}) to see what their exception handlers and dead-letter queue do.
     */
    public TopologyFixture(CrossfireSettings settings, Properties streams) {
        this(settings, CrossfireMetrics.noop(), streams);
    }

    /** A fixture as {@code run} is by default: an end-of-input record is refused. */
    public static TopologyFixture refusingEndOfInput(CrossfireSettings settings) {
        return new TopologyFixture(settings.withEndOfInput(false), CrossfireMetrics.noop(), new Properties(), false, 1);
    }

    /**
     * A fixture whose linker believes the posts topic has {@code partitions} partitions, though the
     * driver has one: posts whose ids hash elsewhere go through the thread topics as strays, and
     * requests for parents owned elsewhere through the thread-requests topic, as across partitions.
     * The exchange desk then waits for watermarks from partitions that never send: it raises nothing.
     */
    public static TopologyFixture asIfPartitions(CrossfireSettings settings, int partitions) {
        return new TopologyFixture(settings, CrossfireMetrics.noop(), new Properties(), true, partitions);
    }

    private TopologyFixture(CrossfireSettings settings, CrossfireMetrics metrics, Properties streams) {
        this(settings, metrics, streams, true, 1);
    }

    /** {@code batch}: the fixture stands for a batch run, which accepts the end of its input whatever the settings say. */
    private TopologyFixture(CrossfireSettings settings, CrossfireMetrics metrics, Properties streams, boolean batch, int partitions) {
        settings = batch ? settings.withEndOfInput(true) : settings;
        this.settings = settings;
        this.serdes = new CrossfireSerdes(new InMemorySchemaRegistry());
        Properties props = new Properties();
        props.put(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, -1L); // as in production (StreamsProperties)
        props.putAll(streams);
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "crossfire-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(CrossfireTopology.LOOP_PARTITIONS_CONFIG, partitions); // the test driver's topics have one
        try {
            Path stateDir = Files.createTempDirectory("crossfire-ttd");
            props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        this.directory = new FigureDirectory();
        this.driver = new TopologyTestDriver(CrossfireTopology.build(settings, serdes, directory, new HostilityScorer(), metrics), props);
        var t = settings.topics();
        posts = driver.createInputTopic(t.posts(), Serdes.ByteArray().serializer(), Serdes.ByteArray().serializer());
        figures = driver.createInputTopic(t.figures(), Serdes.String().serializer(), serdes.figure.serializer());
        alerts = driver.createOutputTopic(t.alerts(), Serdes.String().deserializer(), serdes.alert.deserializer());
        pileOns = driver.createOutputTopic(t.pileOns(), Serdes.String().deserializer(), serdes.pileOn.deserializer());
        threads = driver.createOutputTopic(t.threads(), Serdes.String().deserializer(), serdes.threadedPost.deserializer());
        rejected = driver.createOutputTopic(t.rejected(), Serdes.ByteArray().deserializer(), Serdes.ByteArray().deserializer());
    }

    public void registry(List<PublicFigure> entries) {
        entries.forEach(this::figure);
    }

    public void figure(PublicFigure f) {
        figures.pipeInput(f.getId(), f, INGEST_TIME);
    }

    public void removeFigure(String id) {
        figures.pipeInput(id, null, INGEST_TIME);
    }

    public void send(PostBuilder... builders) {
        for (PostBuilder p : builders) {
            sendRaw(p.id(), p.json());
        }
    }

    public void sendRaw(String key, String value) {
        sendRaw(key == null ? null : key.getBytes(StandardCharsets.UTF_8), value.getBytes(StandardCharsets.UTF_8));
    }

    public void sendRaw(byte[] key, byte[] value) {
        posts.pipeInput(new TestRecord<>(key, value, new RecordHeaders(), INGEST_TIME));
    }

    /** What detect does at the end of a file: every waiting child and every held turn is released. */
    public void endOfInput() {
        RecordHeaders headers = new RecordHeaders();
        headers.add(DeadLetter.CONTROL, EndOfInput.marker());
        posts.pipeInput(new TestRecord<>(null, new byte[0], headers, INGEST_TIME));
    }

    /** The thread as the query API reads it from the linker's stores (the driver has one partition: all of it). */
    public List<ThreadNode> thread(String rootId) {
        KeyValueStore<Bytes, ValueAndTimestamp<byte[]>> posts = driver.getTimestampedKeyValueStore(StoreNames.POSTS);
        KeyValueStore<String, Post> strays = driver.getKeyValueStore(StoreNames.STRAYS);
        KeyValueStore<String, ThreadLink> links = driver.getKeyValueStore(StoreNames.LINKS);
        KeyValueStore<String, byte[]> members = driver.getKeyValueStore(StoreNames.THREAD_MEMBERS);
        PostDecoder decoder = new PostDecoder(serdes.post);
        return new ThreadReader(new InteractionDeriver(directory)).read(rootId, 100_000, new ThreadReader.Source() {
            @Override
            public Optional<Post> post(String postId) {
                ValueAndTimestamp<byte[]> stored = posts.get(Bytes.wrap(postId.getBytes(StandardCharsets.UTF_8)));
                if (stored != null) {
                    try {
                        Post post = decoder.decode("posts", stored.value());
                        if (post.getId().equals(postId)) {
                            return Optional.of(post);
                        }
                    } catch (InvalidPostException e) {
                        // not a post: see the strays
                    }
                }
                return Optional.ofNullable(strays.get(postId));
            }

            @Override
            public ThreadLink link(String postId) {
                return links.get(postId);
            }

            @Override
            public void members(String root, Predicate<String> visitor) {
                String prefix = ThreadMembers.prefix(root);
                try (KeyValueIterator<String, byte[]> it = members.prefixScan(prefix, new StringSerializer())) {
                    while (it.hasNext() && visitor.test(it.next().key.substring(prefix.length()))) {
                        // next
                    }
                }
            }
        });
    }

    public List<ExchangeAlert> alerts() {
        return alerts.readValuesToList();
    }

    public List<PileOnAlert> pileOns() {
        return pileOns.readValuesToList();
    }

    public List<ThreadedPost> threads() {
        return threads.readValuesToList();
    }

    @Override
    public void close() {
        driver.close();
    }
}
