package dev.crossfire.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.crossfire.avro.Post;
import dev.crossfire.avro.ThreadedPost;
import dev.crossfire.config.CrossfireSettings;
import dev.crossfire.figure.FigureDirectory;
import dev.crossfire.post.PostJson;
import dev.crossfire.serde.AvroSerde;
import dev.crossfire.serde.HttpSchemaRegistryClient;
import dev.crossfire.serde.InMemorySchemaRegistry;
import dev.crossfire.serde.RegistryHttpServer;
import dev.crossfire.serde.RegistrySettings;
import dev.crossfire.serde.SchemaRegistryException;
import dev.crossfire.testing.PostBuilder;
import dev.crossfire.text.HostilityScorer;
import dev.crossfire.topology.CrossfireSerdes;
import dev.crossfire.topology.CrossfireTopology;
import dev.crossfire.topology.TopologyFixture;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.apache.kafka.streams.errors.internals.DefaultErrorHandlerContext;
import org.apache.kafka.streams.errors.internals.ExceptionHandlerUtils;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The three exception handlers' policies: bad records are dead-lettered with their reason and
 * processing goes on; an unreachable schema registry fails the task so the record is read again
 * later; a broker that refuses a record fails the task (retriable errors are retried).
 */
class ErrorPolicyTest {

    private static final String DEAD_LETTERS = "crossfire.posts.rejected";
    private static final byte[] RAW_KEY = "x:1".getBytes(StandardCharsets.UTF_8);
    private static final byte[] RAW_VALUE = {0, 0, 0, 0, 42, 1, 2, 3};

    @TempDir
    Path dir;

    @Test
    void anUnreadableRecordIsDeadLetteredWithItsReasonAndTheThreadGoesOn() {
        Exception unknownSchema = readFailure(new InMemorySchemaRegistry());
        assertThat(SchemaRegistryException.isTransientIn(unknownSchema)).isFalse();

        var response = policy(new DeserializationPolicy()).handleError(context(), consumed(), unknownSchema);

        assertThat(response.result().name()).isEqualTo("RESUME");
        assertThat(response.deadLetterQueueRecords()).singleElement().satisfies(dead -> {
            assertThat(dead.topic()).isEqualTo(DEAD_LETTERS);
            assertThat(dead.value()).isEqualTo(RAW_VALUE);
            assertThat(header(dead, ExceptionHandlerUtils.HEADER_ERRORS_EXCEPTION_MESSAGE_NAME)).contains("writer schema id 42");
        });
    }

    @Test
    void anUnreachableRegistryFailsTheTaskInsteadOfDeadLetteringAGoodRecord() throws Exception {
        Exception unreachable = readFailure(new HttpSchemaRegistryClient(unreachableRegistry()));
        assertThat(SchemaRegistryException.isTransientIn(unreachable)).isTrue();

        assertThat(policy(new DeserializationPolicy()).handleError(context(), consumed(), unreachable).result().name())
            .isEqualTo("FAIL");
        assertThat(policy(new ProcessingPolicy()).handleError(context(), null, unreachable).result().name()).isEqualTo("FAIL");
        var production = policy(new ProductionPolicy()).handleSerializationError(context(), produced(), unreachable,
            ProductionExceptionHandler.SerializationExceptionOrigin.VALUE);
        assertThat(production.result()).isEqualTo(ProductionExceptionHandler.Result.FAIL);
        assertThat(production.deadLetterQueueRecords()).isEmpty();
    }

    @Test
    void aProcessingFailureDeadLettersTheSourceRecord() {
        var response = policy(new ProcessingPolicy()).handleError(context(), null, new IllegalStateException("a bug"));
        assertThat(response.result().name()).isEqualTo("RESUME");
        assertThat(response.deadLetterQueueRecords()).singleElement()
            .satisfies(dead -> assertThat(header(dead, ExceptionHandlerUtils.HEADER_ERRORS_EXCEPTION_MESSAGE_NAME)).isEqualTo("a bug"));
    }

    @Test
    void anOutputThatCannotBeSerializedDeadLettersItsInputAndGoesOn() {
        var response = policy(new ProductionPolicy()).handleSerializationError(context(), produced(),
            new SerializationException("the registry refuses the schema"), ProductionExceptionHandler.SerializationExceptionOrigin.VALUE);
        assertThat(response.result()).isEqualTo(ProductionExceptionHandler.Result.RESUME);
        assertThat(response.deadLetterQueueRecords()).singleElement().satisfies(dead -> {
            assertThat(dead.topic()).isEqualTo(DEAD_LETTERS);
            assertThat(dead.key()).isEqualTo(RAW_KEY);
        });
    }

    @Test
    void aRefusedSendFailsTheTaskAndARetriableOneIsRetried() {
        ProductionPolicy policy = policy(new ProductionPolicy());
        assertThat(policy.handleError(context(), produced(), new RecordTooLargeException("too big")).result())
            .isEqualTo(ProductionExceptionHandler.Result.FAIL);
        assertThat(policy.handleError(context(), produced(), new TimeoutException("slow")).result())
            .isEqualTo(ProductionExceptionHandler.Result.RETRY);
    }

