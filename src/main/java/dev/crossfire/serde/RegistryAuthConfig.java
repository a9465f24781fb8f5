package dev.crossfire.serde;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.config.SaslConfigs;

/**
 * Reads the registry's authentication from Confluent's settings, refusing by name what Confluent's
 * client would silently ignore (a {@code bearer.auth.*} setting its mode does not read, both basic
 * and bearer) and what cannot work (inheriting a password from a login that has none).
 */
final class RegistryAuthConfig {

    static final String CREDENTIALS_SOURCE = "basic.auth.credentials.source";
    static final String USER_INFO = "basic.auth.user.info";
    static final String BEARER_SOURCE = "bearer.auth.credentials.source";
    static final String BEARER_TOKEN = "bearer.auth.token";
    static final String BEARER_LOGICAL_CLUSTER = "bearer.auth.logical.cluster";
    static final String BEARER_IDENTITY_POOL = "bearer.auth.identity.pool.id";
    static final String BEARER_ISSUER = "bearer.auth.issuer.endpoint.url";
    static final String BEARER_CLIENT_ID = "bearer.auth.client.id";
    static final String BEARER_CLIENT_SECRET = "bearer.auth.client.secret";
    static final String BEARER_SCOPE = "bearer.auth.scope";
    static final String BEARER_SCOPE_CLAIM = "bearer.auth.scope.claim.name";
    static final String BEARER_SUB_CLAIM = "bearer.auth.sub.claim.name";
    static final String BEARER_CACHE_BUFFER = "bearer.auth.cache.expiry.buffer.seconds";

    static final List<String> BEARER_KEYS = List.of(BEARER_TOKEN, BEARER_LOGICAL_CLUSTER, BEARER_IDENTITY_POOL, BEARER_ISSUER,
        BEARER_CLIENT_ID, BEARER_CLIENT_SECRET, BEARER_SCOPE, BEARER_SCOPE_CLAIM, BEARER_SUB_CLAIM, BEARER_CACHE_BUFFER);
    private static final Set<String> STATIC_TOKEN_KEYS = Set.of(BEARER_TOKEN, BEARER_LOGICAL_CLUSTER, BEARER_IDENTITY_POOL);
    private static final Set<String> OAUTH_KEYS = Set.of(BEARER_LOGICAL_CLUSTER, BEARER_IDENTITY_POOL, BEARER_ISSUER, BEARER_CLIENT_ID,
        BEARER_CLIENT_SECRET, BEARER_SCOPE, BEARER_SCOPE_CLAIM, BEARER_SUB_CLAIM, BEARER_CACHE_BUFFER);
    /** Confluent's default, and its legal range (0 to an hour). */
    private static final int DEFAULT_CACHE_BUFFER_SECONDS = 300;
    private static final int MAX_CACHE_BUFFER_SECONDS = 3600;
    /** The extension the Kafka login sends Confluent Cloud its identity pool in; Confluent's inherit mode reads it. */
    private static final String JAAS_IDENTITY_POOL = "extension_identityPoolId";

    private RegistryAuthConfig() {
    }

    /** @param urlUserInfo the {@code user:password} of a registry URL, null for none */
    static RegistryAuth read(Map<String, ?> config, String urlUserInfo) {
        String bearer = upper(string(config, BEARER_SOURCE));
        String basicSource = upper(string(config, CREDENTIALS_SOURCE));
        String userInfo = string(config, USER_INFO);
        if (bearer == null) {
            for (String key : BEARER_KEYS) {
                if (string(config, key) != null) {
                    throw new IllegalArgumentException(key + " is set but " + BEARER_SOURCE + " is not (Confluent's client would ignore it): "
                        + "set " + BEARER_SOURCE + " to STATIC_TOKEN, OAUTHBEARER or SASL_OAUTHBEARER_INHERIT");
                }
            }
            return basic(config, basicSource == null ? "USER_INFO" : basicSource, userInfo, urlUserInfo);
        }
        String basicSet = userInfo != null ? USER_INFO : urlUserInfo != null ? "the user info in " + RegistrySettings.URL
            : basicSource != null ? CREDENTIALS_SOURCE : null;
        if (basicSet != null) {
            throw new IllegalArgumentException("basic and bearer authentication exclude each other: " + BEARER_SOURCE + " and " + basicSet
                + " are both set; keep one");
        }
        return switch (bearer) {
            case "STATIC_TOKEN" -> staticToken(config);
            case "OAUTHBEARER" -> oauth(config);
            case "SASL_OAUTHBEARER_INHERIT" -> inheritedOAuth(config);
            case "CUSTOM" -> throw new IllegalArgumentException(BEARER_SOURCE + "=CUSTOM (a provider class of your own) is not supported; "
                + "use STATIC_TOKEN, OAUTHBEARER or SASL_OAUTHBEARER_INHERIT");
            default -> throw new IllegalArgumentException(BEARER_SOURCE + " must be STATIC_TOKEN, OAUTHBEARER or SASL_OAUTHBEARER_INHERIT, got "
                + bearer);
        };
    }

