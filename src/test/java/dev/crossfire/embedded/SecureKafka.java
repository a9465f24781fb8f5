package dev.crossfire.embedded;

import dev.crossfire.testing.TlsFiles;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.errors.AuthenticationException;

/**
 * The in-process broker with two secured client listeners beside its plaintext one:
 * {@value #SCRAM_LISTENER} speaks SASL_SSL and accepts only SCRAM-SHA-512 logins, {@value #MTLS_LISTENER}
 * speaks SSL and requires a client certificate signed by the test CA ({@code ssl.client.auth=required}).
 * Both present the broker certificate of {@link TlsFiles}. The broker runs KRaft's authorizer: a
 * principal may do only what an ACL allows ({@link #grant}). The SCRAM user and the ACLs are created
 * through the plaintext listener, whose anonymous principal is super user; it is for that set-up only.
 */
public final class SecureKafka implements AutoCloseable {

    public static final String SCRAM_LISTENER = "SECURE";
    public static final String MTLS_LISTENER = "MTLS";

    private final EmbeddedKafka kafka;
    private final TlsFiles tls;

    private SecureKafka(EmbeddedKafka kafka, TlsFiles tls) {
        this.kafka = kafka;
        this.tls = tls;
    }

    /** Starts the broker and creates the SCRAM-SHA-512 user; returns once that user can log in. */
    public static SecureKafka start(Path workDir, TlsFiles tls, String user, String password) throws Exception {
        Map<String, String> broker = new LinkedHashMap<>();
        String scram = "listener.name." + SCRAM_LISTENER.toLowerCase() + ".";
        broker.put(scram + "sasl.enabled.mechanisms", "SCRAM-SHA-512");
        broker.put(scram + "scram-sha-512.sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required;");
        keyStore(broker, scram, tls);
        String mtls = "listener.name." + MTLS_LISTENER.toLowerCase() + ".";
        keyStore(broker, mtls, tls);
        broker.put(mtls + "ssl.truststore.location", tls.trustStore().toString());
        broker.put(mtls + "ssl.truststore.password", tls.trustStorePassword());
        broker.put(mtls + "ssl.truststore.type", "PKCS12");
        broker.put(mtls + "ssl.client.auth", "required");
        // KRaft's authorizer: what no ACL allows is denied; the plaintext set-up listener (and the controller's) act as super user
        broker.put("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer");
        broker.put("allow.everyone.if.no.acl.found", "false");
        broker.put("super.users", "User:ANONYMOUS");
        EmbeddedKafka kafka = EmbeddedKafka.start(workDir, broker, EmbeddedKafka.DEFAULT_START_TIMEOUT,
            Map.of(SCRAM_LISTENER, "SASL_SSL", MTLS_LISTENER, "SSL"));
        try {
            SecureKafka secure = new SecureKafka(kafka, tls);
            secure.addScramUser(user, password, Duration.ofSeconds(30));
            return secure;
        } catch (Exception | Error e) {
            kafka.close();
            throw e;
        }
    }

    private static void keyStore(Map<String, String> broker, String prefix, TlsFiles tls) {
        broker.put(prefix + "ssl.keystore.location", tls.brokerKeyStore().toString());
        broker.put(prefix + "ssl.keystore.password", tls.brokerPassword());
        broker.put(prefix + "ssl.key.password", tls.brokerPassword());
        broker.put(prefix + "ssl.keystore.type", "PKCS12");
    }

    private void addScramUser(String user, String password, Duration timeout) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            admin.alterUserScramCredentials(List.of(new UserScramCredentialUpsertion(user,
                new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 4096), password))).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        }
        // the controller has the credential; the broker's authenticator has it once the broker applied that metadata
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<String, Object> login = new LinkedHashMap<>(scramClient(user, password));
        login.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, scramBootstrap());
        while (true) {
            try (Admin admin = Admin.create(login)) {
                admin.describeCluster().clusterId().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                return;
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof AuthenticationException) || System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(100);
            }
        }
    }

    /** Adds ACLs (through the plaintext listener, as super user) and returns once they are in force. */
    public void grant(Collection<AclBinding> acls) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            admin.createAcls(acls).all().get(30, TimeUnit.SECONDS);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            // the broker's authorizer has them once it applied that metadata
            for (AclBinding acl : acls) {
                while (admin.describeAcls(acl.toFilter()).values().get(30, TimeUnit.SECONDS).isEmpty()) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("ACL not in force within 30 s: " + acl);
                    }
                    Thread.sleep(50);
                }
            }
        }
    }

    /** Client settings of a SCRAM-SHA-512 login over TLS (trusting the test CA), without bootstrap.servers. */
    public Map<String, String> scramClient(String user, String password) {
        Map<String, String> client = new LinkedHashMap<>();
        client.put("security.protocol", "SASL_SSL");
        client.put("sasl.mechanism", "SCRAM-SHA-512");
        client.put("sasl.jaas.config", jaas(user, password));
        trust(client);
        return client;
    }

    /** Client settings of a mutual-TLS connection with the given key store (its password is the test client's). */
    public Map<String, String> mtlsClient(Path keyStore) {
        Map<String, String> client = new LinkedHashMap<>();
        client.put("security.protocol", "SSL");
        client.put("ssl.keystore.location", keyStore.toString());
        client.put("ssl.keystore.password", tls.clientPassword());
        client.put("ssl.key.password", tls.clientPassword());
        client.put("ssl.keystore.type", "PKCS12");
        trust(client);
        return client;
    }

    private void trust(Map<String, String> client) {
        client.put("ssl.truststore.location", tls.trustStore().toString());
        client.put("ssl.truststore.password", tls.trustStorePassword());
        client.put("ssl.truststore.type", "PKCS12");
    }

    public static String jaas(String user, String password) {
        return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + user + "\" password=\"" + password + "\";";
    }

    /** {@code bootstrap.servers} of the SASL_SSL (SCRAM) listener. */
    public String scramBootstrap() {
        return kafka.bootstrapServers(SCRAM_LISTENER);
    }

    /** {@code bootstrap.servers} of the SSL listener that requires a client certificate. */
    public String mtlsBootstrap() {
        return kafka.bootstrapServers(MTLS_LISTENER);
    }

    @Override
    public void close() {
        kafka.close();
    }
}
