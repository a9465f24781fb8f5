package dev.crossfire.serde;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How crossfire talks to a Confluent-API schema registry, under Confluent's own configuration
 * names so a deployment can move to Confluent's serde by a dependency change and keep its settings.
 *
 * @param urls              {@code schema.registry.url}: one or more base URLs, tried in turn
 * @param autoRegister      {@code auto.register.schemas}: register crossfire's schemas on first use
 *                          (default true); false looks up the id of an already registered schema
 * @param useLatestVersion  {@code use.latest.version}: write with the subject's latest registered
 *                          schema instead of crossfire's own (needs autoRegister false)
 * @param auth              basic authentication ({@code basic.auth.*}, or the {@code user:password@}
 *                          of a URL, which URLs never keep: they are printed in log lines and error
 *                          messages), a bearer token ({@code bearer.auth.*}), or none
 * @param trustStore        {@code schema.registry.ssl.truststore.location}: a PKCS12 or JKS trust
 *                          store for TLS; null trusts the JVM's default authorities
 * @param trustStorePassword {@code schema.registry.ssl.truststore.password}
 * @param subjectStrategy   {@code value.subject.name.strategy}: topic (default) or record naming
 * @param timeout           per request
 * @param retries           further attempts after a 5xx answer or a time-out
 * @param backoff           first wait before a retry; doubles each time
 */
