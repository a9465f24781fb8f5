package dev.crossfire.app;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;

/**
 * Tells when a Streams application has processed everything written to its input topics: its
 * committed offsets have caught up with the committed end of every input partition, including the
 * loop and repartition topics it feeds itself, twice in a row.
 */
public final class IdleWatch {

    private static final Duration POLL = Duration.ofMillis(150);

    private final Admin admin;
    private final String applicationId;
    private final Set<String> inputTopics;

    public IdleWatch(Admin admin, String applicationId, Set<String> inputTopics) {
        this.admin = admin;
        this.applicationId = applicationId;
        this.inputTopics = inputTopics;
    }

    public void awaitIdle(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        int quietChecks = 0;
        String behind = "not checked yet";
        while (System.nanoTime() < deadline) {
            behind = behind();
            quietChecks = behind == null ? quietChecks + 1 : 0;
            if (quietChecks >= 2) {
                return;
            }
            Thread.sleep(POLL.toMillis());
        }
        throw new IllegalStateException("the topology did not finish within " + timeout.toSeconds() + " s (" + behind + ")");
    }

    /** Null when caught up, else a description of the first partition still behind. */
    private String behind() throws InterruptedException {
        try {
            Set<String> topics = new HashSet<>(inputTopics);
            for (String name : admin.listTopics().names().get(10, TimeUnit.SECONDS)) {
                if (name.startsWith(applicationId + "-") && name.endsWith("-repartition")) {
                    topics.add(name);
                }
            }
            Positions positions = positions(topics);
            for (var end : positions.ends().entrySet()) {
                long position = positions.committed(end.getKey());
                if (position < end.getValue()) {
                    return end.getKey() + " at " + position + " of " + end.getValue();
                }
            }
            return null;
        } catch (ExecutionException | TimeoutException e) {
            return "offsets unavailable: " + e.getMessage();
        }
    }

    /**
     * The group's lag on each input topic: committed end minus committed offset, summed over the
     * topic's partitions (with exactly-once, a transaction marker not yet passed can count as one).
     */
    public Map<String, Long> lagByTopic() throws InterruptedException, ExecutionException, TimeoutException {
        Positions positions = positions(inputTopics);
        Map<String, Long> lag = new TreeMap<>();
        inputTopics.forEach(t -> lag.put(t, 0L));
        positions.ends().forEach((tp, end) -> lag.merge(tp.topic(), Math.max(0, end - positions.committed(tp)), Long::sum));
        return lag;
    }

    private record Positions(Map<TopicPartition, Long> ends, Map<TopicPartition, OffsetAndMetadata> done) {
        long committed(TopicPartition tp) {
            OffsetAndMetadata at = done.get(tp);
            return at == null ? 0 : at.offset();
        }
    }

    private Positions positions(Set<String> topics) throws InterruptedException, ExecutionException, TimeoutException {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        for (TopicDescription d : admin.describeTopics(topics).allTopicNames().get(10, TimeUnit.SECONDS).values()) {
            d.partitions().forEach(p -> latest.put(new TopicPartition(d.name(), p.partition()), OffsetSpec.latest()));
        }
        Map<TopicPartition, Long> ends = new HashMap<>();
        admin.listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all().get(10, TimeUnit.SECONDS)
            .forEach((tp, info) -> ends.put(tp, info.offset()));
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(applicationId)
            .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
        return new Positions(ends, committed);
    }
}
