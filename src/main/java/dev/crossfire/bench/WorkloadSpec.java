package dev.crossfire.bench;

import java.time.Instant;

/**
 * What the benchmark workload looks like; the same spec and seed give the same posts, byte for byte.
 *
 * @param seed            random seed
 * @param figures         public figures in the registry
 * @param accounts        ordinary accounts
 * @param posts           posts in the stream (duplicates not counted)
 * @param postsPerSecond  event-time rate: post i is created at {@code start + i / postsPerSecond}
 * @param outOfOrder      share of posts delivered after later ones (0.01-0.05 is realistic)
 * @param duplicates      share of posts delivered twice
 * @param escalating      planted exchanges that escalate (hostile quotes back and forth)
 * @param friendly        planted exchanges that are friendly (praise back and forth)
 * @param start           event time of the first post
 * @param plantedThroughout planted exchanges start evenly over the whole stream (a live soak, where
 *                        each interval needs its own), instead of within its first third
 */
public record WorkloadSpec(long seed, int figures, int accounts, long posts, double postsPerSecond, double outOfOrder,
                           double duplicates, int escalating, int friendly, Instant start, boolean plantedThroughout) {

    /** Planted exchanges within the first third of the stream, as the throughput runs have them. */
    public WorkloadSpec(long seed, int figures, int accounts, long posts, double postsPerSecond, double outOfOrder,
                        double duplicates, int escalating, int friendly, Instant start) {
        this(seed, figures, accounts, posts, postsPerSecond, outOfOrder, duplicates, escalating, friendly, start, false);
    }

    public WorkloadSpec {
        if (figures < 2 || accounts < 1 || posts < 1 || postsPerSecond <= 0) {
            throw new IllegalArgumentException("a workload needs 2 figures, 1 account, 1 post and a positive rate");
        }
        if (outOfOrder < 0 || outOfOrder > 0.5 || duplicates < 0 || duplicates > 0.5) {
            throw new IllegalArgumentException("out-of-order and duplicate shares must be between 0 and 0.5");
        }
        if (2L * (escalating + friendly) > figures) {
            throw new IllegalArgumentException("planted exchanges need two figures each of their own: at most " + figures / 2);
        }
    }

    /** 500 figures, 20,000 accounts, 2% out of order, 0.5% duplicates, at X's firehose rate. */
    public static WorkloadSpec defaults(long posts) {
        return new WorkloadSpec(42, 500, 20_000, posts, 5_000, 0.02, 0.005, 40, 40, Instant.parse("2026-01-05T09:00:00Z"));
    }
}
