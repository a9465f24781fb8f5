package dev.crossfire.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crossfire.avro.ExchangeAlert;
import dev.crossfire.config.CrossfireSettings;
import dev.crossfire.config.Topics;
import dev.crossfire.embedded.EmbeddedKafka;
import dev.crossfire.figure.Figure;
import dev.crossfire.figure.FigureFile;
import dev.crossfire.registry.ApicurioRegistry;
import dev.crossfire.serde.AvroSerde;
import dev.crossfire.serde.HttpSchemaRegistryClient;
import dev.crossfire.serde.RegistrySettings;
import dev.crossfire.topology.FigureRecords;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.StringReader;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.kafka.common.utils.Utils;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.Objects;
import java.time.Instant;
import dev.crossfire.topology.EndOfInput;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exactly-once: {@code run} in its own JVM is killed (SIGKILL, no clean close) in the middle of the
 * demo sample and started again; a read_committed consumer then sees each alert exactly once, and
 * the same alerts as a clean run of the same input.
 */
class ExactlyOnceKillIT {

    @RegisterExtension
    static final ApicurioRegistry REGISTRY = ApicurioRegistry.start();

    @TempDir
    Path dir;

    /** The two instances' output, kept after the test for diagnosis. */
    private static final Path LOGS = Path.of("target", "exactly-once-it");

