package dev.crossfire.cli;

import static dev.crossfire.testing.OutputTopics.awaitAlerts;
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
import dev.crossfire.figure.Account;
import dev.crossfire.figure.Figure;
import dev.crossfire.ingest.live.LiveTestServers;
import dev.crossfire.ingest.live.SeedAsJetstream;
import dev.crossfire.serde.HttpSchemaRegistryClient;
import dev.crossfire.serde.InMemorySchemaRegistry;
import dev.crossfire.serde.RegistryHttpServer;
import dev.crossfire.serde.RegistrySettings;
import dev.crossfire.topology.CrossfireSerdes;
import dev.crossfire.topology.DeadLetter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 23 end to end with the CLI: a recorded Jetstream (the seed exchange as Bluesky would have
 * carried it) served by a local WebSocket server that drops the connection, sends garbage and an
 * oversize event; {@code ingest} brings it into a running crossfire across the drop and a restart
 * from its cursor file, every post is threaded exactly once, the bad messages are on the dead-letter
 * topic byte for byte, and the seed exchange raises its alerts. Then {@code --follow-figures}
 * re-subscribes on the open connection when the registry changes.
 */
class IngestCommandIT {

    @TempDir
    Path dir;

    @Test
    void aRecordedJetstreamFeudComesThroughADropAndARestartExactlyOnceAndRaisesItsAlerts() throws Exception {
        List<String> events = SeedAsJetstream.events();
        String garbage = "{\"did\": \"did:plc:nobody\", \"kind\": \"comm";
        // in stream order: Jetstream's time_us only grows, and a rejected event's cursor counts too
        String oversize = LiveTestServers.post("did:plc:loud", "big", LiveTestServers.timeUs(events.get(149)) + 1, "x".repeat(150_000));
        Path figures = Files.writeString(dir.resolve("figures.yaml"), SeedAsJetstream.figures());
        Path cursorFile = dir.resolve("jetstream.cursor");
        try (EmbeddedKafka kafka = EmbeddedKafka.start(dir.resolve("kafka"));
             RegistryHttpServer registry = RegistryHttpServer.start(new InMemorySchemaRegistry());
             LiveTestServers.Jetstream jetstream = LiveTestServers.jetstream(events, Map.of(
                 1, List.of(LiveTestServers.send(150), LiveTestServers.text(garbage), LiveTestServers.text(oversize),
                     LiveTestServers.send(30), LiveTestServers.drop())))) {
            Topics topics = Topics.defaults();
            kafka.createTopics(TopicLayout.specs(topics, 2));
            String[] cluster = {"--bootstrap-servers", kafka.bootstrapServers(), "--schema-registry-url", registry.url()};
            CliRun loaded = CliRun.of(concat(new String[] {"figures", "load", figures.toString()}, cluster));
            assertThat(loaded.exit()).as(loaded.err()).isZero();

            ServiceConfig config = ServiceConfig.of(Map.of("bootstrap.servers", kafka.bootstrapServers(), RegistrySettings.URL, registry.url(),
                "state.dir", dir.resolve("state").toString(), "application.id", "crossfire-ingest", "crossfire.http.port", "-1",
                "crossfire.end-of-input.accept", "true"));
            try (Service service = Service.start(config)) {
                String[] ingest = {"ingest", "--from", "bluesky-jetstream", jetstream.uri().toString(), "--cursor-file", cursorFile.toString(),
                    "--max-message-bytes", "100000"};
                CliRun first = CliRun.of(concat(concat(ingest, new String[] {"--max", "250", "--timeout", "PT20S"}), cluster));
                assertThat(first.exit()).as(first.err()).isEqualTo(ExitCodes.PARTIAL);
                assertThat(first.err()).contains("250 posts sent to crossfire.posts", "2 dead-lettered", "1 reconnects", "--max 250 posts",
                    "reconnecting in", "dead-lettered NOT_JSON", "dead-lettered TOO_LARGE");
                long kept = Long.parseLong(Files.readString(cursorFile).strip());

                // a restart: the new run resumes 5 s before the cursor the first one kept
                CliRun second = CliRun.of(concat(concat(ingest, new String[] {"--timeout", "PT3S"}), cluster));
                assertThat(second.exit()).as(second.err()).isZero();
                assertThat(second.err()).contains("resuming", "--timeout PT3S without a post");
                List<LiveTestServers.Seen> seen = jetstream.connections();
                assertThat(seen).hasSize(3);
                assertThat(seen.get(0).cursor()).isNull();
                assertThat(seen.get(2).cursor()).isEqualTo(Long.toString(kept - 5_000_000));

                endOfInput(kafka.bootstrapServers(), topics.posts());
                List<String> threaded = awaitThreaded(kafka.bootstrapServers(), topics.threads(), registry.url(), SeedAsJetstream.distinctPosts());
                assertThat(threaded).as("every post threaded once, the resent ones dropped by crossfire").hasSize(SeedAsJetstream.distinctPosts())
                    .doesNotHaveDuplicates();
                long sent = count(kafka.bootstrapServers(), topics.posts());
                assertThat(sent).as("the overlaps resent some").isGreaterThan(events.size());

                Map<String, byte[]> dead = new HashMap<>();
                KafkaIo.readAll(kafka.bootstrapServers(), topics.rejected(), Duration.ofSeconds(30), r -> {
                    if ("source".equals(header(r, DeadLetter.STAGE))) {
                        dead.put(header(r, DeadLetter.REASON), r.value());
                    }
                });
                assertThat(dead).containsOnlyKeys("NOT_JSON", "TOO_LARGE");
                assertThat(dead.get("NOT_JSON")).isEqualTo(garbage.getBytes(StandardCharsets.UTF_8));
                assertThat(dead.get("TOO_LARGE")).isEqualTo(oversize.getBytes(StandardCharsets.UTF_8));

                List<ExchangeAlert> alerts = awaitAlerts(kafka.bootstrapServers(), topics.alerts(), registry.url(), 2);
                assertThat(alerts).extracting(a -> a.getExchangeId()).containsOnly("donald-trump|jeff-sessions|2020-05-22T23:10:41Z");
                assertThat(alerts).extracting(a -> a.getLevel().name()).containsExactly("NOTICE", "ESCALATING");
            }

            // following the figures: the registry's DIDs in the hello, a new figure sent on the open connection
            String newcomer = "did:plc:newcomer0000000000000000";
            List<String> followed = List.of(LiveTestServers.post("did:plc:stranger", "s1", 1_716_422_400_000_000L, "not followed"),
                LiveTestServers.post(newcomer, "n1", 1_716_422_401_000_000L, "first post, followed once the registry names me"));
            try (LiveTestServers.Jetstream follow = LiveTestServers.jetstream(followed, Map.of(
                1, List.of(LiveTestServers.awaitUpdate(), LiveTestServers.sendRest(), LiveTestServers.idle())))) {
                CompletableFuture<CliRun> running = CompletableFuture.supplyAsync(() -> CliRun.of(concat(new String[] {"ingest", "--from",
                    "bluesky-jetstream", follow.uri().toString(), "--follow-figures", "--max", "1", "--timeout", "PT30S"}, cluster)));
                List<String> hello = follow.awaitTexts(1, Duration.ofSeconds(20));
                assertThat(hello.get(0)).contains("options_update", SeedAsJetstream.did("realDonaldTrump")).doesNotContain(newcomer);

                CrossfireSerdes serdes = new CrossfireSerdes(new HttpSchemaRegistryClient(RegistrySettings.forUrl(registry.url())));
                KafkaIo.loadFigures(kafka.bootstrapServers(), Topics.defaults().figures(), List.of(new Figure("new-senator", "New Senator",
                    List.of(), null, null, List.of(new Account("bluesky", "newcomer.bsky.social", newcomer)))), serdes);
                CliRun run = running.get(60, java.util.concurrent.TimeUnit.SECONDS);
                assertThat(run.exit()).as(run.err()).isZero();
                assertThat(run.err()).contains("1 posts sent", "0 reconnects", "--max 1 posts");
                assertThat(follow.connections()).hasSize(1);
                assertThat(follow.awaitTexts(2, Duration.ofSeconds(1)).get(1)).contains(newcomer, SeedAsJetstream.did("realDonaldTrump"));
            }
        }
    }

    private static long count(String bootstrap, String topic) {
        long[] n = {0};
        KafkaIo.readAll(bootstrap, topic, Duration.ofSeconds(30), r -> n[0]++);
        return n[0];
    }

    private static String header(ConsumerRecord<byte[], byte[]> r, String key) {
        var h = r.headers().lastHeader(key);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    private static String[] concat(String[] a, String[] b) {
        String[] all = new String[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
