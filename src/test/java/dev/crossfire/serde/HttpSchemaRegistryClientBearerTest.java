package dev.crossfire.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.crossfire.avro.Post;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Bearer authentication against a registry on loopback that wants it, with its own token endpoint:
 * a static token, and OAuth tokens fetched, kept and fetched again as their expiry nears. The
 * client's clock is a test clock, so an hour-long token ages without waiting.
 */
class HttpSchemaRegistryClientBearerTest {

    private static final Instant START = Instant.parse("2025-03-01T09:00:00Z");
    private static final String CLIENT_ID = "crossfire-registry";
    private static final String CLIENT_SECRET = "client-secret-T4k8";

    private AuthenticatingRegistry registry;
    private final MovableClock clock = new MovableClock(START);

    @BeforeEach
    void start() throws Exception {
        registry = AuthenticatingRegistry.start().client(CLIENT_ID, CLIENT_SECRET);
    }

    @AfterEach
    void stop() {
        registry.close();
    }

    private HttpSchemaRegistryClient client(Map<String, String> settings) {
        Map<String, String> config = new HashMap<>(settings);
        config.put(RegistrySettings.URL, registry.url());
        return new HttpSchemaRegistryClient(RegistrySettings.fromConfig(config).withTimeouts(Duration.ofSeconds(2), 2, Duration.ofMillis(10)), clock);
    }

    private Map<String, String> oauth(String... more) {
        Map<String, String> config = new HashMap<>(Map.of(RegistrySettings.BEARER_CREDENTIALS_SOURCE, "OAUTHBEARER",
            RegistrySettings.BEARER_ISSUER_ENDPOINT_URL, registry.tokenUrl(), RegistrySettings.BEARER_CLIENT_ID, CLIENT_ID,
            RegistrySettings.BEARER_CLIENT_SECRET, CLIENT_SECRET));
        for (int i = 0; i < more.length; i += 2) {
            config.put(more[i], more[i + 1]);
        }
        return config;
    }

    private static int register(HttpSchemaRegistryClient client, String subject) {
        return client.register(subject, Post.getClassSchema());
    }

