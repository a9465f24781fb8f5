package dev.crossfire.thread;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class LateFilingTest {

    private static final Duration WEEK = Duration.ofDays(7);
    private static final long DAY = Duration.ofDays(1).toMillis();
    private static final long NOW = 1_000 * DAY;

    @Test
    void aPostWithinHalfTheRetentionIsFiledAtItsOwnTime() {
        assertThat(LateFiling.fileAt(NOW - 3 * DAY, NOW, WEEK)).isEqualTo(NOW - 3 * DAY);
        assertThat(LateFiling.fileAt(NOW + DAY, NOW, WEEK)).isEqualTo(NOW + DAY);
        assertThat(LateFiling.isLate(NOW - WEEK.toMillis() / 2, NOW, WEEK)).isFalse();
    }

    @Test
    void anOlderPostIsFiledAtStreamTime() {
        assertThat(LateFiling.isLate(NOW - WEEK.toMillis() / 2 - 1, NOW, WEEK)).isTrue();
        assertThat(LateFiling.fileAt(NOW - 400 * DAY, NOW, WEEK)).isEqualTo(NOW);
        assertThat(LateFiling.fileAt(1, NOW, WEEK)).isEqualTo(NOW);
    }

    @Test
    void beforeAnyStreamTimeNothingIsLate() {
        assertThat(LateFiling.fileAt(5, -1, WEEK)).isEqualTo(5);
    }
}
