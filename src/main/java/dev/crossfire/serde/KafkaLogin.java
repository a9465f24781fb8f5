package dev.crossfire.serde;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.security.auth.login.AppConfigurationEntry;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.types.Password;
import org.apache.kafka.common.security.JaasContext;

/**
 * What the Kafka client logs in with, for the registry modes that inherit it
 * ({@code basic.auth.credentials.source=SASL_INHERIT}, {@code bearer.auth.credentials.source=SASL_OAUTHBEARER_INHERIT}):
 * its mechanism, the options of its JAAS login module, its OAUTHBEARER settings. Only the
 * un-prefixed settings count, the ones every Kafka client of crossfire reads.
 */
final class KafkaLogin {

    /** The Kafka settings these modes read, besides the config providers'. */
    static final Set<String> KEYS = Set.of(SaslConfigs.SASL_MECHANISM, SaslConfigs.SASL_JAAS_CONFIG,
        SaslConfigs.SASL_OAUTHBEARER_TOKEN_ENDPOINT_URL, SaslConfigs.SASL_OAUTHBEARER_CLIENT_CREDENTIALS_CLIENT_ID,
        SaslConfigs.SASL_OAUTHBEARER_CLIENT_CREDENTIALS_CLIENT_SECRET, SaslConfigs.SASL_OAUTHBEARER_SCOPE,
        SaslConfigs.SASL_OAUTHBEARER_SCOPE_CLAIM_NAME, SaslConfigs.SASL_OAUTHBEARER_SUB_CLAIM_NAME);
    static final String CONFIG_PROVIDERS = "config.providers";

    private final Map<String, String> settings;
    private final Map<String, ?> jaasOptions;

    private KafkaLogin(Map<String, String> settings, Map<String, ?> jaasOptions) {
        this.settings = settings;
        this.jaasOptions = jaasOptions;
    }

    /**
     * The login {@code config} gives, its {@code ${provider:...}} values resolved as the Kafka client
     * resolves them: a JAAS line whose password sits in a file is the usual case.
     *
     * @param mode the setting that asks, for error messages
     */
    static KafkaLogin of(Map<String, ?> config, String mode) {
        Map<String, Object> wanted = new LinkedHashMap<>();
        config.forEach((k, v) -> {
            if (v != null && (KEYS.contains(k) || k.equals(CONFIG_PROVIDERS) || k.startsWith(CONFIG_PROVIDERS + "."))) {
                wanted.put(k, v.toString());
            }
        });
        Map<String, String> settings = new LinkedHashMap<>();
        try {
            new AbstractConfig(new ConfigDef(), wanted, Map.of(), false).originals().forEach((k, v) -> settings.put(k, String.valueOf(v).strip()));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(mode + ": cannot resolve the ${...} values of the Kafka login's settings: " + e.getMessage());
        }
        String jaas = settings.get(SaslConfigs.SASL_JAAS_CONFIG);
        List<AppConfigurationEntry> entries;
        try {
            // without sasl.jaas.config, Kafka reads the KafkaClient section of the JVM's JAAS file; so does this
            entries = JaasContext.loadClientContext(jaas == null || jaas.isBlank() ? Map.of()
                : Map.of(SaslConfigs.SASL_JAAS_CONFIG, new Password(jaas))).configurationEntries();
        } catch (RuntimeException e) {
            // Kafka's message would quote a piece of the line, which may be the password
            throw new IllegalArgumentException(mode + " takes the Kafka client's login, but " + SaslConfigs.SASL_JAAS_CONFIG
                + " is not set or not a login module configuration Kafka accepts (the value is not shown: it holds a secret)");
        }
        return new KafkaLogin(settings, entries.isEmpty() ? Map.of() : entries.get(0).getOptions());
    }

    /** {@code sasl.mechanism} as Kafka reads it: GSSAPI when unset. */
    String mechanism() {
        String mechanism = settings.get(SaslConfigs.SASL_MECHANISM);
        return mechanism == null || mechanism.isBlank() ? SaslConfigs.DEFAULT_SASL_MECHANISM : mechanism.toUpperCase(Locale.ROOT);
    }

    boolean mechanismSet() {
        String mechanism = settings.get(SaslConfigs.SASL_MECHANISM);
        return mechanism != null && !mechanism.isBlank();
    }

    /** An option of the JAAS login module ({@code username}, {@code clientId}), null when absent or blank. */
    String jaasOption(String name) {
        Object value = jaasOptions.get(name);
        return value == null || value.toString().isBlank() ? null : value.toString();
    }

    /** A Kafka setting, resolved; null when unset or blank. */
    String setting(String key) {
        String value = settings.get(key);
        return value == null || value.isBlank() ? null : value;
    }
}
