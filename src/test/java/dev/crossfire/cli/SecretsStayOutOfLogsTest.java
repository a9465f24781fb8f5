package dev.crossfire.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.crossfire.app.CrossfireApp;
import dev.crossfire.app.Service;
import dev.crossfire.config.ServiceConfig;
import dev.crossfire.figure.FigureDirectory;
import dev.crossfire.metrics.CrossfireMetrics;
import dev.crossfire.serde.InMemorySchemaRegistry;
import dev.crossfire.serde.RegistryHttpServer;
import dev.crossfire.topology.CrossfireSerdes;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.logging.log4j.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Distinctive secrets in every kind of setting that holds one, through everything {@code run} does
 * up to the broker: {@code --print-config}, a configuration error, the registry check (one that
 * answers, with basic authentication and with an OAuth token, and one that does not), the admin
 * client's topic check, and Kafka Streams built with
 * run's own properties (which logs every client's configuration). crossfire and Kafka log at
 * DEBUG meanwhile; none of the secrets may appear in the log or on stdout and stderr.
 */
class SecretsStayOutOfLogsTest {

    private static final String JAAS_PASSWORD = "jaas-pw-Q7x2";
    private static final String BASIC_PASSWORD = "basic-pw-K9d3";
    private static final String URL_PASSWORD = "url-pw-L4m8";
    private static final String API_TOKEN = "api-token-V3n6";
    private static final String KEYSTORE_PASSWORD = "ks-pw-R2t5";
    private static final String KEY_PASSWORD = "key-pw-W8p1";
    private static final String TRUSTSTORE_PASSWORD = "ts-pw-H6j9";
    private static final String PEM_KEY = "pem-key-Z5c7";
    private static final String PREFIXED_PEM_KEY = "prefixed-pem-B3y6";
    private static final String PASSPHRASE = "passphrase-F1g4";
    private static final String REGISTRY_TRUSTSTORE_PASSWORD = "rts-pw-D0s2";
    private static final String JAAS_FRAGMENT = "fragment-N5u1";
    private static final String REGISTRY_TOKEN = "registry-token-E7q4";
    private static final String CLIENT_SECRET = "client-secret-G2w8";
    private static final String ACCESS_TOKEN = "access-token-S9b3";
    private static final List<String> SECRETS = List.of(JAAS_PASSWORD, BASIC_PASSWORD, URL_PASSWORD, API_TOKEN, KEYSTORE_PASSWORD, KEY_PASSWORD,
        TRUSTSTORE_PASSWORD, PEM_KEY, PREFIXED_PEM_KEY, PASSPHRASE, REGISTRY_TRUSTSTORE_PASSWORD, JAAS_FRAGMENT, REGISTRY_TOKEN, CLIENT_SECRET,
        ACCESS_TOKEN);

    @TempDir
    Path dir;

    private static int deadPort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private Path config(String registryUrl, String jaas) throws Exception {
        return config(registryUrl.replace("http://", "http://url-user:" + URL_PASSWORD + "@"), jaas,
            "basic.auth.user.info=registry-editor:" + BASIC_PASSWORD);
    }

    /** @param registryAuth the registry's authentication settings, one line each */
    private Path config(String registryUrl, String jaas, String... registryAuth) throws Exception {
        Path file = dir.resolve("crossfire-" + System.nanoTime() + ".properties");
        Files.writeString(file, String.join("\n",
            "bootstrap.servers=127.0.0.1:" + deadPort(),
            "schema.registry.url=" + registryUrl,
            String.join("\n", registryAuth),
            "schema.registry.ssl.truststore.password=" + REGISTRY_TRUSTSTORE_PASSWORD,
            "security.protocol=SASL_PLAINTEXT",
            "sasl.mechanism=PLAIN",
            "sasl.jaas.config=" + jaas,
            "ssl.keystore.password=" + KEYSTORE_PASSWORD,
            "ssl.key.password=" + KEY_PASSWORD,
            "ssl.truststore.password=" + TRUSTSTORE_PASSWORD,
            "ssl.keystore.key=-----BEGIN ENCRYPTED PRIVATE KEY-----" + PEM_KEY + "-----END ENCRYPTED PRIVATE KEY-----",
            "producer.ssl.keystore.key=-----BEGIN ENCRYPTED PRIVATE KEY-----" + PREFIXED_PEM_KEY + "-----END ENCRYPTED PRIVATE KEY-----",
            "sasl.oauthbearer.assertion.private.key.passphrase=" + PASSPHRASE,
            "crossfire.http.token=" + API_TOKEN,
            "crossfire.http.port=0",
            "crossfire.http.host=127.0.0.1",
            "crossfire.startup-timeout=3s",
            "default.api.timeout.ms=4000",
            "request.timeout.ms=3000",
            "state.dir=" + dir.resolve("state"),
            ""));
        return file;
    }

    private static String validJaas() {
        return "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"crossfire\" password=\"" + JAAS_PASSWORD + "\";";
    }

