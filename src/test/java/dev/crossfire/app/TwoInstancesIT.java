package dev.crossfire.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.crossfire.avro.ThreadedPost;
import dev.crossfire.config.ServiceConfig;
import dev.crossfire.config.Topics;
import dev.crossfire.embedded.EmbeddedKafka;
import dev.crossfire.figure.Figure;
import dev.crossfire.figure.FigureFile;
import dev.crossfire.registry.ApicurioRegistry;
import dev.crossfire.serde.AvroSerde;
import dev.crossfire.serde.HttpSchemaRegistryClient;
import dev.crossfire.serde.RegistrySettings;
import dev.crossfire.testing.Api;
import dev.crossfire.topology.FigureRecords;
import java.io.BufferedReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.TreeMap;
import java.time.Instant;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two instances of the service share the partitions of the demo sample; the query API of either
 * answers for the whole set, routing by Kafka Streams' metadata and {@code application.server}.
 */
class TwoInstancesIT {

    @RegisterExtension
    static final ApicurioRegistry REGISTRY = ApicurioRegistry.start();

    @TempDir
    Path dir;

    @Test
    void eitherInstanceAnswersForTheWholeSet() throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start(dir.resolve("kafka"))) {
            ServiceConfig configA = config(kafka, dir.resolve("state-a"));
            ServiceConfig configB = config(kafka, dir.resolve("state-b"));
            Topics topics = configA.settings().topics();
            try (Service a = Service.start(configA); Service b = Service.start(configB)) {
                sendDemoSample(kafka.bootstrapServers(), topics, configA);
                awaitBothRunning(a, b);
                // everything processed: the group's committed offsets at the end of every input, the loop's included
                try (org.apache.kafka.clients.admin.Admin admin = org.apache.kafka.clients.admin.Admin.create(
                    Map.of(org.apache.kafka.clients.admin.AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
                    new IdleWatch(admin, "crossfire-two-it", Set.copyOf(topics.inputs()))
                        .awaitIdle(Duration.ofSeconds(120));
                }
                JsonNode merged = awaitSettled(a, b);

                // the exchange desk has one partition: one instance holds every exchange, the other none, and either
                // answers the whole list
                assertThat(Api.get(a.httpPort(), "/exchanges").status()).isEqualTo(401);
                Set<String> ownA = ids(get(a.httpPort(), "/exchanges?limit=1000&scope=local").json());
                Set<String> ownB = ids(get(b.httpPort(), "/exchanges?limit=1000&scope=local").json());
                assertThat(ownA.isEmpty() ? ownB : ownA).isNotEmpty();
                Set<String> union = new TreeSet<>(ownA);
                union.addAll(ownB);
                assertThat(ids(merged)).isEqualTo(union);
                assertThat(ownA.isEmpty() ^ ownB.isEmpty()).as("one instance holds the exchanges").isTrue();
                assertThat(merged.path("instances").asInt()).isBetween(1, 2);
                assertThat(merged.path("partial").asBoolean()).isFalse();
                System.out.println("two instances: " + ownA.size() + " + " + ownB.size() + " active exchanges");

                // each exchange, and each figure's exchanges, from either instance
                for (JsonNode exchange : merged.path("exchanges")) {
                    String id = exchange.path("exchangeId").asText();
                    Api.Answer fromA = get(a.httpPort(), "/exchanges/" + Api.segment(id));
                    Api.Answer fromB = get(b.httpPort(), "/exchanges/" + Api.segment(id));
                    assertThat(fromA.status()).as(id).isEqualTo(200);
                    assertThat(fromA.json()).isEqualTo(fromB.json()).isEqualTo(exchange);
                    assertThat(fromA.json().path("reasons").size()).isPositive();
                    String figure = exchange.path("figures").get(1).path("id").asText();
                    assertThat(ids(get(a.httpPort(), "/figures/" + figure + "/exchanges").json())).contains(id)
                        .isEqualTo(ids(get(b.httpPort(), "/figures/" + figure + "/exchanges").json()));
                }
                long alerted = 0;
                for (JsonNode exchange : merged.path("exchanges")) {
                    alerted += exchange.path("level").isNull() ? 0 : 1;
                }
                for (Service s : List.of(a, b)) {
                    assertThat(get(s.httpPort(), "/exchanges?level=NOTICE&limit=1000").json().path("count").asLong()).isEqualTo(alerted);
                    assertThat(get(s.httpPort(), "/exchanges?limit=2").json().path("exchanges")).hasSize(2);
                    assertThat(get(s.httpPort(), "/exchanges/" + Api.segment("nobody|no-one|2020-01-01T00:00:00Z")).status()).isEqualTo(404);
                }

                // every thread, from either instance: its posts lie where their ids hash to, so each instance adds its part
                Map<String, Instant> rooted = threadRoots(kafka.bootstrapServers(), topics.threads());
                Instant newest = rooted.values().stream().max(Instant::compareTo).orElseThrow();
                Duration retention = configA.settings().linkRetention();
                List<String> roots = rooted.entrySet().stream()
                    .filter(e -> e.getValue().isAfter(newest.minus(retention).plus(Duration.ofDays(1)))).map(Map.Entry::getKey).toList();
                assertThat(roots).hasSizeGreaterThan(50);
                Map<String, Integer> owners = new HashMap<>();
                for (String root : roots) {
                    String path = "/threads/" + Api.segment(root);
                    Api.Answer viaA = get(a.httpPort(), path);
                    Api.Answer viaB = get(b.httpPort(), path);
                    assertThat(viaA.status()).as(root).isEqualTo(200);
                    assertThat(viaA.json()).as(root).isEqualTo(viaB.json());
                    assertThat(viaA.json().path("rootId").asText()).isEqualTo(root);
                    boolean onA = holdsPost(get(a.httpPort(), path + "?scope=local").json(), root);
                    boolean onB = holdsPost(get(b.httpPort(), path + "?scope=local").json(), root);
                    assertThat(onA ^ onB).as("exactly one instance holds the root post " + root).isTrue();
                    owners.merge(onA ? "a" : "b", 1, Integer::sum);
                }
                // every root post is held by exactly one instance, and the other drew the thread with its part (normally
                // both hold roots; the assignor could give every linker partition to one instance)
                assertThat(owners.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(roots.size());
                System.out.println("two instances: threads held " + owners + ", each answered through the other");
            }
        }
    }

    private static ServiceConfig config(EmbeddedKafka kafka, Path state) {
        return ServiceConfig.of(Map.of("bootstrap.servers", kafka.bootstrapServers(), RegistrySettings.URL, REGISTRY.url(),
            "state.dir", state.toString(), "crossfire.http.host", "127.0.0.1", "crossfire.http.port", "0",
            "crossfire.topics.create", "true", "crossfire.topics.partitions", "4", "replication.factor", "1",
            "application.id", "crossfire-two-it", "crossfire.http.token", TOKEN));
    }

    /** The instances require a bearer token, so every answer below also proves they send it to each other. */
    private static final String TOKEN = "two-instances-token";

    private static Api.Answer get(int port, String path) throws java.io.IOException, InterruptedException {
        return Api.get(port, path, TOKEN);
    }

    private static void sendDemoSample(String bootstrap, Topics topics, ServiceConfig config) throws Exception {
        AvroSerde<dev.crossfire.avro.PublicFigure> figures = new AvroSerde<>(new HttpSchemaRegistryClient(config.registry()),
            dev.crossfire.avro.PublicFigure.getClassSchema());
        List<Figure> registry = FigureFile.read(Path.of("src/main/resources/demo/figures.yaml"));
        List<PostLines.Line> lines;
        try (java.io.InputStream in = Files.newInputStream(Path.of("src/main/resources/demo/posts.jsonl"))) {
            lines = PostLines.read(in);
        }
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(KafkaIo.producerProps(bootstrap), new ByteArraySerializer(),
            new ByteArraySerializer())) {
            for (Figure f : registry) {
                producer.send(new ProducerRecord<>(topics.figures(), f.id().getBytes(StandardCharsets.UTF_8),
                    figures.serialize(topics.figures(), FigureRecords.toRecord(f))));
            }
            producer.flush();
            for (PostLines.Line line : lines) {
                producer.send(new ProducerRecord<>(topics.posts(), line.key().getBytes(StandardCharsets.UTF_8), line.value()));
            }
        }
    }

    private static void awaitBothRunning(Service a, Service b) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while ((a.state() != KafkaStreams.State.RUNNING || b.state() != KafkaStreams.State.RUNNING) && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertThat(a.state()).isEqualTo(KafkaStreams.State.RUNNING);
        assertThat(b.state()).isEqualTo(KafkaStreams.State.RUNNING);
    }

    /** Waits until both instances give the same list three times running. */
    private static JsonNode awaitSettled(Service a, Service b) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        Set<String> previous = null;
        int stable = 0;
        JsonNode last = null;
        while (System.nanoTime() < deadline && stable < 3) {
            Thread.sleep(1_000);
            Api.Answer fromA = get(a.httpPort(), "/exchanges?limit=1000");
            Api.Answer fromB = get(b.httpPort(), "/exchanges?limit=1000");
            if (fromA.status() != 200 || fromB.status() != 200) {
                stable = 0;
                continue;
            }
            Set<String> now = ids(fromA.json());
            stable = !now.isEmpty() && now.equals(ids(fromB.json())) && now.equals(previous) ? stable + 1 : 0;
            previous = now;
            last = fromA.json();
        }
        assertThat(stable).as("both instances agree on a settled list").isEqualTo(3);
        return last;
    }

    private static boolean holdsPost(JsonNode part, String postId) {
        for (JsonNode node : part.path("nodes")) {
            if (node.path("postId").asText().equals(postId)) {
                return true;
            }
        }
        return false;
    }

    private static Set<String> ids(JsonNode list) {
        Set<String> ids = new TreeSet<>();
        list.path("exchanges").forEach(e -> ids.add(e.path("exchangeId").asText()));
        return ids;
    }

    /** Roots of the threads on the threads topic, with the root post's time. */
    private static Map<String, Instant> threadRoots(String bootstrap, String topic) {
        AvroSerde<ThreadedPost> serde = new AvroSerde<>(new HttpSchemaRegistryClient(RegistrySettings.forUrl(REGISTRY.url())),
            ThreadedPost.getClassSchema());
        Map<String, Instant> roots = new TreeMap<>();
        KafkaIo.readAll(bootstrap, topic, Duration.ofSeconds(30), r -> {
            ThreadedPost threaded = serde.deserialize(topic, r.value());
            if (threaded.getPost().getId().equals(threaded.getRootId())) {
                roots.put(threaded.getRootId(), threaded.getPost().getCreatedAt());
            }
        });
        return roots;
    }
}
