package dev.crossfire.deploy;

import static dev.crossfire.deploy.Manifests.one;
import static dev.crossfire.deploy.Manifests.podSpec;
import static dev.crossfire.deploy.Manifests.properties;
import static dev.crossfire.deploy.Manifests.render;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.crossfire.config.ServiceConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Prod reaches its brokers over SASL_SSL and its registry over https, both with certificates from
 * the newsroom's CA: the trust store both clients name is a file of a Secret, mounted read-only,
 * and its password comes from that Secret through the environment, never from the ConfigMap.
 */
class KubernetesTrustStoreTest {

    /** trust store location → the setting that holds its password */
    private static final Map<String, String> PASSWORD_OF = Map.of(
        "ssl.truststore.location", "ssl.truststore.password",
        "schema.registry.ssl.truststore.location", "schema.registry.ssl.truststore.password");

    /** masked by name, but it says where the credentials come from (USER_INFO), not what they are */
    private static final Set<String> NAMES_NO_SECRET = Set.of("basic.auth.credentials.source");

    @Test
    void prodTrustsItsBrokersAndItsRegistryThroughAMountedSecret() throws Exception {
        List<JsonNode> prod = render("prod");
        Properties props = properties(one(prod, "ConfigMap"), "crossfire.properties");
        assertThat(props.getProperty("security.protocol")).isEqualTo("SASL_SSL");
        assertThat(props.getProperty("schema.registry.url")).startsWith("https://");
        JsonNode pod = podSpec(one(prod, "StatefulSet"));
        JsonNode container = pod.path("containers").get(0);

        for (var location : PASSWORD_OF.entrySet()) {
            String file = props.getProperty(location.getKey());
            assertThat(file).as(location.getKey()).isNotBlank();
            JsonNode volume = Manifests.volumeHolding(pod, container, file).orElseThrow(
                () -> new AssertionError(location.getKey() + "=" + file + " is in no mounted volume"));
            String secret = volume.path("secret").path("secretName").asText();
            assertThat(secret).as("the volume holding " + file + " is a Secret").isNotEmpty();
            assertThat(volume.path("secret").path("items")).as("the Secret's key that becomes " + file)
                .anySatisfy(item -> assertThat(item.path("path").asText()).isEqualTo(Path.of(file).getFileName().toString()));
            assertThat(volume.path("secret").path("optional").asBoolean(false)).as("a missing trust store stops the pod at once").isFalse();
            assertThat(volume.path("secret").path("defaultMode").asInt(0644) & 0007).as("not readable by other users").isZero();
            JsonNode mount = mountOf(container, volume.path("name").asText());
            assertThat(mount.path("readOnly").asBoolean()).as(mount.path("mountPath").asText() + " read-only").isTrue();

            JsonNode password = envSetting(container, location.getValue());
            assertThat(password.path("valueFrom").path("secretKeyRef").path("name").asText())
                .as(location.getValue() + " from the Secret that holds the file").isEqualTo(secret);
            assertThat(password.path("valueFrom").path("secretKeyRef").path("key").asText()).isNotEmpty();
            assertThat(password.path("valueFrom").path("secretKeyRef").path("optional").asBoolean(false)).isFalse();
        }
        // Kafka's clients read a JKS store unless told otherwise
        assertThat(props.getProperty("ssl.truststore.type")).isEqualTo("PKCS12");
        assertThat(props.getProperty("ssl.truststore.location")).endsWith(".p12");
    }

    /**
     * A setting run would mask is a secret (ServiceConfig's own rule), and so is a URL's password:
     * none may sit in a ConfigMap, which anyone who reads the namespace reads.
     */
    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void theConfigMapHoldsNoSecretAndEveryPasswordIsASecretReference(String overlay) throws Exception {
        List<JsonNode> docs = render(overlay);
        Properties props = properties(one(docs, "ConfigMap"), "crossfire.properties");
        List<String> secrets = new ArrayList<>();
        props.stringPropertyNames().forEach(k -> {
            if (!NAMES_NO_SECRET.contains(k) && !ServiceConfig.mask(k, props.getProperty(k)).equals(props.getProperty(k))) {
                secrets.add(k);
            }
        });
        assertThat(secrets).as("secrets in the ConfigMap").isEmpty();

        for (JsonNode env : podSpec(one(docs, "StatefulSet")).path("containers").get(0).path("env")) {
            String key = ServiceConfig.keyOfEnvironmentVariable(env.path("name").asText());
            if (key != null && !NAMES_NO_SECRET.contains(key) && !ServiceConfig.mask(key, "x").equals("x")) {
                assertThat(env.has("value")).as(env.path("name").asText() + " is a secret, given by value").isFalse();
                assertThat(env.path("valueFrom").path("secretKeyRef").path("name").asText()).as(env.path("name").asText()).isNotEmpty();
            }
        }
    }

    private static JsonNode mountOf(JsonNode container, String volume) {
        for (JsonNode mount : container.path("volumeMounts")) {
            if (mount.path("name").asText().equals(volume)) {
                return mount;
            }
        }
        throw new AssertionError("volume " + volume + " is not mounted");
    }

    /** The container's variable that sets {@code key}, by crossfire's own mapping of CROSSFIRE_* names. */
    private static JsonNode envSetting(JsonNode container, String key) {
        for (JsonNode env : container.path("env")) {
            if (key.equals(ServiceConfig.keyOfEnvironmentVariable(env.path("name").asText()))) {
                return env;
            }
        }
        throw new AssertionError("no CROSSFIRE_* variable sets " + key);
    }
}