    @Test
    void noSecretReachesTheLogOrTheConsole() throws Exception {
        CliRun print;
        CliRun run;
        CliRun noRegistry;
        CliRun badJaasRun;
        CliRun staticTokenPrint;
        CliRun inheritPrint;
        CliRun oauthPrint;
        CliRun oauthRun;
        String configShown;
        String log;
        HttpServer tokenEndpoint = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        tokenEndpoint.createContext("/token", exchange -> {
            byte[] answer = ("{\"access_token\":\"" + ACCESS_TOKEN + "\",\"expires_in\":3600,\"token_type\":\"bearer\"}").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        tokenEndpoint.start();
        try (CapturedLog captured = new CapturedLog(Map.of("dev.crossfire", Level.DEBUG, "org.apache.kafka", Level.DEBUG));
             RegistryHttpServer registry = RegistryHttpServer.start(new InMemorySchemaRegistry())) {
            Path config = config(registry.url(), validJaas());
            print = CliRun.of("run", "--config", config.toString(), "--print-config");
            // the registry answers (its check is logged), then the topic check finds no broker
            run = CliRun.of("run", "--config", config.toString());
            noRegistry = CliRun.of("run", "--config", config("http://127.0.0.1:" + deadPort(), validJaas()).toString());
            // Kafka's own parser would quote the token after the space, a piece of the password
            String badJaas = "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"crossfire\" password=" + JAAS_PASSWORD
                + " " + JAAS_FRAGMENT + ";";
            badJaasRun = CliRun.of("run", "--config", config(registry.url(), badJaas).toString(), "--print-config");
            staticTokenPrint = CliRun.of("run", "--config", config(registry.url(), validJaas(), "bearer.auth.credentials.source=STATIC_TOKEN",
                "bearer.auth.token=" + REGISTRY_TOKEN).toString(), "--print-config");
            inheritPrint = CliRun.of("run", "--config", config(registry.url(), validJaas(), "basic.auth.credentials.source=SASL_INHERIT").toString(),
                "--print-config");
            // the registry check fetches a token first, then the topic check finds no broker
            Path oauth = config(registry.url(), validJaas(), "bearer.auth.credentials.source=OAUTHBEARER",
                "bearer.auth.issuer.endpoint.url=http://127.0.0.1:" + tokenEndpoint.getAddress().getPort() + "/token",
                "bearer.auth.client.id=crossfire-registry", "bearer.auth.client.secret=" + CLIENT_SECRET);
            oauthPrint = CliRun.of("run", "--config", oauth.toString(), "--print-config");
            oauthRun = CliRun.of("run", "--config", oauth.toString());

            // Kafka Streams with run's own properties: it logs the configuration of each of its clients
            ServiceConfig settings = ServiceConfig.load(config, Map.of());
            try (CrossfireMetrics metrics = CrossfireMetrics.noop()) {
                CrossfireApp app = CrossfireApp.create(settings.settings(), new CrossfireSerdes(new InMemorySchemaRegistry()),
                    Service.streamsProperties(settings, new HostInfo("127.0.0.1", 8080)), 6, new FigureDirectory(), metrics);
                app.close(Duration.ofSeconds(10));
            }
            configShown = settings.toString();
            log = captured.text();
        } finally {
            tokenEndpoint.stop(0);
        }

        Map<String, String> outputs = new LinkedHashMap<>();
        outputs.put("the log", log);
        outputs.put("run --print-config", print.out() + print.err());
        outputs.put("run (registry up, no broker)", run.out() + run.err());
        outputs.put("run (registry down)", noRegistry.out() + noRegistry.err());
        outputs.put("run --print-config (bad JAAS)", badJaasRun.out() + badJaasRun.err());
        outputs.put("run --print-config (static token)", staticTokenPrint.out() + staticTokenPrint.err());
        outputs.put("run --print-config (SASL_INHERIT)", inheritPrint.out() + inheritPrint.err());
        outputs.put("run --print-config (OAuth)", oauthPrint.out() + oauthPrint.err());
        outputs.put("run (OAuth registry up, no broker)", oauthRun.out() + oauthRun.err());
        outputs.put("ServiceConfig.toString", configShown);
        List<String> leaks = new ArrayList<>();
        outputs.forEach((where, text) -> SECRETS.forEach(secret -> text.lines().filter(line -> line.contains(secret))
            .forEach(line -> leaks.add(secret + " in " + where + ": " + line.strip()))));
        assertThat(leaks).isEmpty();

        assertThat(print.exit()).isZero();
        assertThat(print.out()).contains("sasl.jaas.config=****", "basic.auth.user.info=registry-editor:****",
            "schema.registry.url=http://url-user:****@127.0.0.1:", "ssl.keystore.key=****", "producer.ssl.keystore.key=****",
            "sasl.oauthbearer.assertion.private.key.passphrase=****", "crossfire.http.token=****");
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).contains("crossfire: cannot check the topics");
        assertThat(noRegistry.exit()).isEqualTo(1);
        assertThat(noRegistry.err()).containsPattern("registry at http://127\\.0\\.0\\.1:\\d+ unreachable");
        assertThat(badJaasRun.exit()).isEqualTo(1);
        assertThat(badJaasRun.err()).contains("sasl.jaas.config: not a JAAS login module configuration Kafka accepts");
        assertThat(staticTokenPrint.out()).contains("bearer.auth.credentials.source=STATIC_TOKEN", "bearer.auth.token=****");
        assertThat(inheritPrint.exit()).isZero();
        assertThat(inheritPrint.out()).contains("basic.auth.credentials.source=SASL_INHERIT", "sasl.jaas.config=****");
        assertThat(oauthPrint.out()).contains("bearer.auth.client.secret=****", "bearer.auth.client.id=crossfire-registry");
        assertThat(oauthRun.exit()).isEqualTo(1);
        assertThat(oauthRun.err()).contains("crossfire: cannot check the topics");
        assertThat(log).as("the capture saw run's own log lines and Kafka's configuration dumps")
            .contains("schema registry RegistrySettings[urls=[http://127.0.0.1:", "basicAuth=registry-editor:****",
                "bearerAuth=OAUTHBEARER(client crossfire-registry at http://127.0.0.1:",
                "StreamsConfig values:", "ProducerConfig values:", "ConsumerConfig values:", "AdminClientConfig values:",
                "sasl.jaas.config = [hidden]", "ssl.keystore.key = [hidden]");
    }
}
