package dev.crossfire.app;

import dev.crossfire.figure.Figure;
import dev.crossfire.topology.CrossfireSerdes;
import dev.crossfire.topology.DeadLetter;
import dev.crossfire.topology.EndOfInput;
import dev.crossfire.topology.FigureRecords;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import dev.crossfire.embedded.TopicSpec;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** The client side of a file run: topics created, records read back, client settings in one place. */
public final class KafkaIo {

    private KafkaIo() {
    }

    /** Reads a topic from the beginning to its committed end. */
    public static void readAll(String bootstrap, String topic, Duration timeout, Consumer<ConsumerRecord<byte[], byte[]>> sink) {
        readAll(consumerProps(bootstrap), topic, timeout, sink);
    }

    /** The same, with the given consumer settings (security, for a configured cluster). */
    public static void readAll(Properties consumerProps, String topic, Duration timeout, Consumer<ConsumerRecord<byte[], byte[]>> sink) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerProps, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = new HashMap<>(consumer.endOffsets(partitions));
            long deadline = System.nanoTime() + timeout.toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read " + topic + " to its end within " + timeout.toSeconds() + " s");
                }
                consumer.poll(Duration.ofMillis(200)).forEach(sink);
            }
        }
    }

    public static Properties consumerProps(String bootstrap) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 16 * 1024 * 1024);
        return p;
    }

    public static Properties producerProps(String bootstrap) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 8 * 1024 * 1024);
        return p;
    }

    static void createTopics(String bootstrap, List<TopicSpec> specs, Duration timeout) throws InterruptedException {
        int timeoutMs = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
            AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, timeoutMs,
            AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, Math.min(timeoutMs, 30_000)))) {
            List<NewTopic> topics = specs.stream()
                .map(s -> new NewTopic(s.name(), Optional.of(s.partitions()), Optional.empty()).configs(s.effectiveConfigs()))
                .toList();
            for (var result : admin.createTopics(topics).values().entrySet()) {
                try {
                    result.getValue().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("cannot create topic " + result.getKey() + " at " + bootstrap + ": " + e.getCause().getMessage(), e);
                    }
                } catch (TimeoutException e) {
                    throw new IllegalStateException("broker " + bootstrap + " unreachable: topic " + result.getKey() + " not created within "
                        + timeout.toSeconds() + " s", e);
                }
            }
        } catch (KafkaException e) {
            throw new IllegalStateException("cannot use the cluster at " + bootstrap + ": " + e.getMessage(), e);
        }
    }

    /** The registry's figures onto the figures topic, keyed by figure id. */
    public static void loadFigures(String bootstrap, String topic, List<Figure> figures, CrossfireSerdes serdes) {
        Properties props = producerProps(bootstrap);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer())) {
            for (Figure f : figures) {
                producer.send(new ProducerRecord<>(topic, f.id(), serdes.figure.serialize(topic, FigureRecords.toRecord(f))));
            }
            producer.flush();
        }
    }

    /** The end of a finite input: one {@link EndOfInput} record on every partition of the posts topic, after its posts. */
    public static void endOfInput(KafkaProducer<byte[], byte[]> producer, String topic) {
        int partitions = producer.partitionsFor(topic).size();
        for (int p = 0; p < partitions; p++) {
            RecordHeaders headers = new RecordHeaders();
            headers.add(DeadLetter.CONTROL, EndOfInput.marker());
            producer.send(new ProducerRecord<>(topic, p, null, null, new byte[0], headers));
        }
        producer.flush();
    }
}
