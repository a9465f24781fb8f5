package dev.crossfire.topology;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.utils.Utils;

/**
 * Whether a post belongs to this task: the partition the producer's default partitioner gives its id
 * on the thread topics, which have as many partitions as the posts topic.
 */
final class HomePartition {

    private final int loopPartitions;
    private final int taskPartition;

    private HomePartition(int loopPartitions, int taskPartition) {
        this.loopPartitions = loopPartitions;
        this.taskPartition = taskPartition;
    }

    /** {@code configured}: the {@link CrossfireTopology#LOOP_PARTITIONS_CONFIG} setting as given (number or text), or null. */
    static HomePartition of(Object configured, int taskPartition) {
        int partitions = 0;
        if (configured instanceof Number n) {
            partitions = n.intValue();
        } else if (configured != null) {
            try {
                partitions = Integer.parseInt(configured.toString().strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(CrossfireTopology.LOOP_PARTITIONS_CONFIG + " must be a number, not " + configured, e);
            }
        }
        return new HomePartition(Math.max(partitions, 0), taskPartition);
    }

    /** The partition count given, or 0 when none was. */
    int partitions() {
        return loopPartitions;
    }

    boolean owns(String postId) {
        return loopPartitions > 0 && partitionOf(postId, loopPartitions) == taskPartition;
    }

    /** What the producer's default partitioner does with a String key (murmur2 of its UTF-8 bytes). */
    static int partitionOf(String key, int partitions) {
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions;
    }
}
