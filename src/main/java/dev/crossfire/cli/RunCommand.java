package dev.crossfire.cli;

import dev.crossfire.app.Service;
import dev.crossfire.config.ServiceConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code run --config FILE}: the service against an external Kafka cluster and schema registry,
 * until SIGTERM or Ctrl-C, when it leaves its group and stops. The production configuration
 * (YAML, environment overrides, topic creation, query API, metrics) is the next issue's work.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
    description = {"Runs crossfire as a service against an external Kafka cluster and a Confluent-API schema registry, until stopped.",
        "The configuration file holds bootstrap.servers, schema.registry.url and any Kafka Streams or client setting; see the README."})
public final class RunCommand implements Callable<Integer> {

    @Option(names = "--config", required = true, paramLabel = "FILE", description = "Configuration file (Java properties).")
    Path config;

    @Option(names = "--startup-timeout", defaultValue = "PT2M", paramLabel = "DURATION", description = "Bound on start-up (default: ${DEFAULT-VALUE}).")
    Duration startupTimeout;

    @Override
    public Integer call() throws Exception {
        ServiceConfig settings = ServiceConfig.load(config);
        Service service = Service.start(settings, startupTimeout);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            service.close();
            stopped.countDown();
        }, "crossfire-shutdown"));
        stopped.await();
        return 0;
    }
}
