package dev.crossfire.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shaded jar's log lines: dated in plain text by default, one JSON object each with
 * CROSSFIRE_LOG_FORMAT=json (the layout's plugin must survive shading).
 */
class JarLogFormatIT {

    @TempDir
    Path dir;

    private List<String> logLines(String format) throws Exception {
        Path posts = Files.writeString(dir.resolve("posts.jsonl"),
            "{\"id\":\"x:1\",\"platform\":\"x\",\"author\":{\"handle\":\"a\"},\"createdAt\":\"2024-03-01T12:00:00Z\",\"text\":\"hello\"}\n");
        Path figures = Files.writeString(dir.resolve("figures.yaml"), "figures: []\n");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-Xmx512m", "-Djava.io.tmpdir=" + dir, "-jar", "target/crossfire.jar", "detect", "--posts",
            posts.toString(), "--figures", figures.toString(), "--alerts", dir.resolve("alerts-" + format + ".jsonl").toString());
        if (format != null) {
            pb.environment().put("CROSSFIRE_LOG_FORMAT", format);
        } else {
            pb.environment().remove("CROSSFIRE_LOG_FORMAT");
        }
        Process p = pb.redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out.lines().filter(l -> l.contains("dev.crossfire") || l.contains("d.c.")).toList();
    }

    @Test
    void plainLinesAreDatedAndJsonLinesParse() throws Exception {
        List<String> plain = logLines(null);
        assertThat(plain).isNotEmpty().allMatch(l -> l.matches("^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}.*"));
        List<String> json = logLines("json");
        assertThat(json).isNotEmpty();
        for (String line : json) {
            JsonNode n = new ObjectMapper().readTree(line);
            assertThat(n.path("@timestamp").asText()).isNotEmpty();
            assertThat(n.path("log.level").asText()).isNotEmpty();
            assertThat(n.path("message").asText()).isNotEmpty();
        }
    }
}
