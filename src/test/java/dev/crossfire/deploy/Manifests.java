package dev.crossfire.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.crossfire.config.ServiceConfig;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/** The manifests under k8s/ as the tests read them: an overlay rendered by kubectl kustomize (the client alone), or a file as it is. */
final class Manifests {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private Manifests() {
    }

    static List<JsonNode> render(String overlay) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("kubectl", "kustomize", "k8s/overlays/" + overlay).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return documents(out);
    }

    /** A file of one or more YAML documents, as kubectl apply -f would read it. */
    static List<JsonNode> read(Path file) throws IOException {
        return documents(Files.readString(file));
    }

    private static List<JsonNode> documents(String yaml) throws IOException {
        List<JsonNode> docs = new ArrayList<>();
        try (var it = YAML.readerFor(JsonNode.class).readValues(yaml)) {
            while (it.hasNext()) {
                JsonNode doc = (JsonNode) it.next();
                if (doc != null && !doc.isNull() && !doc.isMissingNode()) {
                    docs.add(doc);
                }
            }
        }
        return docs;
    }

    static JsonNode one(List<JsonNode> docs, String kind) {
        List<JsonNode> found = docs.stream().filter(d -> d.path("kind").asText().equals(kind)).toList();
        assertThat(found).as(kind).hasSize(1);
        return found.get(0);
    }

    static Properties properties(JsonNode configMap, String key) throws IOException {
        Properties props = new Properties();
        props.load(new StringReader(configMap.path("data").path(key).asText()));
        return props;
    }

    static JsonNode podSpec(JsonNode workload) {
        return workload.path("spec").path("template").path("spec");
    }

    /** The settings run starts with in this rendering: the ConfigMap's file, then the container's literal CROSSFIRE_* values. */
    static ServiceConfig serviceConfig(List<JsonNode> docs) throws IOException {
        Map<String, String> values = new HashMap<>();
        properties(one(docs, "ConfigMap"), "crossfire.properties").forEach((k, v) -> values.put((String) k, ((String) v).strip()));
        Map<String, String> env = new HashMap<>();
        podSpec(one(docs, "StatefulSet")).path("containers").get(0).path("env").forEach(e -> {
            if (e.has("value")) {
                env.put(e.path("name").asText(), e.path("value").asText());
            }
        });
        values.putAll(ServiceConfig.fromEnvironment(env));
        return ServiceConfig.of(values);
    }

    /** The container's volume mounted at the directory that holds {@code file}, if any. */
    static Optional<JsonNode> volumeHolding(JsonNode pod, JsonNode container, String file) {
        for (JsonNode mount : container.path("volumeMounts")) {
            if (Path.of(file).getParent().equals(Path.of(mount.path("mountPath").asText()))) {
                for (JsonNode volume : pod.path("volumes")) {
                    if (volume.path("name").asText().equals(mount.path("name").asText())) {
                        return Optional.of(volume);
                    }
                }
            }
        }
        return Optional.empty();
    }

    /** The fields the "restricted" Pod Security profile checks, on the pod and each of its containers. */
    static void assertRestricted(JsonNode pod) {
        assertThat(pod.path("securityContext").path("runAsNonRoot").asBoolean()).isTrue();
        assertThat(pod.path("securityContext").path("seccompProfile").path("type").asText()).isEqualTo("RuntimeDefault");
        assertThat(pod.path("hostNetwork").asBoolean(false)).isFalse();
        for (JsonNode c : pod.path("containers")) {
            JsonNode sc = c.path("securityContext");
            assertThat(sc.path("allowPrivilegeEscalation").isBoolean() && !sc.path("allowPrivilegeEscalation").asBoolean())
                .as("allowPrivilegeEscalation: false").isTrue();
            assertThat(sc.path("capabilities").path("drop")).extracting(JsonNode::asText).containsExactly("ALL");
            assertThat(sc.path("readOnlyRootFilesystem").asBoolean()).isTrue();
            assertThat(sc.path("privileged").asBoolean(false)).isFalse();
        }
    }
}