    private static RegistryAuth basic(Map<String, ?> config, String source, String userInfo, String urlUserInfo) {
        switch (source) {
            case "USER_INFO", "URL" -> {
                // either source takes either place: Confluent's client silently drops the one its source does not name
                if (userInfo != null) {
                    return new RegistryAuth.Basic(userInfo, USER_INFO);
                }
                return urlUserInfo == null ? new RegistryAuth.None() : new RegistryAuth.Basic(urlUserInfo, "the user info in " + RegistrySettings.URL);
            }
            case "SASL_INHERIT" -> {
                if (userInfo != null || urlUserInfo != null) {
                    throw new IllegalArgumentException(CREDENTIALS_SOURCE + "=SASL_INHERIT takes the user and password from "
                        + SaslConfigs.SASL_JAAS_CONFIG + "; remove " + (userInfo != null ? USER_INFO : "the user info in " + RegistrySettings.URL));
                }
                return inheritedBasic(config);
            }
            default -> throw new IllegalArgumentException(CREDENTIALS_SOURCE + " must be USER_INFO, URL or SASL_INHERIT, got " + source);
        }
    }

    private static RegistryAuth inheritedBasic(Map<String, ?> config) {
        String mode = CREDENTIALS_SOURCE + "=SASL_INHERIT";
        KafkaLogin login = KafkaLogin.of(config, mode);
        String mechanism = login.mechanism();
        if (!mechanism.equals("PLAIN") && !mechanism.startsWith("SCRAM-")) {
            String instead = mechanism.equals("OAUTHBEARER") ? "use " + BEARER_SOURCE + "=SASL_OAUTHBEARER_INHERIT"
                : "set " + USER_INFO + " instead";
            String shown = login.mechanismSet() ? " is " + mechanism : " is not set (Kafka's default is " + mechanism + ")";
            throw new IllegalArgumentException(mode + " passes on the user and password of a PLAIN or SCRAM login, but "
                + SaslConfigs.SASL_MECHANISM + shown + ", which has none; " + instead);
        }
        String user = login.jaasOption("username");
        String password = login.jaasOption("password");
        if (user == null || password == null) {
            throw new IllegalArgumentException(mode + ": the login module in " + SaslConfigs.SASL_JAAS_CONFIG + " has no username and password options");
        }
        return new RegistryAuth.Basic(user + ":" + password, "the username and password in " + SaslConfigs.SASL_JAAS_CONFIG + " (" + mode + ")");
    }

    private static RegistryAuth staticToken(Map<String, ?> config) {
        refuseUnread(config, "STATIC_TOKEN", STATIC_TOKEN_KEYS);
        String token = string(config, BEARER_TOKEN);
        if (token == null) {
            throw new IllegalArgumentException(BEARER_SOURCE + "=STATIC_TOKEN needs " + BEARER_TOKEN);
        }
        return new RegistryAuth.StaticToken(token, target(config, null));
    }

