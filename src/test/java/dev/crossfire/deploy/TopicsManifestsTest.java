package dev.crossfire.deploy;

import static dev.crossfire.deploy.Manifests.one;
import static dev.crossfire.deploy.Manifests.podSpec;
import static dev.crossfire.deploy.Manifests.properties;
import static dev.crossfire.deploy.Manifests.render;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.crossfire.app.TopicLayout;
import dev.crossfire.config.ServiceConfig;
import dev.crossfire.config.Topics;
import dev.crossfire.embedded.TopicSpec;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Prod's topics, made before crossfire starts by k8s/optional/topics-job.yaml or, on a Strimzi
 * cluster, k8s/optional/strimzi-topics.yaml, checked against what run checks at start: the topics of
 * {@link TopicLayout} for prod's topic names and partition count, each with its partitions and
 * configs, none missing and none more, with prod's replication factor and one replica fewer in sync.
 * The Job's script runs here, under bash, against a stand-in kafka-topics.sh that writes down its
 * arguments; its Kafka client settings are compared with prod's own.
 */
class TopicsManifestsTest {

    private static final Path JOB = Path.of("k8s", "optional", "topics-job.yaml");
    private static final Path STRIMZI = Path.of("k8s", "optional", "strimzi-topics.yaml");
    private static final String TOOL = "/opt/kafka/bin/kafka-topics.sh";
    /** where the script finds the client settings without secrets (a ConfigMap), and where it writes them with */
    private static final String CLIENT = "/etc/crossfire-topics/client.properties";
    private static final String WRITTEN = "/tmp/client.properties";

    private static List<JsonNode> prod;
    private static Properties prodProps;
    private static int replication;
    private static Topics topics;
    private static final Map<String, TopicSpec> EXPECTED = new LinkedHashMap<>();

    @BeforeAll
    static void prod() throws Exception {
        prod = render("prod");
        prodProps = properties(one(prod, "ConfigMap"), "crossfire.properties");
        ServiceConfig config = Manifests.serviceConfig(prod);
        topics = config.settings().topics();
        TopicLayout.specs(topics, config.topicPartitions()).forEach(s -> EXPECTED.put(s.name(), s));
        replication = Integer.parseInt(config.effective().get("replication.factor"));
        assertThat(replication).as("prod's replication.factor: a broker may fail, and one may be down for maintenance meanwhile")
            .isGreaterThanOrEqualTo(3);
    }

    /** One topic as a manifest asks for it. */
    private record Asked(String name, int partitions, int replicas, Map<String, String> configs) {
    }

    private static void assertIsTheLayout(List<Asked> asked, String where) {
        assertThat(asked).extracting(Asked::name).as(where + ": the topics run checks, each once").containsExactlyInAnyOrderElementsOf(EXPECTED.keySet());
        for (Asked a : asked) {
            TopicSpec spec = EXPECTED.get(a.name());
            String line = where + ": " + a.name() + ", TopicLayout's " + spec;
            assertThat(a.partitions()).as(line + ": partitions").isEqualTo(spec.partitions());
            assertThat(a.replicas()).as(line + ": replicas, prod's replication.factor").isEqualTo(replication);
            Map<String, String> configs = new HashMap<>(a.configs());
            assertThat(configs.remove("min.insync.replicas")).as(line + ": min.insync.replicas, one fewer than the replicas")
                .isEqualTo(Integer.toString(replication - 1));
            assertThat(configs).as(line + ": configs").isEqualTo(spec.effectiveConfigs());
        }
    }

    @Test
    void theJobCreatesExactlyTheTopicsRunChecksWithTheirLayout(@TempDir Path dir) throws Exception {
        JobRun run = runJob(dir);
        List<Asked> asked = new ArrayList<>();
        for (List<String> call : run.calls()) {
            assertThat(call).as("create, and leave an existing topic alone: the Job may run again").contains("--create", "--if-not-exists");
            assertThat(option(call, "--bootstrap-server")).as("prod's brokers").isEqualTo(prodProps.getProperty("bootstrap.servers"));
            assertThat(option(call, "--command-config")).as("the client settings the script wrote").isEqualTo(run.written().toString());
            Map<String, String> configs = new HashMap<>();
            for (int i = 0; i < call.size() - 1; i++) {
                if (call.get(i).equals("--config")) {
                    String[] kv = call.get(i + 1).split("=", 2);
                    assertThat(configs.put(kv[0], kv[1])).as(option(call, "--topic") + ": " + kv[0] + " given once").isNull();
                }
            }
            asked.add(new Asked(option(call, "--topic"), Integer.parseInt(option(call, "--partitions")),
                Integer.parseInt(option(call, "--replication-factor")), configs));
        }
        assertIsTheLayout(asked, JOB.toString());
    }

