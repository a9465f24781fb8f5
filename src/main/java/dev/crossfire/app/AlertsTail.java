package dev.crossfire.app;

import dev.crossfire.avro.EscalationLevel;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * {@code alerts tail}: the alerts topic (or the pile-ons topic) as it grows, read committed (an alert of an aborted
 * transaction never shows), each alert readable or as one JSON line. Partitions are assigned, not
 * subscribed: a tail joins no consumer group and commits nothing, so any number can run.
 */
public final class AlertsTail {

    public enum Format { TEXT, JSON }

    private static final String RESET = "\033[0m";

    private AlertsTail() {
    }

    /**
     * Prints alerts until {@code max} have been printed (0: no limit), no alert has come for
     * {@code idle} (null: no limit), or {@code stop} is set.
     *
     * @return alerts printed
     */
    public static long run(Cluster cluster, boolean fromBeginning, Format format, boolean colour, long max, Duration idle, PrintStream out,
                           AtomicBoolean stop) {
        return run(AlertKind.EXCHANGES, cluster, fromBeginning, format, colour, max, idle, out, stop);
    }

    /** The same for either kind of alert: exchange alerts or pile-ons. */
    public static <T> long run(AlertKind<T> kind, Cluster cluster, boolean fromBeginning, Format format, boolean colour, long max, Duration idle,
                               PrintStream out, AtomicBoolean stop) {
        String topic = kind.topic(cluster.topics());
        long printed = 0;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(cluster.consumer(), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            var infos = consumer.partitionsFor(topic, Duration.ofSeconds(30));
            if (infos == null || infos.isEmpty()) {
                throw new IllegalStateException("topic " + topic + " does not exist at " + cluster.bootstrap());
            }
            List<TopicPartition> partitions = infos.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            if (fromBeginning) {
                consumer.seekToBeginning(partitions);
            } else {
                consumer.seekToEnd(partitions);
                partitions.forEach(consumer::position); // fix "now" before the first alert can arrive
            }
            long lastAlert = System.nanoTime();
            while (!stop.get()) {
                if (idle != null && System.nanoTime() - lastAlert > idle.toNanos()) {
                    return printed;
                }
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(250))) {
                    lastAlert = System.nanoTime();
                    T alert;
                    try {
                        alert = kind.decode(cluster.serdes(), topic, r.value());
                    } catch (RuntimeException e) {
                        out.printf("(offset %d of partition %d is not an alert crossfire can read: %s)%n", r.offset(), r.partition(), e.getMessage());
                        continue;
                    }
                    out.print(format == Format.JSON ? kind.json(alert) + "\n" : render(kind.text(alert), kind.level(alert), colour) + "\n");
                    out.flush();
                    printed++;
                    if (max > 0 && printed >= max) {
                        return printed;
                    }
                }
            }
        }
        return printed;
    }

    static String render(String text, EscalationLevel level, boolean colour) {
        if (!colour) {
            return text;
        }
        return text.replaceFirst(level.name(), colourOf(level) + level.name() + RESET);
    }

    private static String colourOf(EscalationLevel level) {
        return switch (level) {
            case NOTICE -> "\033[33m";        // yellow
            case ESCALATING -> "\033[1;31m";  // bold red
            case SEVERE -> "\033[1;97;41m";   // bold white on red
        };
    }
}
