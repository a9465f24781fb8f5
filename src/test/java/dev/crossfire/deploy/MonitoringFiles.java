package dev.crossfire.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.crossfire.notify.Destination;
import dev.crossfire.notify.NotifyMetrics;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/** The Grafana dashboard and the Prometheus rules in the repository, and every query in them checked. */
final class MonitoringFiles {

    static final Path DASHBOARD = Path.of("deploy", "grafana", "crossfire-dashboard.json");
    static final Path RULES = Path.of("deploy", "prometheus", "crossfire-rules.yaml");
    static final Path OPERATOR_RULES = Path.of("k8s", "optional", "prometheusrule.yaml");

    static final ObjectMapper JSON = new ObjectMapper();
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private static final Pattern LEGEND_LABEL = Pattern.compile("\\{\\{\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*}}");
    private static final Pattern ANNOTATION_LABEL = Pattern.compile("\\$labels\\.([A-Za-z_][A-Za-z0-9_]*)");

    private MonitoringFiles() {
    }

    /** Problems of every panel query (with the labels its legend names) and every query variable. */
    static List<String> dashboardProblems(String json, QueryCheck check) throws IOException {
        JsonNode dashboard = JSON.readTree(json);
        List<String> problems = new ArrayList<>();
        panels(dashboard).forEach(p -> p.path("targets").forEach(t -> problems.addAll(check.problems(
            "panel '" + title(p) + "' " + t.path("refId").asText(), t.path("expr").asText(),
            new HashSet<>(all(LEGEND_LABEL, t.path("legendFormat").asText()))))));
        dashboard.path("templating").path("list").forEach(v -> {
            if (v.path("type").asText().equals("query")) {
                problems.addAll(check.variableProblems("variable " + v.path("name").asText(), variableQuery(v)));
            }
        });
        return problems;
    }

    /** Problems of every rule's expression, with the labels its annotations name. */
    static List<String> ruleProblems(String yaml, QueryCheck check) throws IOException {
        List<String> problems = new ArrayList<>();
        YAML.readTree(yaml).path("groups").forEach(g -> g.path("rules").forEach(r -> {
            Set<String> named = new HashSet<>();
            r.path("annotations").forEach(a -> named.addAll(all(ANNOTATION_LABEL, a.asText())));
            problems.addAll(check.problems("rule " + r.path("alert").asText(), r.path("expr").asText(), named));
        }));
        return problems;
    }

    /** What {@code alerts notify} serves once it has counted each thing it counts: its meters appear with their first count. */
    static String notifyScrape() {
        NotifyMetrics notify = new NotifyMetrics();
        Destination webhook = new Destination(Destination.Kind.WEBHOOK, URI.create("https://desk.example/crossfire"));
        notify.delivered(webhook, Duration.ofMillis(250));
        notify.retried(webhook);
        notify.deadLettered(webhook.label());
        notify.skipped();
        return notify.scrape();
    }

    /** Every panel, those inside collapsed rows too. */
    static Stream<JsonNode> panels(JsonNode dashboard) {
        return StreamSupport.stream(dashboard.path("panels").spliterator(), false)
            .flatMap(p -> Stream.concat(Stream.of(p), StreamSupport.stream(p.path("panels").spliterator(), false)));
    }

    static String variableQuery(JsonNode variable) {
        JsonNode q = variable.path("query");
        return q.isObject() ? q.path("query").asText() : q.asText();
    }

    static String title(JsonNode panel) {
        return panel.path("title").asText("#" + panel.path("id").asText());
    }

    static List<String> all(Pattern pattern, String text) {
        List<String> found = new ArrayList<>();
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }
}
