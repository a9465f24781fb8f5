package dev.crossfire.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crossfire.avro.EscalationLevel;
import dev.crossfire.avro.ExchangeAlert;
import dev.crossfire.avro.PublicFigure;
import dev.crossfire.config.ServiceConfig;
import dev.crossfire.config.Topics;
import dev.crossfire.embedded.EmbeddedKafka;
import dev.crossfire.registry.ApicurioRegistry;
import dev.crossfire.serde.AvroSerde;
import dev.crossfire.serde.HttpSchemaRegistryClient;
import dev.crossfire.serde.RegistrySettings;
import dev.crossfire.testing.FigureBuilder;
import dev.crossfire.testing.PostBuilder;
import dev.crossfire.testing.SeedStory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code run}'s service on an external broker and a real registry: posts in, alerts out, a clean stop. */
class ServiceIT {

    @RegisterExtension
    static final ApicurioRegistry REGISTRY = ApicurioRegistry.start();

    @TempDir
    Path dir;

    @Test
    void theServiceTurnsTheSeedPostsIntoAlertsAnyConsumerCanDecode() throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start(dir.resolve("kafka"))) {
            Topics topics = Topics.defaults();
            kafka.createTopics(TopicLayout.specs(topics, 2));
            ServiceConfig config = ServiceConfig.of(Map.of("bootstrap.servers", kafka.bootstrapServers(),
                RegistrySettings.URL, REGISTRY.url(), "state.dir", dir.resolve("state").toString(), "application.id", "crossfire-it",
                "num.stream.threads", "1"));
            HttpSchemaRegistryClient registry = new HttpSchemaRegistryClient(config.registry());
            AvroSerde<PublicFigure> figures = new AvroSerde<>(registry, PublicFigure.getClassSchema());
            Properties p = new Properties();
            p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
            try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
                for (PublicFigure f : FigureBuilder.seedFigures()) {
                    producer.send(new ProducerRecord<>(topics.figures(), f.getId().getBytes(StandardCharsets.UTF_8), figures.serialize(topics.figures(), f)));
                }
                producer.flush();
            }

            Service service = Service.start(config, Duration.ofMinutes(2));
            try {
                assertThat(service.state()).isEqualTo(KafkaStreams.State.RUNNING);
                try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
                    for (PostBuilder post : SeedStory.inOrder()) {
                        producer.send(new ProducerRecord<>(topics.posts(), post.id().getBytes(StandardCharsets.UTF_8), post.json().getBytes(StandardCharsets.UTF_8)));
                    }
                }
                List<ExchangeAlert> alerts = awaitAlerts(kafka.bootstrapServers(), topics.alerts(), Duration.ofSeconds(60));
                assertThat(alerts).extracting(ExchangeAlert::getLevel).contains(EscalationLevel.ESCALATING);
            } finally {
                service.close();
            }
            assertThat(service.state()).isEqualTo(KafkaStreams.State.NOT_RUNNING);
        }
    }

    private static List<ExchangeAlert> awaitAlerts(String bootstrap, String topic, Duration timeout) {
        AvroSerde<ExchangeAlert> fresh = new AvroSerde<>(new HttpSchemaRegistryClient(RegistrySettings.forUrl(REGISTRY.url())),
            ExchangeAlert.getClassSchema());
        Properties c = new Properties();
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        c.put(ConsumerConfig.GROUP_ID_CONFIG, "service-it");
        c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<ExchangeAlert> alerts = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(c, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline && alerts.stream().noneMatch(a -> a.getLevel() == EscalationLevel.ESCALATING)) {
                consumer.poll(Duration.ofMillis(300)).forEach(r -> alerts.add(fresh.deserialize(topic, r.value())));
            }
        }
        return alerts;
    }
}
