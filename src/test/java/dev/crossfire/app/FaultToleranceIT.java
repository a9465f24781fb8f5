package dev.crossfire.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crossfire.embedded.EmbeddedKafka;
import dev.crossfire.registry.ApicurioRegistry;
import dev.crossfire.testing.BrokerProcess;
import dev.crossfire.testing.TcpProxy;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Faults on a real broker with crossfire in JVMs of its own: an instance killed and restarted, one
 * of two instances killed, the broker killed and restarted, the schema registry taken away. In each
 * case the alerts topic, read committed, holds exactly the alerts of a fault-free run of the same
 * input: nothing lost, nothing repeated. Each test prints its figures on a line starting "fault:".
 */
class FaultToleranceIT {

    @RegisterExtension
    static final ApicurioRegistry REGISTRY = ApicurioRegistry.start();

    private static final Path LOGS = Path.of("target", "fault-it");
    private static final Duration START = Duration.ofSeconds(120);

    private static FaultRig rig;
    private static List<String> clean;

    @TempDir
    Path dir;

    @BeforeAll
    static void cleanRun() throws Exception {
        rig = new FaultRig(REGISTRY.url(), LOGS, 20);
        clean = rig.cleanAlertIds();
        assertThat(clean).hasSizeGreaterThanOrEqualTo(20);
        System.out.println("fault: the fault-free run raised " + clean.size() + " alerts over " + rig.lines.size() + " posts");
    }

