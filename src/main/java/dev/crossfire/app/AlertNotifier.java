package dev.crossfire.app;

import dev.crossfire.notify.Notice;
import dev.crossfire.notify.AlertFilter;
import dev.crossfire.notify.Courier;
import dev.crossfire.notify.Destination;
import dev.crossfire.notify.NotifyMetrics;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * {@code alerts notify}: delivers each alert of the alerts topic (read committed) to Slack and to
 * webhooks, in a consumer group. An alert's offset is committed only once every destination has
 * answered 2xx or the alert has been sent to the dead-letter topic, so nothing is lost across a
 * restart; a process killed between a delivery and its commit delivers that alert once more, which
 * the receiver can tell by {@code alertId} ({@code Idempotency-Key}).
 */
public final class AlertNotifier {

    /** Header names of a dead letter, beside the alert's own bytes. */
    public static final String REASON = "crossfire.notify.reason";
    public static final String DESTINATION = "crossfire.notify.destination";
    public static final String TRIES = "crossfire.notify.tries";
    public static final String STATUS = "crossfire.notify.status";

    public record Options(String group, boolean fromBeginning, List<Destination> destinations, AlertFilter filter, String deadLetterTopic,
                          long max, Duration idle) {
    }

    private AlertNotifier() {
    }

    /** Runs until {@code max} alerts are done (0: no limit), none has come for {@code idle} (null: never), or {@code stop}; returns alerts done. */
    public static long run(Cluster cluster, Options o, Courier courier, NotifyMetrics metrics, AtomicBoolean stop, PrintStream log)
        throws InterruptedException {
        return run(AlertKind.EXCHANGES, cluster, o, courier, metrics, stop, log);
    }

