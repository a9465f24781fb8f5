package dev.crossfire.cli;

import dev.crossfire.app.Cluster;
import dev.crossfire.config.ServiceConfig;
import dev.crossfire.serde.RegistrySettings;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** Where a tool finds the cluster: run's configuration file, or the two addresses on the command line (which win). */
final class ClusterOptions {

    @Option(names = "--config", paramLabel = "FILE", defaultValue = "${env:CROSSFIRE_CONFIG}",
        description = "The configuration file crossfire runs with (brokers, security, schema registry, topic names); "
            + "default: $CROSSFIRE_CONFIG. CROSSFIRE_* environment variables apply with or without one.")
    Path config;

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT[,...]", description = "Kafka brokers (overrides the file's).")
    String bootstrapServers;

    @Option(names = "--schema-registry-url", paramLabel = "URL[,URL...]", description = "Confluent-API schema registry (overrides the file's).")
    String schemaRegistryUrl;

    /** The cluster, once a broker there has answered: a wrong or dead address fails in seconds, naming itself. */
    Cluster cluster() throws IOException, InterruptedException {
        Map<String, String> values = new LinkedHashMap<>();
        if (config != null) {
            values.putAll(ServiceConfig.load(config, System.getenv()).effective());
        } else {
            // as run reads them: a tool in the service's container (alerts tail) finds the cluster the service uses
            values.putAll(ServiceConfig.fromEnvironment(System.getenv()));
        }
        if (bootstrapServers != null) {
            values.put("bootstrap.servers", bootstrapServers);
        }
        if (schemaRegistryUrl != null) {
            values.put(RegistrySettings.URL, schemaRegistryUrl);
        }
        Cluster cluster = Cluster.of(ServiceConfig.of(values));
        cluster.checkReachable();
        return cluster;
    }
}
