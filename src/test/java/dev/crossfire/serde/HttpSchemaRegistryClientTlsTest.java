package dev.crossfire.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.crossfire.avro.Post;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A registry behind TLS with its own certificate: trusted through the configured trust store, refused without it. */
class HttpSchemaRegistryClientTlsTest {

    private static final String PASSWORD = "changeit";

    @TempDir
    Path dir;

    private HttpsServer server;
    private Path keyStore;

    @BeforeEach
    void startTlsServer() throws Exception {
        keyStore = dir.resolve("registry.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
            "-genkeypair", "-alias", "registry", "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=127.0.0.1",
            "-ext", "SAN=ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12", "-keystore", keyStore.toString(),
            "-storepass", PASSWORD, "-keypass", PASSWORD).redirectErrorStream(true).start();
        assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(keytool.exitValue()).as(new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).isZero();

        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keyStore)) {
            ks.load(in, PASSWORD.toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, PASSWORD.toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(kmf.getKeyManagers(), null, null);
        server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(context));
        server.createContext("/", exchange -> {
            byte[] body = "{\"id\": 11}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private String url() {
        return "https://127.0.0.1:" + server.getAddress().getPort();
    }

    @Test
    void theConfiguredTrustStoreLetsTheClientIn() {
        HttpSchemaRegistryClient client = new HttpSchemaRegistryClient(RegistrySettings.fromConfig(Map.of(
            RegistrySettings.URL, url(), RegistrySettings.TRUSTSTORE_LOCATION, keyStore.toString(),
            RegistrySettings.TRUSTSTORE_PASSWORD, PASSWORD)));
        assertThat(client.register("crossfire.posts-value", Post.getClassSchema())).isEqualTo(11);
    }

    @Test
    void withoutItTheCertificateIsRefusedInOneLine() {
        HttpSchemaRegistryClient client = new HttpSchemaRegistryClient(RegistrySettings.fromConfig(Map.of(RegistrySettings.URL, url()))
            .withTimeouts(Duration.ofSeconds(2), 0, Duration.ofMillis(10)));
        assertThatThrownBy(() -> client.register("crossfire.posts-value", Post.getClassSchema()))
            .isInstanceOf(SchemaRegistryException.class)
            .hasMessageContaining("registry at " + url() + " unreachable (SSLHandshakeException");
    }
}
