package dev.crossfire.cli;

import dev.crossfire.avro.Post;
import dev.crossfire.bench.SerdeBenchmark;
import dev.crossfire.serde.HttpSchemaRegistryClient;
import dev.crossfire.serde.InMemorySchemaRegistry;
import dev.crossfire.serde.RegistrySettings;
import dev.crossfire.serde.SchemaRegistryClient;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Records/s through the registry-backed serde against plain Avro, in one run. */
@Command(name = "serde", mixinStandardHelpOptions = true,
    description = "Records/s through the registry-backed Avro serde (warm id cache) against plain Avro binary encoding "
        + "of the same records (the demo's posts), in one run; prints the ratio.")
public final class BenchSerdeCommand implements Callable<Integer> {

    @Option(names = "--records", defaultValue = "200000", description = "Records per round (default: ${DEFAULT-VALUE}).")
    int records;

    @Option(names = "--rounds", defaultValue = "5", description = "Measured rounds per side (default: ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--schema-registry-url", paramLabel = "URL", description = "Use this registry instead of the in-memory one.")
    String url;

    @Override
    public Integer call() throws Exception {
        List<Post> sample = DemoSample.posts();
        SchemaRegistryClient registry = url == null ? new InMemorySchemaRegistry() : new HttpSchemaRegistryClient(RegistrySettings.forUrl(url));
        SerdeBenchmark.Figures figures = new SerdeBenchmark(registry, sample, records).run(rounds);
        System.out.print(SerdeBenchmark.table(figures, records, rounds, url == null ? "in memory" : url));
        return 0;
    }
}
