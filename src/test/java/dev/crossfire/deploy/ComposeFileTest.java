package dev.crossfire.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.crossfire.app.TopicLayout;
import dev.crossfire.config.ServiceConfig;
import dev.crossfire.config.Topics;
import dev.crossfire.embedded.TopicSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * docker-compose.yml, checked without a Docker engine: the services and their order, pinned images,
 * health checks, ports, volumes, and that crossfire reads every setting the file gives it.
 */
class ComposeFileTest {

    private static JsonNode compose;

    @BeforeAll
    static void read() throws IOException {
        compose = new ObjectMapper(new YAMLFactory()).readTree(Path.of("docker-compose.yml").toFile());
    }

    private static JsonNode service(String name) {
        JsonNode s = compose.path("services").path(name);
        assertThat(s.isObject()).as("service " + name).isTrue();
        return s;
    }

    @Test
    void theStackIsKafkaInKraftARegistryTheTopicsCrossfireAndTheDemoProfile() {
        assertThat(compose.path("services").fieldNames()).toIterable()
            .containsExactlyInAnyOrder("kafka", "schema-registry", "topics", "crossfire", "demo-figures", "demo-replay");
        assertThat(service("kafka").path("image").asText()).startsWith("apache/kafka:");
        assertThat(service("kafka").path("environment").path("KAFKA_PROCESS_ROLES").asText()).isEqualTo("broker,controller");
        assertThat(service("schema-registry").path("image").asText()).startsWith("confluentinc/cp-schema-registry:");
        assertThat(service("crossfire").path("build").asText()).isEqualTo(".");
        assertThat(service("demo-replay").path("profiles")).extracting(JsonNode::asText).containsExactly("demo");
        assertThat(service("demo-figures").path("profiles")).extracting(JsonNode::asText).containsExactly("demo");
    }

    @Test
    void everyImageIsPinnedByTagAndEveryLongRunningServiceHasAHealthCheck() {
        compose.path("services").fields().forEachRemaining(e -> {
            String image = e.getValue().path("image").asText();
            assertThat(image).as(e.getKey() + " image").matches("[^:]+:[0-9][\\w.-]*").doesNotEndWith(":latest");
            if (List.of("kafka", "schema-registry", "crossfire").contains(e.getKey())) {
                assertThat(e.getValue().path("healthcheck").path("test").isMissingNode()).as(e.getKey() + " health check").isFalse();
            }
        });
        assertThat(service("crossfire").path("healthcheck").path("test").toString()).contains("/health/ready");
    }

    @Test
    void servicesStartInOrderOnConditionsAndKeepStateInNamedVolumes() {
        JsonNode depends = service("crossfire").path("depends_on");
        assertThat(depends.path("kafka").path("condition").asText()).isEqualTo("service_healthy");
        assertThat(depends.path("schema-registry").path("condition").asText()).isEqualTo("service_healthy");
        assertThat(depends.path("topics").path("condition").asText()).isEqualTo("service_completed_successfully");
        assertThat(service("demo-replay").path("depends_on").path("demo-figures").path("condition").asText())
            .isEqualTo("service_completed_successfully");
        assertThat(compose.path("volumes").fieldNames()).toIterable().containsExactlyInAnyOrder("kafka-data", "crossfire-state");
        assertThat(service("crossfire").path("volumes").get(0).asText()).isEqualTo("crossfire-state:/var/lib/crossfire/state");
        assertThat(service("crossfire").path("ports").get(0).asText()).isEqualTo("8080:8080");
        assertThat(service("schema-registry").path("ports").get(0).asText()).isEqualTo("8081:8081");
    }

    @Test
    void crossfireReadsEverySettingTheFileGivesIt() {
        JsonNode env = service("crossfire").path("environment");
        List<String> unread = new ArrayList<>();
        env.fieldNames().forEachRemaining(name -> {
            String key = ServiceConfig.keyOfEnvironmentVariable(name);
            if (key == null || !ServiceConfig.isRead(key)) {
                unread.add(name);
            }
        });
        assertThat(unread).as("environment variables crossfire does not read").isEmpty();
        assertThat(env.path("CROSSFIRE_BOOTSTRAP_SERVERS").asText()).isEqualTo("kafka:9092");
        assertThat(env.path("CROSSFIRE_SCHEMA_REGISTRY_URL").asText()).isEqualTo("http://schema-registry:8081");
        // and a misspelt one would be caught
        assertThat(ServiceConfig.isRead(ServiceConfig.keyOfEnvironmentVariable("CROSSFIRE_CROSSFIRE_HTTP_PROT"))).isFalse();
        assertThat(ServiceConfig.isRead(ServiceConfig.keyOfEnvironmentVariable("CROSSFIRE_BOOTSTRAP_SERVER"))).isFalse();
    }

    @Test
    void theTopicsStepCreatesWhatRunChecks() throws IOException {
        String script = service("topics").path("command").get(0).asText();
        Pattern line = Pattern.compile("^t (\\S+) --partitions (\\d+)(.*)$", Pattern.MULTILINE);
        Matcher m = line.matcher(script);
        Map<String, TopicSpec> expected = new java.util.HashMap<>();
        for (TopicSpec spec : TopicLayout.specs(Topics.defaults(), 6)) {
            expected.put(spec.name(), spec);
        }
        int seen = 0;
        while (m.find()) {
            TopicSpec spec = expected.get(m.group(1));
            assertThat(spec).as("topic " + m.group(1)).isNotNull();
            assertThat(Integer.parseInt(m.group(2))).as(m.group(1) + " partitions").isEqualTo(spec.partitions());
            for (var config : spec.effectiveConfigs().entrySet()) {
                assertThat(m.group(3)).as(m.group(1) + " " + config.getKey()).contains("--config " + config.getKey() + "=" + config.getValue());
            }
            seen++;
        }
        assertThat(seen).isEqualTo(expected.size());
        assertThat(Files.readString(Path.of("Dockerfile"))).contains("USER 10001", "HEALTHCHECK", "/health/ready", "AS build",
            "COPY LICENSE NOTICE /opt/crossfire/", "org.opencontainers.image.licenses=\"Apache-2.0\"", "--mount=type=cache,target=/root/.m2",
            "\"-XX:MaxRAMPercentage=60\"", "COPY --from=build /src/target/crossfire-service.jar /opt/crossfire/crossfire.jar").doesNotContain("|| true", "ENV JAVA_TOOL_OPTIONS", "mvn -B -ntp -q");
    }
}
