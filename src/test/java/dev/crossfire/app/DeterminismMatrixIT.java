package dev.crossfire.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crossfire.avro.ExchangeAlert;
import dev.crossfire.avro.ThreadedPost;
import dev.crossfire.config.CrossfireSettings;
import dev.crossfire.config.ServiceConfig;
import dev.crossfire.config.Topics;
import dev.crossfire.embedded.EmbeddedKafka;
import dev.crossfire.reference.Arrivals;
import dev.crossfire.reference.ReferencePropertyTest;
import dev.crossfire.serde.InMemorySchemaRegistry;
import dev.crossfire.serde.RegistryHttpServer;
import dev.crossfire.testing.PostBuilder;
import dev.crossfire.topology.CrossfireSerdes;
import dev.crossfire.topology.FigureRecords;
import java.io.StringReader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One input, one answer, on a real broker: {@code run} fed by {@code replay}, at 1, 4 and 12
 * partitions, with commit intervals from 10 ms to 1 s, with 1 to 3 instances, at full speed and
 * throttled, with an instance paused and one stopped and replaced mid-run. Each run's threads and
 * alerts must be the {@code ReferenceCrossfire}'s for the same generated input: the same for all.
 * (A process killed outright and restarted is {@code FaultToleranceIT}'s.)
 */
class DeterminismMatrixIT {

    private static final Duration DISORDER = Duration.ofMinutes(10);

    @TempDir
    static Path dir;
    private static EmbeddedKafka kafka;
    private static RegistryHttpServer registry;
    private static Arrivals arrivals;
    private static CrossfireSettings settings;

    @BeforeAll
    static void start() throws Exception {
        kafka = EmbeddedKafka.start(dir.resolve("kafka"));
        registry = RegistryHttpServer.start(new InMemorySchemaRegistry());
        settings = ReferencePropertyTest.settingsFor(DISORDER);
        arrivals = Arrivals.generate(new Random(2026), 160, DISORDER, settings.parentWait());
    }

    @AfterAll
    static void stop() {
        if (registry != null) {
            registry.close();
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void onePartitionOneInstanceCommittingEveryTenMillisecondsAtFullSpeed() throws Exception {
        assertMatchesReference(run("m1", 1, 1, 10, 0, Fault.NONE));
    }

    @Test
    void fourPartitionsTwoInstancesThrottledWithOnePausedMidRun() throws Exception {
        assertMatchesReference(run("m4", 4, 2, 100, 80, Fault.PAUSE));
    }

    @Test
    void twelvePartitionsThreeInstancesCommittingEverySecondWithOneReplacedMidRun() throws Exception {
        assertMatchesReference(run("m12", 12, 3, 1_000, 0, Fault.REPLACE));
    }

    private enum Fault { NONE, PAUSE, REPLACE }

    private record Output(List<ThreadedPost> threads, List<ExchangeAlert> alerts, List<dev.crossfire.avro.PileOnAlert> pileOns) {
    }

    private Output run(String name, int partitions, int instances, int commitMs, double rate, Fault fault) throws Exception {
        String prefix = name + ".";
        Topics topics = Topics.defaults().withPrefix(prefix);
        List<ServiceConfig> configs = new ArrayList<>();
        for (int i = 0; i < instances + (fault == Fault.REPLACE ? 1 : 0); i++) {
            configs.add(config(name, topics, partitions, commitMs, i));
        }
        Cluster cluster = Cluster.of(configs.get(0));
        CrossfireSerdes serdes = cluster.serdes();
        List<Service> running = new ArrayList<>();
        try {
            for (int i = 0; i < instances; i++) {
                running.add(Service.start(configs.get(i)));
            }
            KafkaIo.loadFigures(kafka.bootstrapServers(), topics.figures(),
                Arrivals.figures().stream().map(FigureRecords::toFigure).toList(), serdes);
            List<PostBuilder> posts = arrivals.posts();
            int half = posts.size() / 2;
            ReplayPace pace = rate > 0 ? ReplayPace.rate(rate) : ReplayPace.fullSpeed();
            Replay.run(cluster, new java.io.ByteArrayInputStream((lines(posts.subList(0, half))).getBytes(java.nio.charset.StandardCharsets.UTF_8)), half, pace, System.err, false, false);
            switch (fault) {
                case PAUSE -> {
                    running.get(0).pause();
                    Replay.run(cluster, new java.io.ByteArrayInputStream((lines(posts.subList(half, posts.size())).getBytes(java.nio.charset.StandardCharsets.UTF_8))), -1, pace, System.err, false, true);
                    Thread.sleep(2_000);
                    running.get(0).resume();
                }
                case REPLACE -> {
                    running.remove(0).close();
                    running.add(Service.start(configs.get(instances)));
                    Replay.run(cluster, new java.io.ByteArrayInputStream((lines(posts.subList(half, posts.size())).getBytes(java.nio.charset.StandardCharsets.UTF_8))), -1, pace, System.err, false, true);
                }
                case NONE -> Replay.run(cluster, new java.io.ByteArrayInputStream((lines(posts.subList(half, posts.size())).getBytes(java.nio.charset.StandardCharsets.UTF_8))), -1, pace, System.err, false, true);
            }
            try (Admin admin = Admin.create(cluster.admin())) {
                new IdleWatch(admin, name, Set.copyOf(topics.inputs())).awaitIdle(Duration.ofMinutes(3));
            }
            List<ThreadedPost> threads = new ArrayList<>();
            KafkaIo.readAll(kafka.bootstrapServers(), topics.threads(), Duration.ofSeconds(30),
                r -> threads.add(serdes.threadedPost.deserialize(r.topic(), r.value())));
            List<ExchangeAlert> alerts = new ArrayList<>();
            KafkaIo.readAll(kafka.bootstrapServers(), topics.alerts(), Duration.ofSeconds(30),
                r -> alerts.add(serdes.alert.deserialize(r.topic(), r.value())));
            List<dev.crossfire.avro.PileOnAlert> pileOns = new ArrayList<>();
            KafkaIo.readAll(kafka.bootstrapServers(), topics.pileOns(), Duration.ofSeconds(30),
                r -> pileOns.add(serdes.pileOn.deserialize(r.topic(), r.value())));
            return new Output(threads, alerts, pileOns);
        } finally {
            for (Service s : running) {
                s.close();
            }
        }
    }

    private static void assertMatchesReference(Output out) {
        ReferencePropertyTest.assertSameAsReference(settings, arrivals, out.threads(), out.alerts(), true);
        java.util.Comparator<dev.crossfire.avro.PileOnAlert> byId = java.util.Comparator.comparing(dev.crossfire.avro.PileOnAlert::getAlertId);
        assertThat(out.pileOns().stream().sorted(byId).toList()).as("pile-ons")
            .isEqualTo(ReferencePropertyTest.reference(settings, arrivals).pileOns().stream().sorted(byId).toList());
    }

    private static ServiceConfig config(String name, Topics topics, int partitions, int commitMs, int instance) {
        Map<String, String> c = new HashMap<>();
        c.put("bootstrap.servers", kafka.bootstrapServers());
        c.put("schema.registry.url", registry.url());
        c.put("application.id", name);
        c.put("state.dir", dir.resolve("state-" + name + "-" + instance).toString());
        c.put("replication.factor", "1");
        c.put("commit.interval.ms", Integer.toString(commitMs));
        c.put("crossfire.http.port", "-1");
        c.put("crossfire.topics.create", "true");
        c.put("crossfire.topics.partitions", Integer.toString(partitions));
        c.put("crossfire.topics.replication-factor", "1");
        c.put("crossfire.end-of-input.accept", "true");
        c.put("crossfire.allowed-lateness", DISORDER.toSeconds() + "s");
        c.put("crossfire.thread.parent-wait", settings.parentWait().toSeconds() + "s");
        c.put("crossfire.topic.posts", topics.posts());
        c.put("crossfire.topic.figures", topics.figures());
        c.put("crossfire.topic.threads", topics.threads());
        c.put("crossfire.topic.alerts", topics.alerts());
        c.put("crossfire.topic.rejected", topics.rejected());
        c.put("crossfire.topic.thread-requests", topics.threadRequests());
        c.put("crossfire.topic.thread-links", topics.threadLinks());
        c.put("crossfire.topic.turns", topics.turns());
        c.put("crossfire.topic.pile-ons", topics.pileOns());
        return ServiceConfig.of(c);
    }

    private static String lines(List<PostBuilder> posts) {
        StringBuilder out = new StringBuilder();
        posts.forEach(p -> out.append(p.json()).append('\n'));
        return out.toString();
    }
}
