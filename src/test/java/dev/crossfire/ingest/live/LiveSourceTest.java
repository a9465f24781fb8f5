package dev.crossfire.ingest.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crossfire.avro.Post;
import dev.crossfire.ingest.live.RecordedJetstream.AwaitUpdate;
import dev.crossfire.ingest.live.RecordedJetstream.Binary;
import dev.crossfire.ingest.live.RecordedJetstream.Drop;
import dev.crossfire.ingest.live.RecordedJetstream.Idle;
import dev.crossfire.ingest.live.RecordedJetstream.Send;
import dev.crossfire.ingest.live.RecordedJetstream.SendRest;
import dev.crossfire.ingest.live.RecordedJetstream.Stall;
import dev.crossfire.ingest.live.RecordedJetstream.Text;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * The live-source core against a local WebSocket server serving recorded Jetstream and Mastodon
 * events: reconnects after a drop and a stall resume a little before the newest event, garbage and
 * an oversize event are kept byte for byte with their reason, following DIDs re-subscribes on the open
 * connection, and a slow reader holds the socket back instead of queueing without bound.
 */
class LiveSourceTest {

    private static final long START_US = 1_716_422_400_000_000L; // 2024-05-23T00:00:00Z
    private static final String ALICE = "did:plc:alice000000000000000000";
    private static final String BOB = "did:plc:bob00000000000000000000";

    private final List<String> notices = Collections.synchronizedList(new ArrayList<>());

    private LiveSettings fast(LiveNetwork network, java.net.URI uri) {
        return LiveSettings.defaults(network, uri).withBackoff(Duration.ofMillis(20), Duration.ofMillis(100))
            .withStall(Duration.ofMillis(700), Duration.ofMillis(100)).withBounds(100, 2_000, 8_000);
    }

    @Test
    void everyPostArrivesAcrossADropAndAStallAndBadMessagesAreKeptWithTheirReason() throws Exception {
        List<String> events = RecordedJetstream.posts(ALICE, "a", 12, START_US);
        String garbage = "{\"did\": \"did:plc:x\", \"kind\": comm";
        byte[] binary = {(byte) 0xC3, 0x28, 0x00, (byte) 0xFF};
        String oversize = RecordedJetstream.post(ALICE, "big", START_US + 4_500_000, "x".repeat(3_000));
        Map<Integer, List<RecordedJetstream.Step>> plans = Map.of(
            1, List.of(new Send(5), new Text(garbage), new Binary(binary), new Text(oversize), new Send(2), new Drop()),
            2, List.of(new Send(2), new Stall()),
            3, List.of(new SendRest(), new Idle()));
        LiveMetrics metrics = new LiveMetrics(new SimpleMeterRegistry(), LiveNetwork.BLUESKY_JETSTREAM, Clock.systemUTC());
        try (WebSocketTestServer server = WebSocketTestServer.start(new RecordedJetstream(events, plans));
             LiveSource source = LiveSource.open(fast(LiveNetwork.BLUESKY_JETSTREAM, server.uri("/subscribe")), -1, false, metrics, notices::add)) {
            List<Delivery> got = pollUntil(source, all -> postIds(all).size() == 12, Duration.ofSeconds(15));

            assertThat(postIds(got)).hasSize(12);
            assertThat(got.stream().mapToLong(d -> d.posts().size()).sum()).as("the overlap resends some").isGreaterThan(12);
            List<Delivery.Rejection> rejected = got.stream().filter(Delivery::rejected).map(Delivery::rejection).toList();
            assertThat(rejected).extracting(Delivery.Rejection::reason).containsExactly("NOT_JSON", "NOT_UTF8", "TOO_LARGE");
            assertThat(rejected.get(0).raw()).isEqualTo(garbage.getBytes(StandardCharsets.UTF_8));
            assertThat(rejected.get(1).raw()).isEqualTo(binary);
            assertThat(rejected.get(1).message()).startsWith("binary frame: not UTF-8: byte 0xC3");
            assertThat(rejected.get(2).raw()).isEqualTo(oversize.getBytes(StandardCharsets.UTF_8));
            assertThat(rejected.get(2).message()).contains("more than the 2000 a message may have");

            List<WebSocketTestServer.Connection> connections = server.connections();
            assertThat(connections).hasSize(3);
            assertThat(connections.get(0).query()).doesNotContainKey("cursor")
                .containsEntry("wantedCollections", List.of("app.bsky.feed.post", "app.bsky.feed.repost"));
            // each reconnect resumes 5 s before the newest event received: a6, or a5 when the drop cut a6 off in the JDK's
            // buffer before it was handed on (the overlap is what covers such a loss)
            for (int i = 1; i <= 2; i++) {
                long cursor = Long.parseLong(connections.get(i).query().get("cursor").get(0));
                assertThat(cursor + 5_000_000).as("connection %d's cursor", i + 1).isIn(START_US + 5_000_000, START_US + 6_000_000);
            }
            assertThat(notices).anySatisfy(n -> assertThat(n).startsWith("stalled: no message nor answer to a ping"));
            assertThat(metrics.reconnects()).isEqualTo(2);
            assertThat(metrics.lagSeconds()).isGreaterThan(0);
        }
    }

