package dev.crossfire.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crossfire.app.Cluster;
import dev.crossfire.app.IdleWatch;
import dev.crossfire.app.KafkaIo;
import dev.crossfire.app.Replay;
import dev.crossfire.app.ReplayPace;
import dev.crossfire.app.Service;
import dev.crossfire.avro.ExchangeAlert;
import dev.crossfire.avro.LinkStatus;
import dev.crossfire.avro.ThreadedPost;
import dev.crossfire.config.ServiceConfig;
import dev.crossfire.embedded.EmbeddedKafka;
import dev.crossfire.figure.FigureFile;
import dev.crossfire.serde.InMemorySchemaRegistry;
import dev.crossfire.serde.RegistryHttpServer;
import dev.crossfire.app.AlertJson;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The input that showed crossfire giving a different answer on every run (see
 * {@code src/test/resources/sparse-replay/README.md}): weeks of sparse reply chains, every parent
 * present. {@code detect} must give byte-identical alerts on every run and no orphan, and {@code run}
 * fed by {@code replay} at full speed the same alerts.
 */
class SparseReplayIT {

    @TempDir
    Path dir;

    @Test
    void detectGivesByteIdenticalAlertsAndNoOrphanOnEveryRun() throws Exception {
        assertDetectIsStable("seed7", 3, 59);
        assertDetectIsStable("seed23", 2, 30);
    }

    private void assertDetectIsStable(String seed, int runs, int threads) throws Exception {
        Path posts = copy(seed, "posts.jsonl");
        Path figures = copy(seed, "figures.yaml");
        List<String> outputs = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            Path alerts = dir.resolve(seed + "-alerts-" + i + ".jsonl");
            CliRun run = CliRun.of("detect", "--posts", posts.toString(), "--figures", figures.toString(), "--alerts", alerts.toString());
            assertThat(run.exit()).as(run.err()).isZero();
            assertThat(run.err()).contains("threads " + threads + " (orphans 0)");
            outputs.add(Files.readString(alerts));
        }
        assertThat(outputs.get(0)).isNotBlank();
        assertThat(outputs).as("alerts of %d runs of %s", runs, seed).containsOnly(outputs.get(0));
    }

    @Test
    void runFedByReplayAtFullSpeedGivesDetectsAlertsAndNoOrphan() throws Exception {
        Path posts = copy("seed7", "posts.jsonl");
        Path figures = copy("seed7", "figures.yaml");
        Path detected = dir.resolve("detected.jsonl");
        CliRun detect = CliRun.of("detect", "--posts", posts.toString(), "--figures", figures.toString(), "--alerts", detected.toString());
        assertThat(detect.exit()).as(detect.err()).isZero();
        List<String> expected = Files.readAllLines(detected).stream().sorted().toList();

        try (EmbeddedKafka kafka = EmbeddedKafka.start(dir.resolve("kafka"));
             RegistryHttpServer registry = RegistryHttpServer.start(new InMemorySchemaRegistry())) {
            Map<String, String> c = new HashMap<>(Map.of("bootstrap.servers", kafka.bootstrapServers(), "schema.registry.url", registry.url(),
                "state.dir", dir.resolve("state").toString(), "replication.factor", "1", "crossfire.http.port", "-1",
                "crossfire.topics.create", "true", "crossfire.topics.partitions", "4", "crossfire.topics.replication-factor", "1",
                "crossfire.end-of-input.accept", "true"));
            ServiceConfig config = ServiceConfig.of(c);
            Cluster cluster = Cluster.of(config);
            try (Service service = Service.start(config)) {
                KafkaIo.loadFigures(kafka.bootstrapServers(), cluster.topics().figures(), FigureFile.read(figures), cluster.serdes());
                try (java.io.InputStream in = Files.newInputStream(posts)) {
                    Replay.run(cluster, in, -1, ReplayPace.fullSpeed(), System.err, false, true);
                }
                try (Admin admin = Admin.create(cluster.admin())) {
                    new IdleWatch(admin, config.applicationId(), Set.copyOf(cluster.topics().inputs())).awaitIdle(Duration.ofMinutes(2));
                }
            }
            List<ThreadedPost> threads = new ArrayList<>();
            KafkaIo.readAll(kafka.bootstrapServers(), cluster.topics().threads(), Duration.ofSeconds(30),
                r -> threads.add(cluster.serdes().threadedPost.deserialize(r.topic(), r.value())));
            assertThat(threads).hasSize(518).noneMatch(t -> t.getStatus() == LinkStatus.ORPHAN);
            List<String> alerts = new ArrayList<>();
            KafkaIo.readAll(kafka.bootstrapServers(), cluster.topics().alerts(), Duration.ofSeconds(30),
                r -> alerts.add(AlertJson.line(cluster.serdes().alert.deserialize(r.topic(), r.value()))));
            assertThat(alerts.stream().sorted().toList()).isEqualTo(expected);
        }
    }

    private Path copy(String seed, String name) throws Exception {
        Path to = dir.resolve(seed + "-" + name);
        try (InputStream in = SparseReplayIT.class.getResourceAsStream("/sparse-replay/" + seed + "/" + name)) {
            Files.copy(in, to);
        }
        return to;
    }
}
