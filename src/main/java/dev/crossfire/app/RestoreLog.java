package dev.crossfire.app;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.processor.StateRestoreListener;

/** Counts what Kafka Streams restores from changelogs, per store, so a restart's cost is visible. */
public final class RestoreLog implements StateRestoreListener {

    private final Map<String, AtomicLong> records = new ConcurrentHashMap<>();
    private final Map<String, Long> startedNanos = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> tookNanos = new ConcurrentHashMap<>();

    @Override
    public void onRestoreStart(TopicPartition partition, String store, long startingOffset, long endingOffset) {
        startedNanos.put(store + "/" + partition.partition(), System.nanoTime());
    }

    @Override
    public void onBatchRestored(TopicPartition partition, String store, long batchEndOffset, long numRestored) {
        records.computeIfAbsent(store, s -> new AtomicLong()).addAndGet(numRestored);
    }

    @Override
    public void onRestoreEnd(TopicPartition partition, String store, long totalRestored) {
        Long start = startedNanos.remove(store + "/" + partition.partition());
        if (start != null) {
            tookNanos.computeIfAbsent(store, s -> new AtomicLong()).addAndGet(System.nanoTime() - start);
        }
    }

    public long recordsRestored() {
        return records.values().stream().mapToLong(AtomicLong::get).sum();
    }

    public long restoreMillis() {
        return tookNanos.values().stream().mapToLong(AtomicLong::get).sum() / 1_000_000;
    }

    public String summary() {
        if (records.isEmpty()) {
            return "nothing";
        }
        StringBuilder out = new StringBuilder();
        records.forEach((store, n) -> out.append(store).append(' ').append(n.get()).append(" records in ")
            .append(tookNanos.getOrDefault(store, new AtomicLong()).get() / 1_000_000).append(" ms; "));
        return out.toString().replaceAll("; $", "");
    }
}