    @Test
    void anInstanceKilledAndRestartedLosesAndRepeatsNothing() throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start(dir.resolve("kafka"));
             KafkaProducer<byte[], byte[]> producer = rig.producer(kafka.bootstrapServers())) {
            String bootstrap = kafka.bootstrapServers();
            kafka.createTopics(TopicLayout.specs(FaultRig.TOPICS, FaultRig.PARTITIONS));
            Path config = rig.config(dir, bootstrap, REGISTRY.url(), "only");
            rig.publishFigures(producer);
            Process first = rig.launch(config, "kill-first");
            int atKill;
            try {
                rig.awaitStableGroup(bootstrap, 1, START);
                rig.send(producer, rig.firstHalf());
                atKill = rig.awaitFirstAlerts(bootstrap, Duration.ofSeconds(90));
            } finally {
                first.destroyForcibly().waitFor();
            }
            assertThat(atKill).isPositive().isLessThan(clean.size());
            long restarted = System.nanoTime();
            Process second = rig.launch(config, "kill-second");
            try {
                rig.send(producer, rig.secondHalf());
                // the killed instance's open transactions pin the last stable offsets until the restarted one, with the
                // same transactional id, fences them: only then do committed offsets and read_committed ends mean anything
                rig.awaitLog("kill-second", "crossfire running", START, second);
                long running = (System.nanoTime() - restarted) / 1_000_000;
                rig.finish(bootstrap, producer);
                List<String> seen = rig.settledAlertIds(bootstrap, clean.size());
                System.out.printf("fault: kill -9 and restart: %d posts, 1 SIGKILL after %d of %d alerts were committed; "
                    + "restarted instance RUNNING %d ms after launch; %d alerts, %d expected%n",
                    rig.lines.size(), atKill, clean.size(), running, seen.size(), clean.size());
                FaultRig.assertSameAlerts("kill -9 and restart", seen, clean);
            } finally {
                FaultRig.stop(second);
            }
        }
    }

    @Test
    void whenOneOfTwoInstancesIsKilledTheOtherTakesOverWithNothingLost() throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start(dir.resolve("kafka"));
             KafkaProducer<byte[], byte[]> producer = rig.producer(kafka.bootstrapServers())) {
            String bootstrap = kafka.bootstrapServers();
            kafka.createTopics(TopicLayout.specs(FaultRig.TOPICS, FaultRig.PARTITIONS));
            rig.publishFigures(producer);
            Process a = rig.launch(rig.config(dir, bootstrap, REGISTRY.url(), "a", "num.standby.replicas=1"), "pair-a");
            Process b = rig.launch(rig.config(dir, bootstrap, REGISTRY.url(), "b", "num.standby.replicas=1"), "pair-b");
            try {
                rig.awaitStableGroup(bootstrap, 2, START);
                rig.awaitLog("pair-a", "crossfire running", START, a);
                rig.awaitLog("pair-b", "crossfire running", START, b);
                rig.send(producer, rig.firstHalf());
                int atKill = rig.awaitFirstAlerts(bootstrap, Duration.ofSeconds(90));
                a.destroyForcibly().waitFor();
                rig.send(producer, rig.secondHalf());
                long takeover = rig.awaitStableGroup(bootstrap, 1, Duration.ofSeconds(90));
                long caughtUp = rig.finish(bootstrap, producer);
                List<String> seen = rig.settledAlertIds(bootstrap, clean.size());
                System.out.printf("fault: one of two instances killed (standby replicas 1): %d posts, 1 SIGKILL after %d of %d alerts; "
                    + "the survivor alone in the group %d ms after the kill (session timeout 10 s), caught up %d ms later; "
                    + "%d alerts, %d expected%n", rig.lines.size(), atKill, clean.size(), takeover, caughtUp, seen.size(), clean.size());
                assertThat(b.isAlive()).isTrue();
                FaultRig.assertSameAlerts("one of two killed", seen, clean);
            } finally {
                a.destroyForcibly().waitFor();
                FaultRig.stop(b);
            }
        }
    }

    @Test
    void aBrokerKilledAndRestartedMidStreamLosesAndRepeatsNothing() throws Exception {
        try (BrokerProcess broker = BrokerProcess.start(dir.resolve("broker"));
             KafkaProducer<byte[], byte[]> producer = rig.producer(broker.bootstrapServers())) {
            String bootstrap = broker.bootstrapServers();
            KafkaIo.createTopics(bootstrap, TopicLayout.specs(FaultRig.TOPICS, FaultRig.PARTITIONS), Duration.ofSeconds(60));
            rig.publishFigures(producer);
            Process instance = rig.launch(rig.config(dir, bootstrap, REGISTRY.url(), "only"), "broker-restart");
            try {
                rig.awaitStableGroup(bootstrap, 1, START);
                rig.send(producer, rig.firstHalf());
                int atKill = rig.awaitFirstAlerts(bootstrap, Duration.ofSeconds(90));
                long down = System.nanoTime();
                broker.kill();
                broker.restart();
                long downtime = (System.nanoTime() - down) / 1_000_000;
                rig.send(producer, rig.secondHalf());
                long caughtUp = rig.finish(bootstrap, producer);
                List<String> seen = rig.settledAlertIds(bootstrap, clean.size());
                System.out.printf("fault: broker kill -9 and restart: %d posts, broker down %d ms after %d of %d alerts; "
                    + "crossfire caught up %d ms after the broker was back; %d alerts, %d expected%n",
                    rig.lines.size(), downtime, atKill, clean.size(), caughtUp, seen.size(), clean.size());
                assertThat(instance.isAlive()).as("crossfire rides out a broker restart").isTrue();
                FaultRig.assertSameAlerts("broker restart", seen, clean);
            } finally {
                FaultRig.stop(instance);
            }
        }
    }

    @Test
    void whileTheSchemaRegistryIsAwayPostsWaitAndNothingIsLostOrDeadLettered() throws Exception {
        URI registry = URI.create(REGISTRY.url());
        try (EmbeddedKafka kafka = EmbeddedKafka.start(dir.resolve("kafka"));
             KafkaProducer<byte[], byte[]> producer = rig.producer(kafka.bootstrapServers());
             TcpProxy path = new TcpProxy(registry.getHost(), registry.getPort())) {
            String bootstrap = kafka.bootstrapServers();
            kafka.createTopics(TopicLayout.specs(FaultRig.TOPICS, FaultRig.PARTITIONS));
            rig.publishFigures(producer);
            String viaProxy = "http://127.0.0.1:" + path.port() + registry.getPath();
            Process instance = rig.launch(rig.config(dir, bootstrap, viaProxy, "only"), "registry-outage");
            try {
                rig.awaitStableGroup(bootstrap, 1, START);
                rig.awaitLog("registry-outage", "crossfire running", START, instance);
                // crossfire has read no post yet: it has neither the posts' schema nor the ids of its own outputs
                path.cut();
                long cut = System.nanoTime();
                rig.send(producer, rig.lines);
                // a record that is garbage whatever the registry says: schema id 999999 does not exist
                producer.send(new ProducerRecord<>(FaultRig.TOPICS.threadRequests(), "garbage".getBytes(StandardCharsets.UTF_8),
                    new byte[] {0, 0, 0x0f, 0x42, 0x3f, 1, 2, 3})).get();
                // the posts' task fails on the missing schema and its thread is replaced, again and again: twice shows
                // the retrying, where a dead-lettering bug would have sent the posts away on the first failure
                rig.awaitLog("registry-outage", "stream thread failed, replacing it", 2, Duration.ofSeconds(60), instance);
                assertThat(Files.readString(rig.log("registry-outage"))).contains("unreachable (ConnectException)");
                List<String> duringOutage = rig.committedAlertIds(bootstrap);
                path.restore();
                long outage = (System.nanoTime() - cut) / 1_000_000;
                long caughtUp = rig.finish(bootstrap, producer);
                List<String> seen = rig.settledAlertIds(bootstrap, clean.size());
                List<String> deadLetters = new ArrayList<>();
                KafkaIo.readAll(bootstrap, FaultRig.TOPICS.rejected(), Duration.ofSeconds(20),
                    r -> deadLetters.add(new String(r.key(), StandardCharsets.UTF_8)));
                System.out.printf("fault: schema registry away %d ms: %d posts sent during the outage, %d alerts committed during it; "
                    + "crossfire caught up %d ms after the registry was back; %d alerts, %d expected; dead letters %s%n",
                    outage, rig.lines.size(), duringOutage.size(), caughtUp, seen.size(), clean.size(), deadLetters);
                assertThat(instance.isAlive()).isTrue();
                assertThat(duringOutage).as("nothing can be written without the registry").isEmpty();
                assertThat(deadLetters).as("only the garbage is dead-lettered, no post").containsExactly("garbage");
                FaultRig.assertSameAlerts("registry outage", seen, clean);
            } finally {
                FaultRig.stop(instance);
            }
        }
    }
}
