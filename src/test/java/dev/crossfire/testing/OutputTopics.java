package dev.crossfire.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crossfire.app.KafkaIo;
import dev.crossfire.avro.ExchangeAlert;
import dev.crossfire.avro.ThreadedPost;
import dev.crossfire.serde.AvroSerde;
import dev.crossfire.serde.HttpSchemaRegistryClient;
import dev.crossfire.serde.RegistrySettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Waiting on what a running crossfire writes, for the end-to-end tests that feed it from outside (ingest, the connector). */
public final class OutputTopics {

    private OutputTopics() {
    }

    /** A recorded stream ends where a live one goes on: the end-of-input record releases the last replies' waits, as replay's does. */
    public static void endOfInput(String bootstrap, String topic) {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(KafkaIo.producerProps(bootstrap), new ByteArraySerializer(),
            new ByteArraySerializer())) {
            KafkaIo.endOfInput(producer, topic);
        }
    }

    /** Waits up to 30 s until the topic holds at least {@code expected} records, and fails if it does not. */
    public static void awaitCount(String bootstrap, String topic, long expected) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        long n = 0;
        while (n < expected && System.nanoTime() < deadline) {
            Thread.sleep(200);
            long[] c = {0};
            KafkaIo.readAll(bootstrap, topic, Duration.ofSeconds(30), r -> c[0]++);
            n = c[0];
        }
        assertThat(n).as(topic).isGreaterThanOrEqualTo(expected);
    }

    /** The threaded posts' ids once there are {@code expected}, read again a second later so that a late duplicate shows. */
    public static List<String> awaitThreaded(String bootstrap, String topic, String registryUrl, int expected) throws InterruptedException {
        AvroSerde<ThreadedPost> serde = new AvroSerde<>(new HttpSchemaRegistryClient(RegistrySettings.forUrl(registryUrl)), ThreadedPost.getClassSchema());
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        List<String> ids = new ArrayList<>();
        while (System.nanoTime() < deadline) {
            ids = new ArrayList<>();
            List<String> read = ids;
            KafkaIo.readAll(bootstrap, topic, Duration.ofSeconds(30), r -> read.add(serde.deserialize(topic, r.value()).getPost().getId()));
            if (ids.size() >= expected) {
                Thread.sleep(1_000);
                List<String> again = new ArrayList<>();
                KafkaIo.readAll(bootstrap, topic, Duration.ofSeconds(30), r -> again.add(serde.deserialize(topic, r.value()).getPost().getId()));
                return again;
            }
            Thread.sleep(500);
        }
        return ids;
    }

    /** The alerts once there are {@code expected}, or what there is after a minute. */
    public static List<ExchangeAlert> awaitAlerts(String bootstrap, String topic, String registryUrl, int expected) throws InterruptedException {
        AvroSerde<ExchangeAlert> serde = new AvroSerde<>(new HttpSchemaRegistryClient(RegistrySettings.forUrl(registryUrl)), ExchangeAlert.getClassSchema());
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        List<ExchangeAlert> alerts = new ArrayList<>();
        while (alerts.size() < expected && System.nanoTime() < deadline) {
            Thread.sleep(500);
            List<ExchangeAlert> read = new ArrayList<>();
            KafkaIo.readAll(bootstrap, topic, Duration.ofSeconds(30), r -> read.add(serde.deserialize(topic, r.value())));
            alerts = read;
        }
        return alerts;
    }
}
