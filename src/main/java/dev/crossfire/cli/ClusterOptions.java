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

    @Option(names = "--config", paramLabel = "FILE",
        description = "The configuration file crossfire runs with (brokers, security, schema registry, topic names).")
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