public record RegistrySettings(List<URI> urls, boolean autoRegister, boolean useLatestVersion, RegistryAuth auth,
                               Path trustStore, String trustStorePassword, SubjectStrategy subjectStrategy,
                               Duration timeout, int retries, Duration backoff) {

    public static final String URL = "schema.registry.url";
    public static final String AUTO_REGISTER = "auto.register.schemas";
    public static final String USE_LATEST_VERSION = "use.latest.version";
    public static final String CREDENTIALS_SOURCE = RegistryAuthConfig.CREDENTIALS_SOURCE;
    public static final String USER_INFO = RegistryAuthConfig.USER_INFO;
    public static final String BEARER_CREDENTIALS_SOURCE = RegistryAuthConfig.BEARER_SOURCE;
    public static final String BEARER_TOKEN = RegistryAuthConfig.BEARER_TOKEN;
    public static final String BEARER_LOGICAL_CLUSTER = RegistryAuthConfig.BEARER_LOGICAL_CLUSTER;
    public static final String BEARER_IDENTITY_POOL_ID = RegistryAuthConfig.BEARER_IDENTITY_POOL;
    public static final String BEARER_ISSUER_ENDPOINT_URL = RegistryAuthConfig.BEARER_ISSUER;
    public static final String BEARER_CLIENT_ID = RegistryAuthConfig.BEARER_CLIENT_ID;
    public static final String BEARER_CLIENT_SECRET = RegistryAuthConfig.BEARER_CLIENT_SECRET;
    public static final String BEARER_SCOPE = RegistryAuthConfig.BEARER_SCOPE;
    public static final String BEARER_SCOPE_CLAIM_NAME = RegistryAuthConfig.BEARER_SCOPE_CLAIM;
    public static final String BEARER_SUB_CLAIM_NAME = RegistryAuthConfig.BEARER_SUB_CLAIM;
    public static final String BEARER_CACHE_EXPIRY_BUFFER_SECONDS = RegistryAuthConfig.BEARER_CACHE_BUFFER;
    public static final String TRUSTSTORE_LOCATION = "schema.registry.ssl.truststore.location";
    public static final String TRUSTSTORE_PASSWORD = "schema.registry.ssl.truststore.password";
    public static final String VALUE_SUBJECT_STRATEGY = "value.subject.name.strategy";

    /** The registry client's own settings. */
    public static final Set<String> KEYS = keys();
    /**
     * The Kafka client's settings the registry client reads too ({@code SASL_INHERIT},
     * {@code SASL_OAUTHBEARER_INHERIT}), with the config providers that resolve them; they still
     * reach the Kafka clients.
     */
    public static final Set<String> INHERITED_KAFKA_KEYS = KafkaLogin.KEYS;

    /** Whether {@link #fromConfig} reads this setting of Kafka's: one of {@link #INHERITED_KAFKA_KEYS} or a config provider's. */
    public static boolean readsKafkaSetting(String key) {
        return INHERITED_KAFKA_KEYS.contains(key) || key.equals(KafkaLogin.CONFIG_PROVIDERS) || key.startsWith(KafkaLogin.CONFIG_PROVIDERS + ".");
    }

    /**
     * Subject naming, as Confluent's strategies name them: TopicNameStrategy ({@code <topic>-value}),
     * RecordNameStrategy (the record's full name), TopicRecordNameStrategy ({@code <topic>-<full name>}).
     */
    public enum SubjectStrategy {
        TOPIC, RECORD, TOPIC_RECORD;

        public String subject(String topic, boolean isKey, org.apache.avro.Schema schema) {
            return switch (this) {
                case TOPIC -> topic + (isKey ? "-key" : "-value");
                case RECORD -> schema.getFullName();
                case TOPIC_RECORD -> topic + "-" + schema.getFullName();
            };
        }

        /** The strategy a class name gives, with or without its package; null for one crossfire does not know. */
        static SubjectStrategy named(String className) {
            String simple = className.strip().substring(className.strip().lastIndexOf('.') + 1);
            return switch (simple) {
                case "TopicNameStrategy" -> TOPIC;
                case "RecordNameStrategy" -> RECORD;
                case "TopicRecordNameStrategy" -> TOPIC_RECORD;
                default -> null;
            };
        }
    }

    public RegistrySettings {
        if (urls == null || urls.isEmpty()) {
            throw new IllegalArgumentException(URL + " needs at least one URL");
        }
        urls = List.copyOf(urls);
        auth = auth == null ? new RegistryAuth.None() : auth;
        if (useLatestVersion && autoRegister) {
            throw new IllegalArgumentException(USE_LATEST_VERSION + "=true needs " + AUTO_REGISTER + "=false");
        }
    }

    public static RegistrySettings forUrl(String url) {
        return fromConfig(Map.of(URL, url));
    }

    /**
     * Reads Confluent's configuration names; unknown keys are ignored, bad values named. The
     * inheriting modes read the Kafka client's login from the same map ({@link #INHERITED_KAFKA_KEYS}).
     */
    public static RegistrySettings fromConfig(Map<String, ?> config) {
        Object url = config.get(URL);
        if (url == null || url.toString().isBlank()) {
            throw new IllegalArgumentException(URL + " is not set");
        }
        List<URI> urls = new ArrayList<>();
        String urlUserInfo = null;
        for (String u : url.toString().split(",")) {
            String trimmed = u.strip();
            if (trimmed.endsWith("/")) {
                trimmed = trimmed.substring(0, trimmed.length() - 1);
            }
            URI uri;
            try {
                uri = URI.create(trimmed);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(URL + " has a malformed URL '" + withoutUserInfo(trimmed) + "'");
            }
            if (uri.getScheme() == null || !(uri.getScheme().equals("http") || uri.getScheme().equals("https")) || uri.getHost() == null) {
                throw new IllegalArgumentException(URL + " needs http:// or https:// URLs, got '" + withoutUserInfo(trimmed) + "'");
            }
            if (uri.getRawUserInfo() != null) {
                // Confluent's clients take credentials from the URL (basic.auth.credentials.source=URL, their default)
                urlUserInfo = urlUserInfo == null ? uri.getUserInfo() : urlUserInfo;
                uri = URI.create(uri.getScheme() + "://" + uri.getRawAuthority().substring(uri.getRawAuthority().lastIndexOf('@') + 1)
                    + (uri.getRawPath() == null ? "" : uri.getRawPath()) + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()));
            }
            urls.add(uri);
        }
        RegistryAuth auth = RegistryAuthConfig.read(config, urlUserInfo);
        String trust = string(config, TRUSTSTORE_LOCATION, null);
        String strategy = string(config, VALUE_SUBJECT_STRATEGY, "TopicNameStrategy");
        // the whole simple name, not its ending: "TopicRecordNameStrategy" ends with "RecordNameStrategy" too
        SubjectStrategy subjects = SubjectStrategy.named(strategy);
        if (subjects == null) {
            throw new IllegalArgumentException(VALUE_SUBJECT_STRATEGY
                + " must be TopicNameStrategy, RecordNameStrategy or TopicRecordNameStrategy, got " + strategy);
        }
        return new RegistrySettings(urls, bool(config, AUTO_REGISTER, true), bool(config, USE_LATEST_VERSION, false), auth,
            trust == null ? null : Path.of(trust), string(config, TRUSTSTORE_PASSWORD, null), subjects,
            Duration.ofSeconds(10), 3, Duration.ofMillis(200));
    }

    public RegistrySettings withTimeouts(Duration newTimeout, int newRetries, Duration newBackoff) {
        return new RegistrySettings(urls, autoRegister, useLatestVersion, auth, trustStore, trustStorePassword, subjectStrategy,
            newTimeout, newRetries, newBackoff);
    }

    /** For log lines: the settings without their secrets. */
    @Override
    public String toString() {
        return "RegistrySettings[urls=" + urls + ", autoRegister=" + autoRegister + ", useLatestVersion=" + useLatestVersion + ", " + auth
            + ", trustStore=" + trustStore + ", subjects=" + subjectStrategy + "]";
    }

    /** A URL as it may be printed: {@code https://****@host}. */
    private static String withoutUserInfo(String url) {
        return url.replaceAll("://[^/@\\s]*@", "://****@");
    }

    private static Set<String> keys() {
        Set<String> keys = new java.util.LinkedHashSet<>(List.of(URL, AUTO_REGISTER, USE_LATEST_VERSION, CREDENTIALS_SOURCE, USER_INFO,
            BEARER_CREDENTIALS_SOURCE, TRUSTSTORE_LOCATION, TRUSTSTORE_PASSWORD, VALUE_SUBJECT_STRATEGY));
        keys.addAll(RegistryAuthConfig.BEARER_KEYS);
        return java.util.Collections.unmodifiableSet(keys);
    }

    private static String string(Map<String, ?> config, String key, String fallback) {
        Object v = config.get(key);
        return v == null || v.toString().isBlank() ? fallback : v.toString().strip();
    }

    private static boolean bool(Map<String, ?> config, String key, boolean fallback) {
        String v = string(config, key, null);
        if (v == null) {
            return fallback;
        }
        if (!v.equalsIgnoreCase("true") && !v.equalsIgnoreCase("false")) {
            throw new IllegalArgumentException(key + " must be true or false, got " + v);
        }
        return Boolean.parseBoolean(v);
    }
}
