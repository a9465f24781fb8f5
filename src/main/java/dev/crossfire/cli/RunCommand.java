package dev.crossfire.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code run}: the long-running service against an external cluster. Its configuration, topic
 * checks, query API and metrics are the production issue's work; until then it says so plainly
 * instead of half-running.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
    description = "Runs crossfire as a service against an external Kafka cluster and schema registry (not available yet).")
public final class RunCommand implements Callable<Integer> {

    @Option(names = "--config", paramLabel = "FILE", description = "Configuration file (properties or YAML).")
    Path config;

    @Override
    public Integer call() {
        throw new UnsupportedOperationException("'run' is not available yet: use 'detect --bootstrap-servers' for an external "
            + "cluster meanwhile");
    }
}
