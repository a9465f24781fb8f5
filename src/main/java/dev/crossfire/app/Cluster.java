package dev.crossfire.app;

import dev.crossfire.config.Secrets;
import dev.crossfire.config.ServiceConfig;
import dev.crossfire.config.Topics;
import dev.crossfire.topology.CrossfireSerdes;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
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

    /** How long a tool waits to reach the brokers before it says so: a dead address used to mean a minute of silence. */
    public static final java.time.Duration REACH_WITHIN = java.time.Duration.ofSeconds(10);

    /**
     * Fails within {@link #REACH_WITHIN}, in one line naming the address and what to check, when no
     * broker answers there (or refuses the login); returns at once when one does.
     */
    public void checkReachable() throws InterruptedException {
        Properties p = admin();
        int ms = (int) REACH_WITHIN.toMillis();
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, ms);
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, ms);
        Admin admin = Admin.create(p);
        try {
            admin.describeCluster().nodes().get(ms, java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            Throwable cause = e instanceof java.util.concurrent.ExecutionException && e.getCause() != null ? e.getCause() : e;
            String why = cause instanceof org.apache.kafka.common.errors.AuthenticationException
                ? "the login was refused (" + cause.getMessage() + "); check security.protocol and the SASL or TLS settings in --config"
                : "no broker answered within " + REACH_WITHIN.toSeconds() + " s; check --bootstrap-servers (or bootstrap.servers in --config), "
                    + "that a broker is up there, and that it is reachable from here";
            throw new IllegalStateException("cannot reach Kafka at " + bootstrap + ": " + why, cause);
        } finally {
            admin.close(java.time.Duration.ZERO);
        }
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