    @Test
    void theJobTalksToProdsBrokersWithProdsClientSettingsAndSecrets(@TempDir Path dir) throws Exception {
        List<JsonNode> docs = Manifests.read(JOB);
        Properties client = properties(one(docs, "ConfigMap"), "client.properties");
        // every security setting prod's crossfire gives its clients, and with the same values
        Set<String> security = new TreeSet<>();
        prodProps.stringPropertyNames().stream().filter(k -> k.matches("(security|sasl|ssl)\\..*")).forEach(security::add);
        assertThat(new TreeSet<>(client.stringPropertyNames())).isEqualTo(security);
        security.forEach(k -> assertThat(client.getProperty(k)).as(k).isEqualTo(prodProps.getProperty(k)));
        assertThat(security).contains("security.protocol", "sasl.mechanism", "ssl.truststore.location");

        // the trust store: prod's Secret, at the path both name
        JsonNode jobPod = podSpec(one(docs, "Job"));
        JsonNode prodPod = podSpec(one(prod, "StatefulSet"));
        String trustStore = prodProps.getProperty("ssl.truststore.location");
        JsonNode ours = Manifests.volumeHolding(jobPod, jobPod.path("containers").get(0), trustStore)
            .orElseThrow(() -> new AssertionError("the Job mounts nothing at " + trustStore));
        JsonNode theirs = Manifests.volumeHolding(prodPod, prodPod.path("containers").get(0), trustStore)
            .orElseThrow(() -> new AssertionError("prod mounts nothing at " + trustStore));
        assertThat(ours.path("secret")).isEqualTo(theirs.path("secret"));

        // the secrets reach the tool as they are: backslashes, quotes and dollars survive the properties format
        JobRun run = runJob(dir);
        Properties written = new Properties();
        written.load(new StringReader(Files.readString(run.written())));
        Properties expected = new Properties();
        expected.putAll(client);
        JsonNode crossfirePassword = env(prodPod.path("containers").get(0), "CROSSFIRE_SSL_TRUSTSTORE_PASSWORD").path("valueFrom").path("secretKeyRef");
        expected.put("ssl.truststore.password", secretValue(crossfirePassword.path("name").asText(), crossfirePassword.path("key").asText()));
        JsonNode jaas = null;
        for (JsonNode e : jobPod.path("containers").get(0).path("env")) {
            if (e.path("valueFrom").path("secretKeyRef").path("key").asText().equals("sasl.jaas.config")) {
                jaas = e.path("valueFrom").path("secretKeyRef");
            }
        }
        assertThat(jaas).as("the JAAS line from a Secret").isNotNull();
        expected.put("sasl.jaas.config", secretValue(jaas.path("name").asText(), "sasl.jaas.config"));
        assertThat(written).isEqualTo(expected);
        assertThat(Files.getPosixFilePermissions(run.written())).as("readable by the Job's user alone")
            .isEqualTo(PosixFilePermissions.fromString("rw-------"));

        // the same tool and version as docker-compose.yml's topics step
        JsonNode compose = new ObjectMapper(new YAMLFactory()).readTree(Path.of("docker-compose.yml").toFile());
        assertThat(jobPod.path("containers").get(0).path("image").asText()).isEqualTo(compose.path("services").path("topics").path("image").asText());
    }

