package dev.crossfire.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/** A soak run as a table (a row per sample as it comes, verdicts at the end) and as JSON. */
public final class SoakReport {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final double MB = 1024.0 * 1024;
    private static final String COLUMNS = "%6s %9s %11s %9s %8s %6s %7s %7s %7s %6s %6s %6s %8s %9s %8s %9s%n";

    private SoakReport() {
    }

    static String header() {
        return String.format(Locale.ROOT, COLUMNS, "t s", "offered/s", "processed/s", "posts lag", "loop lag", "alerts", "p50 ms",
            "p99 ms", "heap MB", "gc ms", "rss MB", "native", "state MB", "memtables", "buffered", "exchanges");
    }

    static String row(SoakSample s) {
        return String.format(Locale.ROOT, COLUMNS, String.format(Locale.ROOT, "%.0f", s.seconds()),
            String.format(Locale.ROOT, "%,.0f", s.offeredPerSecond()), String.format(Locale.ROOT, "%,.0f", s.processedPerSecond()),
            String.format(Locale.ROOT, "%,d", s.postsLag()), String.format(Locale.ROOT, "%,d", s.loopLag()), s.alerts(),
            orDash(s.latencyP50Millis()), orDash(s.latencyP99Millis()), mb(s.heapAfterGcBytes()), s.gcMillis(), mb(s.rssBytes()),
            mb(s.nativeBytes()), String.format(Locale.ROOT, "%.1f", s.stateBytes() / MB), String.format(Locale.ROOT, "%.1f", s.memtableBytes() / MB),
            orDash(s.bufferedChildren()), orDash(s.exchanges()));
    }

    private static String mb(long bytes) {
        return bytes < 0 ? "-" : String.format(Locale.ROOT, "%.0f", bytes / MB);
    }

    private static String orDash(long value) {
        return value < 0 ? "-" : String.format(Locale.ROOT, "%,d", value);
    }

    /**
     * One verdict per series. Floors: 16 MB of heap, 32 MB of resident or native memory, 4 MB of state on disk or in
     * memtables, one second's posts of lag, 250 ms of latency, 100 buffered children or exchanges; throughput must not
     * fall by more than the tolerance. RocksDB's key
     * estimates get none: they count overwrites until compaction (they are in the JSON).
     */
    static List<SoakVerdict> verdicts(List<SoakSample> samples, double rate) {
        List<SoakVerdict> out = new ArrayList<>();
        out.add(verdict("heap after GC", "MB", samples, s -> s.heapAfterGcBytes() / MB, SoakVerdict.Bad.UP, 16));
        out.add(verdict("resident memory", "MB", samples, s -> s.rssBytes() < 0 ? -1 : s.rssBytes() / MB, SoakVerdict.Bad.UP, 32));
        out.add(verdict("native memory (rss - heap)", "MB", samples, s -> s.nativeBytes() < 0 ? -1 : s.nativeBytes() / MB,
            SoakVerdict.Bad.UP, 32));
        out.add(verdict("state on disk", "MB", samples, s -> s.stateBytes() / MB, SoakVerdict.Bad.UP, 4));
        out.add(verdict("RocksDB memtables", "MB", samples, s -> s.memtableBytes() / MB, SoakVerdict.Bad.UP, 4));
        out.add(verdict("posts lag", "records", samples, SoakSample::postsLag, SoakVerdict.Bad.UP, rate));
        out.add(verdict("loop lag", "records", samples, SoakSample::loopLag, SoakVerdict.Bad.UP, rate));
        out.add(verdict("alert latency p50", "ms", samples, SoakSample::latencyP50Millis, SoakVerdict.Bad.UP, 250));
        out.add(verdict("alert latency p99", "ms", samples, SoakSample::latencyP99Millis, SoakVerdict.Bad.UP, 250));
        // a backlog worked off after the warm-up is not a fall: each interval counts at most what was offered in it
        out.add(verdict("posts processed (<= offered)", "posts/s", samples, s -> Math.min(s.processedPerSecond(), s.offeredPerSecond()),
            SoakVerdict.Bad.DOWN, 0));
        out.add(verdict("thread buffer", "children", samples, SoakSample::bufferedChildren, SoakVerdict.Bad.UP, 100));
        out.add(verdict("exchanges store", "entries", samples, SoakSample::exchanges, SoakVerdict.Bad.UP, 100));
        return out;
    }

    private static SoakVerdict verdict(String series, String unit, List<SoakSample> samples, ToDoubleFunction<SoakSample> value,
                                       SoakVerdict.Bad bad, double floor) {
        return SoakVerdict.of(series, unit, samples.stream().mapToDouble(value).toArray(), bad, floor);
    }

