package dev.crossfire.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The soak at a very short length on the real broker: every interval is sampled and printed, the
 * values are sane, and the report carries every sample and a verdict per series. It never asserts a
 * speed or a verdict: 15 s are all warm-up.
 */
class SoakBenchmarkIT {

    @Test
    void aShortSoakSamplesEveryIntervalAndReportsEverySeries() throws Exception {
        ByteArrayOutputStream rows = new ByteArrayOutputStream();
        ByteArrayOutputStream progress = new ByteArrayOutputStream();
        SoakBenchmark.Options options = new SoakBenchmark.Options(Duration.ofSeconds(15), 200, Duration.ofSeconds(5), 2, 42,
            Duration.ofSeconds(10), Map.of());
        SoakBenchmark.Report report = new SoakBenchmark(options, new PrintStream(rows, true, StandardCharsets.UTF_8),
            new PrintStream(progress, true, StandardCharsets.UTF_8)).run();

        assertThat(report.samples()).hasSize(3);
        double previous = 0;
        for (SoakSample s : report.samples()) {
            assertThat(s.seconds()).isGreaterThan(previous);
            previous = s.seconds();
            assertThat(s.offeredPerSecond()).isBetween(50.0, 400.0); // 200 offered; a loaded CI machine may lag behind
            assertThat(s.processedPerSecond()).isNotNegative();
            assertThat(s.postsLag()).isNotNegative();
            assertThat(s.loopLag()).isNotNegative();
            assertThat(s.heapAfterGcBytes()).isPositive();
            assertThat(s.rssBytes()).isGreaterThanOrEqualTo(s.heapAfterGcBytes());
            assertThat(s.stateBytes()).isNotNegative();
            assertThat(s.memtableBytes()).isNotNegative();
            assertThat(s.nativeBytes()).isPositive();
            assertThat(s.exchanges()).isGreaterThanOrEqualTo(-1); // -1 while a rebalance keeps the store from being queried
            assertThat(s.latencyP50Millis()).isLessThanOrEqualTo(s.latencyP99Millis());
            assertThat(s.storeKeys()).containsKeys("posts-by-key", "thread-links", "exchanges");
        }
        assertThat(previous).isBetween(14.0, 16.0); // stops on time
        assertThat(report.samples()).anySatisfy(s -> assertThat(s.processedPerSecond()).isPositive());
        assertThat(report.samples().get(2).stateBytes()).isPositive();
        assertThat(report.offered()).isBetween(1_000L, 3_100L);
        assertThat(report.friendlyAlerts()).isZero();
        assertThat(report.verdicts()).extracting(SoakVerdict::series)
            .contains("heap after GC", "state on disk", "RocksDB memtables", "posts lag", "loop lag", "alert latency p99", "exchanges store");
        assertThat(report.verdicts()).allSatisfy(v -> assertThat(v.verdict()).isIn("flat", "growing", "falling", "too short"));

        String table = rows.toString(StandardCharsets.UTF_8);
        assertThat(table.lines()).hasSize(4); // the header and a row per sample, printed as they came
        assertThat(table).contains("posts lag", "heap MB", "state MB");
        assertThat(SoakReport.summary(report)).contains("verdicts", "heap after GC");
        JsonNode json = new ObjectMapper().readTree(SoakReport.json(report));
        assertThat(json.path("samples")).hasSize(3);
        assertThat(json.path("samples").get(0).path("heapAfterGcBytes").asLong()).isPositive();
        assertThat(json.path("verdicts").size()).isEqualTo(report.verdicts().size());
        assertThat(json.path("setup").path("heapMeasure").asText()).contains("System.gc()");
        System.out.print(progress.toString(StandardCharsets.UTF_8) + table + SoakReport.summary(report)); // for the build log
    }
}
