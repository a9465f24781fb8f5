package dev.crossfire.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ReplayPaceTest {

    private static final Instant T0 = Instant.parse("2020-05-22T23:10:41Z");
    private static final long START = 1_000_000_000L;

    @Test
    void aRateSpacesPostsEvenlyFromTheFirst() {
        ReplayPace pace = ReplayPace.rate(100);
        assertThat(pace.waitBefore(0, T0, START)).isZero();
        assertThat(pace.waitBefore(50, T0, START)).isEqualTo(Duration.ofMillis(500));
        assertThat(pace.waitBefore(50, T0, START + 600_000_000L)).isZero(); // behind: no wait, no catching up by bursts either
    }

    @Test
    void aSpeedUpShortensTheGapsBetweenCreationTimes() {
        ReplayPace pace = ReplayPace.speedUp(60); // an hour of posts in a minute
        assertThat(pace.waitBefore(0, T0, START)).isZero();
        assertThat(pace.waitBefore(1, T0.plus(Duration.ofMinutes(30)), START)).isEqualTo(Duration.ofSeconds(30));
        assertThat(pace.waitBefore(2, T0.minus(Duration.ofMinutes(5)), START)).isZero(); // out of order: at once
    }

    @Test
    void fullSpeedNeverWaitsAndNonsenseIsRefused() {
        assertThat(ReplayPace.fullSpeed().waitBefore(1_000, T0, START)).isZero();
        assertThatThrownBy(() -> ReplayPace.rate(0)).hasMessageContaining("--rate must be above 0");
        assertThatThrownBy(() -> ReplayPace.speedUp(-2)).hasMessageContaining("--speed must be above 0");
    }

    @Test
    void theProgressLineGivesShareRateAndEta() {
        ReplayProgress progress = new ReplayProgress(System.err, true, 1_000, 0);
        assertThat(progress.line(250, 1_000_000_000L)).contains("25%", "250/1,000 posts", "250/s", "ETA 0:03");
        assertThat(new ReplayProgress(System.err, true, -1, 0).line(500, 2_000_000_000L)).isEqualTo("500 posts  250/s");
    }
}
