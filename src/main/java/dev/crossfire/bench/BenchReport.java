package dev.crossfire.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;

/** The pipeline benchmark's figures as a table for people and as JSON for scripts. */
public final class BenchReport {

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private BenchReport() {
    }

    public static String table(PipelineBenchmark.Report r) {
        StringBuilder out = new StringBuilder();
        PipelineBenchmark.Options o = r.options();
        out.append(String.format(Locale.ROOT, "crossfire bench: %,d posts (+%,d duplicates), %d partitions, seed %d, in-process KRaft broker, "
                + "in-memory schema registry, %s, %d cores, max heap %d MB%n", o.posts(), r.delivered() - o.posts(), o.partitions(),
            o.seed(), o.streamsOverrides().getOrDefault("processing.guarantee", "exactly_once_v2"), Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() / (1024 * 1024)));
        out.append(String.format(Locale.ROOT, "%-46s %16s%n", "figure", "value"));
        row(out, "baseline: move posts (posts/s)", String.format(Locale.ROOT, "%,.0f", r.baseline().perSecond()));
        row(out, "crossfire: full topology (posts/s)", String.format(Locale.ROOT, "%,.0f", r.crossfire().perSecond()));
        row(out, "ratio crossfire / baseline (target >= 0.35)", String.format(Locale.ROOT, "%.3f", r.ratio()));
        row(out, "records written per post (target <= 2.5)", String.format(Locale.ROOT, "%.2f", r.recordsPerPost().total()));
        row(out, "alert latency p50 (ms)", Long.toString(r.latencyMillis().p50()));
        row(out, "alert latency p95 (ms)", Long.toString(r.latencyMillis().p95()));
        row(out, "alert latency p99 (ms, target <= 300)", Long.toString(r.latencyMillis().p99()));
        row(out, "  allowed lateness (ms)", Long.toString(o.allowedLateness().toMillis()));
        row(out, "  over alerts / offered posts/s / achieved", String.format(Locale.ROOT, "%d / %,.0f / %,.0f", r.latencyMillis().count(),
            o.offeredRate(), r.achievedRate()));
        row(out, "peak heap, whole JVM with broker (MB)", Long.toString(r.peakHeapBytes() / (1024 * 1024)));
        row(out, "state on disk after the run (MB)", String.format(Locale.ROOT, "%.1f", r.stateBytes() / (1024.0 * 1024)));
        row(out, "posts threaded, of posts written", String.format(Locale.ROOT, "%,d / %,d", r.threaded().distinct(), o.posts()));
        row(out, "  threads records: roots / linked / orphans", String.format(Locale.ROOT, "%,d / %,d / %,d", r.threaded().roots(),
            r.threaded().linked(), r.threaded().orphans()));
        row(out, "precision (ESCALATING+ pairs planted)", String.format(Locale.ROOT, "%.3f", r.accuracy().precision()));
        row(out, "recall (planted escalating pairs alerted)", String.format(Locale.ROOT, "%.3f", r.accuracy().recall()));
        row(out, "  alerts / alerted pairs / friendly alerted", String.format(Locale.ROOT, "%d / %d / %d", r.accuracy().alerts(),
            r.accuracy().alertedPairs(), r.accuracy().friendlyAlerted()));
        return out.toString();
    }

    private static void row(StringBuilder out, String name, String value) {
        out.append(String.format(Locale.ROOT, "%-46s %16s%n", name, value));
    }

    public static String json(PipelineBenchmark.Report r) {
        ObjectNode n = MAPPER.createObjectNode();
        PipelineBenchmark.Options o = r.options();
        n.putObject("setup").put("posts", o.posts()).put("delivered", r.delivered()).put("partitions", o.partitions()).put("seed", o.seed()).put("eventRate", o.eventRate())
            .put("broker", "in-process KRaft (same JVM)").put("registry", "in-memory").put("processingGuarantee", o.streamsOverrides().getOrDefault("processing.guarantee", "exactly_once_v2"))
            .put("cores", Runtime.getRuntime().availableProcessors()).put("maxHeapBytes", Runtime.getRuntime().maxMemory());
        n.putObject("baseline").put("posts", r.baseline().posts()).put("millis", r.baseline().millis()).put("postsPerSecond", r.baseline().perSecond());
        n.putObject("crossfire").put("posts", r.crossfire().posts()).put("millis", r.crossfire().millis()).put("postsPerSecond", r.crossfire().perSecond());
        n.putPOJO("streamsOverrides", o.streamsOverrides());
        n.put("ratio", r.ratio());
        n.putObject("recordsPerPost").put("total", r.recordsPerPost().total()).putPOJO("byTopic", r.recordsPerPost().byTopic());
        n.putObject("latencyMillis").put("offeredPostsPerSecond", o.offeredRate()).put("achievedPostsPerSecond", r.achievedRate())
            .put("allowedLatenessMillis", o.allowedLateness().toMillis()).put("offered", r.offered()).put("alerts", r.latencyMillis().count()).put("p50", r.latencyMillis().p50())
            .put("p95", r.latencyMillis().p95()).put("p99", r.latencyMillis().p99()).put("max", r.latencyMillis().max());
        n.put("peakHeapBytes", r.peakHeapBytes());
        n.put("stateBytes", r.stateBytes());
        n.putObject("threaded").put("distinctPosts", r.threaded().distinct()).put("records", r.threaded().records())
            .put("roots", r.threaded().roots()).put("linked", r.threaded().linked()).put("orphans", r.threaded().orphans());
        n.putObject("accuracy").put("precision", r.accuracy().precision()).put("recall", r.accuracy().recall())
            .put("plantedEscalating", r.accuracy().planted()).put("alertedPairs", r.accuracy().alertedPairs())
            .put("truePositives", r.accuracy().truePositives()).put("friendlyAlerted", r.accuracy().friendlyAlerted())
            .put("alerts", r.accuracy().alerts());
        return n.toPrettyString();
    }
}
