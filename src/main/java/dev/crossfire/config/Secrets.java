package dev.crossfire.config;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.types.Password;
import org.apache.kafka.common.security.JaasContext;
import org.apache.kafka.streams.StreamsConfig;

/**
 * Which settings are secrets, and how they are hidden wherever settings or addresses are printed:
 * {@code --print-config}, log lines, error messages. A key is secret when its name says so or
 * when Kafka types it as a password ({@code ssl.keystore.key}, a PEM private key, says neither
 * "password" nor "secret"). Any value showing a URL's {@code user:password@} loses the password.
 */
public final class Secrets {

    public static final String MASK = "****";

    private static final List<String> WORDS = List.of("password", "passphrase", "secret", "jaas", "user.info", "token", "credentials",
        "private.key");
    /** Prefixes under which Kafka Streams passes a setting to one of its clients. */
    private static final List<String> CLIENT_PREFIXES = List.of("producer.", "consumer.", "main.consumer.", "restore.consumer.",
        "global.consumer.", "admin.");
    private static final Set<String> KAFKA_PASSWORDS = kafkaPasswords();
    private static final Pattern URL_USER_INFO = Pattern.compile("://([^/@\\s]*)@");

    private Secrets() {
    }

    public static boolean isSecret(String key) {
        String k = key.toLowerCase(Locale.ROOT);
        if (k.endsWith("credentials.source")) {
            // basic.auth.credentials.source, bearer.auth.credentials.source: which mode, worth seeing
            return false;
        }
        if (WORDS.stream().anyMatch(k::contains) || KAFKA_PASSWORDS.contains(k)) {
            return true;
        }
        return CLIENT_PREFIXES.stream().anyMatch(p -> k.startsWith(p) && KAFKA_PASSWORDS.contains(k.substring(p.length())));
    }

    /** The value as it may be shown: a secret's user name at most ({@code user:****}), any URL without its password. */
    public static String mask(String key, String value) {
        if (value == null) {
            return null;
        }
        if (isSecret(key)) {
            String k = key.toLowerCase(Locale.ROOT);
            if (k.endsWith("user.info") && value.contains(":")) {
                return value.substring(0, value.indexOf(':')) + ":" + MASK;
            }
            return MASK;
        }
        return withoutUrlPasswords(value);
    }

    /** {@code https://user:pw@host} becomes {@code https://user:****@host}, {@code https://token@host} {@code https://****@host}. */
    public static String withoutUrlPasswords(String text) {
        Matcher m = URL_USER_INFO.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String userInfo = m.group(1);
            int colon = userInfo.indexOf(':');
            String shown = colon < 0 ? MASK : userInfo.substring(0, colon) + ":" + MASK;
            m.appendReplacement(out, Matcher.quoteReplacement("://" + shown + "@"));
        }
        m.appendTail(out);
        return out.toString();
    }

    /**
     * Checks a {@code sasl.jaas.config} value with Kafka's own parser, but reports a problem without
     * Kafka's message: that quotes the offending token, which may be part of the password.
     *
     * @return the problem, or null when Kafka accepts the value
     */
    public static String jaasProblem(String key, String value) {
        try {
            JaasContext.loadClientContext(Map.of("sasl.jaas.config", new Password(value)));
            return null;
        } catch (RuntimeException e) {
            return key + ": not a JAAS login module configuration Kafka accepts (one module, its control flag such as required, "
                + "options as key=\"value\", a closing ';'); the value is not shown because it holds a password";
        }
    }

    private static Set<String> kafkaPasswords() {
        Set<String> keys = new HashSet<>();
        for (ConfigDef def : List.of(StreamsConfig.configDef(), ProducerConfig.configDef(), ConsumerConfig.configDef(), AdminClientConfig.configDef())) {
            def.configKeys().forEach((name, key) -> {
                if (key.type == ConfigDef.Type.PASSWORD) {
                    keys.add(name);
                }
            });
        }
        return Set.copyOf(keys);
    }
}