    @Test
    void theJobPassesTheRestrictedProfileWritesOnlyToMemoryAndIsNoCrossfirePod() throws Exception {
        List<JsonNode> docs = Manifests.read(JOB);
        JsonNode job = one(docs, "Job");
        JsonNode pod = podSpec(job);
        Manifests.assertRestricted(pod);
        // the image's user is a name, which runAsNonRoot can only check by number
        assertThat(pod.path("securityContext").path("runAsUser").asInt()).isPositive();
        assertThat(pod.path("automountServiceAccountToken").asBoolean(true)).isFalse();
        assertThat(pod.path("restartPolicy").asText()).isIn("Never", "OnFailure");
        assertThat(job.path("spec").path("backoffLimit").asInt()).as("a broker restarting fails an attempt, not the Job").isPositive();

        JsonNode container = pod.path("containers").get(0);
        for (JsonNode mount : container.path("volumeMounts")) {
            JsonNode volume = volume(pod, mount.path("name").asText());
            if (mount.path("mountPath").asText().equals(Path.of(WRITTEN).getParent().toString())) {
                assertThat(volume.path("emptyDir").path("medium").asText()).as("the secrets the script writes stay in memory").isEqualTo("Memory");
                assertThat(mount.path("readOnly").asBoolean(false)).isFalse();
            } else {
                assertThat(mount.path("readOnly").asBoolean()).as(mount.path("mountPath").asText() + " read-only").isTrue();
            }
        }
        assertThat(volume(pod, mountAt(container, Path.of(CLIENT).getParent().toString())).path("configMap").path("name").asText())
            .isEqualTo(one(docs, "ConfigMap").path("metadata").path("name").asText());
        assertThat(env(container, "BOOTSTRAP_SERVERS").path("value").asText()).isEqualTo(prodProps.getProperty("bootstrap.servers"));

        // the Services and the PodDisruptionBudget must not count the Job's pod as one of crossfire's
        JsonNode labels = job.path("spec").path("template").path("metadata").path("labels");
        List<JsonNode> selectors = new ArrayList<>();
        prod.stream().filter(d -> d.path("kind").asText().equals("Service")).forEach(s -> selectors.add(s.path("spec").path("selector")));
        selectors.add(one(prod, "PodDisruptionBudget").path("spec").path("selector").path("matchLabels"));
        for (JsonNode selector : selectors) {
            List<String> matched = new ArrayList<>();
            selector.properties().forEach(f -> {
                if (labels.path(f.getKey()).asText().equals(f.getValue().asText())) {
                    matched.add(f.getKey());
                }
            });
            assertThat(matched).as("the Job's labels against " + selector).hasSizeLessThan(selector.size());
        }
    }

    @Test
    void theStrimziTopicsAreTheLayout() throws Exception {
        List<JsonNode> docs = Manifests.read(STRIMZI);
        List<Asked> asked = new ArrayList<>();
        Set<String> clusters = new TreeSet<>();
        for (JsonNode topic : docs) {
            assertThat(topic.path("kind").asText()).isEqualTo("KafkaTopic");
            assertThat(topic.path("apiVersion").asText()).startsWith("kafka.strimzi.io/");
            clusters.add(topic.path("metadata").path("labels").path("strimzi.io/cluster").asText());
            JsonNode spec = topic.path("spec");
            String name = spec.path("topicName").asText(topic.path("metadata").path("name").asText());
            Map<String, String> configs = new HashMap<>();
            spec.path("config").properties().forEach(f -> configs.put(f.getKey(), f.getValue().asText()));
            asked.add(new Asked(name, spec.path("partitions").asInt(), spec.path("replicas").asInt(), configs));
        }
        assertThat(clusters).as("one Kafka cluster, named on every topic").hasSize(1).doesNotContain("");
        assertIsTheLayout(asked, STRIMZI.toString());
    }

    /** What a file that drifts gets: a second partition for the turns, a compacted posts topic, a topic left out. */
    @Test
    void aTopicThatDriftsFromTheLayoutFails() {
        List<Asked> good = new ArrayList<>();
        EXPECTED.values().forEach(s -> {
            Map<String, String> c = new HashMap<>(s.effectiveConfigs());
            c.put("min.insync.replicas", Integer.toString(replication - 1));
            good.add(new Asked(s.name(), s.partitions(), replication, c));
        });
        assertIsTheLayout(good, "as TopicLayout");

        List<Asked> morePartitions = new ArrayList<>(good);
        morePartitions.replaceAll(a -> a.name().equals(topics.turns()) ? new Asked(a.name(), a.partitions() + 1, a.replicas(), a.configs()) : a);
        assertThatThrownBy(() -> assertIsTheLayout(morePartitions, "drifted"))
            .hasMessageContaining(topics.turns()).hasMessageContaining("partitions");

        List<Asked> compacted = new ArrayList<>(good);
        compacted.replaceAll(a -> {
            if (!a.name().equals(topics.posts())) {
                return a;
            }
            Map<String, String> c = new HashMap<>(a.configs());
            c.put("cleanup.policy", "compact");
            return new Asked(a.name(), a.partitions(), a.replicas(), c);
        });
        assertThatThrownBy(() -> assertIsTheLayout(compacted, "drifted"))
            .hasMessageContaining(topics.posts()).hasMessageContaining("configs");

        List<Asked> missing = new ArrayList<>(good.subList(0, good.size() - 1));
        assertThatThrownBy(() -> assertIsTheLayout(missing, "drifted")).hasMessageContaining("each once");
    }

