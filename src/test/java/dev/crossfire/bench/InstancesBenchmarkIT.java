package dev.crossfire.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code bench instances} at a tiny size: crossfire as one and then two {@code run} processes in
 * their own JVMs, sharing a group on the real broker and a registry served over HTTP. The two-instance
 * run must raise exactly the alerts of the one-instance run. Speeds are reported, never asserted.
 */
class InstancesBenchmarkIT {

    @Test
    void twoProcessesRaiseTheSameAlertsAsOne() throws Exception {
        ByteArrayOutputStream progress = new ByteArrayOutputStream();
        InstancesBenchmark.Options options = new InstancesBenchmark.Options(3_000, 4, List.of(1, 2), 42, 5_000, Duration.ofMinutes(4));
        List<InstancesBenchmark.Run> runs = new InstancesBenchmark(options, new PrintStream(progress, true, StandardCharsets.UTF_8)).run();
        System.out.print(InstancesBenchmark.table(runs));

        assertThat(runs).extracting(InstancesBenchmark.Run::instances).containsExactly(1, 2);
        InstancesBenchmark.Run one = runs.get(0);
        InstancesBenchmark.Run two = runs.get(1);
        assertThat(one.alertIds()).isNotEmpty();
        assertThat(two.alertIds()).isEqualTo(one.alertIds());
        assertThat(one.accuracy().recall()).isGreaterThanOrEqualTo(0.9);
        assertThat(two.accuracy().friendlyAlerted()).isZero();
        assertThat(two.posts()).isEqualTo(one.posts()).isGreaterThan(3_000);
        assertThat(two.peakRssBytes()).hasSize(2).allSatisfy(b -> assertThat(b).isPositive());
        assertThat(InstancesBenchmark.table(runs)).contains("same alerts as 1", "yes");
    }
}
