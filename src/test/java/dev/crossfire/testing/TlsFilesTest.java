package dev.crossfire.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The test CA's certificates are what the JDK's own TLS checks accept, and the stranger's is not. */
class TlsFilesTest {

    @TempDir
    Path dir;

    @Test
    void theTrustStoreAcceptsTheBrokerAndTheClientButNotTheStranger() throws Exception {
        TlsFiles tls = TlsFiles.create(dir);
        X509TrustManager trust = trustManager(load(tls.trustStore(), tls.trustStorePassword()));

        X509Certificate[] broker = chain(load(tls.brokerKeyStore(), tls.brokerPassword()), "broker");
        trust.checkServerTrusted(broker, "ECDHE_ECDSA");
        assertThat(broker).hasSize(2);
        assertThat(broker[0].getSubjectAlternativeNames().stream().map(name -> String.valueOf(name.get(1))))
            .containsExactly("127.0.0.1", "localhost");

        X509Certificate[] client = chain(load(tls.clientKeyStore(), tls.clientPassword()), "client");
        trust.checkClientTrusted(client, "ECDHE_ECDSA");
        assertThat(client[0].getSubjectX500Principal().getName()).isEqualTo(TlsFiles.CLIENT_DN);
        assertThat(client[1].getBasicConstraints()).isGreaterThanOrEqualTo(0); // the CA is a CA

        X509Certificate[] stranger = chain(load(tls.strangerKeyStore(), tls.clientPassword()), "client");
        assertThatThrownBy(() -> trust.checkClientTrusted(stranger, "ECDHE_ECDSA")).isInstanceOf(CertificateException.class);
        assertThat(Files.readString(tls.caCertificate())).startsWith("-----BEGIN CERTIFICATE-----");
    }

    private static KeyStore load(Path file, String password) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, password.toCharArray());
        }
        return store;
    }

    private static X509Certificate[] chain(KeyStore store, String alias) throws Exception {
        assertThat(store.isKeyEntry(alias)).isTrue();
        return Arrays.stream(store.getCertificateChain(alias)).map(X509Certificate.class::cast).toArray(X509Certificate[]::new);
    }

    private static X509TrustManager trustManager(KeyStore store) throws Exception {
        assertThat(List.of(store.aliases().nextElement())).containsExactly("ca");
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(store);
        return (X509TrustManager) factory.getTrustManagers()[0];
    }
}
