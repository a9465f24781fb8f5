package dev.crossfire.cli;

import dev.crossfire.bench.BenchReport;
import dev.crossfire.bench.PipelineBenchmark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bench}: crossfire's full topology against a Kafka Streams app that only moves the same
 * posts, latency at a fixed offered rate, heap, state and accuracy, in one run; {@code bench serde}
 * the registry-backed serde alone. Benchmarks print figures, they never pass or fail.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = "Throughput against Kafka Streams' own ceiling (an app that only moves the posts), alert latency at a fixed "
        + "offered rate, peak heap, state size, precision and recall on a generated workload; one run on an in-process broker. "
        + "A table on stdout, JSON to --json.",
    subcommands = {BenchSerdeCommand.class, BenchScoreCommand.class, BenchInstancesCommand.class, BenchSoakCommand.class})
public final class BenchCommand implements Callable<Integer> {

    @Option(names = "--posts", defaultValue = "100000", description = "Posts in the throughput run (default: ${DEFAULT-VALUE}).")
    long posts;

    @Option(names = "--partitions", defaultValue = "4", description = "Partitions of every topic (default: ${DEFAULT-VALUE}).")
    int partitions;

    @Option(names = "--rate", defaultValue = "5000", description = "Offered posts/s in the latency run (default: ${DEFAULT-VALUE}).")
    double rate;

    @Option(names = "--latency-seconds", defaultValue = "20", description = "Length of the latency run; 0 skips it (default: ${DEFAULT-VALUE}).")
    int latencySeconds;

    @Option(names = "--event-rate", defaultValue = "5000",
        description = "Posts per second of event time in the throughput run's workload; lower it to span more days than the "
            + "7-day retentions, to see state level off (default: ${DEFAULT-VALUE}).")
    double eventRate;

    @Option(names = "--allowed-lateness", defaultValue = "PT0S", paramLabel = "DURATION",
        description = "crossfire.allowed-lateness in the latency run, ISO-8601: how long turns are held back for disorder (default: run's, ${DEFAULT-VALUE}).")
    Duration allowedLateness;

    @Option(names = "--seed", defaultValue = "42", description = "Workload seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--streams-property", paramLabel = "KEY=VALUE",
        description = "A Kafka Streams setting for both apps, e.g. commit.interval.ms=50 or num.stream.threads=2 (repeatable).")
    Map<String, String> streamsOverrides = new LinkedHashMap<>();

    @Option(names = "--timeout-minutes", defaultValue = "30", description = "Give up on a phase after this long (default: ${DEFAULT-VALUE}).")
    int timeoutMinutes;

    @Option(names = "--json", defaultValue = "bench-report.json", paramLabel = "FILE", description = "Where the JSON report goes (default: ${DEFAULT-VALUE}).")
    Path json;

    @Override
    public Integer call() throws Exception {
        if (posts < 1 || partitions < 1 || rate <= 0 || eventRate <= 0 || latencySeconds < 0 || timeoutMinutes < 1 || allowedLateness.isNegative()) {
            throw new IllegalArgumentException("--posts, --partitions, --rate, --event-rate and --timeout-minutes must be positive, --latency-seconds and --allowed-lateness 0 or more");
        }
        var options = new PipelineBenchmark.Options(posts, partitions, rate, Duration.ofSeconds(latencySeconds),
            seed, Duration.ofMinutes(timeoutMinutes), streamsOverrides, eventRate, allowedLateness);
        var report = new PipelineBenchmark(options, System.err).run();
        System.out.print(BenchReport.table(report));
        Files.writeString(json, BenchReport.json(report));
        System.out.println("JSON: " + json.toAbsolutePath());
        return 0;
    }
}
