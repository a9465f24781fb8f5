package dev.crossfire.app;

import dev.crossfire.avro.PublicFigure;
import dev.crossfire.figure.Figure;
import dev.crossfire.figure.RegistryChanges;
import dev.crossfire.topology.FigureRecords;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * {@code figures load}: brings the registry topic to a file's figures. The topic is read to its end
 * (latest entry per figure; a tombstone removes), compared with the file, and only the differences
 * are written: additions and changes as entries, removals as tombstones. Running crossfire
 * instances pick them up without a restart.
 */
public final class FigureSync {

    private FigureSync() {
    }

    public static Map<String, Figure> current(Cluster cluster, Duration timeout) throws InterruptedException {
        String topic = cluster.topics().figures();
        requireTopic(cluster, topic, timeout);
        Map<String, Figure> figures = new LinkedHashMap<>();
        KafkaIo.readAll(cluster.consumer(), topic, timeout, r -> {
            String id = r.key() == null ? null : new String(r.key(), StandardCharsets.UTF_8);
            if (id == null) {
                return;
            }
            if (r.value() == null) {
                figures.remove(id);
                return;
            }
            try {
                PublicFigure f = cluster.serdes().figure.deserialize(topic, r.value());
                figures.put(id, FigureRecords.toFigure(f));
            } catch (RuntimeException e) {
                // an entry crossfire cannot read: replaced if the file has this id, else removed
                figures.put(id, new Figure(id, "(unreadable entry)", List.of(), null, null, List.of()));
            }
        });
        return figures;
    }

    /** A registry written to a topic the broker creates on the fly would not be compacted: refuse instead. */
    private static void requireTopic(Cluster cluster, String topic, Duration timeout) throws InterruptedException {
        try (Admin admin = Admin.create(cluster.admin())) {
            if (!admin.listTopics().names().get(timeout.toMillis(), TimeUnit.MILLISECONDS).contains(topic)) {
                throw new IllegalStateException("topic " + topic + " does not exist at " + cluster.bootstrap()
                    + ": start crossfire run once (crossfire.topics.create=true) or create it compacted (cleanup.policy=compact)");
            }
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot list the topics at " + cluster.bootstrap() + ": " + e.getMessage(), e);
        }
    }

    public static void apply(Cluster cluster, RegistryChanges changes) {
        String topic = cluster.topics().figures();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(cluster.producer(), new StringSerializer(), new ByteArraySerializer())) {
            for (Figure f : changes.added()) {
                producer.send(new ProducerRecord<>(topic, f.id(), cluster.serdes().figure.serialize(topic, FigureRecords.toRecord(f))));
            }
            for (Figure f : changes.changed()) {
                producer.send(new ProducerRecord<>(topic, f.id(), cluster.serdes().figure.serialize(topic, FigureRecords.toRecord(f))));
            }
            for (String id : changes.removed()) {
                producer.send(new ProducerRecord<>(topic, id, null));
            }
            producer.flush();
        }
    }
}
