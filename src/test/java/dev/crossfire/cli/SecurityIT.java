package dev.crossfire.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crossfire.embedded.SecureKafka;
import dev.crossfire.serde.InMemorySchemaRegistry;
import dev.crossfire.serde.RegistryHttpServer;
import dev.crossfire.testing.ChildProcess;
import dev.crossfire.testing.SeedFiles;
import dev.crossfire.testing.SeedStory;
import dev.crossfire.testing.TlsFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * crossfire against a secured broker: the real {@code run} (its own JVM) and the tools that take
 * {@code --config} (figures load, replay, alerts tail, reset), over SASL_SSL with SCRAM-SHA-512 and
 * over mutual TLS, each principal with only the ACLs the README lists. Posts go in, the seed alerts
 * come out; a wrong password or an untrusted client certificate stops {@code run} at once with one
 * line; no secret shows in anything printed or logged.
 */
class SecurityIT {

    private static final String USER = "crossfire";
    private static final String PASSWORD = "scram-pw-6c0d2a";
    private static final String WRONG_PASSWORD = "not-the-pw-31f8";
    private static final String SEED_EXCHANGE = "donald-trump|jeff-sessions|2020-05-22T23:10:41Z";
    /** Output of the {@code run} JVMs, kept after the test for diagnosis. */
    private static final Path LOGS = Path.of("target", "security-it");

    @TempDir
    static Path dir;

    private static TlsFiles tls;
    private static SecureKafka kafka;
    private static RegistryHttpServer registry;
    private static Path figures;
    private static Path posts;
    private static Path logConfig;

