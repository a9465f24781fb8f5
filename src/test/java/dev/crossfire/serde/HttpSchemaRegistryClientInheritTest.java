package dev.crossfire.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.crossfire.avro.Post;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The modes that take the Kafka client's login to the registry: {@code SASL_INHERIT} (a PLAIN or
 * SCRAM user and password as basic authentication) and {@code SASL_OAUTHBEARER_INHERIT} (a token
 * for the OAUTHBEARER login's client), against a registry on loopback that wants exactly those.
 */
class HttpSchemaRegistryClientInheritTest {

    private static final String PLAIN = "org.apache.kafka.common.security.plain.PlainLoginModule";
    private static final String SCRAM = "org.apache.kafka.common.security.scram.ScramLoginModule";
    private static final String OAUTH = "org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule";

    @TempDir
    Path dir;
    private AuthenticatingRegistry registry;

    @BeforeEach
    void start() throws Exception {
        registry = AuthenticatingRegistry.start();
    }

    @AfterEach
    void stop() {
        registry.close();
    }

    private Map<String, String> login(String mechanism, String jaas, String... more) {
        Map<String, String> config = new HashMap<>(Map.of(RegistrySettings.URL, registry.url(), "sasl.mechanism", mechanism, "sasl.jaas.config", jaas));
        for (int i = 0; i < more.length; i += 2) {
            config.put(more[i], more[i + 1]);
        }
        return config;
    }

    private static Map<String, String> basicInherit(Map<String, String> config) {
        config.put(RegistrySettings.CREDENTIALS_SOURCE, "SASL_INHERIT");
        return config;
    }

    private static HttpSchemaRegistryClient client(Map<String, String> config) {
        return new HttpSchemaRegistryClient(RegistrySettings.fromConfig(config).withTimeouts(Duration.ofSeconds(2), 1, Duration.ofMillis(10)),
            new MovableClock(Instant.parse("2025-03-01T09:00:00Z")));
    }

    @Test
    void saslInheritSendsThePlainLoginsUserAndPassword() {
        registry.acceptBasic("crossfire", "plain-pw-J3k7");
        HttpSchemaRegistryClient client = client(basicInherit(login("PLAIN", PLAIN + " required username=\"crossfire\" password=\"plain-pw-J3k7\";")));

        assertThat(client.register("crossfire.posts-value", Post.getClassSchema())).isPositive();
        assertThat(registry.registryRequests).singleElement()
            .satisfies(seen -> assertThat(seen.header("Authorization")).isEqualTo(AuthenticatingRegistry.basic("crossfire", "plain-pw-J3k7")));
        assertThat(client.settings().toString()).contains("basicAuth=crossfire:****").doesNotContain("plain-pw-J3k7");
    }

    @Test
    void saslInheritSendsTheScramLoginsUserAndPassword() {
        registry.acceptBasic("crossfire-scram", "scram-pw-P8n2");
        HttpSchemaRegistryClient client = client(basicInherit(login("SCRAM-SHA-512",
            SCRAM + " required username=\"crossfire-scram\" password=\"scram-pw-P8n2\";")));

        assertThat(client.register("crossfire.posts-value", Post.getClassSchema())).isPositive();
        assertThat(registry.registryRequests).singleElement()
            .satisfies(seen -> assertThat(seen.header("Authorization")).isEqualTo(AuthenticatingRegistry.basic("crossfire-scram", "scram-pw-P8n2")));
    }

    @Test
    void saslInheritReadsAPasswordKeptInAFileAsTheKafkaClientDoes() throws Exception {
        Path secrets = Files.writeString(dir.resolve("kafka-secrets.properties"), "password=file-pw-W1x4\n");
        registry.acceptBasic("crossfire", "file-pw-W1x4");
        HttpSchemaRegistryClient client = client(basicInherit(login("SCRAM-SHA-256",
            SCRAM + " required username=\"crossfire\" password=\"${file:" + secrets + ":password}\";",
            "config.providers", "file", "config.providers.file.class", "org.apache.kafka.common.config.provider.FileConfigProvider")));

        client.register("s", Post.getClassSchema());
        assertThat(registry.registryRequests).singleElement()
            .satisfies(seen -> assertThat(seen.header("Authorization")).isEqualTo(AuthenticatingRegistry.basic("crossfire", "file-pw-W1x4")));
    }

    @Test
    void aRefusedInheritedPasswordPointsAtTheJaasLine() {
        registry.acceptBasic("crossfire", "the-right-one");
        HttpSchemaRegistryClient client = client(basicInherit(login("PLAIN", PLAIN + " required username=\"crossfire\" password=\"old-pw-C6v3\";")));
        assertThatThrownBy(() -> client.register("s", Post.getClassSchema()))
            .hasMessageContaining("not authorised (check the username and password in sasl.jaas.config (basic.auth.credentials.source=SASL_INHERIT))")
            .hasMessageNotContaining("old-pw-C6v3");
    }

    @Test
    void saslInheritRefusesALoginWithoutAPassword() {
        assertThatThrownBy(() -> RegistrySettings.fromConfig(basicInherit(login("GSSAPI",
            "com.sun.security.auth.module.Krb5LoginModule required useKeyTab=true keyTab=\"/etc/crossfire.keytab\" principal=\"crossfire@EXAMPLE\";"))))
            .hasMessage("basic.auth.credentials.source=SASL_INHERIT passes on the user and password of a PLAIN or SCRAM login, but sasl.mechanism "
                + "is GSSAPI, which has none; set basic.auth.user.info instead");
        assertThatThrownBy(() -> RegistrySettings.fromConfig(basicInherit(login("OAUTHBEARER", OAUTH + " required clientId=\"c\" clientSecret=\"s\";"))))
            .hasMessage("basic.auth.credentials.source=SASL_INHERIT passes on the user and password of a PLAIN or SCRAM login, but sasl.mechanism "
                + "is OAUTHBEARER, which has none; use bearer.auth.credentials.source=SASL_OAUTHBEARER_INHERIT");
        Map<String, String> noMechanism = basicInherit(login("PLAIN", PLAIN + " required username=\"u\" password=\"p\";"));
        noMechanism.remove("sasl.mechanism");
        assertThatThrownBy(() -> RegistrySettings.fromConfig(noMechanism))
            .hasMessageContaining("sasl.mechanism is not set (Kafka's default is GSSAPI), which has none");
    }

    @Test
    void saslInheritRefusesAJaasLineItCannotReadWithoutQuotingIt() {
        assertThatThrownBy(() -> RegistrySettings.fromConfig(basicInherit(login("PLAIN", PLAIN + " required username=\"u\" password=bad-pw-Q1 x;"))))
            .hasMessageStartingWith("basic.auth.credentials.source=SASL_INHERIT takes the Kafka client's login, but sasl.jaas.config is not set or "
                + "not a login module configuration Kafka accepts")
            .hasMessageNotContaining("bad-pw-Q1");
        assertThatThrownBy(() -> RegistrySettings.fromConfig(basicInherit(login("PLAIN", PLAIN + " required user=\"u\";"))))
            .hasMessage("basic.auth.credentials.source=SASL_INHERIT: the login module in sasl.jaas.config has no username and password options");
    }

    @Test
    void saslOAuthBearerInheritAsksTheKafkaLoginsTokenEndpointForItsClient() {
        registry.client("kafka-client", "kafka-secret-U7f5").issue("inherited-token", 3600).requireHeader("target-sr-cluster", "lsrc-7q2")
            .requireHeader("Confluent-Identity-Pool-Id", "pool-Ab3");
        HttpSchemaRegistryClient client = client(login("OAUTHBEARER",
            OAUTH + " required clientId=\"kafka-client\" clientSecret=\"kafka-secret-U7f5\" scope=\"kafka\" extension_identityPoolId=\"pool-Ab3\";",
            "sasl.oauthbearer.token.endpoint.url", registry.tokenUrl(), RegistrySettings.BEARER_CREDENTIALS_SOURCE, "SASL_OAUTHBEARER_INHERIT",
            RegistrySettings.BEARER_LOGICAL_CLUSTER, "lsrc-7q2"));

        client.register("s", Post.getClassSchema());

        assertThat(registry.tokenRequests).singleElement().satisfies(token -> {
            assertThat(token.header("Authorization")).isEqualTo(AuthenticatingRegistry.basic("kafka-client", "kafka-secret-U7f5"));
            assertThat(token.body()).isEqualTo("grant_type=client_credentials&scope=kafka");
        });
        assertThat(registry.registryRequests).singleElement()
            .satisfies(seen -> assertThat(seen.header("Authorization")).isEqualTo("Bearer inherited-token"));
        assertThat(client.settings().toString()).contains("bearerAuth=SASL_OAUTHBEARER_INHERIT(client kafka-client at " + registry.tokenUrl())
            .doesNotContain("kafka-secret-U7f5");
    }

    @Test
    void saslOAuthBearerInheritTakesKafkasOwnClientCredentialSettingsAndTheRegistrysOverrides() {
        registry.client("kafka-client", "kafka-secret-U7f5").issue("inherited-token", 3600);
        HttpSchemaRegistryClient client = client(login("OAUTHBEARER", OAUTH + " required;",
            "sasl.oauthbearer.token.endpoint.url", "https://idp.invalid/token", RegistrySettings.BEARER_ISSUER_ENDPOINT_URL, registry.tokenUrl(),
            "sasl.oauthbearer.client.credentials.client.id", "kafka-client", "sasl.oauthbearer.client.credentials.client.secret", "kafka-secret-U7f5",
            RegistrySettings.BEARER_CREDENTIALS_SOURCE, "SASL_OAUTHBEARER_INHERIT"));

        client.register("s", Post.getClassSchema());
        assertThat(registry.registryRequests).singleElement()
            .satisfies(seen -> assertThat(seen.header("Authorization")).isEqualTo("Bearer inherited-token"));
    }

    @Test
    void saslOAuthBearerInheritRefusesWhatItCannotInherit() {
        assertThatThrownBy(() -> RegistrySettings.fromConfig(login("PLAIN", PLAIN + " required username=\"u\" password=\"p\";",
            RegistrySettings.BEARER_CREDENTIALS_SOURCE, "SASL_OAUTHBEARER_INHERIT")))
            .hasMessage("bearer.auth.credentials.source=SASL_OAUTHBEARER_INHERIT takes the Kafka client's OAUTHBEARER login, but sasl.mechanism is PLAIN");
        assertThatThrownBy(() -> RegistrySettings.fromConfig(login("OAUTHBEARER", OAUTH + " required clientId=\"c\" clientSecret=\"s\";",
            RegistrySettings.BEARER_CREDENTIALS_SOURCE, "SASL_OAUTHBEARER_INHERIT")))
            .hasMessage("bearer.auth.credentials.source=SASL_OAUTHBEARER_INHERIT needs the token endpoint of the Kafka login, "
                + "sasl.oauthbearer.token.endpoint.url, or bearer.auth.issuer.endpoint.url");
        assertThatThrownBy(() -> RegistrySettings.fromConfig(login("OAUTHBEARER", OAUTH + " required;",
            "sasl.oauthbearer.token.endpoint.url", registry.tokenUrl(), RegistrySettings.BEARER_CREDENTIALS_SOURCE, "SASL_OAUTHBEARER_INHERIT")))
            .hasMessageStartingWith("bearer.auth.credentials.source=SASL_OAUTHBEARER_INHERIT needs the client id and secret of a "
                + "client-credentials login");
    }
}
