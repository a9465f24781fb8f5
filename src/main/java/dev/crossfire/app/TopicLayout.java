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
 * So every topic crossfire creates stamps records with the time the broker appended them
 * ({@code LogAppendTime}); the event time is in every payload.
 *
 * <p>The posts topic and the thread-links topic are also the changelogs of the thread linker's
 * read-only stores: a restore reads them back, so they keep at least the link retention (7 days of
 * appends, the broker's default) and have as many partitions as each other and the thread-requests
 * topic. The turns topic has one partition: turns are a small share of posts, and one desk orders
 * them all.
 */
public final class TopicLayout {

    public static final int DEFAULT_PARTITIONS = 4;
    public static final int TURNS_PARTITIONS = 1;
    static final String MAX_MESSAGE_BYTES = String.valueOf(8 * 1024 * 1024);
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
            TopicSpec.of(topics.pileOns(), partitions).withConfig(TIMESTAMP_TYPE, APPEND_TIME),
            TopicSpec.of(topics.rejected(), partitions).withConfig("max.message.bytes", MAX_MESSAGE_BYTES).withConfig(TIMESTAMP_TYPE, APPEND_TIME),
            TopicSpec.of(topics.threadRequests(), partitions).withConfig(TIMESTAMP_TYPE, APPEND_TIME),
            TopicSpec.of(topics.threadLinks(), partitions).withConfig(TIMESTAMP_TYPE, APPEND_TIME),
            TopicSpec.of(topics.turns(), TURNS_PARTITIONS).withConfig(TIMESTAMP_TYPE, APPEND_TIME));
    }
}