    @Test
    void followingSendsTheDidsInTheHelloAndChangesThemWithoutReconnecting() throws Exception {
        List<String> events = new ArrayList<>(RecordedJetstream.posts(ALICE, "a", 3, START_US));
        events.addAll(RecordedJetstream.posts(BOB, "b", 3, START_US + 10_000_000));
        Map<Integer, List<RecordedJetstream.Step>> plans = Map.of(1, List.of(new Send(3), new AwaitUpdate(), new SendRest(), new Idle()));
        LiveMetrics metrics = new LiveMetrics(new SimpleMeterRegistry(), LiveNetwork.BLUESKY_JETSTREAM, Clock.systemUTC());
        try (WebSocketTestServer server = WebSocketTestServer.start(new RecordedJetstream(events, plans));
             LiveSource source = LiveSource.open(fast(LiveNetwork.BLUESKY_JETSTREAM, server.uri("/subscribe")), -1, true, metrics, notices::add)) {
            assertThat(source.poll(10, Duration.ofMillis(400))).isEmpty();
            assertThat(server.connections()).as("no DIDs yet: Jetstream would send every account").isEmpty();

            source.follow(Set.of(ALICE));
            List<Delivery> got = pollUntil(source, all -> postIds(all).size() == 3, Duration.ofSeconds(10));
            assertThat(postIds(got)).allMatch(id -> id.contains(ALICE));
            WebSocketTestServer.Connection c = server.connections().get(0);
            assertThat(c.query().get("requireHello")).containsExactly("true");

            source.follow(Set.of(ALICE, BOB));
            got.addAll(pollUntil(source, all -> postIds(all).size() == 3, Duration.ofSeconds(10)));
            assertThat(postIds(got)).hasSize(6);
            assertThat(server.connections()).hasSize(1);
            assertThat(c.textsReceived()).hasSize(2);
            assertThat(c.textsReceived().get(1)).contains("\"type\":\"options_update\"", ALICE, BOB);
        }
    }

    @Test
    void aSlowReaderHoldsTheSocketBackInsteadOfQueueingWithoutBound() throws Exception {
        List<String> events = RecordedJetstream.posts(ALICE, "a", 40, START_US);
        LiveMetrics metrics = new LiveMetrics(new SimpleMeterRegistry(), LiveNetwork.BLUESKY_JETSTREAM, Clock.systemUTC());
        try (WebSocketTestServer server = WebSocketTestServer.start(new RecordedJetstream(events, Map.of()))) {
            LiveSettings settings = fast(LiveNetwork.BLUESKY_JETSTREAM, server.uri("/subscribe")).withBounds(3, 2_000, 8_000)
                .withStall(Duration.ofMillis(300), Duration.ofMillis(50));
            try (LiveSource source = LiveSource.open(settings, -1, false, metrics, notices::add)) {
                List<Delivery> got = new ArrayList<>();
                long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
                while (postIds(got).size() < 40 && System.nanoTime() < deadline) {
                    got.addAll(source.poll(1, Duration.ofMillis(200)));
                    Thread.sleep(20);
                    assertThat(source.queued()).isLessThanOrEqualTo(3);
                }
                assertThat(postIds(got)).hasSize(40);
                assertThat(source.connections()).as("held back, not taken for a stall").isEqualTo(1);
            }
        }
    }

    @Test
    void mastodonUpdatesBecomePostsAndDeletionsAndEditsAreCountedNotImported() throws Exception {
        List<String> frames = new String(LiveSourceTest.class.getResourceAsStream("/ingest/mastodon/streaming.jsonl").readAllBytes(),
            StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).toList();
        WebSocketTestServer.Script script = c -> {
            for (String f : frames) {
                c.sendText(f);
            }
            while (c.open()) {
                Thread.sleep(50);
            }
        };
        LiveMetrics metrics = new LiveMetrics(new SimpleMeterRegistry(), LiveNetwork.MASTODON_STREAM, Clock.systemUTC());
        try (WebSocketTestServer server = WebSocketTestServer.start(script);
             LiveSource source = LiveSource.open(fast(LiveNetwork.MASTODON_STREAM, server.uri("/api/v1/streaming?stream=user")).withBounds(100, 64_000, 256_000)
                 .withAccessToken("secret-token"), -1, false, metrics, notices::add)) {
            List<Delivery> got = pollUntil(source, all -> all.size() == frames.size(), Duration.ofSeconds(10));
            assertThat(got).noneMatch(Delivery::rejected);
            assertThat(got).filteredOn(d -> d.skippedAs() != null).extracting(Delivery::skippedAs)
                .containsExactly("notification", "notification", "status.update", "delete");
            assertThat(postIds(got)).hasSize(4).allMatch(id -> id.startsWith("mastodon:"));
            assertThat(server.connections().get(0).header("Authorization")).isEqualTo("Bearer secret-token");
            assertThat(server.connections().get(0).query()).containsOnlyKeys("stream");
        }
    }

    private static List<Delivery> pollUntil(LiveSource source, Predicate<List<Delivery>> done, Duration within) throws InterruptedException {
        List<Delivery> got = new ArrayList<>();
        long deadline = System.nanoTime() + within.toNanos();
        while (!done.test(got) && System.nanoTime() < deadline) {
            got.addAll(source.poll(100, Duration.ofMillis(100)));
        }
        return got;
    }

    private static Set<String> postIds(List<Delivery> deliveries) {
        Set<String> ids = new TreeSet<>();
        for (Delivery d : deliveries) {
            for (Post p : d.posts()) {
                ids.add(p.getId());
            }
        }
        return ids;
    }
}
