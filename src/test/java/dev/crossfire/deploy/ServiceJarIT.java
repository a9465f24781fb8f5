package dev.crossfire.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crossfire.app.TopicLayout;
import dev.crossfire.config.Topics;
import dev.crossfire.embedded.EmbeddedKafka;
import dev.crossfire.serde.InMemorySchemaRegistry;
import dev.crossfire.serde.RegistryHttpServer;
import dev.crossfire.testing.ChildProcess;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * crossfire-service.jar, the jar the image runs: no broker inside, and everything a production
 * deployment does with it works from it alone, in JVMs of its own against a real broker: load the
 * figures, run, replay posts, tail the alerts, reset.
 */
class ServiceJarIT {

    private static final Path SERVICE_JAR = Path.of("target/crossfire-service.jar");
    private static final Path FULL_JAR = Path.of("target/crossfire.jar");

    @TempDir
    Path dir;

    @Test
    void carriesNoBrokerNorOtherPlatformsLibraries() throws Exception {
        List<String> names = new ArrayList<>();
        try (ZipFile jar = new ZipFile(SERVICE_JAR.toFile())) {
            jar.stream().map(ZipEntry::getName).forEach(names::add);
        }
        assertThat(names).as("the broker, its test kit and Scala")
            .noneMatch(n -> n.startsWith("kafka/server/") || n.startsWith("kafka/log/") || n.startsWith("scala/")
                || n.startsWith("org/apache/kafka/common/test/") || n.startsWith("org/apache/kafka/raft/")
                || n.startsWith("org/apache/kafka/controller/"));
        assertThat(names).as("what the service runs").contains("dev/crossfire/cli/CrossfireCommand.class",
            "org/apache/kafka/streams/KafkaStreams.class", "org/apache/kafka/tools/StreamsResetter.class", "librocksdbjni-linux64.so",
            "librocksdbjni-linux-aarch64.so", "META-INF/LICENSE", "META-INF/NOTICE");
        assertThat(names).as("native libraries of platforms the image does not run on")
            .noneMatch(n -> n.endsWith(".dll") || n.endsWith(".jnilib") || n.endsWith(".dylib") || n.endsWith("-musl.so"));
        long service = Files.size(SERVICE_JAR);
        long full = Files.size(FULL_JAR);
        System.out.printf("crossfire-service.jar %,d bytes; crossfire.jar %,d bytes%n", service, full);
        assertThat(service).as("the service jar is at most a third of the full one").isLessThan(full / 3);
    }

    @Test
    void runsTheServiceAndItsToolsAloneAndSaysWhyItHasNoDemo() throws Exception {
        Cmd demo = cmd("demo");
        assertThat(demo.exit).as(demo.out).isEqualTo(1);
        assertThat(demo.out).contains("this jar has no embedded Kafka broker").doesNotContain("NoClassDefFoundError");

        try (EmbeddedKafka kafka = EmbeddedKafka.start(dir.resolve("kafka"));
             RegistryHttpServer registry = RegistryHttpServer.start(new InMemorySchemaRegistry())) {
            kafka.createTopics(TopicLayout.specs(Topics.defaults(), 2));
            String[] cluster = {"--bootstrap-servers", kafka.bootstrapServers(), "--schema-registry-url", registry.url()};
            Cmd figures = cmd(concat(new String[] {"figures", "load", "src/main/resources/demo/figures.yaml"}, cluster));
            assertThat(figures.exit).as(figures.out).isZero();

            Path config = dir.resolve("crossfire.properties");
            Files.write(config, List.of("bootstrap.servers=" + kafka.bootstrapServers(), "schema.registry.url=" + registry.url(),
                "state.dir=" + dir.resolve("state"), "application.id=crossfire-service-jar", "crossfire.http.port=0",
                "replication.factor=1", "crossfire.end-of-input.accept=true", "commit.interval.ms=200"));
            Path log = dir.resolve("run.log");
            Process run = java("run", "--config", config.toString()).redirectOutput(log.toFile()).start();
            try {
                ChildProcess.awaitLog(log, "crossfire running", 1, Duration.ofSeconds(120), run);
                Cmd replay = cmd(concat(new String[] {"replay", "--posts", "src/main/resources/demo/posts.jsonl", "--end-of-input"}, cluster));
                assertThat(replay.exit).as(replay.out).isZero();
                Cmd tail = cmd(concat(new String[] {"alerts", "tail", "--from-beginning", "--json", "--max", "2", "--timeout", "90s"}, cluster));
                assertThat(tail.exit).as(tail.out + Files.readString(log)).isZero();
                List<String> levels = new ArrayList<>();
                for (String line : tail.out.lines().filter(l -> l.startsWith("{")).toList()) {
                    JsonNode alert = new ObjectMapper().readTree(line);
                    assertThat(alert.path("exchangeId").asText()).startsWith("donald-trump|jeff-sessions|");
                    levels.add(alert.path("level").asText());
                }
                assertThat(levels).containsExactly("NOTICE", "ESCALATING");
            } finally {
                ChildProcess.stop(run, Duration.ofSeconds(60));
            }
            assertThat(Files.readString(log)).doesNotContain("NoClassDefFoundError", "ClassNotFoundException");
            // Kafka's own reset tool runs from the service jar (it needs server-common, not the broker)
            Cmd reset = cmd("reset", "--config", config.toString());
            assertThat(reset.exit).as(reset.out).isZero();
            assertThat(dir.resolve("state").resolve("crossfire-service-jar")).doesNotExist();
        }
    }

    @Test
    void saysWhenNoBrokerAnswersInAFewLinesNotAFlood() throws Exception {
        Cmd tail = cmd("alerts", "tail", "--bootstrap-servers", "127.0.0.1:1", "--schema-registry-url", "http://127.0.0.1:2");
        assertThat(tail.exit).isEqualTo(1);
        long warnings = tail.out.lines().filter(l -> l.contains("Connection to node -1 (/127.0.0.1:1) could not be established. Node may not be available.")).count();
        // the client reconnects after 50 ms, doubling to 1 s: about 13 tries in 10 s, each a line without the burst limit
        assertThat(warnings).as(tail.out).isBetween(1L, 5L);
        assertThat(tail.out.strip().lines().reduce((a, b) -> b).orElse("")).startsWith("crossfire: cannot reach Kafka at 127.0.0.1:1");
    }

    private record Cmd(int exit, String out) {
    }

    private Cmd cmd(String... args) throws Exception {
        Process p = java(args).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(180, TimeUnit.SECONDS)).as(out).isTrue();
        return new Cmd(p.exitValue(), out);
    }

    private ProcessBuilder java(String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
            "-Djava.io.tmpdir=" + dir, "-jar", SERVICE_JAR.toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().keySet().removeIf(k -> k.startsWith("CROSSFIRE_"));
        return pb;
    }

    private static String[] concat(String[] a, String[] b) {
        String[] all = new String[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
