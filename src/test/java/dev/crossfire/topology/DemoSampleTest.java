package dev.crossfire.topology;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crossfire.app.AlertText;
import dev.crossfire.app.PostLines;
import dev.crossfire.avro.EscalationLevel;
import dev.crossfire.avro.ExchangeAlert;
import dev.crossfire.figure.FigureFile;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The bundled demo sample through the topology: what the demo promises an editor. */
class DemoSampleTest {

    @Test
    void onlyTheTrumpSessionsExchangeEscalatesInTheSample() throws Exception {
        try (TopologyFixture t = new TopologyFixture()) {
            try (InputStream in = getClass().getResourceAsStream("/demo/figures.yaml")) {
                FigureFile.read(in, "demo").forEach(f -> t.figure(FigureRecords.toRecord(f)));
            }
            List<PostLines.Line> lines;
            try (InputStream r = getClass().getResourceAsStream("/demo/posts.jsonl")) {
                lines = PostLines.read(r);
            }
            Instant last = Instant.EPOCH;
            for (PostLines.Line line : lines) {
                t.sendRaw(line.key().getBytes(StandardCharsets.UTF_8), line.value());
                if (line.createdAt() != null && line.createdAt().isAfter(last)) {
                    last = line.createdAt();
                }
            }
            t.endOfInput();
            List<ExchangeAlert> alerts = t.alerts();
            alerts.forEach(a -> System.out.println(AlertText.render(a)));

            assertThat(t.rejected.isEmpty()).isTrue();
            assertThat(alerts).filteredOn(a -> a.getLevel().ordinal() >= EscalationLevel.ESCALATING.ordinal())
                .isNotEmpty()
                .allSatisfy(a -> assertThat(a.getExchangeId()).startsWith("donald-trump|jeff-sessions|"));
            assertThat(alerts).allSatisfy(a -> assertThat(a.getFigures()).extracting(f -> f.getId())
                .containsAnyOf("donald-trump", "jeff-sessions"));
        }
    }
}
