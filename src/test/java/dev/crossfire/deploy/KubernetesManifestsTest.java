package dev.crossfire.deploy;

import static dev.crossfire.deploy.Manifests.one;
import static dev.crossfire.deploy.Manifests.render;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.crossfire.config.DurationText;
import dev.crossfire.config.ServiceConfig;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Each overlay of k8s/ rendered by kubectl kustomize (the client alone, no cluster) and checked:
 * names, the probes against crossfire's real endpoints and port, settings crossfire reads, replicas
 * and the autoscaler within the partitions, a grace period longer than the clean-close bound, no
 * Secret in the repository.
 */
class KubernetesManifestsTest {

    private static final List<String> ENDPOINTS = List.of("/health/ready", "/health/serving", "/health/live", "/metrics");

    /** Scaling on lag, not CPU, one pod at a time, bounded by the partitions, on prod's consumer group and posts topic. */
    @Test
    void theOptionalLagScalerFitsTheProdOverlay() throws Exception {
        JsonNode so = new ObjectMapper(new YAMLFactory()).readTree(java.nio.file.Path.of("k8s", "optional", "keda-scaledobject.yaml").toFile());
        List<JsonNode> prod = render("prod");
        Properties props = new Properties();
        props.load(new StringReader(one(prod, "ConfigMap").path("data").path("crossfire.properties").asText()));
        int partitions = Integer.parseInt(props.getProperty("crossfire.topics.partitions", "6"));
        assertThat(so.path("spec").path("scaleTargetRef").path("name").asText()).isEqualTo(one(prod, "StatefulSet").path("metadata").path("name").asText());
        assertThat(so.path("spec").path("maxReplicaCount").asInt()).isLessThanOrEqualTo(partitions);
        JsonNode trigger = so.path("spec").path("triggers").get(0);
        assertThat(trigger.path("type").asText()).isEqualTo("kafka");
        assertThat(trigger.path("metadata").path("consumerGroup").asText()).isEqualTo(props.getProperty("application.id"));
        assertThat(trigger.path("metadata").path("topic").asText()).isEqualTo(props.getProperty("crossfire.topic.posts", "crossfire.posts"));
        assertThat(trigger.path("metadata").path("bootstrapServers").asText()).isEqualTo(props.getProperty("bootstrap.servers"));
        JsonNode down = so.path("spec").path("advanced").path("horizontalPodAutoscalerConfig").path("behavior").path("scaleDown");
        assertThat(down.path("policies")).allSatisfy(p -> {
            assertThat(p.path("type").asText()).isEqualTo("Pods");
            assertThat(p.path("value").asInt()).isEqualTo(1);
        });
        assertThat(prod).extracting(d -> d.path("kind").asText()).as("no CPU autoscaler fighting kubectl apply over replicas")
            .doesNotContain("HorizontalPodAutoscaler");
        // the login KEDA uses to read the lag is defined beside it, from a Secret, with the CA as PEM
        List<JsonNode> docs = new ArrayList<>();
        try (var it = new ObjectMapper(new YAMLFactory()).readerFor(JsonNode.class)
            .readValues(java.nio.file.Path.of("k8s", "optional", "keda-scaledobject.yaml").toFile())) {
            it.forEachRemaining(d -> docs.add((JsonNode) d));
        }
        String authName = trigger.path("authenticationRef").path("name").asText();
        JsonNode auth = docs.stream().filter(d -> d.path("kind").asText().equals("TriggerAuthentication")
            && d.path("metadata").path("name").asText().equals(authName)).findFirst().orElseThrow();
        assertThat(auth.path("spec").path("secretTargetRef")).extracting(r -> r.path("parameter").asText())
            .containsExactlyInAnyOrder("username", "password", "ca");
    }

    /** The fields the "restricted" Pod Security profile checks, on the pod and its container. */
    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void theStatefulSetPassesTheRestrictedPodSecurityProfile(String overlay) throws Exception {
        JsonNode pod = one(render(overlay), "StatefulSet").path("spec").path("template").path("spec");
        Manifests.assertRestricted(pod);
        for (JsonNode c : pod.path("containers")) {
            // a read-only root: every path crossfire writes is a volume
            assertThat(c.path("volumeMounts")).extracting(m -> m.path("mountPath").asText()).contains("/var/lib/crossfire/state", "/tmp");
        }
    }

