package dev.crossfire.cli;

import dev.crossfire.app.Service;
import dev.crossfire.config.ServiceConfig;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code run --config FILE}: the service against an external Kafka cluster and schema registry, until SIGTERM. */
@Command(name = "run", mixinStandardHelpOptions = true,
    description = {"Runs crossfire as a service against an external Kafka cluster and a Confluent-API schema registry, until "
        + "SIGTERM or Ctrl-C, when it leaves its consumer group and stops within crossfire.shutdown-timeout.",
        "Settings come from the file (properties, or YAML for .yaml/.yml), overridden by CROSSFIRE_<KEY> environment variables; "
            + "see the README's configuration reference."})
public final class RunCommand implements Callable<Integer> {

    @Option(names = "--config", required = true, defaultValue = "${env:CROSSFIRE_CONFIG}", paramLabel = "FILE",
        description = "Configuration file (properties or YAML); default: $CROSSFIRE_CONFIG.")
    Path config;

    @Option(names = "--print-config", description = "Print the effective configuration (secrets masked) and exit.")
    boolean printConfig;

    @Override
    public Integer call() throws Exception {
        ServiceConfig settings = ServiceConfig.load(config, System.getenv());
        if (printConfig) {
            System.out.print(settings.describe());
            return 0;
        }
        Service service = Service.start(settings);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            service.close();
            stopped.countDown();
        }, "crossfire-shutdown"));
        stopped.await();
        return 0;
    }
}
