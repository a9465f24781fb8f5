package dev.crossfire.bench;

import dev.crossfire.app.KafkaIo;
import dev.crossfire.avro.ExchangeAlert;
import dev.crossfire.topology.CrossfireSerdes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** Reads alerts as they are committed, noting each one's append time on the alerts topic. */
final class AlertReader implements AutoCloseable {

    /** One alert: the post that triggered it, and when the broker appended the alert. */
    record Seen(String triggeredBy, long appendedAt) {
    }

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final CrossfireSerdes serdes;
    private final List<Seen> seen = new ArrayList<>();
    private final Thread thread;

    AlertReader(String bootstrap, String topic, CrossfireSerdes serdes) {
        Properties props = KafkaIo.consumerProps(bootstrap);
        this.consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        this.serdes = serdes;
        var partitions = consumer.partitionsFor(topic).stream()
            .map(p -> new org.apache.kafka.common.TopicPartition(topic, p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        this.thread = new Thread(this::poll, "bench-alert-reader");
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    private void poll() {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(100))) {
                    ExchangeAlert alert = serdes.alert.deserialize(r.topic(), r.value());
                    synchronized (seen) {
                        seen.add(new Seen(alert.getTriggeredBy(), r.timestamp()));
                    }
                }
            }
        } catch (WakeupException e) {
            // closing
        } finally {
            consumer.close();
        }
    }

    List<Seen> seen() {
        synchronized (seen) {
            return List.copyOf(seen);
        }
    }

    @Override
    public void close() throws InterruptedException {
        consumer.wakeup();
        thread.join(5_000);
    }
}