    private static RegistryAuth oauth(Map<String, ?> config) {
        refuseUnread(config, "OAUTHBEARER", OAUTH_KEYS);
        String mode = BEARER_SOURCE + "=OAUTHBEARER";
        URI endpoint = endpoint(BEARER_ISSUER, required(config, BEARER_ISSUER, mode));
        String clientId = required(config, BEARER_CLIENT_ID, mode);
        String secret = required(config, BEARER_CLIENT_SECRET, mode);
        return new RegistryAuth.OAuth("OAUTHBEARER", endpoint, clientId, BEARER_CLIENT_ID + " and " + BEARER_CLIENT_SECRET, secret,
            string(config, BEARER_SCOPE), orDefault(string(config, BEARER_SCOPE_CLAIM), SaslConfigs.DEFAULT_SASL_OAUTHBEARER_SCOPE_CLAIM_NAME),
            orDefault(string(config, BEARER_SUB_CLAIM), SaslConfigs.DEFAULT_SASL_OAUTHBEARER_SUB_CLAIM_NAME), cacheBuffer(config),
            target(config, null));
    }

    /**
     * As Confluent's client does it: not the very token the Kafka login holds (that lives inside
     * Kafka's login internals) but one from the same token endpoint for the same client, so the
     * registry sees the identity the brokers see. A {@code bearer.auth.*} setting wins over the
     * login's; the login's client id and secret are Kafka's settings, else its JAAS options.
     */
    private static RegistryAuth inheritedOAuth(Map<String, ?> config) {
        refuseUnread(config, "SASL_OAUTHBEARER_INHERIT", OAUTH_KEYS);
        String mode = BEARER_SOURCE + "=SASL_OAUTHBEARER_INHERIT";
        KafkaLogin login = KafkaLogin.of(config, mode);
        if (!login.mechanism().equals("OAUTHBEARER")) {
            throw new IllegalArgumentException(mode + " takes the Kafka client's OAUTHBEARER login, but " + SaslConfigs.SASL_MECHANISM
                + (login.mechanismSet() ? " is " + login.mechanism() : " is not set"));
        }
        URI endpoint;
        if (string(config, BEARER_ISSUER) != null) {
            endpoint = endpoint(BEARER_ISSUER, string(config, BEARER_ISSUER));
        } else if (login.setting(SaslConfigs.SASL_OAUTHBEARER_TOKEN_ENDPOINT_URL) != null) {
            endpoint = endpoint(SaslConfigs.SASL_OAUTHBEARER_TOKEN_ENDPOINT_URL, login.setting(SaslConfigs.SASL_OAUTHBEARER_TOKEN_ENDPOINT_URL));
        } else {
            throw new IllegalArgumentException(mode + " needs the token endpoint of the Kafka login, "
                + SaslConfigs.SASL_OAUTHBEARER_TOKEN_ENDPOINT_URL + ", or " + BEARER_ISSUER);
        }
        Inherited clientId = inherited(config, login, BEARER_CLIENT_ID, SaslConfigs.SASL_OAUTHBEARER_CLIENT_CREDENTIALS_CLIENT_ID, "clientId");
        Inherited secret = inherited(config, login, BEARER_CLIENT_SECRET, SaslConfigs.SASL_OAUTHBEARER_CLIENT_CREDENTIALS_CLIENT_SECRET,
            "clientSecret");
        if (clientId.value() == null || secret.value() == null) {
            throw new IllegalArgumentException(mode + " needs the client id and secret of a client-credentials login: "
                + SaslConfigs.SASL_OAUTHBEARER_CLIENT_CREDENTIALS_CLIENT_ID + " and " + SaslConfigs.SASL_OAUTHBEARER_CLIENT_CREDENTIALS_CLIENT_SECRET
                + ", clientId and clientSecret in " + SaslConfigs.SASL_JAAS_CONFIG + ", or " + BEARER_CLIENT_ID + " and " + BEARER_CLIENT_SECRET);
        }
        String scope = inherited(config, login, BEARER_SCOPE, SaslConfigs.SASL_OAUTHBEARER_SCOPE, "scope").value();
        // Confluent's inherit mode lets the Kafka login's claim names win over bearer.auth.*
        String scopeClaim = orDefault(login.setting(SaslConfigs.SASL_OAUTHBEARER_SCOPE_CLAIM_NAME),
            orDefault(string(config, BEARER_SCOPE_CLAIM), SaslConfigs.DEFAULT_SASL_OAUTHBEARER_SCOPE_CLAIM_NAME));
        String subClaim = orDefault(login.setting(SaslConfigs.SASL_OAUTHBEARER_SUB_CLAIM_NAME),
            orDefault(string(config, BEARER_SUB_CLAIM), SaslConfigs.DEFAULT_SASL_OAUTHBEARER_SUB_CLAIM_NAME));
        return new RegistryAuth.OAuth("SASL_OAUTHBEARER_INHERIT", endpoint, clientId.value(), clientId.from() + " and " + secret.from(),
            secret.value(), scope, scopeClaim, subClaim, cacheBuffer(config), target(config, login.jaasOption(JAAS_IDENTITY_POOL)));
    }

