package dev.crossfire.app;

import dev.crossfire.config.Topics;
import dev.crossfire.embedded.TopicSpec;
import java.util.List;

/**
 * The topics a run needs, with partitioning and cleanup policy: the figures registry compacted
 * (latest entry per figure wins, tombstones remove), the posts and dead-letter topics allowed large
 * records so a hostile 1 MB post is kept and rejected rather than refused by the broker.
 */
public final class TopicLayout {

    public static final int DEFAULT_PARTITIONS = 4;
    static final String MAX_MESSAGE_BYTES = String.valueOf(8 * 1024 * 1024);

    private TopicLayout() {
    }

    public static List<TopicSpec> specs(Topics topics, int partitions) {
        return List.of(
            TopicSpec.of(topics.posts(), partitions).withConfig("max.message.bytes", MAX_MESSAGE_BYTES),
            TopicSpec.compacted(topics.figures(), 1),
            TopicSpec.of(topics.threads(), partitions),
            TopicSpec.of(topics.alerts(), partitions),
            TopicSpec.of(topics.rejected(), partitions).withConfig("max.message.bytes", MAX_MESSAGE_BYTES),
            TopicSpec.of(topics.threadSignals(), partitions).withConfig("max.message.bytes", MAX_MESSAGE_BYTES));
    }
}
