package dev.crossfire.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.crossfire.avro.ExchangeAlert;
import dev.crossfire.avro.Post;
import dev.crossfire.avro.PublicFigure;
import dev.crossfire.post.PostJson;
import dev.crossfire.config.CrossfireSettings;
import dev.crossfire.config.Topics;
import dev.crossfire.figure.Figure;
import dev.crossfire.figure.FigureFile;
import dev.crossfire.serde.AvroSerde;
import dev.crossfire.testing.ChildProcess;
import dev.crossfire.serde.HttpSchemaRegistryClient;
import dev.crossfire.serde.RegistrySettings;
import dev.crossfire.topology.EndOfInput;
import dev.crossfire.topology.FigureRecords;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.utils.Utils;

/**
 * What the fault tests share: an input whose alerts are a function of the input alone, crossfire
 * {@code run} in JVMs of their own, and the read-committed view of the alerts topic.
 */
final class FaultRig {

    static final Topics TOPICS = Topics.defaults();
    static final int PARTITIONS = 4;

    final List<Figure> figures;
    final List<PostLines.Line> lines;
    private final String registryUrl;
    private final Path logs;

    FaultRig(String registryUrl, Path logs, int feuds) throws Exception {
        this.registryUrl = registryUrl;
        this.logs = logs;
        try (InputStream in = FaultRig.class.getResourceAsStream("/demo/figures.yaml")) {
            figures = FigureFile.read(in, "demo");
        }
        lines = PostLines.read(new java.io.ByteArrayInputStream((feuds(figures, feuds)).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        Files.createDirectories(logs);
    }

    /** The alerts of a run without faults (the embedded broker, the file runner), sorted by id. */
    List<String> cleanAlertIds() throws Exception {
        List<ExchangeAlert> clean = FileRun.run(figures, lines, CrossfireSettings.defaults(), FileRun.Options.embedded(), null).alerts();
        return clean.stream().map(ExchangeAlert::getAlertId).sorted().toList();
    }

    /** A {@code run} configuration file for one instance. */
    Path config(Path dir, String bootstrap, String registry, String instance, String... extra) throws Exception {
        Path config = dir.resolve(instance + ".properties");
        List<String> lines = new ArrayList<>(List.of("bootstrap.servers=" + bootstrap, "schema.registry.url=" + registry,
            "state.dir=" + dir.resolve("state-" + instance), "crossfire.http.port=0", "replication.factor=1", "crossfire.end-of-input.accept=true",
            "commit.interval.ms=200", "session.timeout.ms=10000"));
        lines.addAll(List.of(extra));
        Files.write(config, lines);
        return config;
    }

    KafkaProducer<byte[], byte[]> producer(String bootstrap) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 120_000);
        return new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
    }

    void publishFigures(KafkaProducer<byte[], byte[]> producer) {
        AvroSerde<PublicFigure> serde = new AvroSerde<>(registry(), PublicFigure.getClassSchema());
        for (Figure f : figures) {
            producer.send(new ProducerRecord<>(TOPICS.figures(), f.id().getBytes(StandardCharsets.UTF_8),
                serde.serialize(TOPICS.figures(), FigureRecords.toRecord(f))));
        }
        producer.flush();
    }

    /** The posts as production sends them: Avro through the registry, keyed by id, stamped with createdAt. */
    void send(KafkaProducer<byte[], byte[]> producer, List<PostLines.Line> batch) throws Exception {
        AvroSerde<Post> serde = new AvroSerde<>(registry(), Post.getClassSchema());
        for (PostLines.Line line : batch) {
            Post post = PostJson.parse(line.value());
            producer.send(new ProducerRecord<>(TOPICS.posts(), null, post.getCreatedAt().toEpochMilli(),
                line.key().getBytes(StandardCharsets.UTF_8), serde.serialize(TOPICS.posts(), post)));
        }
        producer.flush();
    }

    List<PostLines.Line> firstHalf() {
        return lines.subList(0, lines.size() / 2);
    }

    List<PostLines.Line> secondHalf() {
        return lines.subList(lines.size() / 2, lines.size());
    }