    /** run exits when Streams is not RUNNING within crossfire.startup-timeout: the pod must be let live that long, and it that long. */
    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void theStartupTimeoutAndTheStartupProbeAgree(String overlay) throws Exception {
        List<JsonNode> docs = render(overlay);
        Properties props = new Properties();
        props.load(new StringReader(one(docs, "ConfigMap").path("data").path("crossfire.properties").asText()));
        java.time.Duration startup = dev.crossfire.config.DurationText.parse(props.getProperty("crossfire.startup-timeout",
            dev.crossfire.config.ConfigKeys.ALL.get("crossfire.startup-timeout").defaultValue()));
        JsonNode probe = one(docs, "StatefulSet").path("spec").path("template").path("spec").path("containers").get(0).path("startupProbe");
        java.time.Duration probeAllows = java.time.Duration.ofSeconds((long) probe.path("periodSeconds").asInt(10) * probe.path("failureThreshold").asInt(3));
        assertThat(startup).as("a cold restore of a large volume takes minutes").isGreaterThanOrEqualTo(java.time.Duration.ofMinutes(15));
        assertThat(probeAllows).as("the startup probe lets run wait its whole startup-timeout").isGreaterThanOrEqualTo(startup);
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void theOverlayRendersAWorkingStatefulSetAroundTheServicesOwnEndpointsAndSettings(String overlay) throws Exception {
        List<JsonNode> docs = render(overlay);
        assertThat(docs).extracting(d -> d.path("kind").asText()).doesNotContain("Secret");

        JsonNode config = one(docs, "ConfigMap");
        Properties props = new Properties();
        props.load(new StringReader(config.path("data").path("crossfire.properties").asText()));
        List<String> unread = new ArrayList<>();
        props.stringPropertyNames().forEach(k -> {
            if (!ServiceConfig.isRead(k)) {
                unread.add(k);
            }
        });
        assertThat(unread).as("settings crossfire does not read").isEmpty();
        int port = Integer.parseInt(props.getProperty("crossfire.http.port"));
        int partitions = Integer.parseInt(props.getProperty("crossfire.topics.partitions", "6"));

        JsonNode sts = one(docs, "StatefulSet");
        JsonNode pod = sts.path("spec").path("template").path("spec");
        JsonNode container = pod.path("containers").get(0);
        assertThat(sts.path("spec").path("replicas").asInt()).isBetween(1, partitions);
        assertThat(container.path("ports").get(0).path("containerPort").asInt()).isEqualTo(port);
        for (String probe : List.of("readinessProbe", "livenessProbe", "startupProbe")) {
            String path = container.path(probe).path("httpGet").path("path").asText();
            assertThat(ENDPOINTS).as(probe).contains(path);
            assertThat(container.path(probe).path("httpGet").path("port").asText()).isEqualTo("http");
        }
        assertThat(container.path("readinessProbe").path("httpGet").path("path").asText()).as("serving, through rebalances")
            .isEqualTo("/health/serving");
        assertThat(container.path("livenessProbe").path("httpGet").path("path").asText()).isEqualTo("/health/live");
        assertThat(sts.path("spec").path("template").path("metadata").path("annotations").path("prometheus.io/path").asText())
            .isEqualTo("/metrics");
        assertThat(sts.path("spec").path("template").path("metadata").path("annotations").path("prometheus.io/port").asText())
            .isEqualTo(Integer.toString(port));

        // the configuration file the container reads is the ConfigMap, and the state its volume claim
        assertThat(container.path("args").toString()).contains("/etc/crossfire/crossfire.properties");
        assertThat(pod.path("volumes").toString()).contains(config.path("metadata").path("name").asText());
        assertThat(container.path("volumeMounts").toString()).contains(props.getProperty("state.dir"));
        assertThat(sts.path("spec").path("volumeClaimTemplates").get(0).path("metadata").path("name").asText()).isEqualTo("state");

        List<String> unreadEnv = new ArrayList<>();
        for (JsonNode env : container.path("env")) {
            String name = env.path("name").asText();
            if (name.startsWith("CROSSFIRE_")) {
                String key = ServiceConfig.keyOfEnvironmentVariable(name);
                if (!ServiceConfig.isRead(key)) {
                    unreadEnv.add(name);
                }
                if (env.has("valueFrom") && env.path("valueFrom").has("secretKeyRef")) {
                    assertThat(env.path("value").isMissingNode()).isTrue(); // a reference, never the secret itself
                }
            }
        }
        assertThat(unreadEnv).as("environment variables crossfire does not read").isEmpty();

        long graceSeconds = pod.path("terminationGracePeriodSeconds").asLong();
        long shutdownSeconds = DurationText.parse(props.getProperty("crossfire.shutdown-timeout", "30s")).toSeconds();
        assertThat(graceSeconds).as("grace period > crossfire.shutdown-timeout").isGreaterThan(shutdownSeconds);
        assertThat(pod.path("affinity").path("podAntiAffinity").isMissingNode()).isFalse();
        assertThat(container.path("resources").path("limits").path("memory").asText()).isNotEmpty();
        assertThat(container.path("resources").path("requests").path("cpu").asText()).isNotEmpty();

        List<JsonNode> services = docs.stream().filter(d -> d.path("kind").asText().equals("Service")).toList();
        assertThat(services).hasSize(2);
        JsonNode service = services.stream().filter(s -> s.path("spec").path("clusterIP").asText().equals("None")).findFirst().orElseThrow();
        // the newsroom's Service: the live view and the query API, on ready pods only
        JsonNode front = services.stream().filter(s -> s != service).findFirst().orElseThrow();
        assertThat(front.path("spec").path("type").asText()).isEqualTo("ClusterIP");
        assertThat(front.path("spec").path("publishNotReadyAddresses").asBoolean()).isFalse();
        assertThat(front.path("spec").path("ports").get(0).path("targetPort").asText()).isEqualTo("http");
        assertThat(container.path("ports").get(0).path("name").asText()).isEqualTo("http");
        assertThat(front.path("spec").path("selector")).isEqualTo(sts.path("spec").path("selector").path("matchLabels"));
        assertThat(sts.path("spec").path("serviceName").asText()).isEqualTo(service.path("metadata").path("name").asText());
        assertThat(sts.path("spec").path("selector").path("matchLabels")).isEqualTo(service.path("spec").path("selector"));
        java.util.Map<String, String> env = new java.util.HashMap<>();
        container.path("env").forEach(e -> env.put(e.path("name").asText(), e.path("value").asText()));
        assertThat(env.get("CROSSFIRE_CROSSFIRE_HTTP_ADVERTISED_HOST")).contains("$(POD_NAME)." + service.path("metadata").path("name").asText());
        // static membership: the pod's stable name, so a restart within the session timeout moves no task
        assertThat(env.get("CROSSFIRE_MAIN_CONSUMER_GROUP_INSTANCE_ID")).isEqualTo("$(POD_NAME)");

        JsonNode pdb = one(docs, "PodDisruptionBudget");
        assertThat(pdb.path("spec").path("maxUnavailable").asInt()).isEqualTo(1);
        assertThat(sts.path("spec").path("template").path("metadata").path("labels").path("app.kubernetes.io/name").asText())
            .isEqualTo(pdb.path("spec").path("selector").path("matchLabels").path("app.kubernetes.io/name").asText());

        docs.stream().filter(d -> d.path("kind").asText().equals("HorizontalPodAutoscaler")).forEach(hpa -> {
            assertThat(hpa.path("spec").path("maxReplicas").asInt()).as("autoscaler bound by the partitions").isLessThanOrEqualTo(partitions);
            assertThat(hpa.path("spec").path("scaleTargetRef").path("name").asText()).isEqualTo(sts.path("metadata").path("name").asText());
        });
    }
}
