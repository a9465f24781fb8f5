package dev.crossfire.serde;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How crossfire talks to a Confluent-API schema registry, under Confluent's own configuration
 * names so a deployment can move to Confluent's serde by a dependency change and keep its settings.
 *
 * @param urls              {@code schema.registry.url}: one or more base URLs, tried in turn
 * @param autoRegister      {@code auto.register.schemas}: register crossfire's schemas on first use
 *                          (default true); false looks up the id of an already registered schema
 * @param useLatestVersion  {@code use.latest.version}: write with the subject's latest registered
 *                          schema instead of crossfire's own (needs autoRegister false)
 * @param userInfo          {@code basic.auth.user.info} ({@code user:password}), else the
 *                          {@code user:password@} of a URL; null for none. URLs never keep it:
 *                          they are printed in log lines and error messages
 * @param trustStore        {@code schema.registry.ssl.truststore.location}: a PKCS12 or JKS trust
 *                          store for TLS; null trusts the JVM's default authorities
 * @param trustStorePassword {@code schema.registry.ssl.truststore.password}
 * @param subjectStrategy   {@code value.subject.name.strategy}: topic (default) or record naming
 * @param timeout           per request
 * @param retries           further attempts after a 5xx answer or a time-out
 * @param backoff           first wait before a retry; doubles each time
 */
public record RegistrySettings(List<URI> urls, boolean autoRegister, boolean useLatestVersion, String userInfo,
                               Path trustStore, String trustStorePassword, SubjectStrategy subjectStrategy,
                               Duration timeout, int retries, Duration backoff) {

    public static final String URL = "schema.registry.url";
    public static final String AUTO_REGISTER = "auto.register.schemas";
    public static final String USE_LATEST_VERSION = "use.latest.version";
    public static final String CREDENTIALS_SOURCE = "basic.auth.credentials.source";
    public static final String USER_INFO = "basic.auth.user.info";
    public static final String TRUSTSTORE_LOCATION = "schema.registry.ssl.truststore.location";
    public static final String TRUSTSTORE_PASSWORD = "schema.registry.ssl.truststore.password";
    public static final String VALUE_SUBJECT_STRATEGY = "value.subject.name.strategy";

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
        if (useLatestVersion && autoRegister) {
            throw new IllegalArgumentException(USE_LATEST_VERSION + "=true needs " + AUTO_REGISTER + "=false");
        }
    }

    public static RegistrySettings forUrl(String url) {
        return fromConfig(Map.of(URL, url));
    }

    /** Reads Confluent's configuration names; unknown keys are ignored, bad values named. */
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
        String source = string(config, CREDENTIALS_SOURCE, "USER_INFO").toUpperCase(Locale.ROOT);
        String userInfo = string(config, USER_INFO, null);
        String userInfoFrom = USER_INFO;
        if (userInfo == null && urlUserInfo != null) {
            userInfo = urlUserInfo;
            userInfoFrom = "the user info in " + URL;
        }
        if (userInfo != null && !source.equals("USER_INFO") && !source.equals("URL")) {
            throw new IllegalArgumentException(CREDENTIALS_SOURCE + "=" + source + " is not supported; use USER_INFO with " + USER_INFO
                + ", or user:password@ in " + URL);
        }
        if (userInfo != null && !userInfo.contains(":")) {
            throw new IllegalArgumentException(userInfoFrom + " must be user:password");
        }
        String trust = string(config, TRUSTSTORE_LOCATION, null);
        String strategy = string(config, VALUE_SUBJECT_STRATEGY, "TopicNameStrategy");
        // the whole simple name, not its ending: "TopicRecordNameStrategy" ends with "RecordNameStrategy" too
        SubjectStrategy subjects = SubjectStrategy.named(strategy);
        if (subjects == null) {
            throw new IllegalArgumentException(VALUE_SUBJECT_STRATEGY
                + " must be TopicNameStrategy, RecordNameStrategy or TopicRecordNameStrategy, got " + strategy);
        }
        return new RegistrySettings(urls, bool(config, AUTO_REGISTER, true), bool(config, USE_LATEST_VERSION, false), userInfo,
            trust == null ? null : Path.of(trust), string(config, TRUSTSTORE_PASSWORD, null), subjects,
            Duration.ofSeconds(10), 3, Duration.ofMillis(200));
    }

    public RegistrySettings withTimeouts(Duration newTimeout, int newRetries, Duration newBackoff) {
        return new RegistrySettings(urls, autoRegister, useLatestVersion, userInfo, trustStore, trustStorePassword, subjectStrategy,
            newTimeout, newRetries, newBackoff);
    }

    /** For log lines: the settings with the password masked. */
    @Override
    public String toString() {
        return "RegistrySettings[urls=" + urls + ", autoRegister=" + autoRegister + ", useLatestVersion=" + useLatestVersion
            + ", basicAuth=" + (userInfo == null ? "none" : userInfo.substring(0, userInfo.indexOf(':')) + ":****")
            + ", trustStore=" + trustStore + ", subjects=" + subjectStrategy + "]";
    }

    /** A URL as it may be printed: {@code https://****@host}. */
    private static String withoutUserInfo(String url) {
        return url.replaceAll("://[^/@\\s]*@", "://****@");
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
