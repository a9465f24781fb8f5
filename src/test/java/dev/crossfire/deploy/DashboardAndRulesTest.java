package dev.crossfire.deploy;

import static dev.crossfire.deploy.MonitoringFiles.DASHBOARD;
import static dev.crossfire.deploy.MonitoringFiles.JSON;
import static dev.crossfire.deploy.MonitoringFiles.OPERATOR_RULES;
import static dev.crossfire.deploy.MonitoringFiles.RULES;
import static dev.crossfire.deploy.MonitoringFiles.YAML;
import static dev.crossfire.deploy.MonitoringFiles.all;
import static dev.crossfire.deploy.MonitoringFiles.panels;
import static dev.crossfire.deploy.MonitoringFiles.title;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.crossfire.testing.FigureBuilder;
import dev.crossfire.testing.SeedStory;
import dev.crossfire.topology.TopologyFixture;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.processor.internals.StreamThread;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Grafana dashboard and the Prometheus rules against what crossfire really exports, without a
 * broker: {@code /metrics} of crossfire wired as {@code run} wires it (Kafka Streams' client, threads
 * and clients register their metrics when the app is built), with the production topology run through
 * the same registry under the test driver for the per-task gauges; and {@code alerts notify}'s
 * registry after each kind of count. Every metric, label, label value and function a query uses must
 * be there. Then the files' own shape: what Grafana and Prometheus need, and what an operator reads.
 */
class DashboardAndRulesTest {

    /**
     * Kafka Streams registers a task's metrics when it runs the task, and Micrometer's binder adds
     * them at its next refresh: {@link DashboardAndRulesIT} checks the queries that read them.
     */
    private static final Predicate<String> ONLY_WHILE_RUNNING = name -> name.startsWith("kafka_stream_task_");

    private static final Pattern VARIABLE = Pattern.compile("\\$\\{?([A-Za-z_][A-Za-z0-9_]*)");
    private static final Pattern PROMETHEUS_DURATION = Pattern.compile("(\\d+y)?(\\d+w)?(\\d+d)?(\\d+h)?(\\d+m)?(\\d+s)?(\\d+ms)?");
    private static final Pattern CLIENT_STATE_COMPARISON = Pattern.compile("kafka_stream_client_state\\s*(?:!=|==)\\s*(\\d+)");

    private static QueryCheck check;

    @BeforeAll
    static void scrapeWhatCrossfireExports() throws Exception {
        String run;
        try (RunWiring wiring = RunWiring.open("127.0.0.1:9", Files.createTempDirectory("crossfire-dashboard"), 6);
             TopologyFixture topology = new TopologyFixture(wiring.metrics)) {
            topology.registry(FigureBuilder.seedFigures());
            topology.sendRaw("not-a-post", "this is not json {");
            topology.send(SeedStory.inOrder());
            run = wiring.scrape();
        }
        check = new QueryCheck(new Exposition().add(run).add(MonitoringFiles.notifyScrape()), ONLY_WHILE_RUNNING);
    }

    @Test
    void everyMetricTheDashboardQueriesIsExported() throws IOException {
        assertThat(MonitoringFiles.dashboardProblems(Files.readString(DASHBOARD), check)).isEmpty();
    }

    @Test
    void everyMetricTheAlertRulesQueryIsExported() throws IOException {
        assertThat(MonitoringFiles.ruleProblems(Files.readString(RULES), check)).isEmpty();
    }

