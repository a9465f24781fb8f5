package dev.crossfire.topology;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crossfire.app.StreamsProperties;
import dev.crossfire.app.TopicLayout;
import dev.crossfire.avro.SignalType;
import dev.crossfire.avro.ThreadSignal;
import dev.crossfire.config.CrossfireSettings;
import dev.crossfire.embedded.EmbeddedKafka;
import dev.crossfire.figure.FigureDirectory;
import dev.crossfire.serde.InMemorySchemaRegistry;
import dev.crossfire.text.HostilityScorer;
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
 * production settings, a record on the thread-signals loop that fails to deserialize, and one that
 * fails in processing, each reach the dead-letter topic (Kafka Streams' KIP-1034 queue) with the
 * exception in its headers, and the stream thread goes on.
 */
class LoopDeadLetterIT {

    @Test
    void recordsThatFailToDeserializeOrToProcessOnTheLoopReachTheDeadLetterTopic() throws Exception {
        Path work = Files.createTempDirectory("hostile-loop");
        CrossfireSettings settings = CrossfireSettings.defaults();
        CrossfireSerdes serdes = new CrossfireSerdes(new InMemorySchemaRegistry());
        try (EmbeddedKafka kafka = EmbeddedKafka.start(work.resolve("kafka"))) {
            kafka.createTopics(TopicLayout.specs(settings.topics(), 1));
            Properties props = StreamsProperties.of("hostile-loop", kafka.bootstrapServers(), work.resolve("state"), settings, 1);
            try (KafkaStreams streams = new KafkaStreams(
                    CrossfireTopology.build(settings, serdes, new FigureDirectory(), new HostilityScorer()), props)) {
                streams.start();
                long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
                while (streams.state() != KafkaStreams.State.RUNNING && System.nanoTime() < deadline) {
                    Thread.sleep(100);
                }
                assertThat(streams.state()).isEqualTo(KafkaStreams.State.RUNNING);

                byte[] garbage = {0, 0, 0, 0, 42, 7, 7, 7};
                byte[] noPost = serdes.signal.serialize(settings.topics().threadSignals(),
                    ThreadSignal.newBuilder().setType(SignalType.AWAITING_PARENT).setWaitingSince(1).build());
                try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()), new ByteArraySerializer(), new ByteArraySerializer())) {
                    producer.send(new ProducerRecord<>(settings.topics().threadSignals(), bytes("garbage"), garbage)).get();
                    producer.send(new ProducerRecord<>(settings.topics().threadSignals(), bytes("x:1"), noPost)).get();
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
                assertThat(streams.state()).isEqualTo(KafkaStreams.State.RUNNING);
                assertThat(dead).extracting(r -> new String(r.key(), StandardCharsets.UTF_8)).containsExactlyInAnyOrder("garbage", "x:1");
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