    /** A value and the name of the place it came from. */
    private record Inherited(String value, String from) {
    }

    /** The registry's setting, else Kafka's, else the JAAS option, as Kafka's own login looks for them after the registry's. */
    private static Inherited inherited(Map<String, ?> config, KafkaLogin login, String registryKey, String kafkaKey, String jaasOption) {
        if (string(config, registryKey) != null) {
            return new Inherited(string(config, registryKey), registryKey);
        }
        if (login.setting(kafkaKey) != null) {
            return new Inherited(login.setting(kafkaKey), kafkaKey);
        }
        return new Inherited(login.jaasOption(jaasOption), jaasOption + " in " + SaslConfigs.SASL_JAAS_CONFIG);
    }

    private static void refuseUnread(Map<String, ?> config, String source, Set<String> read) {
        List<String> unread = new ArrayList<>();
        for (String key : BEARER_KEYS) {
            if (!read.contains(key) && string(config, key) != null) {
                unread.add(key);
            }
        }
        if (!unread.isEmpty()) {
            throw new IllegalArgumentException(String.join(", ", unread) + (unread.size() == 1 ? " is" : " are") + " not read with "
                + BEARER_SOURCE + "=" + source + "; remove " + (unread.size() == 1 ? "it" : "them"));
        }
    }

    private static RegistryAuth.Target target(Map<String, ?> config, String inheritedIdentityPool) {
        return new RegistryAuth.Target(string(config, BEARER_LOGICAL_CLUSTER), orDefault(string(config, BEARER_IDENTITY_POOL), inheritedIdentityPool));
    }

    private static URI endpoint(String key, String value) {
        URI uri;
        try {
            uri = URI.create(value);
        } catch (IllegalArgumentException e) {
            uri = null;
        }
        if (uri == null || uri.getHost() == null || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
            throw new IllegalArgumentException(key + " needs an http:// or https:// URL, got '" + value.replaceAll("://[^/@\\s]*@", "://****@") + "'");
        }
        if (uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException(key + " must not hold a user:password; the client id and secret are sent on their own");
        }
        return uri;
    }

    private static Duration cacheBuffer(Map<String, ?> config) {
        String value = string(config, BEARER_CACHE_BUFFER);
        if (value == null) {
            return Duration.ofSeconds(DEFAULT_CACHE_BUFFER_SECONDS);
        }
        try {
            int seconds = Integer.parseInt(value);
            if (seconds >= 0 && seconds <= MAX_CACHE_BUFFER_SECONDS) {
                return Duration.ofSeconds(seconds);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(BEARER_CACHE_BUFFER + " must be a whole number of seconds from 0 to " + MAX_CACHE_BUFFER_SECONDS
            + ", got " + value);
    }

    private static String required(Map<String, ?> config, String key, String mode) {
        String value = string(config, key);
        if (value == null) {
            throw new IllegalArgumentException(mode + " needs " + key);
        }
        return value;
    }

    private static String orDefault(String value, String fallback) {
        return value == null ? fallback : value;
    }

    private static String upper(String value) {
        return value == null ? null : value.toUpperCase(Locale.ROOT);
    }

    private static String string(Map<String, ?> config, String key) {
        Object v = config.get(key);
        return v == null || v.toString().isBlank() ? null : v.toString().strip();
    }
}
