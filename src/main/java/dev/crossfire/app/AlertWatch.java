package dev.crossfire.app;

import dev.crossfire.avro.ExchangeAlert;
import dev.crossfire.avro.PileOnAlert;
import dev.crossfire.topology.CrossfireSerdes;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands each committed alert to a callback as it appears on the alerts topic, with the record's
 * timestamp (the demo prints them; the benchmark times them by the broker's append time; the live
 * view shows them). Read committed, assigned rather than subscribed: it joins no consumer group and
 * commits nothing. A record it cannot read is logged and skipped, and a failed poll is retried, so
 * the watch lasts as long as its owner. {@code T}: the exchange alerts, or the pile-on alerts.
 */
public final class AlertWatch<T> implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AlertWatch.class);

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Thread thread;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicInteger seen = new AtomicInteger();

    private AlertWatch(Properties consumerProps, String topic, boolean fromBeginning, BiFunction<String, byte[], T> decode,
                       BiConsumer<T, Long> onAlert) {
        consumer = new KafkaConsumer<>(consumerProps, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(topic).stream().map(p -> new TopicPartition(topic, p.partition())).toList();
        consumer.assign(partitions);
        if (fromBeginning) {
            consumer.seekToBeginning(partitions);
        } else {
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position); // fix "now" before the first alert can arrive
        }
        thread = new Thread(() -> {
            while (running.get()) {
                try {
                    consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                        T alert;
                        try {
                            alert = decode.apply(r.topic(), r.value());
                        } catch (RuntimeException e) {
                            LOG.warn("offset {} of partition {} of {} is not an alert crossfire can read: {}", r.offset(), r.partition(), topic, e.getMessage());
                            return;
                        }
                        onAlert.accept(alert, r.timestamp());
                        seen.incrementAndGet();
                    });
                } catch (WakeupException e) {
                    return; // closing
                } catch (RuntimeException e) {
                    LOG.warn("reading {} failed, retrying in a second: {}", topic, e.toString());
                    try {
                        Thread.sleep(1_000);
                    } catch (InterruptedException interrupted) {
                        return;
                    }
                }
            }
        }, "crossfire-alert-watch");
        thread.setDaemon(true);
    }

    static AlertWatch<ExchangeAlert> start(String bootstrap, String topic, CrossfireSerdes serdes, Consumer<ExchangeAlert> onAlert) {
        return start(bootstrap, topic, serdes, (alert, appendedAt) -> onAlert.accept(alert));
    }

    /** Every alert the topic holds, then each new one. */
    public static AlertWatch<ExchangeAlert> start(String bootstrap, String topic, CrossfireSerdes serdes,
                                                  BiConsumer<ExchangeAlert, Long> onAlert) {
        return started(new AlertWatch<>(KafkaIo.consumerProps(bootstrap), topic, true, serdes.alert::deserialize, onAlert));
    }

    /** Each alert committed from now on, read with the given client settings (security, for a configured cluster). */
    static AlertWatch<ExchangeAlert> fromNow(Properties consumerProps, String topic, CrossfireSerdes serdes, Consumer<ExchangeAlert> onAlert) {
        return started(new AlertWatch<>(consumerProps, topic, false, serdes.alert::deserialize, (alert, appendedAt) -> onAlert.accept(alert)));
    }

    /** Every pile-on alert the topic holds, then each new one. */
    static AlertWatch<PileOnAlert> pileOns(String bootstrap, String topic, CrossfireSerdes serdes, Consumer<PileOnAlert> onAlert) {
        return started(new AlertWatch<>(KafkaIo.consumerProps(bootstrap), topic, true, serdes.pileOn::deserialize,
            (alert, appendedAt) -> onAlert.accept(alert)));
    }

    /** Each pile-on alert committed from now on. */
    static AlertWatch<PileOnAlert> pileOnsFromNow(Properties consumerProps, String topic, CrossfireSerdes serdes, Consumer<PileOnAlert> onAlert) {
        return started(new AlertWatch<>(consumerProps, topic, false, serdes.pileOn::deserialize, (alert, appendedAt) -> onAlert.accept(alert)));
    }

    private static <T> AlertWatch<T> started(AlertWatch<T> watch) {
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
