package dev.crossfire.cli;

import dev.crossfire.app.PostLines;
import dev.crossfire.avro.Post;
import dev.crossfire.bench.SerdeBenchmark;
import dev.crossfire.post.InvalidPostException;
import dev.crossfire.post.PostJson;
import dev.crossfire.serde.HttpSchemaRegistryClient;
import dev.crossfire.serde.InMemorySchemaRegistry;
import dev.crossfire.serde.RegistrySettings;
import dev.crossfire.serde.SchemaRegistryClient;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
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
    subcommands = {BenchCommand.Serde.class, BenchCommand.Score.class, BenchCommand.Instances.class, BenchCommand.Soak.class})
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

    @Option(names = "--seed", defaultValue = "42", description = "Workload seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--streams-property", paramLabel = "KEY=VALUE",
        description = "A Kafka Streams setting for both apps, e.g. commit.interval.ms=50 or num.stream.threads=2 (repeatable).")
    java.util.Map<String, String> streamsOverrides = new java.util.LinkedHashMap<>();

    @Option(names = "--timeout-minutes", defaultValue = "30", description = "Give up on a phase after this long (default: ${DEFAULT-VALUE}).")
    int timeoutMinutes;

    @Option(names = "--json", defaultValue = "bench-report.json", paramLabel = "FILE", description = "Where the JSON report goes (default: ${DEFAULT-VALUE}).")
    java.nio.file.Path json;

    @Override
    public Integer call() throws Exception {
        if (posts < 1 || partitions < 1 || rate <= 0 || eventRate <= 0 || latencySeconds < 0 || timeoutMinutes < 1) {
            throw new IllegalArgumentException("--posts, --partitions, --rate, --event-rate and --timeout-minutes must be positive, --latency-seconds 0 or more");
        }
        var options = new dev.crossfire.bench.PipelineBenchmark.Options(posts, partitions, rate, java.time.Duration.ofSeconds(latencySeconds),
            seed, java.time.Duration.ofMinutes(timeoutMinutes), streamsOverrides, eventRate);
        var report = new dev.crossfire.bench.PipelineBenchmark(options, System.err).run();
        System.out.print(dev.crossfire.bench.BenchReport.table(report));
        java.nio.file.Files.writeString(json, dev.crossfire.bench.BenchReport.json(report));
        System.out.println("JSON: " + json.toAbsolutePath());
        return 0;
    }

    /** crossfire in 1, 2, 3 separate JVMs on one broker: throughput and the same alerts. */
    @Command(name = "instances", mixinStandardHelpOptions = true,
        description = "Runs crossfire as separate 'run' processes (each -Xmx512m) sharing one consumer group on an in-process broker, for "
            + "each instance count in turn, on the same seeded workload: posts/s, peak resident memory per instance, and whether the "
            + "alerts are the same set as with one instance.")
    public static final class Instances implements Callable<Integer> {

        @Option(names = "--posts", defaultValue = "50000", description = "Posts per run (default: ${DEFAULT-VALUE}).")
        long posts;

        @Option(names = "--partitions", defaultValue = "6", description = "Partitions of every topic (default: ${DEFAULT-VALUE}).")
        int partitions;

        @Option(names = "--instances", defaultValue = "1,2,3", split = ",", description = "Instance counts, the first is the reference (default: ${DEFAULT-VALUE}).")
        List<Integer> instances;

        @Option(names = "--event-rate", defaultValue = "5000", description = "Posts per second of event time (default: ${DEFAULT-VALUE}).")
        double eventRate;

        @Option(names = "--seed", defaultValue = "42", description = "Workload seed (default: ${DEFAULT-VALUE}).")
        long seed;

        @Override
        public Integer call() throws Exception {
            if (posts < 1 || partitions < 1 || eventRate <= 0 || instances.isEmpty() || instances.stream().anyMatch(i -> i < 1 || i > partitions)) {
                throw new IllegalArgumentException("--posts, --partitions and --event-rate must be positive, and each instance count between 1 and --partitions");
            }
            var options = new dev.crossfire.bench.InstancesBenchmark.Options(posts, partitions, instances, seed, eventRate,
                java.time.Duration.ofMinutes(20));
            var runs = new dev.crossfire.bench.InstancesBenchmark(options, System.err).run();
            System.out.print(dev.crossfire.bench.InstancesBenchmark.table(runs));
            return 0;
        }
    }

    /** crossfire as a live service for a bounded time: does anything grow that should not. */
    @Command(name = "soak", mixinStandardHelpOptions = true,
        description = "Runs crossfire's production topology on an in-process broker for --minutes, fed at --rate posts/s with event time "
            + "running with the wall clock, and every --sample-seconds prints a row: throughput, consumer lag, alert latency of planted "
            + "exchanges, heap after GC, resident memory, state on disk and in RocksDB memtables, buffer and exchanges. At the end, a verdict per series: "
            + "flat or growing (last third against middle third). JSON with every sample to --json. See docs/benchmarks.md, Soak.")
    public static final class Soak implements Callable<Integer> {

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
            description = "Event-time retentions and time-outs (deduplication, thread links and trees, thread buffer, exchange inactivity) "
                + "cut to this, e.g. 2m or PT2M, so that they expire within the run; default: a tenth of the run, at least 10 s. 7d keeps "
                + "production's.")
        String retention;

        @Option(names = "--streams-property", paramLabel = "KEY=VALUE", description = "A Kafka Streams setting (repeatable).")
        java.util.Map<String, String> streamsOverrides = new java.util.LinkedHashMap<>();

        @Option(names = "--json", defaultValue = "soak-report.json", paramLabel = "FILE", description = "Where the JSON report goes (default: ${DEFAULT-VALUE}).")
        java.nio.file.Path json;

        @Override
        public Integer call() throws Exception {
            if (!(minutes > 0) || sampleSeconds < 1) {
                throw new IllegalArgumentException("--minutes must be above 0 and --sample-seconds at least 1");
            }
            java.time.Duration length = java.time.Duration.ofMillis(Math.round(minutes * 60_000));
            java.time.Duration kept = retention == null ? dev.crossfire.bench.SoakBenchmark.Options.defaultRetention(length)
                : dev.crossfire.config.DurationText.parse(retention);
            var options = new dev.crossfire.bench.SoakBenchmark.Options(length, rate, java.time.Duration.ofSeconds(sampleSeconds), partitions,
                seed, kept, streamsOverrides);
            var report = new dev.crossfire.bench.SoakBenchmark(options, System.out, System.err).run();
            System.out.print(dev.crossfire.bench.SoakReport.summary(report));
            java.nio.file.Files.writeString(json, dev.crossfire.bench.SoakReport.json(report));
            System.out.println("JSON: " + json.toAbsolutePath());
            return 0;
        }
    }

    /** Texts/s through the hostility scorer against a plain lower-case and split, in one run. */
    @Command(name = "score", mixinStandardHelpOptions = true,
        description = "Texts/s through the hostility scorer on one thread against a plain lower-case and split of the same texts, "
            + "in one run; prints the ratio. Texts: the demo's posts, or the text column of --csv.")
    public static final class Score implements Callable<Integer> {

        @Option(names = "--texts", defaultValue = "200000", description = "Texts per round (default: ${DEFAULT-VALUE}).")
        int texts;

        @Option(names = "--rounds", defaultValue = "5", description = "Measured rounds per side (default: ${DEFAULT-VALUE}).")
        int rounds;

        @Option(names = "--csv", paramLabel = "FILE", description = "Take the texts from this CSV's text column instead.")
        java.nio.file.Path csv;

        @Option(names = "--rules-only", description = "Measure the rules without the model.")
        boolean rulesOnly;

        @Override
        public Integer call() throws Exception {
            if (texts < 1 || rounds < 1) {
                throw new IllegalArgumentException("--texts and --rounds must be positive");
            }
            List<String> sample = new ArrayList<>();
            String source;
            if (csv != null) {
                try (var reader = java.nio.file.Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
                    dev.crossfire.text.TextTable.stream(reader, "text", null, null, row -> sample.add(row.text()), rejected -> { });
                }
                source = sample.size() + " distinct texts of " + csv.getFileName();
            } else {
                sample.addAll(demoPosts().stream().map(p -> p.getText().toString()).toList());
                source = sample.size() + " distinct texts of the demo's posts";
            }
            var figures = new dev.crossfire.bench.ScoreBenchmark(rulesOnly ? dev.crossfire.text.HostilityScorer.rulesOnly() : new dev.crossfire.text.HostilityScorer(), sample, texts).run(rounds);
            System.out.print(dev.crossfire.bench.ScoreBenchmark.table(figures, texts, rounds, source));
            return 0;
        }
    }

    static List<Post> demoPosts() throws java.io.IOException {
        List<Post> sample = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(
            Objects.requireNonNull(BenchCommand.class.getResourceAsStream(DemoCommand.POSTS), "bundled sample missing"),
            StandardCharsets.UTF_8))) {
            for (PostLines.Line line : PostLines.read(reader)) {
                try {
                    sample.add(PostJson.parse(line.value()));
                } catch (InvalidPostException e) {
                    // the bundled sample is valid; nothing to measure in a bad line
                }
            }
        }
        return sample;
    }

    /** Records/s through the registry-backed serde against plain Avro, in one run. */
    @Command(name = "serde", mixinStandardHelpOptions = true,
        description = "Records/s through the registry-backed Avro serde (warm id cache) against plain Avro binary encoding "
            + "of the same records (the demo's posts), in one run; prints the ratio.")
    public static final class Serde implements Callable<Integer> {

        @Option(names = "--records", defaultValue = "200000", description = "Records per round (default: ${DEFAULT-VALUE}).")
        int records;

        @Option(names = "--rounds", defaultValue = "5", description = "Measured rounds per side (default: ${DEFAULT-VALUE}).")
        int rounds;

        @Option(names = "--schema-registry-url", paramLabel = "URL", description = "Use this registry instead of the in-memory one.")
        String url;

        @Override
        public Integer call() throws Exception {
            List<Post> sample = demoPosts();
            SchemaRegistryClient registry = url == null ? new InMemorySchemaRegistry() : new HttpSchemaRegistryClient(RegistrySettings.forUrl(url));
            SerdeBenchmark.Figures figures = new SerdeBenchmark(registry, sample, records).run(rounds);
            System.out.print(SerdeBenchmark.table(figures, records, rounds, url == null ? "in memory" : url));
            return 0;
        }
    }
}