    /** The verdicts and the run's totals, after the last row. */
    public static String summary(SoakBenchmark.Report r) {
        StringBuilder out = new StringBuilder();
        int n = r.samples().size();
        out.append(String.format(Locale.ROOT, "%nverdicts: mean of the last third of the samples (%d) against the middle third (%d); the first "
            + "third (%d) is warm-up. Flat: moved the bad way by at most %.0f%% or the floor.%n", n - 2 * n / 3, 2 * n / 3 - n / 3, n / 3,
            100 * SoakVerdict.TOLERANCE));
        String format = "%-30s %-9s %12s %12s %8s %10s  %s%n";
        out.append(String.format(Locale.ROOT, format, "series", "unit", "middle third", "last third", "change", "floor", "verdict"));
        for (SoakVerdict v : r.verdicts()) {
            out.append(String.format(Locale.ROOT, format, v.series(), v.unit(), number(v.middle()), number(v.last()), v.describeChange(),
                number(v.floor()), v.verdict()));
        }
        long notFlat = r.verdicts().stream().filter(v -> !v.flat() && !v.verdict().equals("too short")).count();
        out.append(String.format(Locale.ROOT, "%s; %,d posts offered; %,d alerts (%,d of planted escalating exchanges timed, %,d untimed, "
                + "%,d of friendly ones); heap: %s%n", notFlat == 0 ? "all series flat (or too short to tell)" : notFlat + " series not flat",
            r.offered(), r.alerts(), r.plantedAlertsTimed(), r.plantedAlertsUntimed(), r.friendlyAlerts(), r.heapMeasure()));
        return out.toString();
    }

    private static String number(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, v >= 100 ? "%,.0f" : "%.1f", v);
    }

    public static String json(SoakBenchmark.Report r) {
        ObjectNode n = MAPPER.createObjectNode();
        SoakBenchmark.Options o = r.options();
        n.putObject("setup").put("seconds", o.length().toSeconds()).put("offeredPostsPerSecond", o.rate())
            .put("sampleSeconds", o.sampleEvery().toSeconds()).put("partitions", o.partitions()).put("seed", o.seed())
            .put("retention", o.retention().toString()).put("plantedEscalating", r.plantedEscalating()).put("plantedFriendly", r.plantedFriendly())
            .put("broker", "in-process KRaft (same JVM)").put("registry", "in-memory").put("heapMeasure", r.heapMeasure())
            .put("cores", Runtime.getRuntime().availableProcessors()).put("maxHeapBytes", Runtime.getRuntime().maxMemory())
            .putPOJO("streamsOverrides", o.streamsOverrides());
        n.putObject("totals").put("offered", r.offered()).put("alerts", r.alerts()).put("plantedAlertsTimed", r.plantedAlertsTimed())
            .put("plantedAlertsUntimed", r.plantedAlertsUntimed()).put("friendlyAlerts", r.friendlyAlerts());
        ArrayNode samples = n.putArray("samples");
        for (SoakSample s : r.samples()) {
            ObjectNode j = samples.addObject().put("seconds", s.seconds()).put("offeredPerSecond", s.offeredPerSecond())
                .put("processedPerSecond", s.processedPerSecond()).put("postsLag", s.postsLag()).put("loopLag", s.loopLag())
                .put("alerts", s.alerts()).put("latencyP50Millis", s.latencyP50Millis()).put("latencyP99Millis", s.latencyP99Millis())
                .put("heapAfterGcBytes", s.heapAfterGcBytes()).put("heapCommittedBytes", s.heapCommittedBytes()).put("gcMillis", s.gcMillis())
                .put("rssBytes", s.rssBytes()).put("nativeBytes", s.nativeBytes()).put("stateBytes", s.stateBytes())
                .put("memtableBytes", s.memtableBytes()).put("bufferedChildren", s.bufferedChildren()).put("exchanges", s.exchanges());
            ObjectNode keys = j.putObject("storeKeysRocksDbEstimate");
            for (Map.Entry<String, Long> e : s.storeKeys().entrySet()) {
                keys.put(e.getKey(), e.getValue());
            }
        }
        ArrayNode verdicts = n.putArray("verdicts");
        for (SoakVerdict v : r.verdicts()) {
            ObjectNode j = verdicts.addObject().put("series", v.series()).put("unit", v.unit());
            finite(j, "middleThirdMean", v.middle());
            finite(j, "lastThirdMean", v.last());
            finite(j, "change", v.change());
            j.put("tolerance", SoakVerdict.TOLERANCE).put("floor", v.floor()).put("verdict", v.verdict());
        }
        return n.toPrettyString();
    }

    /** JSON has no NaN or infinity: a series without a mean, or a change from 0, is null. */
    private static void finite(ObjectNode node, String field, double value) {
        if (Double.isFinite(value)) {
            node.put(field, value);
        } else {
            node.putNull(field);
        }
    }
}
