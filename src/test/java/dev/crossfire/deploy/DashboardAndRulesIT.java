package dev.crossfire.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crossfire.app.TopicLayout;
import dev.crossfire.config.Topics;
import dev.crossfire.embedded.EmbeddedKafka;
import dev.crossfire.testing.PostBuilder;
import dev.crossfire.testing.SeedStory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

/**
 * What {@link DashboardAndRulesTest} cannot see without a broker: the metrics of the tasks a running
 * app runs (Kafka Streams' dropped records among them) and the partitions its consumers read. crossfire
 * runs on the embedded broker, wired as {@code run} is, and has dead-lettered a post and an internal
 * record; then every query of the dashboard and the rules is checked against its {@code /metrics},
 * with nothing left out.
 */
class DashboardAndRulesIT {

    @Test
    void everyMetricTheDashboardAndTheRulesQueryIsExportedByARunningCrossfire() throws Exception {
        Path work = Files.createTempDirectory("crossfire-dashboard-it");
        try (EmbeddedKafka kafka = EmbeddedKafka.start(work.resolve("kafka"))) {
            try (RunWiring run = RunWiring.open(kafka.bootstrapServers(), work.resolve("state"), 1)) {
                Topics topics = run.settings.topics();
                kafka.createTopics(TopicLayout.specs(topics, 1));
                run.app.start(Duration.ofMinutes(1));
                try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        kafka.bootstrapServers()), new ByteArraySerializer(), new ByteArraySerializer())) {
                    for (PostBuilder post : SeedStory.inOrder()) {
                        producer.send(new ProducerRecord<>(topics.posts(), bytes(post.id()), bytes(post.json())));
                    }
                    // one dead letter from the validator, one from Kafka Streams' own handler
                    producer.send(new ProducerRecord<>(topics.posts(), bytes("not-a-post"), bytes("this is not json {")));
                    producer.send(new ProducerRecord<>(topics.turns(), bytes("not-a-turn"), new byte[] {0, 0, 0, 0, 42, 7, 7, 7})).get();
                }
                awaitDeadLetters(kafka.bootstrapServers(), topics.rejected(), 2);

                // a second binder sees now what the first adds at its next refresh, a minute on: the tasks and partitions
                run.metrics.bind(run.app.streams());
                QueryCheck check = new QueryCheck(new Exposition().add(run.scrape()).add(MonitoringFiles.notifyScrape()));
                assertThat(MonitoringFiles.dashboardProblems(Files.readString(MonitoringFiles.DASHBOARD), check)).isEmpty();
                assertThat(MonitoringFiles.ruleProblems(Files.readString(MonitoringFiles.RULES), check)).isEmpty();
            }
        }
    }

    private static void awaitDeadLetters(String bootstrapServers, String topic, int count) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "dashboard-it-reader",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            int seen = 0;
            long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (seen < count && System.nanoTime() < until) {
                seen += consumer.poll(Duration.ofMillis(500)).count();
            }
            assertThat(seen).as("dead letters on " + topic).isGreaterThanOrEqualTo(count);
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
