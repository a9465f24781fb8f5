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
 * The benchmark end to end at a tiny size: both apps run on the real broker, every figure is
 * measured and reported, and the planted ground truth is scored. It asserts what was measured
 * exists and is consistent, never how fast anything was.
 */
class PipelineBenchmarkIT {

    @Test
    void aSmallRunMeasuresBothAppsScoresThePlantedExchangesAndReports() throws Exception {
        ByteArrayOutputStream progress = new ByteArrayOutputStream();
        PipelineBenchmark.Options options = new PipelineBenchmark.Options(4_000, 2, 1_000, Duration.ofSeconds(3), 42,
            Duration.ofMinutes(3), Map.of(), 5_000, Duration.ZERO);
        PipelineBenchmark.Report report = new PipelineBenchmark(options, new PrintStream(progress, true, StandardCharsets.UTF_8)).run();

        assertThat(report.delivered()).isGreaterThan(4_000); // the duplicates come on top
        assertThat(report.baseline().posts()).isEqualTo(report.delivered());
        assertThat(report.baseline().perSecond()).isPositive();
        assertThat(report.crossfire().perSecond()).isPositive();
        assertThat(report.ratio()).isEqualTo(report.crossfire().perSecond() / report.baseline().perSecond());
        // every post comes out once on the threads topic; the total is the sum over crossfire's topics
        assertThat(report.recordsPerPost().byTopic().get("bench.crossfire.threads")).isGreaterThan(0.9);
        assertThat(report.recordsPerPost().total())
            .isEqualTo(report.recordsPerPost().byTopic().values().stream().mapToDouble(Double::doubleValue).sum())
            .isGreaterThan(1.0);
        assertThat(report.accuracy().planted()).isEqualTo(40);
        assertThat(report.accuracy().recall()).isGreaterThanOrEqualTo(0.9);
        assertThat(report.accuracy().precision()).isGreaterThanOrEqualTo(0.9);
        assertThat(report.accuracy().friendlyAlerted()).isZero();
        assertThat(report.offered()).isGreaterThan(3_000); // 3 s at 1,000 posts/s, with the duplicates
        assertThat(report.latencyMillis().count()).isPositive();
        assertThat(report.latencyMillis().p50()).isLessThanOrEqualTo(report.latencyMillis().p99());
        assertThat(report.peakHeapBytes()).isPositive();
        assertThat(report.stateBytes()).isPositive();

        JsonNode json = new ObjectMapper().readTree(BenchReport.json(report));
        assertThat(json.path("ratio").asDouble()).isEqualTo(report.ratio());
        assertThat(json.path("accuracy").path("recall").asDouble()).isEqualTo(report.accuracy().recall());
        assertThat(json.path("latencyMillis").path("p99").asLong()).isEqualTo(report.latencyMillis().p99());
        assertThat(json.path("recordsPerPost").path("total").asDouble()).isEqualTo(report.recordsPerPost().total());
        assertThat(BenchReport.table(report)).contains("ratio crossfire / baseline", "records written per post", "alert latency p99", "precision", "recall");
        assertThat(progress.toString(StandardCharsets.UTF_8)).contains("CPU ms by thread");
    }
}
