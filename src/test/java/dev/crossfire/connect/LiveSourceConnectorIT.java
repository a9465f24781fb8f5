package dev.crossfire.connect;

import static dev.crossfire.testing.OutputTopics.awaitAlerts;
import static dev.crossfire.testing.OutputTopics.awaitCount;
import static dev.crossfire.testing.OutputTopics.awaitThreaded;
import static dev.crossfire.testing.OutputTopics.endOfInput;
import static org.assertj.core.api.Assertions.assertThat;

import dev.crossfire.app.KafkaIo;
import dev.crossfire.app.Service;
import dev.crossfire.app.TopicLayout;
import dev.crossfire.avro.ExchangeAlert;
import dev.crossfire.config.ServiceConfig;
import dev.crossfire.config.Topics;
import dev.crossfire.embedded.EmbeddedKafka;
import dev.crossfire.figure.FigureFile;
import dev.crossfire.ingest.live.LiveTestServers;
import dev.crossfire.ingest.live.SeedAsJetstream;
import dev.crossfire.serde.HttpSchemaRegistryClient;
import dev.crossfire.serde.InMemorySchemaRegistry;
import dev.crossfire.serde.RegistryHttpServer;
import dev.crossfire.serde.RegistrySettings;
import dev.crossfire.topology.CrossfireSerdes;
import dev.crossfire.topology.DeadLetter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.connect.cli.ConnectStandalone;
import org.apache.kafka.connect.runtime.Connect;
import org.apache.kafka.connect.runtime.standalone.StandaloneHerder;
import org.apache.kafka.connect.util.FutureCallback;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The connector in a real Kafka Connect worker (connect-runtime's standalone worker, in process, on
 * the embedded broker): a recorded Jetstream of the seed exchange goes through the connector, the
 * posts topic and a running crossfire to the seed exchange's alerts. The worker is stopped mid-stream
 * and started again on the same offsets file: the task resumes 5 s before the cursor it committed,
 * and every post is threaded exactly once.
 */
class LiveSourceConnectorIT {

    @TempDir
    Path dir;