    @Test
    void aKilledAndRestartedInstanceEmitsEachAlertExactlyOnce() throws Exception {
        List<Figure> figures;
        try (InputStream in = getClass().getResourceAsStream("/demo/figures.yaml")) {
            figures = FigureFile.read(in, "demo");
        }
        List<PostLines.Line> lines = PostLines.read(new BufferedReader(new StringReader(feuds(figures, 20))));
        List<ExchangeAlert> clean = FileRun.run(figures, lines, CrossfireSettings.defaults(), FileRun.Options.embedded(), null).alerts();
        List<String> cleanIds = clean.stream().map(ExchangeAlert::getAlertId).sorted().toList();
        assertThat(cleanIds).hasSizeGreaterThanOrEqualTo(20);
        System.out.println("exactly-once: the clean run raised " + cleanIds.size() + " alerts over " + lines.size() + " posts");

        Files.createDirectories(LOGS);
        try (EmbeddedKafka kafka = EmbeddedKafka.start(dir.resolve("kafka"))) {
            Topics topics = Topics.defaults();
            kafka.createTopics(TopicLayout.specs(topics, 4));
            Path config = dir.resolve("crossfire.properties");
            Files.writeString(config, String.join("\n", "bootstrap.servers=" + kafka.bootstrapServers(), "schema.registry.url=" + REGISTRY.url(),
                "state.dir=" + dir.resolve("state"), "crossfire.http.port=0", "replication.factor=1", "commit.interval.ms=200",
                "session.timeout.ms=10000", ""));
            HttpSchemaRegistryClient registry = new HttpSchemaRegistryClient(RegistrySettings.forUrl(REGISTRY.url()));
            AvroSerde<dev.crossfire.avro.PublicFigure> figureSerde = new AvroSerde<>(registry, dev.crossfire.avro.PublicFigure.getClassSchema());
            Properties p = new Properties();
            p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
            try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
                for (Figure f : figures) {
                    producer.send(new ProducerRecord<>(topics.figures(), f.id().getBytes(StandardCharsets.UTF_8),
                        figureSerde.serialize(topics.figures(), FigureRecords.toRecord(f))));
                }
                Process first = launch(config, LOGS.resolve("first.log"));
                try {
                    awaitGroup(kafka.bootstrapServers(), Duration.ofSeconds(90), first, LOGS.resolve("first.log"));
                    int half = lines.size() / 2;
                    send(producer, topics.posts(), lines.subList(0, half));
                    // killed as soon as its first alerts are committed: mid-stream, with work in open transactions
                    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
                    while (committedAlerts(kafka.bootstrapServers(), topics.alerts()).isEmpty() && System.nanoTime() < deadline) {
                        Thread.sleep(100);
                    }
                } finally {
                    first.destroyForcibly().waitFor();
                }
                List<String> killedIds = committedAlerts(kafka.bootstrapServers(), topics.alerts());
                int atKill = killedIds.size();
                System.out.println("exactly-once: " + atKill + " alerts committed when the instance was killed");
                assertThat(atKill).isPositive().isLessThan(cleanIds.size());
                long restarted = System.nanoTime();
                Process second = launch(config, LOGS.resolve("second.log"));
                try {
                    send(producer, topics.posts(), lines.subList(lines.size() / 2, lines.size()));
                    // the killed instance's open transactions pin the last stable offsets until the restarted one, with the
                    // same transactional id, fences them: only then do committed offsets and read_committed ends mean anything
                    awaitLog(LOGS.resolve("second.log"), "crossfire running", Duration.ofSeconds(120), second);
                    System.out.println("exactly-once: the restarted JVM was RUNNING " + (System.nanoTime() - restarted) / 1_000_000
                        + " ms after launch (its tasks, corrupted by the kill, restored from the changelogs)");
                    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
                        IdleWatch idle = new IdleWatch(admin, "crossfire", Set.of(topics.posts(), topics.threadSignals()));
                        idle.awaitIdle(Duration.ofSeconds(120));
                        // the end of input, as detect marks it for the clean run: the thread buffers let go of what waits
                        Instant lastEvent = lines.stream().map(PostLines.Line::createdAt).filter(Objects::nonNull)
                            .max(Instant::compareTo).orElseThrow();
                        for (Instant at : EndOfInput.flushTimes(lastEvent, CrossfireSettings.defaults())) {
                            KafkaIo.flush(producer, topics.posts(), 4, at);
                            idle.awaitIdle(Duration.ofSeconds(120));
                        }
                    }
                    AvroSerde<ExchangeAlert> alerts = new AvroSerde<>(new HttpSchemaRegistryClient(RegistrySettings.forUrl(REGISTRY.url())),
                        ExchangeAlert.getClassSchema());
                    List<String> seen = new ArrayList<>();
                    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                    while (seen.size() < cleanIds.size() && System.nanoTime() < deadline) {
                        seen.clear();
                        KafkaIo.readAll(kafka.bootstrapServers(), topics.alerts(), Duration.ofSeconds(30),
                            r -> seen.add(alerts.deserialize(r.topic(), r.value()).getAlertId()));
                        Thread.sleep(500);
                    }
                    Thread.sleep(2_000); // a duplicate would come after the first copy: look once more
                    seen.clear();
                    KafkaIo.readAll(kafka.bootstrapServers(), topics.alerts(), Duration.ofSeconds(30),
                        r -> seen.add(alerts.deserialize(r.topic(), r.value()).getAlertId()));
                    assertThat(seen).doesNotHaveDuplicates();
                    clean.stream().filter(a -> !seen.contains(a.getAlertId()))
                        .forEach(a -> System.out.println("exactly-once: missing " + a.getExchangeId() + " " + a.getLevel()));
                    assertThat(seen.stream().sorted().toList()).isEqualTo(cleanIds);
                } finally {
                    second.destroy();
                    second.waitFor();
                }
            }
        }
    }

    /**
     * {@code count} feuds between pairs of the demo figures, four hostile turns each (a name, then
     * quotes back and forth), all within a few hours of event time. Every post of one feud has an id
     * that Kafka's default partitioner puts in the same partition (of 4), so its posts are linked by
     * one task in file order whatever the timing: the alerts are then a function of the input alone,
     * and a clean run and a killed one can be compared id for id. Turns go out round-robin across
     * the feuds, so a kill half-way interrupts every one of them.
     */
    private static String feuds(List<Figure> figures, int count) {
        List<Figure> xFigures = figures.stream().filter(f -> f.accounts().stream().anyMatch(a -> a.platform().equals("x"))).toList();
        assertThat(xFigures.size()).isGreaterThanOrEqualTo(2 * count);
        String[] texts = {
            "%s is a disgrace and a total failure. Weak and pathetic!",
            "You are a liar and a coward. Your lies are a DISGRACE! Pathetic!",
            "You are a pathetic, dishonest LOSER and a total DISGRACE! Sad!",
            "Liar! You let us all down. A DISASTER and a coward!"};
        Instant start = Instant.parse("2024-03-01T12:00:00Z");
        long[] next = {1_700_000_000_000_000_000L};
        String[][] ids = new String[count][texts.length];
        for (int feud = 0; feud < count; feud++) {
            for (int turn = 0; turn < texts.length; turn++) {
                ids[feud][turn] = idInPartition(next, feud % 4);
            }
        }
        ObjectMapper json = new ObjectMapper();
        StringBuilder out = new StringBuilder();
        for (int turn = 0; turn < texts.length; turn++) {
            for (int feud = 0; feud < count; feud++) {
                Figure a = xFigures.get(2 * feud);
                Figure b = xFigures.get(2 * feud + 1);
                Figure author = turn % 2 == 0 ? a : b;
                Figure target = turn % 2 == 0 ? b : a;
                ObjectNode post = json.createObjectNode();
                post.put("id", ids[feud][turn]).put("platform", "x");
                post.putObject("author").put("handle", handle(author)).put("name", author.name());
                post.put("createdAt", start.plus(Duration.ofMinutes(3L * feud + 25L * turn)).toString());
                post.put("text", turn == 0 ? String.format(texts[0], target.name()) : texts[turn]);
                if (turn > 0) {
                    post.putObject("quoteOf").put("postId", ids[feud][turn - 1]).put("authorHandle", handle(target));
                }
                post.putObject("metrics").put("likes", 1000L * (turn + 1));
                out.append(post).append('\n');
            }
        }
        return out.toString();
    }

    private static String handle(Figure f) {
        return f.accounts().stream().filter(a -> a.platform().equals("x")).findFirst().orElseThrow().handle();
    }

    /** The next post id that the default partitioner places in {@code partition} of 4. */
    private static String idInPartition(long[] next, int partition) {
        while (true) {
            String id = "x:" + next[0]++;
            if (Utils.toPositive(Utils.murmur2(id.getBytes(StandardCharsets.UTF_8))) % 4 == partition) {
                return id;
            }
        }
    }

    private static List<String> committedAlerts(String bootstrap, String topic) {
        AvroSerde<ExchangeAlert> alerts = new AvroSerde<>(new HttpSchemaRegistryClient(RegistrySettings.forUrl(REGISTRY.url())),
            ExchangeAlert.getClassSchema());
        List<String> ids = new ArrayList<>();
        KafkaIo.readAll(bootstrap, topic, Duration.ofSeconds(10), r -> ids.add(alerts.deserialize(r.topic(), r.value()).getAlertId()));
        return ids;
    }

    private static void send(KafkaProducer<byte[], byte[]> producer, String topic, List<PostLines.Line> lines) {
        for (PostLines.Line line : lines) {
            producer.send(new ProducerRecord<>(topic, line.key().getBytes(StandardCharsets.UTF_8), line.value()));
        }
        producer.flush();
    }

    private Process launch(Path config, Path log) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-Xmx512m", "-Dorg.apache.avro.SERIALIZABLE_PACKAGES=dev.crossfire.avro",
            "-cp", System.getProperty("java.class.path"), "dev.crossfire.cli.CrossfireCommand", "run", "--config", config.toString())
            .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    private static void awaitLog(Path log, String text, Duration timeout, Process process) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.exists(log) && Files.readString(log).contains(text)) {
                return;
            }
            if (!process.isAlive()) {
                throw new AssertionError("run exited: " + Files.readString(log));
            }
            Thread.sleep(300);
        }
        throw new AssertionError("'" + text + "' not logged within " + timeout.toSeconds() + " s: " + Files.readString(log));
    }

    private static void awaitGroup(String bootstrap, Duration timeout, Process process, Path log) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    throw new AssertionError("run exited early: " + Files.readString(log));
                }
                try {
                    var groups = admin.describeConsumerGroups(List.of("crossfire")).all().get();
                    if (!groups.get("crossfire").members().isEmpty()) {
                        return;
                    }
                } catch (java.util.concurrent.ExecutionException e) {
                    // the group appears once the instance joins
                }
                Thread.sleep(300);
            }
        }
        throw new AssertionError("run did not start: " + Files.readString(log));
    }
}
