package dev.crossfire.app;

import dev.crossfire.config.Topics;
import dev.crossfire.embedded.TopicSpec;
import java.util.List;

/**
 * The topics a run needs, with partitioning and cleanup policy: the figures registry compacted
 * (latest entry per figure wins, tombstones remove), the posts and dead-letter topics allowed large
 * records so a hostile 1 MB post is kept and rejected rather than refused by the broker.
 *
 * <p>Time-based retention looks at record timestamps, and crossfire's records carry the posts' own
 * times: replaying a 2020 archive would write alerts that a 7-day retention deletes within minutes.
 * So the topics crossfire writes for others (threads, alerts, rejected) and the posts topic stamp
 * records with the time the broker appended them ({@code LogAppendTime}); the event time is in
 * every payload. The thread-signals loop needs its event-time stamps (they drive the thread
 * buffer's time-outs), so it is bounded by size instead of time.
 */
public final class TopicLayout {

    public static final int DEFAULT_PARTITIONS = 4;
    static final String MAX_MESSAGE_BYTES = String.valueOf(8 * 1024 * 1024);
    /** Per partition; the loop holds only what is in flight, so this is reached only by a huge backlog. */
    static final String SIGNALS_RETENTION_BYTES = String.valueOf(1L << 30);
    static final String APPEND_TIME = "LogAppendTime";
    static final String TIMESTAMP_TYPE = "message.timestamp.type";

    private TopicLayout() {
    }

    public static List<TopicSpec> specs(Topics topics, int partitions) {
        return List.of(
            TopicSpec.of(topics.posts(), partitions).withConfig("max.message.bytes", MAX_MESSAGE_BYTES).withConfig(TIMESTAMP_TYPE, APPEND_TIME),
            TopicSpec.compacted(topics.figures(), 1),
            TopicSpec.of(topics.threads(), partitions).withConfig(TIMESTAMP_TYPE, APPEND_TIME),
            TopicSpec.of(topics.alerts(), partitions).withConfig(TIMESTAMP_TYPE, APPEND_TIME),
            TopicSpec.of(topics.rejected(), partitions).withConfig("max.message.bytes", MAX_MESSAGE_BYTES).withConfig(TIMESTAMP_TYPE, APPEND_TIME),
            TopicSpec.of(topics.threadSignals(), partitions).withConfig("max.message.bytes", MAX_MESSAGE_BYTES)
                .withConfig("retention.ms", "-1").withConfig("retention.bytes", SIGNALS_RETENTION_BYTES));
    }
}
