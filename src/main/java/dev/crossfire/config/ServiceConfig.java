package dev.crossfire.config;

import dev.crossfire.serde.RegistrySettings;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;

/**
 * What {@code run} needs to join a cluster: where Kafka and the schema registry are, the
 * application id and state directory, topic names, and every other Kafka client or Streams setting
 * (security protocol, SASL, SSL, ...) passed through untouched. Read from a properties file.
 *
 * <p>Keys: {@code bootstrap.servers} and {@code schema.registry.url} (required),
 * {@code application.id} (default crossfire), {@code state.dir} (default ./crossfire-state),
 * {@code crossfire.topic.posts|figures|threads|alerts|rejected|thread-signals}, the registry client
 * keys of {@link RegistrySettings}; anything else goes to Kafka Streams.
 */
public record ServiceConfig(String bootstrapServers, String applicationId, Path stateDir, RegistrySettings registry,
                            CrossfireSettings settings, Map<String, String> passThrough) {

    static final Set<String> REGISTRY_KEYS = Set.of(RegistrySettings.URL, RegistrySettings.AUTO_REGISTER, RegistrySettings.USE_LATEST_VERSION,
        RegistrySettings.CREDENTIALS_SOURCE, RegistrySettings.USER_INFO, RegistrySettings.TRUSTSTORE_LOCATION,
        RegistrySettings.TRUSTSTORE_PASSWORD, RegistrySettings.VALUE_SUBJECT_STRATEGY);

    public static ServiceConfig load(Path file) throws IOException {
        Properties p = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            p.load(reader);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("cannot read configuration file " + file + ": no such file");
        }
        Map<String, String> values = new TreeMap<>();
        p.stringPropertyNames().forEach(k -> values.put(k, p.getProperty(k).strip()));
        return of(values);
    }

    public static ServiceConfig of(Map<String, String> values) {
        String bootstrap = values.get("bootstrap.servers");
        if (bootstrap == null || bootstrap.isBlank()) {
            throw new IllegalArgumentException("bootstrap.servers is not set");
        }
        if (!values.containsKey(RegistrySettings.URL)) {
            throw new IllegalArgumentException(RegistrySettings.URL + " is not set: run writes Avro that other programs read, so it needs a registry");
        }
        Map<String, String> registry = new LinkedHashMap<>();
        Map<String, String> passThrough = new LinkedHashMap<>();
        for (var e : values.entrySet()) {
            if (REGISTRY_KEYS.contains(e.getKey())) {
                registry.put(e.getKey(), e.getValue());
            } else if (!e.getKey().startsWith("crossfire.") && !Set.of("bootstrap.servers", "application.id", "state.dir").contains(e.getKey())) {
                passThrough.put(e.getKey(), e.getValue());
            }
        }
        Topics d = Topics.defaults();
        Topics topics = new Topics(values.getOrDefault("crossfire.topic.posts", d.posts()), values.getOrDefault("crossfire.topic.figures", d.figures()),
            values.getOrDefault("crossfire.topic.threads", d.threads()), values.getOrDefault("crossfire.topic.alerts", d.alerts()),
            values.getOrDefault("crossfire.topic.rejected", d.rejected()), values.getOrDefault("crossfire.topic.thread-signals", d.threadSignals()));
        return new ServiceConfig(bootstrap, values.getOrDefault("application.id", "crossfire"),
            Path.of(values.getOrDefault("state.dir", "crossfire-state")), RegistrySettings.fromConfig(registry),
            CrossfireSettings.defaults().withTopics(topics), passThrough);
    }
}
