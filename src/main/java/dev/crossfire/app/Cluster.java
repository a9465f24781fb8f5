package dev.crossfire.app;

import dev.crossfire.config.Secrets;
import dev.crossfire.config.ServiceConfig;
import dev.crossfire.config.Topics;
import dev.crossfire.topology.CrossfireSerdes;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * What the command-line tools (replay, figures load, alerts tail) need to reach the cluster a
 * running crossfire uses: the same configuration as {@code run}, so the same brokers, security
 * settings, schema registry and topic names.
 */
public record Cluster(String bootstrap, Map<String, String> clientSettings, CrossfireSerdes serdes, Topics topics) {

    public static Cluster of(ServiceConfig config) {
        Topics topics = config.settings().topics();
        return new Cluster(config.bootstrapServers(), config.passThrough(), RegistrySerdes.forTools(config.registry()), topics);
    }

    public Properties producer() {
        return with(KafkaIo.producerProps(bootstrap), ProducerConfig.configNames());
    }

    public Properties consumer() {
        return with(KafkaIo.consumerProps(bootstrap), ConsumerConfig.configNames());
    }

    public Properties admin() {
        Properties p = with(new Properties(), AdminClientConfig.configNames());
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        return p;
    }

    /** For log lines and debuggers: the record's own would show the client settings' secrets. */
    @Override
    public String toString() {
        Map<String, String> shown = new java.util.TreeMap<>();
        clientSettings.forEach((k, v) -> shown.put(k, Secrets.mask(k, v)));
        return "Cluster[bootstrap=" + bootstrap + ", clientSettings=" + shown + ", topics=" + topics + "]";
    }

    /** Security and other client settings from the configuration, only those this client reads. */
    private Properties with(Properties base, java.util.Set<String> known) {
        base.putAll(ServiceConfig.forClient(clientSettings, known));
        return base;
    }
}
