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

/** {@code bench}: benchmarks that print figures. The serde one for now; the throughput benchmark comes later. */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Benchmarks that print figures (never pass/fail).",
    subcommands = {BenchCommand.Serde.class})
public final class BenchCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "name a benchmark: serde");
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
            SchemaRegistryClient registry = url == null ? new InMemorySchemaRegistry() : new HttpSchemaRegistryClient(RegistrySettings.forUrl(url));
            SerdeBenchmark.Figures figures = new SerdeBenchmark(registry, sample, records).run(rounds);
            System.out.print(SerdeBenchmark.table(figures, records, rounds, url == null ? "in memory" : url));
            return 0;
        }
    }
}
