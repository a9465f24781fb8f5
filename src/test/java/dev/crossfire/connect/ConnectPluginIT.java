package dev.crossfire.connect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crossfire.app.KafkaIo;
import dev.crossfire.app.TopicLayout;
import dev.crossfire.avro.Post;
import dev.crossfire.config.Topics;
import dev.crossfire.embedded.EmbeddedKafka;
import dev.crossfire.ingest.live.LiveTestServers;
import dev.crossfire.serde.AvroSerde;
import dev.crossfire.serde.HttpSchemaRegistryClient;
import dev.crossfire.serde.InMemorySchemaRegistry;
import dev.crossfire.serde.RegistryHttpServer;
import dev.crossfire.serde.RegistrySettings;
import java.io.File;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The plugin as an operator installs it: target/crossfire-connect-plugin.zip unzipped on the
 * plugin.path of a standalone worker in a JVM of its own, whose classpath has connect-runtime and its
 * dependencies but none of crossfire, Avro, jsoup or Micrometer. The connector must load from the
 * plugin alone and write decodable posts from a recorded Jetstream.
 */
class ConnectPluginIT {

    private static final long START_US = 1_716_422_400_000_000L;

    @TempDir
    Path dir;

    @Test
    void theUnzippedPluginRunsInAWorkerThatHasNoneOfItsJars() throws Exception {
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        unzip(Path.of("target/crossfire-connect-plugin.zip"), plugins);
        List<String> events = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            events.add(LiveTestServers.post("did:plc:plugin000000000000000000", "p" + i, START_US + i * 1_000_000L, "post " + i));
        }
        try (EmbeddedKafka kafka = EmbeddedKafka.start(dir.resolve("kafka"));
             RegistryHttpServer registry = RegistryHttpServer.start(new InMemorySchemaRegistry());
             LiveTestServers.Jetstream jetstream = LiveTestServers.jetstream(events, Map.of())) {
            Topics topics = Topics.defaults();
            kafka.createTopics(TopicLayout.specs(topics, 1));
            Path worker = Files.writeString(dir.resolve("worker.properties"), String.join("\n",
                "bootstrap.servers=" + kafka.bootstrapServers(),
                "key.converter=org.apache.kafka.connect.converters.ByteArrayConverter",
                "value.converter=org.apache.kafka.connect.converters.ByteArrayConverter",
                "offset.storage.file.filename=" + dir.resolve("offsets"),
                "listeners=http://127.0.0.1:" + freePort(),
                "plugin.path=" + plugins));
            Path connector = Files.writeString(dir.resolve("connector.properties"), String.join("\n",
                "name=crossfire-plugin", "connector.class=dev.crossfire.connect.LiveSourceConnector", "tasks.max=1",
                "source.network=bluesky-jetstream", "source.url=" + jetstream.uri(), "schema.registry.url=" + registry.url()));
            Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-cp", workerClasspath(), "org.apache.kafka.connect.cli.ConnectStandalone", worker.toString(), connector.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("worker.log").toFile()).start();
            try {
                AvroSerde<Post> serde = new AvroSerde<>(new HttpSchemaRegistryClient(RegistrySettings.forUrl(registry.url())),
                    Post.getClassSchema());
                List<String> ids = new ArrayList<>();
                long deadline = System.nanoTime() + Duration.ofSeconds(45).toNanos();
                while (ids.size() < events.size() && System.nanoTime() < deadline && process.isAlive()) {
                    Thread.sleep(500);
                    List<String> read = new ArrayList<>();
                    KafkaIo.readAll(kafka.bootstrapServers(), topics.posts(), Duration.ofSeconds(10),
                        r -> read.add(serde.deserialize(topics.posts(), r.value()).getId()));
                    ids = read;
                }
                assertThat(ids).as(Files.readString(dir.resolve("worker.log"))).hasSize(events.size())
                    .allMatch(id -> id.startsWith("bluesky:at://did:plc:plugin"));
            } finally {
                process.destroy();
                process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
                process.destroyForcibly();
            }
        }
    }

    /** This JVM's classpath less crossfire's classes (or jar) and every jar the plugin ships. */
    private static String workerClasspath() {
        String built = Path.of("target").toAbsolutePath().toString(); // classes or the jar, as failsafe gives them
        List<String> shipped = List.of(built, "/avro-", "/jsoup-", "/micrometer-", "/HdrHistogram-",
            "/LatencyUtils-", "/commons-compress-");
        return java.util.Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
            .filter(entry -> shipped.stream().noneMatch(entry::contains))
            .collect(Collectors.joining(File.pathSeparator));
    }

    private static void unzip(Path zip, Path into) throws Exception {
        try (ZipFile z = new ZipFile(zip.toFile())) {
            for (var e : java.util.Collections.list(z.entries())) {
                Path out = into.resolve(e.getName()).normalize();
                assertThat(out.startsWith(into)).as(e.getName()).isTrue();
                if (e.isDirectory()) {
                    Files.createDirectories(out);
                } else {
                    Files.createDirectories(out.getParent());
                    try (var in = z.getInputStream(e)) {
                        Files.copy(in, out);
                    }
                }
            }
        }
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