    /** The same for either kind of alert: exchange alerts or pile-ons. */
    public static <T> long run(AlertKind<T> kind, Cluster cluster, Options o, Courier courier, NotifyMetrics metrics, AtomicBoolean stop,
                               PrintStream log) throws InterruptedException {
        String topic = kind.topic(cluster.topics());
        ensureDeadLetterTopic(cluster, topic, o.deadLetterTopic(), log);
        Properties c = cluster.consumer();
        c.put(ConsumerConfig.GROUP_ID_CONFIG, o.group());
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, o.fromBeginning() ? "earliest" : "latest");
        c.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 20);
        // a delivery may retry for minutes: the group must not think the notifier dead meanwhile
        c.put(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, (int) Duration.ofMinutes(30).toMillis());
        Properties p = cluster.producer();
        long done = 0;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(c, new ByteArrayDeserializer(), new ByteArrayDeserializer());
             KafkaProducer<byte[], byte[]> deadLetters = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
            consumer.subscribe(List.of(topic));
            long lastAlert = System.nanoTime();
            while (!stop.get()) {
                if (o.idle() != null && System.nanoTime() - lastAlert > o.idle().toNanos()) {
                    break;
                }
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(250))) {
                    lastAlert = System.nanoTime();
                    if (!handle(kind, cluster, o, courier, metrics, stop, log, topic, r, deadLetters)) {
                        return done; // stopped in the middle of a delivery: not committed, delivered again after a restart
                    }
                    commit(consumer, r, log);
                    done++;
                    if (o.max() > 0 && done >= o.max()) {
                        return done;
                    }
                }
            }
        }
        return done;
    }

    /** Delivers one record everywhere it should go; false when stopped before it was done. */
    private static <T> boolean handle(AlertKind<T> kind, Cluster cluster, Options o, Courier courier, NotifyMetrics metrics, AtomicBoolean stop,
                                      PrintStream log, String topic, ConsumerRecord<byte[], byte[]> r,
                                      KafkaProducer<byte[], byte[]> deadLetters) throws InterruptedException {
        Notice alert;
        try {
            alert = kind.notice(kind.decode(cluster.serdes(), topic, r.value()), courier.liveUrl());
        } catch (RuntimeException e) {
            deadLetter(deadLetters, o.deadLetterTopic(), r, "(none)", "not an alert crossfire can read: " + e.getMessage(), 0, 0);
            metrics.deadLettered("(none)");
            log.printf("offset %d of partition %d is not an alert (%s): sent to %s%n", r.offset(), r.partition(), e.getMessage(),
                o.deadLetterTopic());
            return true;
        }
        if (!o.filter().wants(alert)) {
            metrics.skipped();
            return true;
        }
        for (Destination to : o.destinations()) {
            Courier.Outcome out = courier.deliver(to, alert, stop::get);
            if (out.delivered()) {
                metrics.delivered(to, Duration.ofMillis(Math.max(0, System.currentTimeMillis() - r.timestamp())));
                log.printf("delivered %s %s to %s (%d %s)%n", alert.level(), alert.alertId(), to.label(), out.tries(),
                    out.tries() == 1 ? "try" : "tries");
                continue;
            }
            if (stop.get()) {
                return false;
            }
            deadLetter(deadLetters, o.deadLetterTopic(), r, to.label(), out.why(), out.tries(), out.lastStatus());
            metrics.deadLettered(to.label());
            log.printf("gave up %s %s for %s: %s; sent to %s%n", alert.level(), alert.alertId(), to.label(), out.why(),
                o.deadLetterTopic());
        }
        return true;
    }

    private static void commit(KafkaConsumer<byte[], byte[]> consumer, ConsumerRecord<byte[], byte[]> r, PrintStream log) {
        try {
            consumer.commitSync(Map.of(new TopicPartition(r.topic(), r.partition()), new OffsetAndMetadata(r.offset() + 1)));
        } catch (CommitFailedException e) {
            // the partition moved to another notifier meanwhile: it delivers this alert again, which alertId tells apart
            log.printf("could not commit offset %d of partition %d (the group rebalanced): it may be delivered once more%n", r.offset(),
                r.partition());
        }
    }

    private static void deadLetter(KafkaProducer<byte[], byte[]> producer, String topic, ConsumerRecord<byte[], byte[]> r, String destination,
                                   String why, int tries, int status) throws InterruptedException {
        RecordHeaders h = new RecordHeaders();
        h.add(REASON, bytes(why));
        h.add(DESTINATION, bytes(destination));
        h.add(TRIES, bytes(Integer.toString(tries)));
        h.add(STATUS, bytes(Integer.toString(status)));
        h.add(dev.crossfire.topology.DeadLetter.SOURCE_TOPIC, bytes(r.topic()));
        h.add(dev.crossfire.topology.DeadLetter.SOURCE_PARTITION, bytes(Integer.toString(r.partition())));
        h.add(dev.crossfire.topology.DeadLetter.SOURCE_OFFSET, bytes(Long.toString(r.offset())));
        try {
            // synchronously: the alert's offset is committed right after, so the dead letter must be written first
            producer.send(new ProducerRecord<>(topic, null, r.key(), r.value(), h)).get();
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("cannot write to the dead-letter topic " + topic + ": " + e.getCause().getMessage(), e.getCause());
        }
    }

    private static void ensureDeadLetterTopic(Cluster cluster, String alerts, String deadLetters, PrintStream log) {
        try (Admin admin = Admin.create(cluster.admin())) {
            Set<String> names = admin.listTopics().names().get();
            if (!names.contains(alerts)) {
                throw new IllegalStateException("topic " + alerts + " does not exist at " + cluster.bootstrap());
            }
            if (!names.contains(deadLetters)) {
                int partitions = admin.describeTopics(List.of(alerts)).allTopicNames().get().get(alerts).partitions().size();
                admin.createTopics(List.of(new NewTopic(deadLetters, partitions, (short) -1))).all().get();
                log.printf("created the dead-letter topic %s (%d partitions)%n", deadLetters, partitions);
            }
        } catch (java.util.concurrent.ExecutionException e) {
            if (!(e.getCause() instanceof org.apache.kafka.common.errors.TopicExistsException)) {
                throw new IllegalStateException("cannot check or create the dead-letter topic " + deadLetters + ": " + e.getCause().getMessage(),
                    e.getCause());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
