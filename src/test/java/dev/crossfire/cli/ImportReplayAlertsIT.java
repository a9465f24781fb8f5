package dev.crossfire.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crossfire.app.Service;
import dev.crossfire.app.TopicLayout;
import dev.crossfire.config.ServiceConfig;
import dev.crossfire.config.Topics;
import dev.crossfire.embedded.EmbeddedKafka;
import dev.crossfire.serde.InMemorySchemaRegistry;
import dev.crossfire.serde.RegistryHttpServer;
import dev.crossfire.serde.RegistrySettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 6 end to end: an archive in X API v1.1 form is imported, its registry and posts are loaded
 * and replayed into a running crossfire on a real broker, and alerts tail prints the seed exchange's
 * alerts. Every step is the command a newsroom would type.
 */
class ImportReplayAlertsIT {

    @TempDir
    Path dir;

    @Test
    void anXv1ArchiveImportsReplaysAndRaisesTheSeedAlerts() throws Exception {
        Path archive = dir.resolve("archive.jsonl");
        try (var in = getClass().getResourceAsStream("/ingest/x-v1/seed-archive.jsonl")) {
            Files.copy(in, archive);
        }
        Path posts = dir.resolve("posts.jsonl");
        CliRun imported = CliRun.of("import", "--from", "x-v1", archive.toString(), posts.toString());
        assertThat(imported.exit()).as(imported.err()).isZero();
        assertThat(imported.err()).contains("347 lines, 364 posts written", "0 lines rejected");

        // a line that is not UTF-8 at the end: reported, sent as it is, kept byte for byte on the dead-letter topic
        byte[] notUtf8 = "{\"id\": \"x:1\", \"text\": \"se\u00f1or\"}".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        Files.write(posts, notUtf8, java.nio.file.StandardOpenOption.APPEND);

        try (EmbeddedKafka kafka = EmbeddedKafka.start(dir.resolve("kafka"));
             RegistryHttpServer registry = RegistryHttpServer.start(new InMemorySchemaRegistry())) {
            kafka.createTopics(TopicLayout.specs(Topics.defaults(), 2));
            String[] cluster = {"--bootstrap-servers", kafka.bootstrapServers(), "--schema-registry-url", registry.url()};

            CliRun loaded = CliRun.of(concat(new String[] {"figures", "load", "src/main/resources/demo/figures.yaml"}, cluster));
            assertThat(loaded.exit()).as(loaded.err()).isZero();
            assertThat(loaded.err()).contains("42 added, 0 changed, 0 removed, 0 unchanged");

            ServiceConfig config = ServiceConfig.of(Map.of("bootstrap.servers", kafka.bootstrapServers(), RegistrySettings.URL, registry.url(),
                "state.dir", dir.resolve("state").toString(), "application.id", "crossfire-e2e", "crossfire.http.port", "-1"));
            try (Service service = Service.start(config)) {
                CliRun replayed = CliRun.of(concat(new String[] {"replay", "--posts", posts.toString(), "--end-of-input"}, cluster));
                assertThat(replayed.exit()).as(replayed.err()).isEqualTo(ExitCodes.PARTIAL);
                assertThat(replayed.err()).contains("365 records sent to crossfire.posts", "1 invalid lines",
                    "line 365: NOT_UTF8: not UTF-8: byte 0xF1 at column 26");

                CliRun tail = CliRun.of(concat(new String[] {"alerts", "tail", "--from-beginning", "--json", "--max", "2", "--timeout", "PT90S"}, cluster));
                assertThat(tail.exit()).as(tail.err()).isZero();
                List<JsonNode> alerts = new ArrayList<>();
                for (String line : tail.out().strip().split("\n")) {
                    alerts.add(new ObjectMapper().readTree(line));
                }
                assertThat(alerts).extracting(a -> a.path("exchangeId").asText())
                    .containsOnly("donald-trump|jeff-sessions|2020-05-22T23:10:41Z");
                assertThat(alerts).extracting(a -> a.path("level").asText()).containsExactly("NOTICE", "ESCALATING");
                assertThat(alerts.get(1).path("turns")).extracting(t -> t.path("postId").asText())
                    .contains("x:1263970567838932993"); // Trump names Sessions: the turn that opened it

                CliRun readable = CliRun.of(concat(new String[] {"alerts", "tail", "--from-beginning", "--max", "1", "--color", "always", "--timeout", "PT30S"}, cluster));
                assertThat(readable.out()).contains("\033[33mNOTICE\033[0m", "Donald J. Trump", "Jeff Sessions", "why:");

                List<byte[]> deadLetters = new ArrayList<>();
                dev.crossfire.app.KafkaIo.readAll(kafka.bootstrapServers(), Topics.defaults().rejected(), java.time.Duration.ofSeconds(30),
                    r -> deadLetters.add(r.value()));
                assertThat(deadLetters).anySatisfy(v -> assertThat(v).isEqualTo(notUtf8));
            }

            // the registry file again without one figure: that figure is removed with a tombstone, the rest left alone
            String registryText = Files.readString(Path.of("src/main/resources/demo/figures.yaml"));
            int doug = registryText.indexOf("\n# bioguide J000300");
            int next = registryText.indexOf("\n#", doug + 1);
            Path smaller = Files.writeString(dir.resolve("figures.yaml"), registryText.substring(0, doug) + registryText.substring(next));
            CliRun reloaded = CliRun.of(concat(new String[] {"figures", "load", smaller.toString()}, cluster));
            assertThat(reloaded.out()).contains("- doug-jones");
            assertThat(reloaded.err()).contains("0 added, 0 changed, 1 removed, 41 unchanged");
        }
    }

    private static String[] concat(String[] a, String[] b) {
        String[] all = new String[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