    /** The dead letter itself is checked on a real broker (FaultToleranceIT): the test driver does not capture it. */
    @Test
    void inTheTopologyAGarbledLoopRecordDoesNotStopThePosts() {
        CrossfireSettings settings = CrossfireSettings.defaults();
        CrossfireSerdes serdes = new CrossfireSerdes(new InMemorySchemaRegistry());
        try (TopologyTestDriver driver = driver(settings, serdes)) {
            TestInputTopic<byte[], byte[]> loop = driver.createInputTopic(settings.topics().threadRequests(),
                Serdes.ByteArray().serializer(), Serdes.ByteArray().serializer());
            loop.pipeInput(new TestRecord<>(RAW_KEY, RAW_VALUE, new RecordHeaders(), TopologyFixture.INGEST_TIME));
            posts(driver, settings).pipeInput(new TestRecord<>(RAW_KEY, PostBuilder.post("x:1", "someone", "2025-12-31T23:00:00Z", "hello")
                .json().getBytes(StandardCharsets.UTF_8), new RecordHeaders(), TopologyFixture.INGEST_TIME));

            assertThat(threads(driver, settings, serdes).readValuesToList()).extracting(t -> t.getPost().getId()).containsExactly("x:1");
        }
    }

    @Test
    void inTheTopologyAnAvroPostIsNotRejectedWhileTheRegistryIsAway() throws Exception {
        CrossfireSettings settings = CrossfireSettings.defaults();
        InMemorySchemaRegistry schemas = new InMemorySchemaRegistry();
        byte[] avroPost = new AvroSerde<>(schemas, Post.getClassSchema()).serialize(settings.topics().posts(),
            PostJson.parse(PostBuilder.post("x:7", "someone", "2025-12-31T23:00:00Z", "hello").json().getBytes(StandardCharsets.UTF_8)));
        RegistryHttpServer server = RegistryHttpServer.start(schemas);
        RegistrySettings quick = RegistrySettings.forUrl(server.url()).withTimeouts(Duration.ofSeconds(2), 1, Duration.ofMillis(50));
        server.close(); // crossfire has not read the post's schema yet, and now cannot
        CrossfireSerdes serdes = new CrossfireSerdes(new HttpSchemaRegistryClient(quick));
        try (TopologyTestDriver driver = driver(settings, serdes)) {
            assertThatThrownBy(() -> posts(driver, settings).pipeInput(
                new TestRecord<>(RAW_KEY, avroPost, new RecordHeaders(), TopologyFixture.INGEST_TIME)))
                .satisfies(e -> assertThat(SchemaRegistryException.isTransientIn(e)).isTrue());
            assertThat(driver.createOutputTopic(settings.topics().rejected(), Serdes.ByteArray().deserializer(),
                Serdes.ByteArray().deserializer()).isEmpty()).isTrue();
        }
    }

    private TopologyTestDriver driver(CrossfireSettings settings, CrossfireSerdes serdes) {
        Properties props = StreamsProperties.of("crossfire-test", "unused:9092", dir.resolve("state"), settings, 1);
        props.put(CrossfireTopology.LOOP_PARTITIONS_CONFIG, 1);
        return new TopologyTestDriver(CrossfireTopology.build(settings, serdes, new FigureDirectory(), new HostilityScorer()), props);
    }

    private static TestInputTopic<byte[], byte[]> posts(TopologyTestDriver driver, CrossfireSettings settings) {
        return driver.createInputTopic(settings.topics().posts(), Serdes.ByteArray().serializer(), Serdes.ByteArray().serializer());
    }

    private static TestOutputTopic<String, ThreadedPost> threads(TopologyTestDriver driver, CrossfireSettings settings,
                                                                 CrossfireSerdes serdes) {
        return driver.createOutputTopic(settings.topics().threads(), Serdes.String().deserializer(), serdes.threadedPost.deserializer());
    }

    /** What the post serde throws for a value whose schema id 42 it cannot fetch from {@code registry}. */
    private static Exception readFailure(dev.crossfire.serde.SchemaRegistryClient registry) {
        try {
            new AvroSerde<>(registry, Post.getClassSchema()).deserialize("crossfire.posts", RAW_VALUE);
        } catch (SerializationException e) {
            return e;
        }
        throw new AssertionError("schema id 42 was read");
    }

    private static RegistrySettings unreachableRegistry() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort(); // free once closed: connections are refused
        }
        return RegistrySettings.forUrl("http://127.0.0.1:" + port).withTimeouts(Duration.ofSeconds(2), 1, Duration.ofMillis(50));
    }

    private static <T extends org.apache.kafka.common.Configurable> T policy(T handler) {
        handler.configure(Map.of(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, DEAD_LETTERS));
        return handler;
    }

    private static ErrorHandlerContext context() {
        return new DefaultErrorHandlerContext(null, "crossfire.posts", 0, 17L, new RecordHeaders(), "validate",
            new TaskId(0, 0), 0L, RAW_KEY, RAW_VALUE);
    }

    private static ConsumerRecord<byte[], byte[]> consumed() {
        return new ConsumerRecord<>("crossfire.posts", 0, 17L, RAW_KEY, RAW_VALUE);
    }

    private static ProducerRecord<byte[], byte[]> produced() {
        return new ProducerRecord<>("crossfire.threads", RAW_KEY, RAW_VALUE);
    }

    private static String header(ProducerRecord<byte[], byte[]> record, String name) {
        var h = record.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