    /** What the Job's script did: each call of kafka-topics.sh, its arguments, and the client file it wrote. */
    private record JobRun(List<List<String>> calls, Path written) {
    }

    /**
     * The Job's script under bash, with its three paths moved into {@code dir}: the tool a stand-in
     * that writes down its arguments, the client file the ConfigMap's, the secrets a value per Secret key.
     */
    private static JobRun runJob(Path dir) throws IOException, InterruptedException {
        List<JsonNode> docs = Manifests.read(JOB);
        JsonNode container = podSpec(one(docs, "Job")).path("containers").get(0);
        assertThat(container.path("command")).extracting(JsonNode::asText).containsExactly("/bin/bash", "-c");
        String script = container.path("args").get(0).asText();
        assertThat(script).contains(TOOL, CLIENT, WRITTEN).startsWith("set -euo pipefail");

        Path calls = dir.resolve("calls");
        Path tool = dir.resolve("kafka-topics.sh");
        Files.writeString(tool, "#!/bin/bash\nfor a in \"$@\"; do printf '%s\\n' \"$a\"; done >> '" + calls + "'\necho '<END>' >> '" + calls + "'\n");
        tool.toFile().setExecutable(true);
        Path client = dir.resolve("client.properties");
        Files.writeString(client, one(docs, "ConfigMap").path("data").path("client.properties").asText());
        Path tmp = Files.createDirectories(dir.resolve("tmp"));
        Path written = tmp.resolve("client.properties");
        Path moved = dir.resolve("script.sh");
        Files.writeString(moved, script.replace(WRITTEN, written.toString()).replace(CLIENT, client.toString()).replace(TOOL, tool.toString()));

        ProcessBuilder pb = new ProcessBuilder("bash", moved.toString()).redirectErrorStream(true);
        for (JsonNode e : container.path("env")) {
            JsonNode ref = e.path("valueFrom").path("secretKeyRef");
            pb.environment().put(e.path("name").asText(),
                ref.isMissingNode() ? e.path("value").asText() : secretValue(ref.path("name").asText(), ref.path("key").asText()));
        }
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();

        List<List<String>> parsed = new ArrayList<>();
        List<String> current = new ArrayList<>();
        for (String line : Files.readAllLines(calls)) {
            if (line.equals("<END>")) {
                parsed.add(current);
                current = new ArrayList<>();
            } else {
                current.add(line);
            }
        }
        return new JobRun(parsed, written);
    }

    /** A stand-in for a Secret's value, with what the properties format and the shell could spoil. */
    private static String secretValue(String secret, String key) {
        return "x required username=\"" + secret + "\" password=\"" + key + " a\\b \\\\c $HOME & 'd'\";";
    }

    private static String option(List<String> call, String name) {
        int i = call.indexOf(name);
        assertThat(i).as(name + " in " + call).isNotNegative().isLessThan(call.size() - 1);
        return call.get(i + 1);
    }

    private static JsonNode env(JsonNode container, String name) {
        for (JsonNode e : container.path("env")) {
            if (e.path("name").asText().equals(name)) {
                return e;
            }
        }
        throw new AssertionError("no variable " + name);
    }

    private static JsonNode volume(JsonNode pod, String name) {
        for (JsonNode v : pod.path("volumes")) {
            if (v.path("name").asText().equals(name)) {
                return v;
            }
        }
        throw new AssertionError("no volume " + name);
    }

    private static String mountAt(JsonNode container, String path) {
        for (JsonNode m : container.path("volumeMounts")) {
            if (m.path("mountPath").asText().equals(path)) {
                return m.path("name").asText();
            }
        }
        throw new AssertionError("nothing mounted at " + path);
    }
}
