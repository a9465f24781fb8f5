package dev.crossfire.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.crossfire.serde.RegistrySettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Everything {@code run} is configured by, typed and validated at start. Sources, later ones win:
 * defaults ({@link ConfigKeys}), the file (Java properties, or YAML whose nesting becomes dotted
 * keys), environment variables {@code CROSSFIRE_<KEY>} (the key upper-cased, dots and dashes as
 * underscores: {@code CROSSFIRE_BOOTSTRAP_SERVERS}, {@code CROSSFIRE_CROSSFIRE_TOPICS_CREATE}).
 * Keys outside {@code crossfire.*} and the registry's are Kafka Streams and client settings and
 * pass through untouched (security protocol, SASL, SSL...). Every problem is reported, one line each.
 */
public record ServiceConfig(String bootstrapServers, String applicationId, Path stateDir, RegistrySettings registry,
                            CrossfireSettings settings, Map<String, String> passThrough, boolean createTopics, int topicPartitions,
                            int topicReplicationFactor, Duration shutdownTimeout, Duration startupTimeout, String httpHost, int httpPort,
                            String httpAdvertisedHost, Duration peerTimeout, Map<String, String> effective) {

    static final Set<String> REGISTRY_KEYS = RegistrySettings.KEYS;
    private static final Set<String> OWN_STREAMS_KEYS = Set.of("bootstrap.servers", "application.id", "state.dir");
    /**
     * Kafka's config providers ({@code config.providers=file},
     * {@code config.providers.file.class=org.apache.kafka.common.config.provider.FileConfigProvider}):
     * a value such as {@code ${file:/etc/crossfire/secrets/kafka.properties:password}} is read from
     * that file by every Kafka client crossfire makes, so a secret can stay out of the configuration.
     */
    public static final String CONFIG_PROVIDERS = "config.providers";

    public static ServiceConfig load(Path file, Map<String, String> environment) throws IOException {
        return of(merge(read(file), environment));
    }

    public static ServiceConfig of(Map<String, String> values) {
        Map<String, String> all = new TreeMap<>();
        ConfigKeys.ALL.values().forEach(k -> {
            if (k.defaultValue() != null) {
                all.put(k.name(), k.defaultValue());
            }
        });
        all.putAll(values);
        Parser p = new Parser(all);
        for (String key : all.keySet()) {
            if (key.startsWith("crossfire.") && !ConfigKeys.ALL.containsKey(key)) {
                p.problems.add(key + ": unknown crossfire setting (see the configuration reference)");
            }
            // checked here because Kafka's own error quotes a piece of the value, which may be the password
            if (key.endsWith("sasl.jaas.config") && !all.get(key).isBlank()) {
                String problem = Secrets.jaasProblem(key, all.get(key));
                if (problem != null) {
                    p.problems.add(problem);
                }
            }
        }
        String bootstrap = p.required("bootstrap.servers");
        p.required(RegistrySettings.URL);
        RegistrySettings registry = null;
        Map<String, String> registryValues = new LinkedHashMap<>();
        all.forEach((k, v) -> {
            // the Kafka login too, which SASL_INHERIT and SASL_OAUTHBEARER_INHERIT pass on to the registry
            if (REGISTRY_KEYS.contains(k) || RegistrySettings.readsKafkaSetting(k)) {
                registryValues.put(k, v);
            }
        });
        if (registryValues.containsKey(RegistrySettings.URL)) {
            try {
                registry = RegistrySettings.fromConfig(registryValues);
            } catch (IllegalArgumentException e) {
                p.problems.add(e.getMessage());
            }
        }
        Topics topics = new Topics(all.get("crossfire.topic.posts"), all.get("crossfire.topic.figures"), all.get("crossfire.topic.threads"),
            all.get("crossfire.topic.alerts"), all.get("crossfire.topic.rejected"), all.get("crossfire.topic.thread-requests"),
            all.get("crossfire.topic.thread-links"), all.get("crossfire.topic.turns"), all.get("crossfire.topic.pile-ons"));
        EscalationPolicy escalation = new EscalationPolicy(
            p.fraction("crossfire.escalation.weight.hostility"), p.fraction("crossfire.escalation.weight.reciprocity"),
            p.fraction("crossfire.escalation.weight.directness"), p.fraction("crossfire.escalation.weight.tempo"),
            p.fraction("crossfire.escalation.weight.trend"), p.fraction("crossfire.escalation.weight.reach"),
            p.fraction("crossfire.escalation.notice.score"), p.fraction("crossfire.escalation.escalating.score"),
            p.fraction("crossfire.escalation.severe.score"), p.fraction("crossfire.escalation.notice.hostility"),
            p.fraction("crossfire.escalation.escalating.both-sides"), p.fraction("crossfire.escalation.severe.both-sides"),
            p.positive("crossfire.escalation.escalating.changes"), p.positive("crossfire.escalation.severe.changes"));
        if (escalation.noticeScore() > escalation.escalatingScore() || escalation.escalatingScore() > escalation.severeScore()) {
            p.problems.add("crossfire.escalation.*.score: NOTICE <= ESCALATING <= SEVERE is required");
        }
        PileOnPolicy pileOnDefaults = PileOnPolicy.defaults();
        PileOnPolicy pileOns = new PileOnPolicy(p.duration("crossfire.pile-on.window"), p.fraction("crossfire.pile-on.hostile-turn"),
            pileOnDefaults.maxTurns(), p.positive("crossfire.pile-on.min-attackers"), p.fraction("crossfire.pile-on.notice.score"),
            p.fraction("crossfire.pile-on.escalating.score"), p.fraction("crossfire.pile-on.severe.score"));
        if (pileOns.noticeScore() > pileOns.escalatingScore() || pileOns.escalatingScore() > pileOns.severeScore()) {
            p.problems.add("crossfire.pile-on.*.score: NOTICE <= ESCALATING <= SEVERE is required");
        }
        CrossfireSettings settings = new CrossfireSettings(topics, p.duration("crossfire.future-tolerance"), p.positive("crossfire.max-text-chars"),
            p.duration("crossfire.dedup-retention"), p.duration("crossfire.link-retention"), p.duration("crossfire.thread.parent-wait"),
            p.positive("crossfire.thread.max-waiting-children"), p.positive("crossfire.thread.max-releases-per-step"),
            p.durationOrZero("crossfire.allowed-lateness"), p.duration("crossfire.exchange.inactivity"), p.positive("crossfire.exchange.max-turns"),
            escalation, pileOns, p.bool("crossfire.end-of-input.accept"), p.durationOrZero("crossfire.watermark.idle-after"));
        Map<String, String> passThrough = new LinkedHashMap<>();
        all.forEach((k, v) -> {
            if (!k.startsWith("crossfire.") && !REGISTRY_KEYS.contains(k) && !OWN_STREAMS_KEYS.contains(k)) {
                passThrough.put(k, v);
            }
        });
        p.positive("crossfire.rocksdb.memory-mb");
        String model = all.getOrDefault("crossfire.hostility.model", "");
        if (!model.isBlank() && !java.nio.file.Files.isReadable(Path.of(model.strip()))) {
            p.problems.add("crossfire.hostility.model: " + model + " is not a readable file");
        }
        int port = p.integer("crossfire.http.port");
        if (port < -1 || port > 65535) {
            p.problems.add("crossfire.http.port: " + port + " is not a port");
        }
        ServiceConfig config = new ServiceConfig(bootstrap, all.get("application.id"), Path.of(all.get("state.dir")), registry, settings,
            passThrough, p.bool("crossfire.topics.create"), p.positive("crossfire.topics.partitions"),
            p.integer("crossfire.topics.replication-factor"), p.duration("crossfire.shutdown-timeout"), p.duration("crossfire.startup-timeout"),
            all.get("crossfire.http.host"), port, all.getOrDefault("crossfire.http.advertised-host", ""),
            p.duration("crossfire.http.peer-timeout"), Map.copyOf(all));
        if (!p.problems.isEmpty()) {
            throw new ConfigException(p.problems);
        }
        return config;
    }

    /**
     * The host the other instances reach this one's API at ({@code application.server}): the
     * configured one, else the listen address, else (listening on every interface) this machine's
     * canonical host name, which on a Kubernetes StatefulSet behind a headless service is the pod's
     * stable DNS name.
     */
    public String advertisedHost() {
        if (!httpAdvertisedHost.isBlank()) {
            return httpAdvertisedHost.strip();
        }
        if (!httpHost.equals("0.0.0.0") && !httpHost.equals("::") && !httpHost.isBlank()) {
            return httpHost;
        }
        try {
            return java.net.InetAddress.getLocalHost().getCanonicalHostName();
        } catch (java.net.UnknownHostException e) {
            return "localhost";
        }
    }

    /**
     * The settings a Kafka client whose configuration names are {@code clientConfigNames} reads: its
     * own, and those of the config providers ({@code config.providers.NAME.class}, {@code .param.*}),
     * which are no client's names but without which a {@code ${provider:...}} value would reach
     * the client unresolved.
     */
    public static Map<String, String> forClient(Map<String, String> settings, Set<String> clientConfigNames) {
        Map<String, String> client = new LinkedHashMap<>();
        settings.forEach((k, v) -> {
            if (clientConfigNames.contains(k) || k.startsWith(CONFIG_PROVIDERS + ".")) {
                client.put(k, v);
            }
        });
        return client;
    }

    /** The effective configuration, one {@code key=value} line each, secrets masked. */
    public String describe() {
        StringBuilder out = new StringBuilder();
        new TreeMap<>(effective).forEach((k, v) -> out.append(k).append('=').append(mask(k, v)).append('\n'));
        return out.toString();
    }

    /** The value as {@link #describe()} shows it; see {@link Secrets#mask}. */
    public static String mask(String key, String value) {
        return Secrets.mask(key, value);
    }

    /** For log lines and debuggers: the effective settings, secrets masked (the record's own would show them). */
    @Override
    public String toString() {
        Map<String, String> shown = new TreeMap<>();
        effective.forEach((k, v) -> shown.put(k, mask(k, v)));
        return "ServiceConfig" + shown;
    }

    static Map<String, String> read(Path file) throws IOException {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        try {
            byte[] bytes = Files.readAllBytes(file);
            String notUtf8 = dev.crossfire.post.Utf8.problemInFile(bytes);
            if (notUtf8 != null) {
                throw new ConfigException(List.of(file + ":" + notUtf8));
            }
            if (name.endsWith(".yaml") || name.endsWith(".yml")) {
                Map<String, String> flat = new TreeMap<>();
                JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(bytes);
                if (root != null && !root.isNull()) {
                    if (!root.isObject()) {
                        throw new ConfigException(List.of(file + ": the YAML must be a mapping of settings"));
                    }
                    flatten("", root, flat);
                }
                return flat;
            }
            Properties props = new Properties();
            props.load(new java.io.StringReader(new String(bytes, java.nio.charset.StandardCharsets.UTF_8)));
            Map<String, String> values = new TreeMap<>();
            props.stringPropertyNames().forEach(k -> values.put(k, props.getProperty(k).strip()));
            return values;
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("cannot read configuration file " + file + ": no such file");
        }
    }

    private static void flatten(String prefix, JsonNode node, Map<String, String> out) {
        if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> f = fields.next();
                flatten(prefix.isEmpty() ? f.getKey() : prefix + "." + f.getKey(), f.getValue(), out);
            }
        } else if (node.isArray()) {
            List<String> items = new ArrayList<>();
            node.forEach(i -> items.add(i.asText()));
            out.put(prefix, String.join(",", items));
        } else if (!node.isNull()) {
            out.put(prefix, node.asText());
        }
    }

    /** Variables named CROSSFIRE_ that choose something other than a setting: the file, the log format, a webhook's key. */
    public static final Set<String> NOT_SETTINGS = Set.of("CROSSFIRE_CONFIG", "CROSSFIRE_LOG_FORMAT", "CROSSFIRE_WEBHOOK_SECRET");

    /** The settings the environment alone gives ({@code CROSSFIRE_*}), for a tool run without a configuration file. */
    public static Map<String, String> fromEnvironment(Map<String, String> environment) {
        return merge(Map.of(), environment);
    }

    /** Environment overrides: {@code CROSSFIRE_} + the key upper-cased, dots and dashes as underscores. */
    static Map<String, String> merge(Map<String, String> file, Map<String, String> environment) {
        Map<String, String> merged = new TreeMap<>(file);
        Map<String, String> known = new LinkedHashMap<>();
        ConfigKeys.ALL.keySet().forEach(k -> known.put(envName(k), k));
        file.keySet().forEach(k -> known.put(envName(k), k));
        environment.forEach((name, value) -> {
            if (!name.startsWith("CROSSFIRE_") || NOT_SETTINGS.contains(name)) {
                return;
            }
            String key = known.getOrDefault(name, name.substring("CROSSFIRE_".length()).toLowerCase(Locale.ROOT).replace('_', '.'));
            merged.put(key, value);
        });
        return merged;
    }

    /** The configuration key an environment variable sets ({@code CROSSFIRE_BOOTSTRAP_SERVERS} → {@code bootstrap.servers}), or null. */
    public static String keyOfEnvironmentVariable(String name) {
        if (!name.startsWith("CROSSFIRE_") || NOT_SETTINGS.contains(name)) {
            return null;
        }
        return merge(Map.of(), Map.of(name, "")).keySet().iterator().next();
    }

    /**
     * Whether crossfire does something with this key: one of its own settings, the registry client's,
     * or a Kafka Streams or Kafka client setting it passes through (security, tuning). Deployment
     * checks use it to catch a misspelt key, which would otherwise pass through unread.
     */
    public static boolean isRead(String key) {
        if (key.startsWith("crossfire.") || ConfigKeys.ALL.containsKey(key)) {
            return ConfigKeys.ALL.containsKey(key);
        }
        if (REGISTRY_KEYS.contains(key)) {
            return true;
        }
        return key.startsWith(CONFIG_PROVIDERS + ".") || isKafkaKey(key, KAFKA_KEYS::contains);
    }

    private static final List<String> CLIENT_PREFIXES =
        List.of("", "producer.", "consumer.", "main.consumer.", "restore.consumer.", "global.consumer.", "admin.");
    private static final Set<String> KAFKA_KEYS = kafkaKeys();

    private static boolean isKafkaKey(String key, java.util.function.Predicate<String> known) {
        for (String prefix : CLIENT_PREFIXES) {
            if (key.startsWith(prefix) && known.test(key.substring(prefix.length()))) {
                return true;
            }
        }
        return false;
    }

    private static Set<String> kafkaKeys() {
        Set<String> keys = new java.util.HashSet<>();
        for (org.apache.kafka.common.config.ConfigDef def : List.of(org.apache.kafka.streams.StreamsConfig.configDef(),
            org.apache.kafka.clients.producer.ProducerConfig.configDef(), org.apache.kafka.clients.consumer.ConsumerConfig.configDef(),
            org.apache.kafka.clients.admin.AdminClientConfig.configDef())) {
            def.configKeys().values().forEach(k -> keys.add(k.name));
        }
        return keys;
    }

    static String envName(String key) {
        return "CROSSFIRE_" + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    /** Typed reads that collect problems instead of stopping at the first. */
    private static final class Parser {
        final Map<String, String> values;
        final List<String> problems = new ArrayList<>();

        Parser(Map<String, String> values) {
            this.values = values;
        }

        String required(String key) {
            String v = values.get(key);
            if (v == null || v.isBlank()) {
                problems.add(key + ": required, not set");
                return null;
            }
            return v;
        }

        <T> T typed(String key, T fallback, Function<String, T> parse, String expected) {
            String v = values.get(key);
            try {
                return parse.apply(v.strip());
            } catch (RuntimeException e) {
                problems.add(key + ": '" + mask(key, v) + "' is not " + expected);
                return fallback;
            }
        }

        Duration duration(String key) {
            Duration d = typed(key, Duration.ofSeconds(1), DurationText::parse, "a duration (e.g. 500ms, 30s, 15m, 72h, 7d)");
            if (d.isNegative() || d.isZero()) {
                problems.add(key + ": must be longer than zero");
                return Duration.ofSeconds(1);
            }
            return d;
        }

        Duration durationOrZero(String key) {
            Duration d = typed(key, Duration.ZERO, DurationText::parse, "a duration (e.g. 0s, 500ms, 30s, 15m)");
            if (d.isNegative()) {
                problems.add(key + ": must not be negative");
                return Duration.ZERO;
            }
            return d;
        }

        int integer(String key) {
            return typed(key, 0, Integer::parseInt, "a whole number");
        }

        int positive(String key) {
            int n = integer(key);
            if (n <= 0) {
                problems.add(key + ": must be at least 1");
                return 1;
            }
            return n;
        }

        double fraction(String key) {
            double d = typed(key, 0.0, Double::parseDouble, "a number");
            if (d < 0 || d > 1) {
                problems.add(key + ": " + d + " is outside [0, 1]");
            }
            return d;
        }

        boolean bool(String key) {
            return typed(key, false, s -> {
                if (!s.equalsIgnoreCase("true") && !s.equalsIgnoreCase("false")) {
                    throw new IllegalArgumentException();
                }
                return Boolean.parseBoolean(s);
            }, "true or false");
        }
    }
}