    @Test
    void theConnectorBringsARecordedJetstreamToAlertsAcrossAWorkerRestart() throws Exception {
        List<String> events = SeedAsJetstream.events();
        String garbage = "not json at all";
        try (EmbeddedKafka kafka = EmbeddedKafka.start(dir.resolve("kafka"));
             RegistryHttpServer registry = RegistryHttpServer.start(new InMemorySchemaRegistry());
             LiveTestServers.Jetstream jetstream = LiveTestServers.jetstream(events, Map.of(
                 1, List.of(LiveTestServers.send(200), LiveTestServers.text(garbage), LiveTestServers.idle())))) {
            Topics topics = Topics.defaults();
            kafka.createTopics(TopicLayout.specs(topics, 2));
            CrossfireSerdes serdes = new CrossfireSerdes(new HttpSchemaRegistryClient(RegistrySettings.forUrl(registry.url())));
            KafkaIo.loadFigures(kafka.bootstrapServers(), topics.figures(), FigureFile.parse(SeedAsJetstream.figures(), "figures.yaml"), serdes);
            ServiceConfig config = ServiceConfig.of(Map.of("bootstrap.servers", kafka.bootstrapServers(), RegistrySettings.URL, registry.url(),
                "state.dir", dir.resolve("state").toString(), "application.id", "crossfire-connect", "crossfire.http.port", "-1",
                "crossfire.end-of-input.accept", "true"));
            Map<String, String> worker = Map.of("bootstrap.servers", kafka.bootstrapServers(),
                "key.converter", "org.apache.kafka.connect.converters.ByteArrayConverter",
                "value.converter", "org.apache.kafka.connect.converters.ByteArrayConverter",
                "offset.storage.file.filename", dir.resolve("connect.offsets").toString(), "offset.flush.interval.ms", "500",
                "listeners", "http://127.0.0.1:0", "plugin.discovery", "service_load");
            Map<String, String> connector = Map.of("name", "crossfire-jetstream", "connector.class", LiveSourceConnector.class.getName(),
                "tasks.max", "1", LiveSourceConfig.NETWORK, "bluesky-jetstream", LiveSourceConfig.URL, jetstream.uri().toString(),
                LiveSourceConfig.REGISTRY_URL, registry.url(), LiveSourceConfig.BACKOFF_MIN_MS, "50");
            try (Service service = Service.start(config)) {
                Connect<StandaloneHerder> first = start(worker, connector);
                try {
                    awaitCount(kafka.bootstrapServers(), topics.posts(), 200);
                    awaitCount(kafka.bootstrapServers(), topics.rejected(), 1);
                } finally {
                    first.stop();
                }
                Connect<StandaloneHerder> second = start(worker, connector);
                try {
                    // the first 200, then from 5 s (50 events) before the 200th to the end: duplicates crossfire must drop
                    awaitCount(kafka.bootstrapServers(), topics.posts(), 200 + events.size() - 150);
                    endOfInput(kafka.bootstrapServers(), topics.posts());
                    List<String> threaded = awaitThreaded(kafka.bootstrapServers(), topics.threads(), registry.url(), SeedAsJetstream.distinctPosts());
                    assertThat(threaded).hasSize(SeedAsJetstream.distinctPosts()).doesNotHaveDuplicates();
                    List<LiveTestServers.Seen> seen = jetstream.connections();
                    assertThat(seen).hasSize(2);
                    assertThat(seen.get(0).cursor()).isNull();
                    assertThat(seen.get(1).cursor()).isEqualTo(Long.toString(LiveTestServers.timeUs(events.get(199)) - 5_000_000));

                    List<byte[]> dead = new ArrayList<>();
                    KafkaIo.readAll(kafka.bootstrapServers(), topics.rejected(), Duration.ofSeconds(30), r -> {
                        var stage = r.headers().lastHeader(DeadLetter.STAGE);
                        var reason = r.headers().lastHeader(DeadLetter.REASON);
                        if (stage != null && "source".equals(new String(stage.value(), StandardCharsets.UTF_8))
                            && "NOT_JSON".equals(new String(reason.value(), StandardCharsets.UTF_8))) {
                            dead.add(r.value());
                        }
                    });
                    assertThat(dead).singleElement().isEqualTo(garbage.getBytes(StandardCharsets.UTF_8));

                    List<ExchangeAlert> alerts = awaitAlerts(kafka.bootstrapServers(), topics.alerts(), registry.url(), 2);
                    assertThat(alerts).extracting(a -> a.getExchangeId()).containsOnly("donald-trump|jeff-sessions|2020-05-22T23:10:41Z");
                    assertThat(alerts).extracting(a -> a.getLevel().name()).containsExactly("NOTICE", "ESCALATING");
                } finally {
                    second.stop();
                }
            }
        }
    }