    Process launch(Path config, String name) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-Xmx512m", "-Dorg.apache.avro.SERIALIZABLE_PACKAGES=dev.crossfire.avro",
            "-cp", System.getProperty("java.class.path"), "dev.crossfire.cli.CrossfireCommand", "run", "--config", config.toString())
            .redirectErrorStream(true).redirectOutput(log(name).toFile()).start();
    }

    Path log(String name) {
        return logs.resolve(name + ".log");
    }

    void awaitLog(String name, String text, Duration timeout, Process process) throws Exception {
        awaitLog(name, text, 1, timeout, process);
    }

    /** Waits until {@code name}'s log holds {@code text} at least {@code times} times. */
    void awaitLog(String name, String text, int times, Duration timeout, Process process) throws Exception {
        ChildProcess.awaitLog(log(name), text, times, timeout, process);
    }

    /** Waits until the group has {@code members} members and is not rebalancing; returns the ms it took. */
    long awaitStableGroup(String bootstrap, int members, Duration timeout) throws Exception {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        try (Admin admin = admin(bootstrap)) {
            while (System.nanoTime() < deadline) {
                try {
                    ConsumerGroupDescription group = admin.describeConsumerGroups(List.of("crossfire")).all().get().get("crossfire");
                    if (group.members().size() == members && group.groupState() == GroupState.STABLE) {
                        return (System.nanoTime() - start) / 1_000_000;
                    }
                } catch (ExecutionException e) {
                    // the group appears once the first instance joins
                }
                Thread.sleep(200);
            }
        }
        throw new AssertionError("the group did not settle with " + members + " members within " + timeout.toSeconds() + " s");
    }

    /** Waits until at least one alert is committed: the kill then comes mid-stream, with work in open transactions. */
    int awaitFirstAlerts(String bootstrap, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<String> ids = committedAlertIds(bootstrap);
        while (ids.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(100);
            ids = committedAlertIds(bootstrap);
        }
        return ids.size();
    }

    /** Everything processed, then the end of input detect sends (the waiting children and held turns are let go). */
    long finish(String bootstrap, KafkaProducer<byte[], byte[]> producer) throws Exception {
        long start = System.nanoTime();
        try (Admin admin = admin(bootstrap)) {
            IdleWatch idle = new IdleWatch(admin, "crossfire", Set.copyOf(TOPICS.inputs()));
            idle.awaitIdle(Duration.ofSeconds(180));
            long caughtUp = (System.nanoTime() - start) / 1_000_000;
            KafkaIo.endOfInput(producer, TOPICS.posts());
            idle.awaitIdle(Duration.ofSeconds(120));
            return caughtUp;
        }
    }

    /**
     * The alert ids a read_committed consumer sees once {@code expected} are there (or a minute has
     * passed), read once more two seconds later: a duplicate would come after the first copy.
     */
    List<String> settledAlertIds(String bootstrap, int expected) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        List<String> seen = committedAlertIds(bootstrap);
        while (seen.size() < expected && System.nanoTime() < deadline) {
            Thread.sleep(500);
            seen = committedAlertIds(bootstrap);
        }
        Thread.sleep(2_000);
        return committedAlertIds(bootstrap);
    }

    List<String> committedAlertIds(String bootstrap) {
        AvroSerde<ExchangeAlert> alerts = new AvroSerde<>(registry(), ExchangeAlert.getClassSchema());
        List<String> ids = new ArrayList<>();
        KafkaIo.readAll(bootstrap, TOPICS.alerts(), Duration.ofSeconds(20), r -> ids.add(alerts.deserialize(r.topic(), r.value()).getAlertId()));
        return ids;
    }

    static void assertSameAlerts(String scenario, List<String> seen, List<String> clean) {
        assertThat(seen).as(scenario + ": an alert repeated").doesNotHaveDuplicates();
        assertThat(seen.stream().sorted().toList()).as(scenario + ": the alerts of a fault-free run").isEqualTo(clean);
    }

    private HttpSchemaRegistryClient registry() {
        return new HttpSchemaRegistryClient(RegistrySettings.forUrl(registryUrl));
    }

    static Admin admin(String bootstrap) {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
    }

    static void stop(Process process) throws InterruptedException {
        ChildProcess.stop(process, Duration.ofSeconds(40));
    }

    /**
     * {@code count} feuds between pairs of the demo figures, four hostile turns each (a name, then
     * quotes back and forth), all within a few hours of event time. Every post of one feud has an id
     * that Kafka's default partitioner puts in the same partition (of 4), so its posts are linked by
     * one task in file order whatever the timing: the alerts are then a function of the input alone,
     * and a clean run and a faulted one can be compared id for id. Turns go out round-robin across
     * the feuds, so a fault half-way interrupts every one of them.
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
                ids[feud][turn] = idInPartition(next, feud % PARTITIONS);
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
            if (Utils.toPositive(Utils.murmur2(id.getBytes(StandardCharsets.UTF_8))) % PARTITIONS == partition) {
                return id;
            }
        }
    }
}
