package dev.crossfire.embedded;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.FeatureMetadata;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.server.common.Feature;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real in-process broker, a Kafka Streams app with exactly_once_v2 and a read_committed
 * consumer: the embedded mode works end to end.
 */
class EmbeddedKafkaIT {

    private static final Path WORK_DIR = Path.of("target", "embedded-kafka-it");
    private static final String INPUT = "it-input";
    private static final String OUTPUT = "it-output";
    private static final String COMPACTED = "it-compacted";
    private static final int RECORDS = 100;

    @Test
    void streamsExactlyOnceRoundTrip() throws Exception {
        long testStart = System.nanoTime();
        Path dataDir;
        long closeMillis;

        long startCall = System.nanoTime();
        EmbeddedKafka kafka = EmbeddedKafka.start(WORK_DIR);
        long startCallMillis = millisSince(startCall);
        System.out.printf("EmbeddedKafka startup: %d ms (start() call %d ms), bootstrap %s%n",
                kafka.startupMillis(), startCallMillis, kafka.bootstrapServers());
        try {
            dataDir = kafka.dataDir();
            assertThat(dataDir).isDirectory().startsWith(WORK_DIR.toAbsolutePath());
            assertThat(kafka.bootstrapServers()).startsWith("127.0.0.1:");

            long topicsStart = System.nanoTime();
            kafka.createTopics(TopicSpec.of(INPUT, 3), TopicSpec.of(OUTPUT, 3), TopicSpec.compacted(COMPACTED, 2));
            kafka.createTopics(TopicSpec.of(INPUT, 3)); // exists already: no error
            System.out.printf("EmbeddedKafka createTopics: %d ms%n", millisSince(topicsStart));

            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
                assertProductionFeatures(admin);
                Map<String, TopicDescription> topics = admin.describeTopics(List.of(INPUT, OUTPUT, COMPACTED))
                        .allTopicNames().get(10, TimeUnit.SECONDS);
                assertThat(topics.get(INPUT).partitions()).hasSize(3);
                assertThat(topics.get(COMPACTED).partitions()).hasSize(2);
                ConfigResource compacted = new ConfigResource(ConfigResource.Type.TOPIC, COMPACTED);
                Config config = admin.describeConfigs(List.of(compacted)).all().get(10, TimeUnit.SECONDS).get(compacted);
                assertThat(config.get("cleanup.policy").value()).isEqualTo("compact");
            }

            long roundTripStart = System.nanoTime();
            List<ConsumerRecord<String, String>> received = upperCaseRoundTrip(kafka.bootstrapServers());
            System.out.printf("Streams exactly_once_v2 round trip of %d records: %d ms%n", RECORDS, millisSince(roundTripStart));

            assertThat(received).hasSize(RECORDS);
            Map<String, String> byKey = new LinkedHashMap<>();
            received.forEach(r -> byKey.put(r.key(), r.value()));
            assertThat(byKey).hasSize(RECORDS);
            for (int i = 0; i < RECORDS; i++) {
                assertThat(byKey).containsEntry("key-" + i, "VALUE-" + i);
            }
        } finally {
            long closeStart = System.nanoTime();
            kafka.close();
            closeMillis = millisSince(closeStart);
        }
        System.out.printf("EmbeddedKafka close: %d ms; whole test: %d ms%n", closeMillis, millisSince(testStart));
        assertThat(dataDir).doesNotExist();
        kafka.close(); // idempotent
        Files.deleteIfExists(WORK_DIR); // if empty
    }

    private static void assertProductionFeatures(Admin admin) throws Exception {
        FeatureMetadata features = admin.describeFeatures().featureMetadata().get(10, TimeUnit.SECONDS);
        for (Feature feature : List.of(Feature.TRANSACTION_VERSION, Feature.GROUP_VERSION, Feature.STREAMS_VERSION)) {
            assertThat(features.finalizedFeatures().get(feature.featureName()))
                    .as(feature.featureName())
                    .isNotNull()
                    .satisfies(range -> assertThat(range.maxVersionLevel()).isEqualTo(feature.latestProduction()));
        }
    }

    private static List<ConsumerRecord<String, String>> upperCaseRoundTrip(String bootstrap) throws Exception {
        Path stateDir = Files.createDirectories(WORK_DIR).resolve("streams-state");
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "embedded-kafka-it");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);

        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(INPUT, Consumed.with(Serdes.String(), Serdes.String()))
                .mapValues(value -> value.toUpperCase(Locale.ROOT))
                .to(OUTPUT, Produced.with(Serdes.String(), Serdes.String()));
        KafkaStreams streams = new KafkaStreams(builder.build(), props);
        CountDownLatch running = new CountDownLatch(1);
        streams.setStateListener((now, before) -> {
            if (now == KafkaStreams.State.RUNNING) {
                running.countDown();
            }
        });
        try {
            long streamsStart = System.nanoTime();
            streams.start();
            assertThat(running.await(60, TimeUnit.SECONDS)).as("Streams reached RUNNING").isTrue();
            System.out.printf("Streams RUNNING after %d ms%n", millisSince(streamsStart));

            produce(bootstrap);
            return consume(bootstrap);
        } finally {
            boolean closed = streams.close(CloseOptions
                    .groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                    .withTimeout(Duration.ofSeconds(30)));
            assertThat(closed).as("Streams closed in time").isTrue();
            streams.cleanUp();
            Utils.delete(stateDir.toFile());
        }
    }

    private static void produce(String bootstrap) throws Exception {
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        try (KafkaProducer<String, String> producer =
                     new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < RECORDS; i++) {
                producer.send(new ProducerRecord<>(INPUT, "key-" + i, "value-" + i));
            }
            producer.flush();
        }
    }

    private static List<ConsumerRecord<String, String>> consume(String bootstrap) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "embedded-kafka-it-reader",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<ConsumerRecord<String, String>> received = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer =
                     new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(Set.of(OUTPUT));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (received.size() < RECORDS && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(received::add);
            }
            // nothing beyond the 100 (no duplicates) shows up shortly after
            consumer.poll(Duration.ofMillis(500)).forEach(received::add);
        }
        return received;
    }

    private static long millisSince(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - nanos);
    }
}
