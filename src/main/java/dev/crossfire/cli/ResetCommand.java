package dev.crossfire.cli;

import dev.crossfire.app.Reset;
import dev.crossfire.config.ServiceConfig;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code reset --config FILE}: reprocess from the start on the next {@code run}. */
@Command(name = "reset", mixinStandardHelpOptions = true,
    description = {"Resets the application so the next 'run' reprocesses the posts from the start: Kafka's application reset "
        + "tool (offsets, internal topics) plus this instance's local state directory. Stop every instance first.",
        "Run it on every machine that holds local state (or delete their state directories)."})
public final class ResetCommand implements Callable<Integer> {

    @Option(names = "--config", required = true, paramLabel = "FILE", description = "The configuration 'run' uses.")
    Path config;

    @Override
    public Integer call() throws Exception {
        Reset.run(ServiceConfig.load(config, System.getenv()), System.out);
        return 0;
    }
}