    /** The check itself: a dashboard with a misspelt metric, label, label value or function does not pass. */
    @Test
    void aMisspeltMetricLabelValueOrFunctionIsCaught() throws IOException {
        String dashboard = Files.readString(DASHBOARD);
        assertThat(dashboard).contains("crossfire_posts_in_total{", "sum by (level)", "area=\\\"heap\\\"", "histogram_quantile(");
        assertThat(MonitoringFiles.dashboardProblems(dashboard.replace("crossfire_posts_in_total{", "crossfire_post_in_total{"), check))
            .anyMatch(p -> p.contains("reads crossfire_post_in_total, which crossfire does not export"));
        assertThat(MonitoringFiles.dashboardProblems(dashboard.replace("sum by (level)", "sum by (levle)"), check))
            .anyMatch(p -> p.contains("uses the label levle"));
        assertThat(MonitoringFiles.dashboardProblems(dashboard.replace("area=\\\"heap\\\"", "area=\\\"Heap\\\""), check))
            .anyMatch(p -> p.contains("{area=\"Heap\"} matches none of its values"));
        assertThat(MonitoringFiles.dashboardProblems(dashboard.replace("histogram_quantile(", "histogram_quantiles("), check))
            .anyMatch(p -> p.contains("histogram_quantiles() is not a PromQL function"));
        String rules = Files.readString(RULES);
        assertThat(rules).contains("crossfire_alerts_total[");
        assertThat(MonitoringFiles.ruleProblems(rules.replace("crossfire_alerts_total[", "crossfire_alerts["), check))
            .anyMatch(p -> p.contains("reads crossfire_alerts, which crossfire does not export"));
    }

    @Test
    void theDashboardIsWellFormed() throws IOException {
        JsonNode dashboard = JSON.readTree(DASHBOARD.toFile());
        assertThat(dashboard.path("uid").asText()).isNotBlank();
        assertThat(dashboard.path("schemaVersion").asInt()).isGreaterThanOrEqualTo(36);
        Map<String, JsonNode> variables = new LinkedHashMap<>();
        dashboard.path("templating").path("list").forEach(v -> variables.put(v.path("name").asText(), v));
        assertThat(variables.get("datasource")).as("a Prometheus data source variable").isNotNull();
        assertThat(variables.get("datasource").path("type").asText()).isEqualTo("datasource");
        assertThat(variables.get("datasource").path("query").asText()).isEqualTo("prometheus");

        List<JsonNode> all = panels(dashboard).toList();
        assertThat(all).extracting(p -> p.path("id").asInt()).doesNotHaveDuplicates();
        assertThat(all).allSatisfy(p -> {
            JsonNode grid = p.path("gridPos");
            assertThat(grid.path("w").asInt() + grid.path("x").asInt()).as(title(p)).isBetween(1, 24);
            assertThat(grid.path("h").asInt()).as(title(p)).isPositive();
        });
        // rows only group panels: they have no data source and no query
        List<JsonNode> queried = all.stream().filter(p -> !p.path("type").asText().equals("row")).toList();
        assertThat(queried).isNotEmpty().allSatisfy(p -> {
            assertThat(p.path("title").asText()).isNotBlank();
            assertThat(p.path("description").asText()).as(title(p) + " says what it shows").isNotBlank();
            assertThat(p.path("datasource").path("type").asText()).as(title(p)).isEqualTo("prometheus");
            assertThat(p.path("datasource").path("uid").asText()).as(title(p)).isEqualTo("${datasource}");
            assertThat(p.path("targets")).as(title(p) + " has a query").isNotEmpty();
            assertThat(p.path("targets")).extracting(t -> t.path("refId").asText()).as(title(p)).doesNotHaveDuplicates();
            p.path("targets").forEach(t -> {
                assertThat(t.path("expr").asText()).as(title(p)).isNotBlank();
                assertThat(t.path("datasource").path("uid").asText("${datasource}")).as(title(p)).isEqualTo("${datasource}");
            });
        });
        Set<String> used = new HashSet<>();
        queried.forEach(p -> p.path("targets").forEach(t -> used.addAll(all(VARIABLE, t.path("expr").asText()))));
        variables.values().forEach(v -> used.addAll(all(VARIABLE, MonitoringFiles.variableQuery(v))));
        used.removeIf(v -> v.startsWith("__")); // Grafana's own: $__rate_interval, $__range
        assertThat(variables.keySet()).as("variables the queries use").containsAll(used);
    }