    /** An unsigned JWT with these claims: the client reads them, only the registry would check a signature. */
    static String jwt(String claimsJson) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        return b64.encodeToString("{\"alg\":\"RS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8)) + "."
            + b64.encodeToString(claimsJson.getBytes(StandardCharsets.UTF_8)) + "." + b64.encodeToString("signature".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aStaticTokenIsSentWithTheLogicalClusterAndIdentityPool() {
        registry.acceptBearer("static-token-R5w2").requireHeader("target-sr-cluster", "lsrc-7q2").requireHeader("Confluent-Identity-Pool-Id", "pool-Ab3");
        HttpSchemaRegistryClient client = client(Map.of(RegistrySettings.BEARER_CREDENTIALS_SOURCE, "STATIC_TOKEN",
            RegistrySettings.BEARER_TOKEN, "static-token-R5w2", RegistrySettings.BEARER_LOGICAL_CLUSTER, "lsrc-7q2",
            RegistrySettings.BEARER_IDENTITY_POOL_ID, "pool-Ab3"));

        int id = register(client, "crossfire.posts-value");

        assertThat(client.schemaById(id)).isEqualTo(Post.getClassSchema());
        assertThat(registry.registryRequests).singleElement().satisfies(seen -> {
            assertThat(seen.header("Authorization")).isEqualTo("Bearer static-token-R5w2");
            assertThat(seen.header("target-sr-cluster")).isEqualTo("lsrc-7q2");
            assertThat(seen.header("Confluent-Identity-Pool-Id")).isEqualTo("pool-Ab3");
        });
        assertThat(registry.tokenRequests).isEmpty();
    }

    @Test
    void aRefusedStaticTokenNamesItsSettingsAndNotTheToken() {
        registry.acceptBearer("the-right-token").requireHeader("target-sr-cluster", "lsrc-7q2");
        HttpSchemaRegistryClient client = client(Map.of(RegistrySettings.BEARER_CREDENTIALS_SOURCE, "STATIC_TOKEN",
            RegistrySettings.BEARER_TOKEN, "stale-token-M2c9", RegistrySettings.BEARER_LOGICAL_CLUSTER, "lsrc-7q2"));

        assertThatThrownBy(() -> register(client, "s"))
            .hasMessageContaining("not authorised (check bearer.auth.token, bearer.auth.logical.cluster)")
            .hasMessageContaining("HTTP 401")
            .hasMessageNotContaining("stale-token-M2c9");
    }

    @Test
    void anOAuthTokenIsFetchedOnceKeptAndFetchedAgainWhenItsExpiryNears() {
        registry.issue("oauth-token-1", 3600).issue("oauth-token-2", 3600);
        HttpSchemaRegistryClient client = client(oauth(RegistrySettings.BEARER_SCOPE, "registry:read registry:write"));

        register(client, "a-value");
        register(client, "b-value");
        // Confluent's rule: a new token once 80% of the hour is gone (2880 s), which is before the 300 s buffer
        clock.advance(Duration.ofSeconds(2879));
        register(client, "c-value");
        assertThat(registry.tokenRequests).hasSize(1);
        clock.advance(Duration.ofSeconds(2));
        register(client, "d-value");

        assertThat(registry.tokenRequests).hasSize(2).allSatisfy(token -> {
            assertThat(token.method()).isEqualTo("POST");
            assertThat(token.header("Authorization")).isEqualTo(AuthenticatingRegistry.basic(CLIENT_ID, CLIENT_SECRET));
            assertThat(token.header("Content-Type")).isEqualTo("application/x-www-form-urlencoded");
            assertThat(token.body()).isEqualTo("grant_type=client_credentials&scope=registry%3Aread+registry%3Awrite");
        });
        assertThat(registry.registryRequests).extracting(seen -> seen.header("Authorization"))
            .containsExactly("Bearer oauth-token-1", "Bearer oauth-token-1", "Bearer oauth-token-1", "Bearer oauth-token-2");
    }

    @Test
    void aJwtsOwnExpiryAndTheCacheBufferDecideWhenTheNextTokenIsFetched() {
        long now = START.getEpochSecond();
        // ten minutes long: 80% would be 480 s, but the default 300 s buffer comes first
        registry.answer(200, "{\"access_token\":\"" + jwt("{\"sub\":\"sa-1\",\"iat\":" + now + ",\"exp\":" + (now + 600) + "}")
            + "\",\"expires_in\":99999,\"token_type\":\"bearer\"}");
        registry.issue("next-token", 3600);
        HttpSchemaRegistryClient client = client(oauth());

        register(client, "a-value");
        clock.advance(Duration.ofSeconds(299));
        register(client, "b-value");
        assertThat(registry.tokenRequests).hasSize(1);
        clock.advance(Duration.ofSeconds(2));
        register(client, "c-value");
        assertThat(registry.tokenRequests).hasSize(2);
        assertThat(registry.registryRequests.get(2).header("Authorization")).isEqualTo("Bearer next-token");
    }

    @Test
    void aJwtMustNameItsSubjectUnderTheConfiguredClaim() {
        long exp = START.getEpochSecond() + 3600;
        String token = jwt("{\"client_id\":\"sa-1\",\"exp\":" + exp + "}");
        registry.answer(200, "{\"access_token\":\"" + token + "\",\"token_type\":\"bearer\"}");
        assertThatThrownBy(() -> register(client(oauth()), "s"))
            .isInstanceOf(TokenEndpointException.class)
            .hasMessageEndingWith("answered, but the token has no 'sub' claim naming its subject")
            .hasMessageNotContaining(token);

        registry.answer(200, "{\"access_token\":\"" + token + "\",\"token_type\":\"bearer\"}");
        register(client(oauth(RegistrySettings.BEARER_SUB_CLAIM_NAME, "client_id")), "s");
        assertThat(registry.registryRequests).last().satisfies(seen -> assertThat(seen.header("Authorization")).isEqualTo("Bearer " + token));
    }

    @Test
    void aRefusalByTheTokenEndpointIsOneLineNamingTheClientSettings() {
        HttpSchemaRegistryClient client = client(oauth(RegistrySettings.BEARER_CLIENT_SECRET, "wrong-secret-Z9"));

        assertThatThrownBy(() -> register(client, "crossfire.posts-value"))
            .isInstanceOf(TokenEndpointException.class)
            .hasMessage("cannot register the schema dev.crossfire.avro.Post under subject crossfire.posts-value: no token for the schema "
                + "registry: token endpoint " + registry.tokenUrl() + " refused client crossfire-registry (HTTP 401, check bearer.auth.client.id "
                + "and bearer.auth.client.secret): invalid_client: Client authentication failed")
            // not the record's fault: it waits for the identity provider instead of going to the dead-letter topic
            .satisfies(e -> assertThat(SchemaRegistryException.isTransientIn(e)).isTrue());
        assertThat(registry.tokenRequests).hasSize(1);
        assertThat(registry.registryRequests).isEmpty();
    }

    @Test
    void aTokenEndpointThatKeepsFailingIsRetriedThenReported() {
        for (int i = 0; i < 3; i++) {
            registry.answer(503, "{\"error\":\"temporarily_unavailable\"}");
        }
        assertThatThrownBy(() -> register(client(oauth()), "s"))
            .hasMessageEndingWith("token endpoint " + registry.tokenUrl() + " failed (HTTP 503): temporarily_unavailable")
            .satisfies(e -> assertThat(((SchemaRegistryException) e).status()).isZero());
        assertThat(registry.tokenRequests).hasSize(3);
    }

    @Test
    void anUnreachableTokenEndpointIsNamed() throws Exception {
        int deadPort;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            deadPort = socket.getLocalPort();
        }
        assertThatThrownBy(() -> register(client(oauth(RegistrySettings.BEARER_ISSUER_ENDPOINT_URL, "http://127.0.0.1:" + deadPort + "/token")), "s"))
            .hasMessageContaining("no token for the schema registry: token endpoint http://127.0.0.1:" + deadPort + "/token unreachable (ConnectException")
            .satisfies(e -> assertThat(SchemaRegistryException.isTransientIn(e)).isTrue());
        assertThat(registry.registryRequests).isEmpty();
    }

    @Test
    void anAnswerThatDoesNotSayWhenTheTokenExpiresIsRefused() {
        registry.answer(200, "{\"access_token\":\"opaque-1\",\"token_type\":\"bearer\"}");
        assertThatThrownBy(() -> register(client(oauth()), "s"))
            .hasMessageEndingWith("answered, but the answer does not say when the token expires (no expires_in, and no JWT 'exp' claim)");
    }

    @Test
    void whileTheTokenEndpointIsDownTheCurrentTokenServesUntilItExpires() {
        registry.issue("oauth-token-1", 3600);
        HttpSchemaRegistryClient client = client(oauth());
        register(client, "a-value");
        for (int i = 0; i < 6; i++) {
            registry.answer(503, "{\"error\":\"temporarily_unavailable\"}");
        }

        clock.advance(Duration.ofSeconds(3000));
        register(client, "b-value");
        assertThat(registry.registryRequests).last().satisfies(seen -> assertThat(seen.header("Authorization")).isEqualTo("Bearer oauth-token-1"));

        clock.advance(Duration.ofSeconds(600));
        assertThatThrownBy(() -> register(client, "c-value")).isInstanceOf(TokenEndpointException.class).hasMessageContaining("HTTP 503");
        assertThat(registry.registryRequests).hasSize(2);
    }

    @Test
    void theRegistrysRefusalOfAnOAuthTokenNamesTheClient() {
        registry.issue("oauth-token-1", 3600).requireHeader("Confluent-Identity-Pool-Id", "pool-Ab3");
        assertThatThrownBy(() -> register(client(oauth()), "s"))
            .hasMessageContaining("not authorised (check what client crossfire-registry may do on the registry, and the token's scope)");
    }
}
