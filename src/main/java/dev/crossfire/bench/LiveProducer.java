package dev.crossfire.bench;

import dev.crossfire.app.KafkaIo;
import dev.crossfire.app.ReplayPace;
import dev.crossfire.avro.Post;
import dev.crossfire.topology.CrossfireSerdes;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Sends the workload on its own thread, each post at its createdAt (a live stream), until the run's end. */
final class LiveProducer {

    final String topic;
    final AtomicLong offered = new AtomicLong();
    private final String bootstrap;
    private final Workload load;
    private final CrossfireSerdes serdes;
    private final SendTimes sent;
    private final AtomicBoolean stopped = new AtomicBoolean();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private Thread thread;

    LiveProducer(String bootstrap, String topic, Workload load, CrossfireSerdes serdes, SendTimes sent) {
        this.bootstrap = bootstrap;
        this.topic = topic;
        this.load = load;
        this.serdes = serdes;
        this.sent = sent;
    }

    void start(long endNanos) {
        thread = new Thread(() -> {
            try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(KafkaIo.producerProps(bootstrap), new ByteArraySerializer(),
                new ByteArraySerializer())) {
                ReplayPace pace = ReplayPace.speedUp(1);
                long index = 0;
                for (Post post : load) {
                    Duration wait = pace.waitBefore(index++, post.getCreatedAt(), System.nanoTime());
                    if (stopped.get() || System.nanoTime() + wait.toNanos() >= endNanos) {
                        break;
                    }
                    PipelineBenchmark.sleep(wait);
                    String id = post.getId().toString();
                    sent.sent(SendTimes.number(id), System.currentTimeMillis());
                    producer.send(new ProducerRecord<>(topic, id.getBytes(StandardCharsets.UTF_8), serdes.post.serialize(topic, post)));
                    offered.incrementAndGet();
                }
                producer.close(Duration.ofSeconds(10));
            } catch (Throwable e) {
                failure.set(e);
            }
        }, "soak-producer");
        thread.setDaemon(true);
        thread.start();
    }

    /** Throws what stopped the producer, if anything did. */
    void check() {
        Throwable e = failure.get();
        if (e != null) {
            throw new IllegalStateException("the soak's producer failed: " + e.getMessage(), e);
        }
    }

    void stop() throws InterruptedException {
        stopped.set(true);
        if (thread != null) {
            thread.join(20_000);
        }
    }
}
