package dev.crossfire.testing;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.security.auth.x500.X500Principal;

/**
 * Throwaway TLS material for tests, in PKCS12 files: a CA, a broker key store signed by it (valid
 * for 127.0.0.1 and localhost), a client key store signed by it (for mutual TLS), a trust store
 * holding only the CA certificate, and a self-signed client the CA never signed. Each store has its
 * own password, so that a test can look for every one of them in what it captures.
 *
 * <p>The certificates are written here, in a few lines of DER (X.509 v3, ECDSA P-256 with SHA-256),
 * with nothing but the JDK's public API: eleven keytool runs, each a JVM of its own, took longer
 * than the rest of a test on a busy machine.
 */
public record TlsFiles(Path caCertificate, Path trustStore, Path brokerKeyStore, Path clientKeyStore, Path strangerKeyStore,
                       String trustStorePassword, String brokerPassword, String clientPassword) {

    /** DN of the client certificate: the principal mutual TLS authenticates the client as. */
    public static final String CLIENT_DN = "CN=crossfire,OU=newsroom,O=crossfire-test";

    private static final Duration VALIDITY = Duration.ofDays(2);
    private static final SecureRandom RANDOM = new SecureRandom();

    public static TlsFiles create(Path dir) throws IOException {
        Files.createDirectories(dir);
        TlsFiles tls = new TlsFiles(dir.resolve("ca.pem"), dir.resolve("truststore.p12"), dir.resolve("broker.p12"),
            dir.resolve("client.p12"), dir.resolve("stranger.p12"), "trust-pw-5d1e", "broker-pw-77a0", "client-pw-c3b9");
        try {
            KeyPair ca = keyPair();
            X500Principal caName = new X500Principal("CN=crossfire-test-ca");
            X509Certificate caCertificate = certificate(caName, ca.getPublic().getEncoded(), caName, ca.getPrivate(),
                List.of(extension(BASIC_CONSTRAINTS, true, sequence(bool(true))), extension(KEY_USAGE, true, CERT_AND_CRL_SIGN)));
            Files.writeString(tls.caCertificate, pem(caCertificate), StandardCharsets.US_ASCII);
            KeyStore trust = emptyStore();
            trust.setCertificateEntry("ca", caCertificate);
            save(trust, tls.trustStore, tls.trustStorePassword);

            KeyPair broker = keyPair();
            byte[] brokerNames = sequence(tagged(0x87, InetAddress.getByName("127.0.0.1").getAddress()),
                tagged(0x82, "localhost".getBytes(StandardCharsets.US_ASCII)));
            X509Certificate brokerCertificate = certificate(new X500Principal("CN=127.0.0.1,O=crossfire-test"), broker.getPublic().getEncoded(),
                caName, ca.getPrivate(), List.of(extension(SUBJECT_ALT_NAME, false, brokerNames)));
            keyStore(tls.brokerKeyStore, tls.brokerPassword, "broker", broker.getPrivate(), brokerCertificate, caCertificate);

            KeyPair client = keyPair();
            X509Certificate clientCertificate = certificate(new X500Principal(CLIENT_DN), client.getPublic().getEncoded(), caName,
                ca.getPrivate(), List.of());
            keyStore(tls.clientKeyStore, tls.clientPassword, "client", client.getPrivate(), clientCertificate, caCertificate);

            KeyPair stranger = keyPair();
            X500Principal strangerName = new X500Principal("CN=stranger");
            X509Certificate strangerCertificate = certificate(strangerName, stranger.getPublic().getEncoded(), strangerName,
                stranger.getPrivate(), List.of());
            keyStore(tls.strangerKeyStore, tls.clientPassword, "client", stranger.getPrivate(), strangerCertificate);
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot make the test TLS material: " + e, e);
        }
        return tls;
    }

    private static KeyPair keyPair() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
        return generator.generateKeyPair();
    }

    private static KeyStore emptyStore() throws GeneralSecurityException, IOException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        return store;
    }

    private static void keyStore(Path file, String password, String alias, PrivateKey key, X509Certificate... chain)
        throws GeneralSecurityException, IOException {
        KeyStore store = emptyStore();
        store.setKeyEntry(alias, key, password.toCharArray(), chain);
        save(store, file, password);
    }

    private static void save(KeyStore store, Path file, String password) throws GeneralSecurityException, IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            store.store(out, password.toCharArray());
        }
    }

    private static String pem(X509Certificate certificate) throws GeneralSecurityException {
        return "-----BEGIN CERTIFICATE-----\n"
            + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(certificate.getEncoded())
            + "\n-----END CERTIFICATE-----\n";
    }

    // ------------------------------------------------------------------ X.509 v3 in DER (RFC 5280)

    private static final String ECDSA_WITH_SHA256 = "1.2.840.10045.4.3.2";
    private static final String BASIC_CONSTRAINTS = "2.5.29.19";
    private static final String KEY_USAGE = "2.5.29.15";
    private static final String SUBJECT_ALT_NAME = "2.5.29.17";
    /** keyUsage keyCertSign and cRLSign: bits 5 and 6, one unused bit. */
    private static final byte[] CERT_AND_CRL_SIGN = {0x03, 0x02, 0x01, 0x06};
    private static final DateTimeFormatter UTC_TIME = DateTimeFormatter.ofPattern("yyMMddHHmmss'Z'").withZone(ZoneOffset.UTC);

    /** A certificate for {@code subject}'s public key (its DER SubjectPublicKeyInfo), signed by the issuer's key. */
    private static X509Certificate certificate(X500Principal subject, byte[] publicKeyInfo, X500Principal issuer, PrivateKey issuerKey,
                                               List<byte[]> extensions) throws GeneralSecurityException, IOException {
        Instant now = Instant.now();
        byte[] algorithm = sequence(oid(ECDSA_WITH_SHA256));
        List<byte[]> fields = new ArrayList<>(List.of(
            tagged(0xA0, integer(BigInteger.TWO)), // v3
            integer(new BigInteger(64, RANDOM).add(BigInteger.ONE)),
            algorithm,
            issuer.getEncoded(),
            sequence(tagged(0x17, UTC_TIME.format(now.minus(Duration.ofHours(1))).getBytes(StandardCharsets.US_ASCII)),
                tagged(0x17, UTC_TIME.format(now.plus(VALIDITY)).getBytes(StandardCharsets.US_ASCII))),
            subject.getEncoded(),
            publicKeyInfo));
        if (!extensions.isEmpty()) {
            fields.add(tagged(0xA3, sequence(extensions.toArray(byte[][]::new))));
        }
        byte[] toBeSigned = sequence(fields.toArray(byte[][]::new));
        Signature signer = Signature.getInstance("SHA256withECDSA");
        signer.initSign(issuerKey, RANDOM);
        signer.update(toBeSigned);
        byte[] signature = signer.sign();
        byte[] bits = new byte[signature.length + 1]; // BIT STRING: no unused bits
        System.arraycopy(signature, 0, bits, 1, signature.length);
        byte[] der = sequence(toBeSigned, algorithm, tagged(0x03, bits));
        return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
    }

    private static byte[] extension(String id, boolean critical, byte[] value) {
        return critical ? sequence(oid(id), bool(true), tagged(0x04, value)) : sequence(oid(id), tagged(0x04, value));
    }

    private static byte[] sequence(byte[]... items) {
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        for (byte[] item : items) {
            content.writeBytes(item);
        }
        return tagged(0x30, content.toByteArray());
    }

    private static byte[] integer(BigInteger value) {
        return tagged(0x02, value.toByteArray());
    }

    private static byte[] bool(boolean value) {
        return new byte[] {0x01, 0x01, (byte) (value ? 0xFF : 0x00)};
    }

    private static byte[] oid(String dotted) {
        String[] arcs = dotted.split("\\.");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(40 * Integer.parseInt(arcs[0]) + Integer.parseInt(arcs[1]));
        for (int i = 2; i < arcs.length; i++) {
            long arc = Long.parseLong(arcs[i]);
            int groups = Math.max(1, (64 - Long.numberOfLeadingZeros(arc) + 6) / 7);
            for (int g = groups - 1; g >= 0; g--) {
                out.write((int) ((arc >>> (7 * g)) & 0x7F) | (g == 0 ? 0 : 0x80));
            }
        }
        return tagged(0x06, out.toByteArray());
    }

    private static byte[] tagged(int tag, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        int length = content.length;
        if (length < 0x80) {
            out.write(length);
        } else if (length <= 0xFF) {
            out.write(0x81);
            out.write(length);
        } else {
            out.write(0x82);
            out.write(length >>> 8);
            out.write(length & 0xFF);
        }
        out.writeBytes(content);
        return out.toByteArray();
    }
}
