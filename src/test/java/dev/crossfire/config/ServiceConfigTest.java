package dev.crossfire.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServiceConfigTest {

    @TempDir
    Path dir;

    private static final Map<String, String> MINIMAL = Map.of("bootstrap.servers", "kafka:9092", "schema.registry.url", "http://registry:8081");

    @Test
    void defaultsAreTheDocumentedOnes() {
        ServiceConfig c = ServiceConfig.of(MINIMAL);
        assertThat(c.applicationId()).isEqualTo("crossfire");
        assertThat(c.settings()).isEqualTo(CrossfireSettings.defaults());
        assertThat(c.passThrough()).containsEntry("processing.guarantee", "exactly_once_v2")
            .containsEntry("replication.factor", "-1").containsEntry("num.standby.replicas", "0");
        assertThat(c.shutdownTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.createTopics()).isFalse();
        assertThat(c.httpPort()).isEqualTo(8080);
    }

    @Test
    void theRegistryInheritsTheKafkaLoginAndTheKafkaClientsKeepIt() throws Exception {
        Path file = dir.resolve("crossfire.properties");
        Files.writeString(file, String.join("\n", "bootstrap.servers=kafka:9093", "schema.registry.url=https://registry:8081",
            "security.protocol=SASL_SSL", "basic.auth.credentials.source=SASL_INHERIT", ""));
        ServiceConfig c = ServiceConfig.load(file, Map.of("CROSSFIRE_SASL_MECHANISM", "SCRAM-SHA-512", "CROSSFIRE_SASL_JAAS_CONFIG",
            "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"crossfire\" password=\"scram-pw-H4\";"));

        assertThat(c.registry().toString()).contains("basicAuth=crossfire:****").doesNotContain("scram-pw-H4");
        assertThat(c.passThrough()).containsKeys("sasl.mechanism", "sasl.jaas.config", "security.protocol")
            .doesNotContainKey("basic.auth.credentials.source");
        assertThat(c.describe()).contains("basic.auth.credentials.source=SASL_INHERIT", "sasl.jaas.config=****").doesNotContain("scram-pw-H4");

        assertThatThrownBy(() -> ServiceConfig.of(Map.of("bootstrap.servers", "kafka:9093", "schema.registry.url", "https://registry:8081",
            "basic.auth.credentials.source", "SASL_INHERIT", "sasl.mechanism", "GSSAPI",
            "sasl.jaas.config", "com.sun.security.auth.module.Krb5LoginModule required useKeyTab=true;")))
            .hasMessageContaining("basic.auth.credentials.source=SASL_INHERIT passes on the user and password of a PLAIN or SCRAM login");
    }

    @Test
    void bearerSettingsAreTheRegistrysAndTheirSecretsAreMasked() {
        ServiceConfig c = ServiceConfig.of(Map.of("bootstrap.servers", "kafka:9093", "schema.registry.url", "https://registry:8081",
            "bearer.auth.credentials.source", "OAUTHBEARER", "bearer.auth.issuer.endpoint.url", "https://idp.example/oauth2/token",
            "bearer.auth.client.id", "crossfire", "bearer.auth.client.secret", "client-secret-D5", "bearer.auth.logical.cluster", "lsrc-1"));

        assertThat(c.passThrough()).doesNotContainKeys("bearer.auth.client.secret", "bearer.auth.credentials.source");
        assertThat(c.describe() + c + c.registry()).doesNotContain("client-secret-D5");
        assertThat(c.describe()).contains("bearer.auth.credentials.source=OAUTHBEARER", "bearer.auth.client.secret=****");
        assertThat(ServiceConfig.isRead("bearer.auth.cache.expiry.buffer.seconds")).isTrue();
        assertThat(ServiceConfig.isRead("bearer.auth.client.secrets")).isFalse();
    }

    @Test
    void yamlNestingBecomesDottedKeysAndTheEnvironmentWins() throws Exception {
        Path file = dir.resolve("crossfire.yaml");
        Files.writeString(file, """
            bootstrap.servers: kafka:9092
            schema.registry.url: http://registry:8081
            security.protocol: SASL_SSL
            num.standby.replicas: 1
            crossfire:
              thread:
                parent-wait: 5m
              exchange:
                inactivity: 48h
              escalation:
                severe:
                  score: 0.8
              topic:
                alerts: newsroom.alerts
            """);
        ServiceConfig c = ServiceConfig.load(file, Map.of(
            "CROSSFIRE_CROSSFIRE_THREAD_PARENT_WAIT", "2m",
            "CROSSFIRE_BOOTSTRAP_SERVERS", "broker-1:9093,broker-2:9093",
            "CROSSFIRE_SASL_MECHANISM", "PLAIN",
            "CROSSFIRE_CROSSFIRE_TOPIC_THREAD_REQUESTS", "newsroom.requests",
            "HOME", "/root"));
        assertThat(c.bootstrapServers()).isEqualTo("broker-1:9093,broker-2:9093");
        assertThat(c.settings().parentWait()).isEqualTo(Duration.ofMinutes(2));
        assertThat(c.settings().exchangeInactivity()).isEqualTo(Duration.ofHours(48));
        assertThat(c.settings().escalation().severeScore()).isEqualTo(0.8);
        assertThat(c.settings().topics().alerts()).isEqualTo("newsroom.alerts");
        assertThat(c.settings().topics().threadRequests()).isEqualTo("newsroom.requests");
        assertThat(c.passThrough()).containsEntry("security.protocol", "SASL_SSL").containsEntry("sasl.mechanism", "PLAIN")
            .containsEntry("num.standby.replicas", "1").doesNotContainKey("schema.registry.url");
    }

    @Test
    void aConfigFileThatIsNotUtf8IsRefusedNamingTheLineAndColumn() throws Exception {
        Path file = dir.resolve("crossfire.properties");
        Files.write(file, "bootstrap.servers=kafka:9092\ncrossfire.topic.alerts=d\u00e9sk\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));

        ConfigException e = org.junit.jupiter.api.Assertions.assertThrows(ConfigException.class, () -> ServiceConfig.read(file));

        assertThat(e.problems()).containsExactly(file + ":2:25: not UTF-8: byte 0xE9 cannot start or continue a character");
    }

    /** A tool without --config (alerts tail in the service's container) reads the same CROSSFIRE_* variables run does. */
    @Test
    void theEnvironmentAloneGivesSettingsAndItsOtherVariablesAreNotTakenForSettings() {
        Map<String, String> env = Map.of("CROSSFIRE_BOOTSTRAP_SERVERS", "kafka:9092", "CROSSFIRE_SCHEMA_REGISTRY_URL", "http://registry:8081",
            "CROSSFIRE_CROSSFIRE_TOPIC_ALERTS", "newsroom.alerts", "CROSSFIRE_CONFIG", "/etc/crossfire/crossfire.yaml",
            "CROSSFIRE_LOG_FORMAT", "json", "CROSSFIRE_WEBHOOK_SECRET", "s3cret", "PATH", "/usr/bin");
        Map<String, String> values = ServiceConfig.fromEnvironment(env);
        assertThat(values).containsEntry("bootstrap.servers", "kafka:9092").containsEntry("crossfire.topic.alerts", "newsroom.alerts")
            .doesNotContainKeys("config", "log.format", "webhook.secret", "path");
        assertThat(ServiceConfig.of(values).settings().topics().alerts()).isEqualTo("newsroom.alerts");
        assertThat(ServiceConfig.keyOfEnvironmentVariable("CROSSFIRE_LOG_FORMAT")).isNull();
    }

    @Test
    void everyProblemIsListed() {
        assertThatThrownBy(() -> ServiceConfig.of(Map.of("crossfire.http.port", "99999", "crossfire.topics.create", "yes",
            "crossfire.escalation.notice.score", "0.9", "crossfire.hostility.model", "/nowhere/model.tsv.gz")))
            .isInstanceOf(ConfigException.class)
            .satisfies(e -> assertThat(((ConfigException) e).problems()).containsExactlyInAnyOrder(
                "bootstrap.servers: required, not set",
                "schema.registry.url: required, not set",
                "crossfire.escalation.*.score: NOTICE <= ESCALATING <= SEVERE is required",
                "crossfire.http.port: 99999 is not a port",
                "crossfire.topics.create: 'yes' is not true or false",
                "crossfire.hostility.model: /nowhere/model.tsv.gz is not a readable file"));
    }

    @Test
    void secretsAreMasked() {
        assertThat(ServiceConfig.mask("ssl.keystore.password", "x")).isEqualTo("****");
        assertThat(ServiceConfig.mask("sasl.jaas.config", "x")).isEqualTo("****");
        assertThat(ServiceConfig.mask("basic.auth.user.info", "editor:s3cret")).isEqualTo("editor:****");
        assertThat(ServiceConfig.mask("bootstrap.servers", "kafka:9092")).isEqualTo("kafka:9092");
        // Kafka's password-typed settings whose names say neither password nor secret, bare or for one client
        assertThat(ServiceConfig.mask("ssl.keystore.key", "-----BEGIN PRIVATE KEY-----...")).isEqualTo("****");
        assertThat(ServiceConfig.mask("main.consumer.ssl.keystore.key", "-----BEGIN PRIVATE KEY-----...")).isEqualTo("****");
        assertThat(ServiceConfig.mask("sasl.oauthbearer.assertion.private.key.passphrase", "x")).isEqualTo("****");
        // and the password of any URL
        assertThat(ServiceConfig.mask("schema.registry.url", "https://editor:s3cret@registry:8081,https://t0ken@backup:8081"))
            .isEqualTo("https://editor:****@registry:8081,https://****@backup:8081");
    }

    @Test
    void aMalformedJaasConfigIsReportedWithoutItsValue() {
        Map<String, String> values = new java.util.HashMap<>(MINIMAL);
        values.put("sasl.jaas.config", "org.apache.kafka.common.security.plain.PlainLoginModule required password=s3cret and more;");
        values.put("producer.sasl.jaas.config", "org.apache.kafka.common.security.plain.PlainLoginModule required password=\"s3cret\";");
        values.put("crossfire.http.port", "s3cret");
        assertThatThrownBy(() -> ServiceConfig.of(values))
            .isInstanceOf(ConfigException.class)
            .satisfies(e -> assertThat(((ConfigException) e).problems()).containsExactlyInAnyOrder(
                "sasl.jaas.config: not a JAAS login module configuration Kafka accepts (one module, its control flag such as required, "
                    + "options as key=\"value\", a closing ';'); the value is not shown because it holds a password",
                "crossfire.http.port: 's3cret' is not a whole number"));
        assertThat(ServiceConfig.of(Map.of("bootstrap.servers", "kafka:9092", "schema.registry.url", "http://r:8081",
            "crossfire.http.token", "s3cret", "sasl.jaas.config", "x required;")).toString()).doesNotContain("s3cret");
    }

    @Test
    void whatKafkaTypesAsAPasswordIsMaskedTooUnderAnyClientPrefix() {
        String pem = "-----BEGIN ENCRYPTED PRIVATE KEY-----\nMIIE...\n-----END ENCRYPTED PRIVATE KEY-----";
        assertThat(ServiceConfig.mask("ssl.keystore.key", pem)).isEqualTo("****");
        assertThat(ServiceConfig.mask("producer.ssl.keystore.key", pem)).isEqualTo("****");
        assertThat(ServiceConfig.mask("sasl.oauthbearer.assertion.private.key.passphrase", "x")).isEqualTo("****");
        assertThat(ServiceConfig.mask("main.consumer.sasl.jaas.config", "x")).isEqualTo("****");
        assertThat(ServiceConfig.mask("ssl.keystore.location", "/etc/crossfire/tls/client.p12")).isEqualTo("/etc/crossfire/tls/client.p12");
        assertThat(ServiceConfig.mask("ssl.keystore.type", "PEM")).isEqualTo("PEM");
        assertThat(ServiceConfig.mask("security.protocol", "SSL")).isEqualTo("SSL");
    }

    @Test
    void eachKafkaClientGetsItsOwnSettingsAndTheConfigProviders() {
        Map<String, String> settings = Map.of("security.protocol", "SASL_SSL", "sasl.jaas.config", "x",
            "config.providers", "file", "config.providers.file.class", "org.apache.kafka.common.config.provider.FileConfigProvider",
            "num.stream.threads", "2", "acks", "all");
        assertThat(ServiceConfig.forClient(settings, org.apache.kafka.clients.admin.AdminClientConfig.configNames()))
            .containsOnlyKeys("security.protocol", "sasl.jaas.config", "config.providers", "config.providers.file.class");
        assertThat(ServiceConfig.forClient(settings, org.apache.kafka.clients.producer.ProducerConfig.configNames()))
            .containsKey("acks").containsKey("config.providers.file.class").doesNotContainKey("num.stream.threads");
        assertThat(ServiceConfig.isRead("config.providers.file.class")).isTrue();
        assertThat(ServiceConfig.isRead("config.providers")).isTrue();
        assertThat(ServiceConfig.isRead("config.provider.file.class")).isFalse();
    }

    @Test
    void durationsReadAsPeopleWriteThem() {
        assertThat(DurationText.parse("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(DurationText.parse("15m")).isEqualTo(Duration.ofMinutes(15));
        assertThat(DurationText.parse("7d")).isEqualTo(Duration.ofDays(7));
        assertThat(DurationText.parse("PT72H")).isEqualTo(Duration.ofHours(72));
        assertThatThrownBy(() -> DurationText.parse("soon")).hasMessageContaining("'soon' is not a duration");
    }
}
