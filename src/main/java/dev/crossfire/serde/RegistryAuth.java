package dev.crossfire.serde;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * How crossfire proves itself to the registry: nothing, basic authentication, or a bearer token,
 * each read from Confluent's settings by {@link RegistryAuthConfig}. Every mode prints without its
 * secret and knows which settings a refusal (401/403) points at.
 */
public sealed interface RegistryAuth {

    String TARGET_CLUSTER_HEADER = "target-sr-cluster";
    String IDENTITY_POOL_HEADER = "Confluent-Identity-Pool-Id";

    /** The headers of one request; {@code oauthToken} is asked only by {@link OAuth}, whose token changes. */
    Map<String, String> headers(Supplier<String> oauthToken);

    /** What to check when the registry answers 401 or 403. */
    String hint();

    record None() implements RegistryAuth {
        @Override
        public Map<String, String> headers(Supplier<String> oauthToken) {
            return Map.of();
        }

        @Override
        public String hint() {
            return "no credentials are set: basic.auth.user.info or bearer.auth.credentials.source";
        }

        @Override
        public String toString() {
            return "auth=none";
        }
    }

    /**
     * @param userInfo {@code user:password}
     * @param from     the settings it came from, as a refusal names them
     */
    record Basic(String userInfo, String from) implements RegistryAuth {
        public Basic {
            if (!userInfo.contains(":")) {
                throw new IllegalArgumentException(from + " must be user:password");
            }
        }

        public String user() {
            return userInfo.substring(0, userInfo.indexOf(':'));
        }

        @Override
        public Map<String, String> headers(Supplier<String> oauthToken) {
            return Map.of("Authorization", "Basic " + Base64.getEncoder().encodeToString(userInfo.getBytes(StandardCharsets.UTF_8)));
        }

        @Override
        public String hint() {
            return "check " + from;
        }

        @Override
        public String toString() {
            return "basicAuth=" + user() + ":****";
        }
    }

    /** {@code bearer.auth.credentials.source=STATIC_TOKEN}: one token for the life of the process. */
    record StaticToken(String token, Target target) implements RegistryAuth {
        @Override
        public Map<String, String> headers(Supplier<String> oauthToken) {
            return target.headers(token);
        }

        @Override
        public String hint() {
            return "check bearer.auth.token" + target.hint();
        }

        @Override
        public String toString() {
            return "bearerAuth=STATIC_TOKEN(****" + target + ")";
        }
    }

    /**
     * A token from an OAuth token endpoint by the client-credentials grant, cached and fetched again
     * before it expires: {@code OAUTHBEARER}, or {@code SASL_OAUTHBEARER_INHERIT} with what the Kafka
     * client's OAUTHBEARER login is configured with.
     *
     * @param source       the value of {@code bearer.auth.credentials.source}
     * @param credentialsFrom the settings the client id and secret came from, as a refusal names them
     * @param cacheBuffer  {@code bearer.auth.cache.expiry.buffer.seconds}: fetch a new token at least this long before expiry
     */
    record OAuth(String source, URI tokenEndpoint, String clientId, String credentialsFrom, String clientSecret, String scope,
                 String scopeClaim, String subClaim, Duration cacheBuffer, Target target) implements RegistryAuth {
        @Override
        public Map<String, String> headers(Supplier<String> oauthToken) {
            return target.headers(oauthToken.get());
        }

        @Override
        public String hint() {
            return "check what client " + clientId + " may do on the registry, and the token's scope" + target.hint();
        }

        @Override
        public String toString() {
            return "bearerAuth=" + source + "(client " + clientId + " at " + tokenEndpoint + (scope == null ? "" : ", scope " + scope)
                + target + ")";
        }
    }

    /**
     * Which registry a token is for, where one endpoint serves many (Confluent Cloud):
     * {@code bearer.auth.logical.cluster} and {@code bearer.auth.identity.pool.id}, each null when unset.
     */
    record Target(String logicalCluster, String identityPoolId) {
        Map<String, String> headers(String token) {
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("Authorization", "Bearer " + token);
            if (logicalCluster != null) {
                headers.put(TARGET_CLUSTER_HEADER, logicalCluster);
            }
            if (identityPoolId != null) {
                headers.put(IDENTITY_POOL_HEADER, identityPoolId);
            }
            return headers;
        }

        String hint() {
            return (logicalCluster == null ? "" : ", bearer.auth.logical.cluster") + (identityPoolId == null ? "" : ", bearer.auth.identity.pool.id");
        }

        @Override
        public String toString() {
            return (logicalCluster == null ? "" : ", logical cluster " + logicalCluster)
                + (identityPoolId == null ? "" : ", identity pool " + identityPoolId);
        }
    }
}