    @BeforeAll
    static void start() throws Exception {
        long t0 = System.nanoTime();
        tls = TlsFiles.create(dir.resolve("tls"));
        long t1 = System.nanoTime();
        kafka = SecureKafka.start(dir.resolve("kafka"), tls, USER, PASSWORD);
        long t2 = System.nanoTime();
        System.out.printf("security: TLS material in %d ms, broker with SASL_SSL and mTLS listeners and the SCRAM user in %d ms%n",
            (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000);
        registry = RegistryHttpServer.start(new InMemorySchemaRegistry());
        figures = SeedFiles.figures(dir, true);
        posts = SeedFiles.posts(dir, SeedStory.inOrder());
        logConfig = Files.writeString(dir.resolve("log4j2-security.xml"), LOG_CONFIG);
        Files.createDirectories(LOGS);
    }

    @AfterAll
    static void stop() {
        if (registry != null) {
            registry.close();
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void runAndEveryToolWorkOverSaslSslWithScramAndAWrongPasswordStopsThemAtOnceWithOneLine() throws Exception {
        Map<String, String> settings = service("scram", kafka.scramBootstrap(), "crossfire");
        settings.putAll(kafka.scramClient(USER, PASSWORD));
        // run takes the JAAS line from the environment, as on Kubernetes (a Secret as CROSSFIRE_SASL_JAAS_CONFIG) ...
        Map<String, String> withoutJaas = new LinkedHashMap<>(settings);
        withoutJaas.remove("sasl.jaas.config");
        // ... the tools read the password from a file of secrets through Kafka's FileConfigProvider
        Map<String, String> tools = new LinkedHashMap<>(settings);
        tools.putAll(fileProvider());
        tools.put("sasl.jaas.config", SecureKafka.jaas(USER, "${file:" + secrets() + ":kafka.password}"));
        Path toolsConfig = write("scram.yaml", tools);
        Map<String, String> wrong = service("wrong-password", kafka.scramBootstrap(), "crossfire");
        wrong.putAll(kafka.scramClient(USER, WRONG_PASSWORD));
        Path wrongConfig = write("wrong-password.properties", wrong);

        kafka.grant(crossfireAcls("User:" + USER, "crossfire-scram", "crossfire"));

        Path log = LOGS.resolve("scram-run.log");
        Process run = launch(write("scram-run.properties", withoutJaas), Map.of("CROSSFIRE_SASL_JAAS_CONFIG", SecureKafka.jaas(USER, PASSWORD)), log);
        Refused refused = Refused.launch(wrongConfig, LOGS.resolve("wrong-password-run.log")); // side by side: two JVMs starting
        try {
            CliRun printed = CliRun.of("run", "--config", toolsConfig.toString(), "--print-config");
            assertThat(printed.exit()).as(printed.err()).isZero();
            assertThat(printed.out()).contains("security.protocol=SASL_SSL", "sasl.mechanism=SCRAM-SHA-512", "sasl.jaas.config=****",
                "ssl.truststore.password=****");
            assertNoSecret(printed.out() + printed.err());

            String refusal = refused.await();
            assertThat(problemLines(refusal)).as(refusal).singleElement().asString().startsWith("crossfire: Kafka at " + kafka.scramBootstrap()
                + " refused crossfire's login (security.protocol=SASL_SSL, sasl.mechanism=SCRAM-SHA-512): Authentication failed")
                .contains("invalid credentials");
            assertThat(refusal).doesNotContain(WRONG_PASSWORD);
            CliRun tail = CliRun.of("alerts", "tail", "--config", wrongConfig.toString(), "--max", "1", "--timeout", "PT5S");
            assertThat(tail.exit()).isEqualTo(1);
            assertThat(tail.err().strip()).doesNotContain("\n").startsWith("crossfire: ").contains("Authentication failed");
            assertThat(tail.err()).doesNotContain(WRONG_PASSWORD);
            // the right password, but no trust store: the broker's certificate is from no authority the JVM knows
            Map<String, String> untrusting = new LinkedHashMap<>(tools);
            untrusting.keySet().removeIf(k -> k.startsWith("ssl.truststore."));
            CliRun untrusted = CliRun.of("alerts", "tail", "--config", write("no-truststore.yaml", untrusting).toString(), "--max", "1",
                "--timeout", "PT5S");
            assertThat(untrusted.exit()).isEqualTo(1);
            assertThat(untrusted.err().strip()).doesNotContain("\n")
                .startsWith("crossfire: cannot reach Kafka at " + kafka.scramBootstrap() + ": the login was refused (SSL handshake failed)")
                .contains("certification path");
            assertNoSecret(untrusted.out() + untrusted.err());

            ChildProcess.awaitLog(log, "crossfire running", 1, Duration.ofSeconds(120), run);
            seedRoundTrip(toolsConfig, "crossfire");
        } finally {
            ChildProcess.stop(run, Duration.ofSeconds(45)); // SIGTERM, as a platform stops it: run leaves its group
            refused.process.destroyForcibly();
        }
        String output = Files.readString(log);
        // the clients' configuration is logged (so a secret could have leaked there), with the secrets hidden
        assertThat(output).contains("security.protocol = SASL_SSL", "sasl.jaas.config = [hidden]", "crossfire stopped cleanly");
        assertNoSecret(output);

        CliRun reset = CliRun.of("reset", "--config", toolsConfig.toString());
        assertThat(reset.exit()).as(reset.err()).isZero();
        assertThat(reset.out()).contains("application crossfire-scram reset");
        assertNoSecret(reset.out() + reset.err());
    }

    @Test
    void runAndEveryToolWorkOverMutualTlsAndAnUntrustedCertificateIsRefusedAtOnceWithOneLine() throws Exception {
        Map<String, String> settings = service("mtls", kafka.mtlsBootstrap(), "mtls");
        settings.putAll(kafka.mtlsClient(tls.clientKeyStore()));
        // run and the tools alike read the key store's password from a file of secrets (Kafka's FileConfigProvider)
        Map<String, String> withProvider = new LinkedHashMap<>(settings);
        withProvider.putAll(fileProvider());
        withProvider.put("ssl.keystore.password", "${file:" + secrets() + ":keystore.password}");
        withProvider.put("ssl.key.password", "${file:" + secrets() + ":keystore.password}");
        Path config = write("mtls.properties", withProvider);
        // a certificate of its own, which the CA the broker trusts never signed
        Map<String, String> stranger = new LinkedHashMap<>(settings);
        stranger.putAll(kafka.mtlsClient(tls.strangerKeyStore()));

        // mutual TLS authenticates crossfire as its certificate's subject
        kafka.grant(crossfireAcls("User:" + TlsFiles.CLIENT_DN, "crossfire-mtls", "mtls"));

        Path log = LOGS.resolve("mtls-run.log");
        Process run = launch(config, Map.of(), log);
        Refused refused = Refused.launch(write("mtls-stranger.properties", stranger), LOGS.resolve("mtls-stranger-run.log"));
        try {
            CliRun printed = CliRun.of("run", "--config", config.toString(), "--print-config");
            assertThat(printed.exit()).as(printed.err()).isZero();
            assertThat(printed.out()).contains("security.protocol=SSL", "ssl.keystore.location=" + tls.clientKeyStore(),
                "ssl.keystore.password=****", "ssl.key.password=****");
            assertNoSecret(printed.out() + printed.err());

            String refusal = refused.await();
            assertThat(problemLines(refusal)).as(refusal).singleElement().asString()
                .startsWith("crossfire: Kafka at " + kafka.mtlsBootstrap() + " refused crossfire's login (security.protocol=SSL): ")
                .contains("bad_certificate");

            ChildProcess.awaitLog(log, "crossfire running", 1, Duration.ofSeconds(120), run);
            seedRoundTrip(config, "mtls");
        } finally {
            ChildProcess.stop(run, Duration.ofSeconds(45)); // SIGTERM, as a platform stops it: run leaves its group
            refused.process.destroyForcibly();
        }
        String output = Files.readString(log);
        assertThat(output).contains("security.protocol = SSL", "ssl.keystore.password = [hidden]", "crossfire stopped cleanly");
        assertNoSecret(output);
    }

    /**
     * {@code run} with the logging it ships with, which the broker refuses: it must exit with 1 far
     * within crossfire.startup-timeout (2 minutes; nothing may wait for a time-out), with no stack
     * trace and no secret.
     */
    private record Refused(Process process, long startedNanos, Path log) {

        static Refused launch(Path config, Path log) throws Exception {
            long started = System.nanoTime();
            // the shipped logging config, copied out: under failsafe it sits inside the packaged jar, not in a directory
            Path logging = log.resolveSibling(log.getFileName() + ".log4j2.xml");
            try (var in = SecurityIT.class.getResourceAsStream("/log4j2.xml")) {
                Files.copy(in, logging, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            return new Refused(SecurityIT.launch(config, Map.of(), log, logging), started, log);
        }

        String await() throws Exception {
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("run still going after 60 s: " + Files.readString(log)).isTrue();
            long tookMs = (System.nanoTime() - startedNanos) / 1_000_000;
            String output = Files.readString(log);
            assertThat(process.exitValue()).as(output).isEqualTo(1);
            assertThat(tookMs).as(output).isLessThan(30_000);
            assertThat(output).doesNotContain("\tat ", "Caused by");
            assertNoSecret(output);
            return output;
        }
    }

    /** figures load, replay and alerts tail with the same file: the seed exchange's alerts come out. */
    private static void seedRoundTrip(Path config, String topicPrefix) throws Exception {
        CliRun loaded = CliRun.of("figures", "load", figures.toString(), "--config", config.toString());
        assertThat(loaded.exit()).as(loaded.err()).isZero();
        assertThat(loaded.err()).contains("3 added", topicPrefix + ".figures");

        CliRun replayed = CliRun.of("replay", "--posts", posts.toString(), "--config", config.toString());
        assertThat(replayed.exit()).as(replayed.err()).isZero();
        assertThat(replayed.err()).contains("5 records sent to " + topicPrefix + ".posts");

        CliRun tail = CliRun.of("alerts", "tail", "--from-beginning", "--json", "--max", "2", "--timeout", "PT60S",
            "--config", config.toString());
        assertThat(tail.exit()).as(tail.err()).isZero();
        List<JsonNode> alerts = new ArrayList<>();
        for (String line : tail.out().strip().split("\n")) {
            alerts.add(new ObjectMapper().readTree(line));
        }
        assertThat(alerts).extracting(a -> a.path("exchangeId").asText()).containsOnly(SEED_EXCHANGE);
        assertThat(alerts).extracting(a -> a.path("level").asText()).containsExactly("NOTICE", "ESCALATING");
        for (CliRun c : List.of(loaded, replayed, tail)) {
            assertNoSecret(c.out() + c.err());
        }
    }

    /**
     * The ACLs crossfire needs, as the README lists them, and no more (the broker denies what no ACL
     * allows). run: read posts, figures, threads and the thread loop, write threads, alerts, rejected
     * posts and the loop, see and create its topics (crossfire.topics.create), everything on its internal
     * topics (application id and a dash), its consumer group, its transactional ids. The tools:
     * replay writes posts, figures load writes figures, alerts tail reads alerts, reset uses the
     * group and deletes the internal topics.
     */
    private static List<AclBinding> crossfireAcls(String principal, String applicationId, String topicPrefix) {
        Map<String, List<AclOperation>> topics = new LinkedHashMap<>();
        topics.put(topicPrefix + ".posts", List.of(AclOperation.READ, AclOperation.WRITE));
        topics.put(topicPrefix + ".figures", List.of(AclOperation.READ, AclOperation.WRITE));
        topics.put(topicPrefix + ".threads", List.of(AclOperation.WRITE));
        topics.put(topicPrefix + ".alerts", List.of(AclOperation.WRITE, AclOperation.READ));
        topics.put(topicPrefix + ".pileons", List.of(AclOperation.WRITE, AclOperation.READ));
        topics.put(topicPrefix + ".posts.rejected", List.of(AclOperation.WRITE));
        topics.put(topicPrefix + ".internal.thread-requests", List.of(AclOperation.READ, AclOperation.WRITE));
        topics.put(topicPrefix + ".internal.thread-links", List.of(AclOperation.READ, AclOperation.WRITE, AclOperation.DELETE)); // reset empties it
        topics.put(topicPrefix + ".internal.turns", List.of(AclOperation.READ, AclOperation.WRITE));
        List<AclBinding> acls = new ArrayList<>();
        topics.forEach((topic, operations) -> {
            List<AclOperation> all = new ArrayList<>(operations);
            all.addAll(List.of(AclOperation.DESCRIBE_CONFIGS, AclOperation.CREATE));
            all.forEach(operation -> acls.add(allow(principal, ResourceType.TOPIC, topic, PatternType.LITERAL, operation)));
        });
        acls.add(allow(principal, ResourceType.TOPIC, applicationId + "-", PatternType.PREFIXED, AclOperation.ALL));
        acls.add(allow(principal, ResourceType.GROUP, applicationId, PatternType.LITERAL, AclOperation.READ));
        acls.add(allow(principal, ResourceType.TRANSACTIONAL_ID, applicationId + "-", PatternType.PREFIXED, AclOperation.WRITE));
        return acls;
    }

    private static AclBinding allow(String principal, ResourceType type, String name, PatternType pattern, AclOperation operation) {
        return new AclBinding(new ResourcePattern(type, name, pattern), new AccessControlEntry(principal, "*", operation, AclPermissionType.ALLOW));
    }

    /** Kafka's file config provider: {@code ${file:PATH:KEY}} in a value is KEY of the properties file PATH. */
    private static Map<String, String> fileProvider() {
        return Map.of("config.providers", "file", "config.providers.file.class", "org.apache.kafka.common.config.provider.FileConfigProvider");
    }

    /** The secrets file, as a Kubernetes Secret mounted as a volume would hold them. */
    private static Path secrets() throws Exception {
        Path file = dir.resolve("secrets").resolve("crossfire-secrets.properties");
        if (!Files.exists(file)) {
            Files.createDirectories(file.getParent());
            Files.writeString(file, "kafka.password=" + PASSWORD + "\nkeystore.password=" + tls.clientPassword() + "\n");
        }
        return file;
    }

    /** What {@code run} needs besides security: the test registry, topics of its own, no HTTP endpoint. */
    private static Map<String, String> service(String name, String bootstrap, String topicPrefix) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("bootstrap.servers", bootstrap);
        settings.put("schema.registry.url", registry.url());
        settings.put("application.id", "crossfire-" + name);
        settings.put("state.dir", dir.resolve("state-" + name).toString());
        settings.put("crossfire.http.port", "-1");
        settings.put("crossfire.topics.create", "true");
        settings.put("crossfire.topics.partitions", "2");
        settings.put("replication.factor", "1");
        for (String topic : List.of("posts", "figures", "threads", "alerts")) {
            settings.put("crossfire.topic." + topic, topicPrefix + "." + topic);
        }
        settings.put("crossfire.topic.rejected", topicPrefix + ".posts.rejected");
        settings.put("crossfire.topic.pile-ons", topicPrefix + ".pileons");
        for (String internal : List.of("thread-requests", "thread-links", "turns")) {
            settings.put("crossfire.topic." + internal, topicPrefix + ".internal." + internal);
        }
        return settings;
    }

    /** A configuration file as run reads it: YAML for .yaml (each value single-quoted), else Java properties. */
    private static Path write(String name, Map<String, String> settings) throws Exception {
        StringBuilder text = new StringBuilder();
        boolean yaml = name.endsWith(".yaml");
        settings.forEach((k, v) -> text.append(k).append(yaml ? ": '" + v.replace("'", "''") + "'" : "=" + v.replace("\\", "\\\\"))
            .append('\n'));
        return Files.writeString(dir.resolve(name), text);
    }

    private static void assertNoSecret(String text) {
        assertThat(text).doesNotContain(PASSWORD, tls.trustStorePassword(), tls.clientPassword(), tls.brokerPassword());
    }

    /** The lines crossfire itself prints about a failure (log lines have a time stamp first). */
    private static List<String> problemLines(String output) {
        return output.lines().filter(l -> l.startsWith("crossfire: ")).toList();
    }

    private static Process launch(Path config, Map<String, String> environment, Path log) throws Exception {
        return launch(config, environment, log, logConfig);
    }

    private static Process launch(Path config, Map<String, String> environment, Path log, Path logging) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
            "-Dorg.apache.avro.SERIALIZABLE_PACKAGES=dev.crossfire.avro", "-Dlog4j2.configurationFile=" + logging,
            "-cp", System.getProperty("java.class.path"), "dev.crossfire.cli.CrossfireCommand", "run", "--config", config.toString())
            .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().keySet().removeIf(k -> k.startsWith("CROSSFIRE_"));
        builder.environment().putAll(environment);
        return builder.start();
    }

    /**
     * The test logging, with the Kafka clients' and Streams' configuration dumps added: they are where
     * a password would show if it were not hidden. Log4j stays up for the shutdown hook's last lines.
     */
    private static final String LOG_CONFIG = """
        <?xml version="1.0" encoding="UTF-8"?>
        <Configuration status="WARN" shutdownHook="disable">
          <Appenders>
            <Console name="stderr" target="SYSTEM_ERR">
              <PatternLayout pattern="%d{HH:mm:ss.SSS} %-5level [%t] %c{1.} - %msg%n"/>
            </Console>
          </Appenders>
          <Loggers>
            <Logger name="dev.crossfire" level="INFO"/>
            <Logger name="org.apache.kafka.common.config.AbstractConfig" level="INFO"/>
            <Logger name="org.apache.kafka.clients.NetworkClient" level="ERROR"/>
            <Logger name="org.apache.kafka.clients.Metadata" level="ERROR"/>
            <Logger name="org.apache.kafka.clients.producer.internals.Sender" level="ERROR"/>
            <Root level="WARN">
              <AppenderRef ref="stderr"/>
            </Root>
          </Loggers>
        </Configuration>
        """;
}
