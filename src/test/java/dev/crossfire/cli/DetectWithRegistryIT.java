package dev.crossfire.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crossfire.avro.ExchangeAlert;
import dev.crossfire.embedded.EmbeddedKafka;
import dev.crossfire.registry.ApicurioRegistry;
import dev.crossfire.serde.AvroSerde;
import dev.crossfire.serde.HttpSchemaRegistryClient;
import dev.crossfire.serde.RegistrySettings;
import dev.crossfire.testing.SeedFiles;
import dev.crossfire.testing.SeedStory;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.avro.Schema;
import org.apache.flink.avro.registry.confluent.shaded.io.confluent.kafka.schemaregistry.client.CachedSchemaRegistryClient;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * detect end to end against an external broker and a real Confluent-API registry: crossfire
 * registers its schemas on first use, any consumer with a fresh client decodes the alerts by id, and
 * Confluent's own client reads back what crossfire registered.
 */
class DetectWithRegistryIT {

    @RegisterExtension
    static final ApicurioRegistry REGISTRY = ApicurioRegistry.start();

    @TempDir
    Path dir;

    @Test
    void detectRegistersItsSchemasAndItsAlertsDecodeWithAFreshClientAndWithConfluentsOwn() throws Exception {
        Path figures = SeedFiles.figures(dir, false);
        Path posts = SeedFiles.posts(dir, SeedStory.inOrder());
        Path alerts = dir.resolve("alerts.jsonl");

        try (EmbeddedKafka kafka = EmbeddedKafka.start(dir.resolve("kafka"))) {
            CliRun run = CliRun.of("detect", "--posts", posts.toString(), "--figures", figures.toString(), "--alerts", alerts.toString(),
                "--bootstrap-servers", kafka.bootstrapServers(), "--schema-registry-url", REGISTRY.url());
            assertThat(run.exit()).as(run.err()).isZero();
            List<String> written = Files.readAllLines(alerts);
            assertThat(written).isNotEmpty();

            String alertsTopic;
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
                alertsTopic = admin.listTopics().names().get().stream().filter(t -> t.endsWith(".crossfire.alerts")).findFirst().orElseThrow();
            }
            List<byte[]> values = readAll(kafka.bootstrapServers(), alertsTopic);
            assertThat(values).hasSize(written.size());

            // any consumer: a fresh client, the id in the bytes, nothing else shared with crossfire
            AvroSerde<ExchangeAlert> fresh = new AvroSerde<>(new HttpSchemaRegistryClient(RegistrySettings.forUrl(REGISTRY.url())),
                ExchangeAlert.getClassSchema());
            ObjectMapper json = new ObjectMapper();
            List<String> decodedIds = new ArrayList<>();
            for (byte[] v : values) {
                decodedIds.add(fresh.deserialize(alertsTopic, v).getAlertId());
            }
            List<String> writtenIds = new ArrayList<>();
            for (String line : written) {
                writtenIds.add(json.readTree(line).get("alertId").asText());
            }
            assertThat(decodedIds).containsExactlyInAnyOrderElementsOf(writtenIds);

            // Confluent's own client reads back what crossfire registered
            int id = ByteBuffer.wrap(values.get(0), 1, 4).getInt();
            CachedSchemaRegistryClient confluent = new CachedSchemaRegistryClient(REGISTRY.url(), 100);
            Collection<String> subjects = confluent.getAllSubjects();
            assertThat(subjects).contains(alertsTopic + "-value", alertsTopic.replace(".crossfire.alerts", ".crossfire.figures") + "-value");
            Schema registered = new Schema.Parser().parse(confluent.getSchemaById(id).canonicalString());
            assertThat(registered).isEqualTo(ExchangeAlert.getClassSchema());
            assertThat(confluent.getLatestSchemaMetadata(alertsTopic + "-value").getId()).isEqualTo(id);
        }
    }

    private static List<byte[]> readAll(String bootstrap, String topic) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<byte[]> values = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream().map(i -> new TopicPartition(topic, i.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp)) && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    values.add(r.value());
                }
            }
        }
        return values;
    }
}
