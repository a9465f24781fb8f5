package dev.crossfire.app;

import dev.crossfire.avro.PublicFigure;
import dev.crossfire.figure.Figure;
import dev.crossfire.topology.FigureRecords;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The figures registry as it changes: reads the compacted registry topic from its start, in no consumer
 * group, and hands the whole registry to {@code onChange} each time it has caught up after a change
 * (a {@code figures load} of many entries gives one call, not one per entry). An entry it cannot read
 * is left out, as the topology leaves it out.
 */
public final class RegistryWatch implements AutoCloseable {

    private final Cluster cluster;
    private final Consumer<Collection<Figure>> onChange;
    private final AtomicBoolean stop = new AtomicBoolean();
    private final Thread thread;

    private RegistryWatch(Cluster cluster, Consumer<Collection<Figure>> onChange) {
        this.cluster = cluster;
        this.onChange = onChange;
        this.thread = new Thread(this::run, "crossfire-registry-watch");
        thread.setDaemon(true);
    }

    public static RegistryWatch start(Cluster cluster, Consumer<Collection<Figure>> onChange) {
        RegistryWatch watch = new RegistryWatch(cluster, onChange);
        watch.thread.start();
        return watch;
    }

    private void run() {
        String topic = cluster.topics().figures();
        java.util.Properties props = cluster.consumer();
        props.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 1024 * 1024);
        Map<String, Figure> figures = new LinkedHashMap<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            boolean changed = true; // the first catch-up is a change, even to an empty registry
            while (!stop.get()) {
                var records = consumer.poll(Duration.ofMillis(200));
                for (ConsumerRecord<byte[], byte[]> r : records) {
                    changed |= apply(figures, topic, r);
                }
                if (changed && records.isEmpty() && caughtUp(consumer, partitions)) {
                    onChange.accept(List.copyOf(figures.values()));
                    changed = false;
                }
            }
        } catch (org.apache.kafka.common.errors.InterruptException | org.apache.kafka.common.errors.WakeupException e) {
            // closing
        }
    }

    private boolean apply(Map<String, Figure> figures, String topic, ConsumerRecord<byte[], byte[]> r) {
        if (r.key() == null) {
            return false;
        }
        String id = new String(r.key(), StandardCharsets.UTF_8);
        if (r.value() == null) {
            return figures.remove(id) != null;
        }
        try {
            PublicFigure f = cluster.serdes().figure.deserialize(topic, r.value());
            return !FigureRecords.toFigure(f).equals(figures.put(id, FigureRecords.toFigure(f)));
        } catch (RuntimeException e) {
            return figures.remove(id) != null;
        }
    }

    private static boolean caughtUp(KafkaConsumer<byte[], byte[]> consumer, List<TopicPartition> partitions) {
        Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, Duration.ofSeconds(10));
        for (TopicPartition p : partitions) {
            if (consumer.position(p) < ends.get(p)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void close() {
        stop.set(true);
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
