package dev.crossfire.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The soak's verdict: last third against middle third, the first third left out, with a tolerance and a floor. */
class SoakVerdictTest {

    @Test
    void aSeriesThatLevelsOffAfterTheWarmUpIsFlat() {
        double[] heap = {40, 90, 120, 150, 151, 149, 152, 150, 148};
        SoakVerdict v = SoakVerdict.of("heap", "MB", heap, SoakVerdict.Bad.UP, 16);
        assertThat(v.verdict()).isEqualTo("flat");
        assertThat(v.middle()).isEqualTo(150);
        assertThat(v.last()).isEqualTo(150);
    }

    @Test
    void aSeriesThatKeepsClimbingIsGrowing() {
        double[] state = {10, 20, 30, 40, 50, 60, 70, 80, 90};
        SoakVerdict v = SoakVerdict.of("state", "MB", state, SoakVerdict.Bad.UP, 4);
        assertThat(v.verdict()).isEqualTo("growing");
        assertThat(v.change()).isEqualTo(0.6); // 80 against 50
    }

    @Test
    void withinTheToleranceOrTheFloorIsFlat() {
        assertThat(SoakVerdict.of("heap", "MB", new double[] {0, 0, 0, 100, 100, 100, 119, 119, 119}, SoakVerdict.Bad.UP, 0).verdict())
            .isEqualTo("flat");
        // +200% of almost nothing: a lag of 30 records against 10 is below the floor of a second's posts
        assertThat(SoakVerdict.of("lag", "records", new double[] {0, 0, 0, 10, 10, 10, 30, 30, 30}, SoakVerdict.Bad.UP, 1_000).verdict())
            .isEqualTo("flat");
    }

    @Test
    void throughputMustNotFallAndMayRise() {
        double[] falling = {500, 1000, 1000, 1000, 1000, 1000, 700, 700, 700};
        assertThat(SoakVerdict.of("posts/s", "posts/s", falling, SoakVerdict.Bad.DOWN, 0).verdict()).isEqualTo("falling");
        double[] catchingUp = {500, 1000, 1000, 1000, 1000, 1000, 1500, 1500, 1500};
        assertThat(SoakVerdict.of("posts/s", "posts/s", catchingUp, SoakVerdict.Bad.DOWN, 0).verdict()).isEqualTo("flat");
    }

    @Test
    void samplesWithoutAValueAreLeftOutAndTooFewGiveNoVerdict() {
        double[] latency = {-1, 900, 1000, -1, 1000, 1100, 1000, -1, 1050};
        SoakVerdict v = SoakVerdict.of("p99", "ms", latency, SoakVerdict.Bad.UP, 250);
        assertThat(v.middle()).isEqualTo(1050);
        assertThat(v.last()).isEqualTo(1025);
        assertThat(v.verdict()).isEqualTo("flat");
        assertThat(SoakVerdict.of("p99", "ms", new double[] {1, 2, 3, 4}, SoakVerdict.Bad.UP, 0).verdict()).isEqualTo("too short");
        assertThat(SoakVerdict.of("p99", "ms", new double[] {-1, -1, -1, -1, -1, -1, 5, 5, 5}, SoakVerdict.Bad.UP, 0).verdict())
            .isEqualTo("too short");
    }
}