    @Test
    void everyRuleTellsAnOperatorWhatHappenedAndHowBad() throws IOException {
        JsonNode groups = YAML.readTree(RULES.toFile()).path("groups");
        assertThat(groups).isNotEmpty();
        List<String> names = new ArrayList<>();
        groups.forEach(g -> {
            assertThat(g.path("name").asText()).isNotBlank();
            assertThat(g.path("rules")).as(g.path("name").asText()).isNotEmpty();
            g.path("rules").forEach(r -> {
                String alert = r.path("alert").asText();
                assertThat(alert).as("every rule is an alerting rule").isNotBlank();
                names.add(alert);
                assertThat(r.path("expr").asText()).as(alert).isNotBlank();
                assertThat(r.path("for").asText()).as(alert + " has a for:").isNotBlank().matches(PROMETHEUS_DURATION);
                assertThat(r.path("labels").path("severity").asText()).as(alert).isIn("critical", "warning", "info");
                assertThat(r.path("annotations").path("summary").asText()).as(alert).isNotBlank();
                assertThat(r.path("annotations").path("description").asText()).as(alert).isNotBlank();
            });
        });
        assertThat(names).doesNotHaveDuplicates();
    }

    /** The Operator's copy is the rule file's groups, so that the two cannot drift apart. */
    @Test
    void thePrometheusOperatorRuleCarriesTheRuleFilesGroups() throws IOException {
        JsonNode resource = YAML.readTree(OPERATOR_RULES.toFile());
        assertThat(resource.path("apiVersion").asText()).isEqualTo("monitoring.coreos.com/v1");
        assertThat(resource.path("kind").asText()).isEqualTo("PrometheusRule");
        assertThat(resource.path("metadata").path("name").asText()).isNotBlank();
        assertThat(resource.path("spec").path("groups")).as("make it again with the command in docs/metrics.md")
            .isEqualTo(YAML.readTree(RULES.toFile()).path("groups"));
    }

    /** State metrics are enum ordinals: the dashboard's names for them and the rules' RUNNING are Kafka's own. */
    @Test
    void stateNumbersAreKafkaStreamsOwn() throws IOException {
        Map<String, Map<String, String>> expected = Map.of(
            "kafka_stream_client_state", ordinals(KafkaStreams.State.values()),
            // internal to Kafka Streams, but it is what the thread-state metric counts in
            "kafka_stream_thread_thread_state", ordinals(StreamThread.State.values()));
        Set<String> mapped = new HashSet<>();
        panels(JSON.readTree(DASHBOARD.toFile())).forEach(p -> expected.forEach((metric, names) -> {
            if (StreamSupport.stream(p.path("targets").spliterator(), false).anyMatch(t -> t.path("expr").asText().contains(metric))) {
                Map<String, String> mappings = new TreeMap<>();
                p.path("fieldConfig").path("defaults").path("mappings")
                    .forEach(m -> m.path("options").fields().forEachRemaining(e -> mappings.put(e.getKey(), e.getValue().path("text").asText())));
                assertThat(mappings).as(title(p)).isEqualTo(names);
                mapped.add(metric);
            }
        }));
        assertThat(mapped).isEqualTo(expected.keySet());

        Matcher comparison = CLIENT_STATE_COMPARISON.matcher(Files.readString(RULES));
        assertThat(comparison.find()).isTrue();
        do {
            assertThat(Integer.parseInt(comparison.group(1))).isEqualTo(KafkaStreams.State.RUNNING.ordinal());
        } while (comparison.find());
    }

    private static Map<String, String> ordinals(Enum<?>[] values) {
        Map<String, String> names = new TreeMap<>();
        for (Enum<?> v : values) {
            names.put(Integer.toString(v.ordinal()), v.name());
        }
        return names;
    }
}