    /** With source.follow.figures the task streams the registry's DIDs, and a figure added sends the new list on the open connection. */
    @Test
    void theConnectorFollowsTheFiguresRegistryWithoutRestarting() throws Exception {
        String newcomer = "did:plc:newcomer0000000000000000";
        List<String> followed = List.of(LiveTestServers.post("did:plc:stranger", "s1", 1_716_422_400_000_000L, "not followed"),
            LiveTestServers.post(newcomer, "n1", 1_716_422_401_000_000L, "first post, followed once the registry names me"));
        try (EmbeddedKafka kafka = EmbeddedKafka.start(dir.resolve("kafka"));
             RegistryHttpServer registry = RegistryHttpServer.start(new InMemorySchemaRegistry());
             LiveTestServers.Jetstream jetstream = LiveTestServers.jetstream(followed, Map.of(
                 1, List.of(LiveTestServers.awaitUpdate(), LiveTestServers.sendRest(), LiveTestServers.idle())))) {
            Topics topics = Topics.defaults();
            kafka.createTopics(TopicLayout.specs(topics, 2));
            CrossfireSerdes serdes = new CrossfireSerdes(new HttpSchemaRegistryClient(RegistrySettings.forUrl(registry.url())));
            KafkaIo.loadFigures(kafka.bootstrapServers(), topics.figures(), FigureFile.parse(SeedAsJetstream.figures(), "figures.yaml"), serdes);
            Map<String, String> worker = Map.of("bootstrap.servers", kafka.bootstrapServers(),
                "key.converter", "org.apache.kafka.connect.converters.ByteArrayConverter",
                "value.converter", "org.apache.kafka.connect.converters.ByteArrayConverter",
                "offset.storage.file.filename", dir.resolve("connect-follow.offsets").toString(), "offset.flush.interval.ms", "500",
                "listeners", "http://127.0.0.1:0", "plugin.discovery", "service_load");
            Map<String, String> connector = Map.of("name", "crossfire-jetstream-follow", "connector.class", LiveSourceConnector.class.getName(),
                "tasks.max", "1", LiveSourceConfig.NETWORK, "bluesky-jetstream", LiveSourceConfig.URL, jetstream.uri().toString(),
                LiveSourceConfig.REGISTRY_URL, registry.url(), LiveSourceConfig.FOLLOW_FIGURES, "true",
                LiveSourceConfig.FIGURES_KAFKA_PREFIX + "bootstrap.servers", kafka.bootstrapServers());
            Connect<StandaloneHerder> connect = start(worker, connector);
            try {
                List<String> hello = jetstream.awaitTexts(1, Duration.ofSeconds(30));
                assertThat(hello.get(0)).contains("options_update", SeedAsJetstream.did("realDonaldTrump")).doesNotContain(newcomer);
                KafkaIo.loadFigures(kafka.bootstrapServers(), topics.figures(), List.of(new dev.crossfire.figure.Figure("new-senator",
                    "New Senator", List.of(), null, null, List.of(new dev.crossfire.figure.Account("bluesky", "newcomer.bsky.social", newcomer)))),
                    serdes);
                List<String> texts = jetstream.awaitTexts(2, Duration.ofSeconds(30));
                assertThat(texts.get(1)).contains("options_update", newcomer, SeedAsJetstream.did("realDonaldTrump"));
                awaitCount(kafka.bootstrapServers(), topics.posts(), 1);
                assertThat(jetstream.connections()).as("re-subscribed on the open connection").hasSize(1);
                // the source's meters are the worker's plugin metrics, on JMX like its own
                assertThat(workerMetric("crossfire-source-posts")).as("posts handed on, as the worker reports it").isEqualTo(1.0);
                assertThat(workerMetric("crossfire-source-messages")).isGreaterThanOrEqualTo(1.0);
            } finally {
                connect.stop();
            }
        }
    }

    /** The value of a plugin metric the worker reports on JMX (domain kafka.connect), waiting up to 10 s for it. */
    private static double workerMetric(String attribute) throws Exception {
        javax.management.MBeanServer server = java.lang.management.ManagementFactory.getPlatformMBeanServer();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        Double value = null;
        while (System.nanoTime() < deadline) {
            for (javax.management.ObjectName name : server.queryNames(new javax.management.ObjectName("kafka.connect:type=plugins,*"), null)) {
                try {
                    value = ((Number) server.getAttribute(name, attribute)).doubleValue();
                } catch (javax.management.AttributeNotFoundException e) {
                    // another plugin's, or another metric's
                }
            }
            if (value != null && value > 0) {
                return value;
            }
            Thread.sleep(200);
        }
        assertThat(value).as(attribute + " on JMX under kafka.connect:type=plugins").isNotNull();
        return value;
    }

    private static Connect<StandaloneHerder> start(Map<String, String> worker, Map<String, String> connector) throws Exception {
        Connect<StandaloneHerder> connect = new ConnectStandalone().startConnect(worker);
        FutureCallback<org.apache.kafka.connect.runtime.Herder.Created<org.apache.kafka.connect.runtime.rest.entities.ConnectorInfo>> created =
            new FutureCallback<>();
        connect.herder().putConnectorConfig(connector.get("name"), connector, true, created);
        created.get(30, TimeUnit.SECONDS);
        return connect;
    }
}
