package dev.crossfire.cli;

import dev.crossfire.bench.InstancesBenchmark;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** crossfire in 1, 2, 3 separate JVMs on one broker: throughput and the same alerts. */
@Command(name = "instances", mixinStandardHelpOptions = true,
    description = "Runs crossfire as separate 'run' processes (each -Xmx512m) sharing one consumer group on an in-process broker, for "
        + "each instance count in turn, on the same seeded workload: posts/s, peak resident memory per instance, and whether the "
        + "alerts are the same set as with one instance.")
public final class BenchInstancesCommand implements Callable<Integer> {

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
        var options = new InstancesBenchmark.Options(posts, partitions, instances, seed, eventRate,
            Duration.ofMinutes(20));
        var runs = new InstancesBenchmark(options, System.err).run();
        System.out.print(InstancesBenchmark.table(runs));
        return 0;
    }
}
