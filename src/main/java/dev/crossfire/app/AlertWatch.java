package dev.crossfire.app;

import dev.crossfire.avro.ExchangeAlert;
import dev.crossfire.topology.CrossfireSerdes;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Hands each committed alert to a callback as it appears on the alerts topic, with the record's
 * timestamp (the demo prints them; the benchmark times them by the broker's append time).
 */
public final class AlertWatch implements AutoCloseable {

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Thread thread;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicInteger seen = new AtomicInteger();

    private AlertWatch(String bootstrap, String topic, CrossfireSerdes serdes, BiConsumer<ExchangeAlert, Long> onAlert) {
        consumer = new KafkaConsumer<>(KafkaIo.consumerProps(bootstrap), new ByteArrayDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(topic).stream().map(p -> new TopicPartition(topic, p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        thread = new Thread(() -> {
            try {
                while (running.get()) {
                    consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                        onAlert.accept(serdes.alert.deserialize(r.topic(), r.value()), r.timestamp());
                        seen.incrementAndGet();
                    });
                }
            } catch (WakeupException e) {
                // closing
            }
        }, "crossfire-alert-watch");
        thread.setDaemon(true);
    }

    static AlertWatch start(String bootstrap, String topic, CrossfireSerdes serdes, Consumer<ExchangeAlert> onAlert) {
        return start(bootstrap, topic, serdes, (alert, appendedAt) -> onAlert.accept(alert));
    }

    public static AlertWatch start(String bootstrap, String topic, CrossfireSerdes serdes, BiConsumer<ExchangeAlert, Long> onAlert) {
        AlertWatch watch = new AlertWatch(bootstrap, topic, serdes, onAlert);
        watch.thread.start();
        return watch;
    }

    void awaitCount(int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (seen.get() < count && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
    }

    @Override
    public void close() {
        running.set(false);
        consumer.wakeup();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        consumer.close();
    }
}
