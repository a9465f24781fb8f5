package dev.crossfire.cli;

import dev.crossfire.bench.SoakBenchmark;
import dev.crossfire.bench.SoakReport;
import dev.crossfire.config.DurationText;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** crossfire as a live service for a bounded time: does anything grow that should not. */
@Command(name = "soak", mixinStandardHelpOptions = true,
    description = "Runs crossfire's production topology on an in-process broker for --minutes, fed at --rate posts/s with event time "
        + "running with the wall clock, and every --sample-seconds prints a row: throughput, consumer lag, alert latency of planted "
        + "exchanges, heap after GC, resident memory, state on disk and in RocksDB memtables, buffer and exchanges. At the end, a verdict per series: "
        + "flat or growing (last third against middle third). JSON with every sample to --json. See docs/benchmarks.md, Soak.")
public final class BenchSoakCommand implements Callable<Integer> {

    @Option(names = "--minutes", defaultValue = "20", description = "Length of the run; it stops then, backlog or not (default: ${DEFAULT-VALUE}).")
    double minutes;

    @Option(names = "--rate", defaultValue = "1000",
        description = "Offered posts/s, about half of what this topology takes on 2 shared cores, so that the run soaks, not saturates "
            + "(default: ${DEFAULT-VALUE}).")
    double rate;

    @Option(names = "--sample-seconds", defaultValue = "10", description = "Sampling interval (default: ${DEFAULT-VALUE}).")
    int sampleSeconds;

    @Option(names = "--partitions", defaultValue = "4", description = "Partitions of every topic (default: ${DEFAULT-VALUE}).")
    int partitions;

    @Option(names = "--seed", defaultValue = "42", description = "Workload seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--retention", paramLabel = "DURATION",
        description = "Event-time retentions and waits (deduplication, thread links, parent wait, exchange inactivity) "
            + "cut to this, e.g. 2m or PT2M, so that they expire within the run; default: a tenth of the run, at least 10 s. 7d keeps "
            + "production's.")
    String retention;

    @Option(names = "--streams-property", paramLabel = "KEY=VALUE", description = "A Kafka Streams setting (repeatable).")
    Map<String, String> streamsOverrides = new LinkedHashMap<>();

    @Option(names = "--json", defaultValue = "soak-report.json", paramLabel = "FILE", description = "Where the JSON report goes (default: ${DEFAULT-VALUE}).")
    Path json;

    @Override
    public Integer call() throws Exception {
        if (!(minutes > 0) || sampleSeconds < 1) {
            throw new IllegalArgumentException("--minutes must be above 0 and --sample-seconds at least 1");
        }
        Duration length = Duration.ofMillis(Math.round(minutes * 60_000));
        Duration kept = retention == null ? SoakBenchmark.Options.defaultRetention(length)
            : DurationText.parse(retention);
        var options = new SoakBenchmark.Options(length, rate, Duration.ofSeconds(sampleSeconds), partitions,
            seed, kept, streamsOverrides);
        var report = new SoakBenchmark(options, System.out, System.err).run();
        System.out.print(SoakReport.summary(report));
        Files.writeString(json, SoakReport.json(report));
        System.out.println("JSON: " + json.toAbsolutePath());
        return 0;
    }
}
