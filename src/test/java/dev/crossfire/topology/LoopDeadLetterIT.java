package dev.crossfire.topology;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crossfire.app.CrossfireApp;
import dev.crossfire.app.StreamsProperties;
import dev.crossfire.app.TopicLayout;
import dev.crossfire.config.CrossfireSettings;
import dev.crossfire.embedded.EmbeddedKafka;
import dev.crossfire.figure.FigureDirectory;
import dev.crossfire.metrics.CrossfireMetrics;
import dev.crossfire.serde.InMemorySchemaRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;

/**
 * What {@code HostileLoopTest} cannot show under the test driver: on a real broker, under the
 * production settings, a record on an internal topic that fails to deserialize reaches the
 * dead-letter topic (Kafka Streams' KIP-1034 queue) with the exception in its headers, and the
 * stream thread goes on.
 */
class LoopDeadLetterIT {

    @Test
    void recordsThatFailToDeserializeOnTheInternalTopicsReachTheDeadLetterTopic() throws Exception {
        Path work = Files.createTempDirectory("hostile-loop");
        CrossfireSettings settings = CrossfireSettings.defaults();
        CrossfireSerdes serdes = new CrossfireSerdes(new InMemorySchemaRegistry());
        try (EmbeddedKafka kafka = EmbeddedKafka.start(work.resolve("kafka"))) {
            kafka.createTopics(TopicLayout.specs(settings.topics(), 1));
            Properties props = StreamsProperties.of("hostile-loop", kafka.bootstrapServers(), work.resolve("state"), settings, 1);
            try (CrossfireApp app = CrossfireApp.create(settings, serdes, props, 1, new FigureDirectory(), CrossfireMetrics.noop())) {
                app.start(Duration.ofMinutes(2));

                byte[] garbage = {0, 0, 0, 0, 42, 7, 7, 7};
                try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()), new ByteArraySerializer(), new ByteArraySerializer())) {
                    producer.send(new ProducerRecord<>(settings.topics().threadRequests(), bytes("garbage-request"), garbage)).get();
                    producer.send(new ProducerRecord<>(settings.topics().turns(), bytes("garbage-turn"), garbage)).get();
                }

                List<ConsumerRecord<byte[], byte[]>> dead = new ArrayList<>();
                try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                        ConsumerConfig.GROUP_ID_CONFIG, "hostile-loop-reader",
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
                    consumer.subscribe(List.of(settings.topics().rejected()));
                    long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                    while (dead.size() < 2 && System.nanoTime() < until) {
                        consumer.poll(Duration.ofMillis(500)).forEach(dead::add);
                    }
                }
                assertThat(app.state()).isEqualTo(KafkaStreams.State.RUNNING);
                assertThat(dead).extracting(r -> new String(r.key(), StandardCharsets.UTF_8))
                    .containsExactlyInAnyOrder("garbage-request", "garbage-turn");
                assertThat(dead).allSatisfy(r -> assertThat(header(r, "__streams.errors.exception")).isNotBlank());
            }
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        Header h = record.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
