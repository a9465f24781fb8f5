package dev.crossfire.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crossfire.cli.CrossfireCommand;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's tour as a newcomer takes it: a followed demo in a process of its own, then the tour's
 * replay and alerts-tail commands with the two options the demo prints, then every query-API address
 * the README and docs/ show. An example that stops working fails here, not in a reader's terminal.
 */
class ReadmeTourIT {

    private static final Pattern CLUSTER = Pattern.compile("other crossfire commands reach this run with: (--bootstrap-servers \\S+ --schema-registry-url \\S+)");
    private static final Pattern PORT = Pattern.compile("live view: http://127\\.0\\.0\\.1:(\\d+)/live/");
    private static final Pattern URL = Pattern.compile("localhost:8080(/[^'\\s;]*)");

    private static String answerOf(java.util.Map<String, String> answers, String pathPrefix) {
        return answers.entrySet().stream().filter(e -> e.getKey().startsWith(pathPrefix)).map(java.util.Map.Entry::getValue)
            .findFirst().orElse(null);
    }

    /** The ```json blocks of a page. */
    private static List<String> jsonBlocks(List<String> lines) {
        List<String> blocks = new java.util.ArrayList<>();
        StringBuilder block = null;
        for (String line : lines) {
            if (block == null && line.startsWith("```json")) {
                block = new StringBuilder();
            } else if (block != null && line.startsWith("```")) {
                blocks.add(block.toString());
                block = null;
            } else if (block != null) {
                block.append(line).append('\n');
            }
        }
        return blocks;
    }

    /** The keys of the outermost object of a documented answer, which may leave parts out as "...". */
    static List<String> topLevelKeys(String block) {
        List<String> keys = new java.util.ArrayList<>();
        int depth = 0;
        for (int i = 0; i < block.length(); i++) {
            char c = block.charAt(i);
            if (c == '"') {
                int end = i + 1;
                while (end < block.length() && block.charAt(end) != '"') {
                    end += block.charAt(end) == '\\' ? 2 : 1;
                }
                int after = end + 1;
                while (after < block.length() && Character.isWhitespace(block.charAt(after))) {
                    after++;
                }
                if (depth == 1 && after < block.length() && block.charAt(after) == ':') {
                    keys.add(block.substring(i + 1, end));
                }
                i = end;
            } else if (c == '{' || c == '[') {
                depth++;
            } else if (c == '}' || c == ']') {
                depth--;
            }
        }
        return keys;
    }

    @Test
    void theToursCommandsAndAddressesWorkAgainstAFollowedDemo(@TempDir Path tmp) throws Exception {
        Path log = tmp.resolve("demo.log");
        Process demo = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Djava.io.tmpdir=" + tmp, "-cp", System.getProperty("java.class.path"), CrossfireCommand.class.getName(),
            "demo", "--follow", "--http-port", "0")
            .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            String cluster = null;
            String port = null;
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
            while (cluster == null || port == null) {
                assertThat(demo.isAlive()).as(Files.readString(log)).isTrue();
                assertThat(System.nanoTime()).as("the demo did not reach --follow in 2 minutes").isLessThan(deadline);
                Thread.sleep(200);
                String printed = Files.readString(log);
                Matcher c = CLUSTER.matcher(printed);
                Matcher p = PORT.matcher(printed);
                cluster = c.find() ? c.group(1) : null;
                port = p.find() ? p.group(1) : null;
            }

            List<DocumentedCommands.Example> steps = DocumentedCommands.in(List.of(Path.of("README.md")), DocumentedCommands.JAR).stream()
                .filter(e -> e.text().contains("$CLUSTER") && (e.text().contains(" replay ") || e.text().contains(" alerts tail ")))
                .toList();
            assertThat(steps).as("the tour replays posts and tails the alerts").hasSizeGreaterThanOrEqualTo(2);
            for (DocumentedCommands.Example step : steps) {
                int exit = CrossfireCommand.execute(step.args(cluster).toArray(String[]::new));
                assertThat(exit).as(step.toString()).isZero();
            }

            HttpClient http = HttpClient.newHttpClient();
            int checked = 0;
            java.util.Map<String, String> answers = new java.util.HashMap<>();
            for (Path page : DocumentedCommands.pages()) {
                for (String line : Files.readAllLines(page)) {
                    if (!line.contains("curl") || line.contains("Authorization") || line.contains("$TOKEN")) {
                        continue;
                    }
                    Matcher m = URL.matcher(line);
                    while (m.find()) {
                        URI uri = URI.create("http://127.0.0.1:" + port + m.group(1));
                        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
                        assertThat(answer.statusCode()).as(page + ": " + line + "\n" + answer.body()).isEqualTo(200);
                        answers.put(m.group(1), answer.body());
                        checked++;
                    }
                }
            }
            assertThat(checked).as("the README and docs show query-API examples").isGreaterThanOrEqualTo(5);

            // the answers' shapes the docs show: every field they name is in the real answer
            com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
            int shapes = 0;
            for (Path page : DocumentedCommands.pages()) {
                for (String block : jsonBlocks(Files.readAllLines(page))) {
                    List<String> documented = topLevelKeys(block);
                    String answer = documented.contains("exchangeId") ? answerOf(answers, "/exchanges/")
                        : documented.contains("count") && documented.contains("exchanges") ? answerOf(answers, "/exchanges?")
                        : documented.contains("rootId") ? answerOf(answers, "/threads/") : null;
                    if (answer == null) {
                        continue;
                    }
                    java.util.Set<String> real = new java.util.HashSet<>();
                    json.readTree(answer).fieldNames().forEachRemaining(real::add);
                    assertThat(real).as(page + ": the fields of\n" + block + "\nin\n" + answer).containsAll(documented);
                    shapes++;
                }
            }
            assertThat(shapes).as("the docs show an exchange, a list and a thread").isGreaterThanOrEqualTo(3);
        } finally {
            demo.destroy();
            if (!demo.waitFor(60, TimeUnit.SECONDS)) {
                demo.destroyForcibly();
            }
        }
    }
}
