package dev.crossfire.topology;

import dev.crossfire.avro.ExchangeAlert;
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
    public final TestOutputTopic<String, ThreadedPost> threads;
    public final TestOutputTopic<byte[], byte[]> rejected;

    public TopologyFixture() {
        this(CrossfireSettings.defaults());
    }

    public TopologyFixture(CrossfireSettings settings) {
        this(settings, CrossfireMetrics.noop());
    }

    public TopologyFixture(CrossfireMetrics metrics) {
        this(CrossfireSettings.defaults(), metrics);
    }

    public TopologyFixture(CrossfireSettings settings, CrossfireMetrics metrics) {
        this(settings, metrics, true);
    }

    /** {@code linkWhereRead} false: the loop's partition count is not given, so every post goes round the loop. */
    public TopologyFixture(CrossfireSettings settings, CrossfireMetrics metrics, boolean linkWhereRead) {
        this(settings, metrics, linkWhereRead, new Properties());
    }

    /**
     * {@code streams}: Kafka Streams settings laid over the driver's own, e.g. the production ones
     * ({@code StreamsProperties.of}) to see what their exception handlers and dead-letter queue do.
     */
    public TopologyFixture(CrossfireSettings settings, Properties streams) {
        this(settings, CrossfireMetrics.noop(), true, streams);
    }

    private TopologyFixture(CrossfireSettings settings, CrossfireMetrics metrics, boolean linkWhereRead, Properties streams) {
        this.settings = settings;
        this.serdes = new CrossfireSerdes(new InMemorySchemaRegistry());
        Properties props = new Properties();
        props.putAll(streams);
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "crossfire-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        if (linkWhereRead) {
            props.put(CrossfireTopology.LOOP_PARTITIONS_CONFIG, 1); // the test driver's topics have one partition
        }
        try {
            Path stateDir = Files.createTempDirectory("crossfire-ttd");
            props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        this.driver = new TopologyTestDriver(
            CrossfireTopology.build(settings, serdes, new FigureDirectory(), new HostilityScorer(), metrics), props);
        var t = settings.topics();
        posts = driver.createInputTopic(t.posts(), Serdes.ByteArray().serializer(), Serdes.ByteArray().serializer());
        figures = driver.createInputTopic(t.figures(), Serdes.String().serializer(), serdes.figure.serializer());
        alerts = driver.createOutputTopic(t.alerts(), Serdes.String().deserializer(), serdes.alert.deserializer());
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

    /** What detect does at the end of a file: moves stream time past every buffer's time-out. */
    public void flush(Instant at) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(DeadLetter.CONTROL, DeadLetter.CONTROL_FLUSH.getBytes(StandardCharsets.UTF_8));
        headers.add(DeadLetter.CONTROL_TIME, Long.toString(at.toEpochMilli()).getBytes(StandardCharsets.UTF_8));
        // stamped like every record here, with the broker's time: the flush's own time travels in its header
        posts.pipeInput(new TestRecord<>(null, new byte[0], headers, INGEST_TIME));
    }

    /** All the flushes detect sends after the last post. */
    public void endOfInput(Instant lastEventTime) {
        EndOfInput.flushTimes(lastEventTime, settings).forEach(this::flush);
    }

    public List<ExchangeAlert> alerts() {
        return alerts.readValuesToList();
    }

    public List<ThreadedPost> threads() {
        return threads.readValuesToList();
    }

    @Override
    public void close() {
        driver.close();
    }
}
