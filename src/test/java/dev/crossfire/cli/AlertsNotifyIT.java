package dev.crossfire.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.crossfire.app.AlertNotifier;
import dev.crossfire.app.Cluster;
import dev.crossfire.app.KafkaIo;
import dev.crossfire.app.TopicLayout;
import dev.crossfire.avro.EscalationLevel;
import dev.crossfire.avro.ExchangeAlert;
import dev.crossfire.avro.FigureRef;
import dev.crossfire.avro.InteractionKind;
import dev.crossfire.avro.Reason;
import dev.crossfire.avro.Turn;
import dev.crossfire.config.ServiceConfig;
import dev.crossfire.config.Topics;
import dev.crossfire.embedded.EmbeddedKafka;
import dev.crossfire.notify.WebhookSignature;
import dev.crossfire.serde.InMemorySchemaRegistry;
import dev.crossfire.serde.RegistryHttpServer;
import dev.crossfire.serde.RegistrySettings;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code alerts notify} against a real local HTTP receiver that answers 200, 500, 429 with
 * Retry-After, slowly, 400, and not at all, on the embedded broker; then a notifier killed in the
 * middle of its work and started again. Nothing may be lost, and nothing delivered more than twice.
 */
class AlertsNotifyIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant T0 = Instant.parse("2020-05-22T23:10:41Z");

    @TempDir
    Path dir;

    /** Each call the receiver got: path, headers that matter, body, and when. */
    record Call(String path, String alertId, String signature, String timestamp, String body, long atNanos) {
    }

    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final Map<String, AtomicInteger> seen = new ConcurrentHashMap<>();

    private HttpServer receiver() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(4));
        server.createContext("/", this::answer);
        server.start();
        return server;
    }

    private void answer(HttpExchange x) throws IOException {
        String body = new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String path = x.getRequestURI().getPath();
        String id = x.getRequestHeaders().getFirst(WebhookSignature.IDEMPOTENCY_HEADER);
        calls.add(new Call(path, id, x.getRequestHeaders().getFirst(WebhookSignature.SIGNATURE_HEADER),
            x.getRequestHeaders().getFirst(WebhookSignature.TIMESTAMP_HEADER), body, System.nanoTime()));
        int n = seen.computeIfAbsent(path + "|" + (id == null ? body.hashCode() : id), k -> new AtomicInteger()).incrementAndGet();
        int status = switch (path) {
            case "/flaky" -> n <= 2 ? 500 : 200;
            case "/busy" -> {
                if (n == 1) {
                    x.getResponseHeaders().set("Retry-After", "1");
                    yield 429;
                }
                yield 200;
            }
            case "/slow" -> {
                if (n == 1) {
                    sleep(1_500); // longer than --request-timeout: the notifier gives up on this try and tries again
                }
                yield 200;
            }
            case "/steady" -> {
                sleep(400);
                yield 200;
            }
            case "/refuse" -> 400;
            default -> 200;
        };
        x.sendResponseHeaders(status, -1);
        x.close();
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void deliversThroughFaultsDeadLettersWhatCannotGoAndLosesNothingWhenKilled() throws Exception {
        HttpServer receiver = receiver();
        String base = "http://127.0.0.1:" + receiver.getAddress().getPort();
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort(); // nothing listens here once closed: "not at all"
        }
        try (EmbeddedKafka kafka = EmbeddedKafka.start(dir.resolve("kafka"));
             RegistryHttpServer registry = RegistryHttpServer.start(new InMemorySchemaRegistry())) {
            kafka.createTopics(TopicLayout.specs(Topics.defaults(), 2));
            Cluster cluster = Cluster.of(ServiceConfig.of(Map.of("bootstrap.servers", kafka.bootstrapServers(), RegistrySettings.URL,
                registry.url())));
            String[] clusterArgs = {"--bootstrap-servers", kafka.bootstrapServers(), "--schema-registry-url", registry.url()};
            List<String> ids = send(cluster, 4, 0);

            // 1. faults that pass: 500 twice, 429 with Retry-After, an answer too slow; and Slack
            CliRun run = CliRun.of(concat(new String[] {"alerts", "notify", "--from-beginning", "--group", "g1",
                "--webhook", base + "/flaky", "--webhook", base + "/busy", "--webhook", base + "/slow", "--slack-webhook", base + "/slack",
                "--secret", "s3cret", "--live-url", "http://localhost:8080/live/", "--retry-base", "100ms", "--retry-max", "3s",
                "--request-timeout", "500ms", "--max", "4", "--timeout", "PT90S"}, clusterArgs));
            assertThat(run.exit()).as(run.err()).isZero();
            for (String path : List.of("/flaky", "/busy", "/slow")) {
                for (String id : ids) {
                    List<Call> got = calls.stream().filter(c -> c.path().equals(path) && id.equals(c.alertId())).toList();
                    assertThat(got).as(path + " " + id).isNotEmpty();
                    for (Call c : got) {
                        assertThat(c.signature()).as("signed over timestamp and body")
                            .isEqualTo(WebhookSignature.sign("s3cret".getBytes(StandardCharsets.UTF_8), Long.parseLong(c.timestamp()), c.body()));
                        assertThat(JSON.readTree(c.body()).path("alertId").asText()).isEqualTo(id);
                    }
                }
            }
            assertThat(calls.stream().filter(c -> c.path().equals("/flaky")).count()).as("two 500s, then 200, per alert").isEqualTo(12);
            List<Call> busy = calls.stream().filter(c -> c.path().equals("/busy") && ids.get(0).equals(c.alertId())).toList();
            assertThat(busy).hasSize(2);
            assertThat(Duration.ofNanos(busy.get(1).atNanos() - busy.get(0).atNanos())).as("Retry-After: 1 honoured")
                .isGreaterThanOrEqualTo(Duration.ofMillis(950));
            List<Call> slack = calls.stream().filter(c -> c.path().equals("/slack")).toList();
            assertThat(slack).hasSize(4);
            JsonNode message = JSON.readTree(slack.get(0).body());
            assertThat(message.path("text").asText()).contains("ESCALATING", "Donald J. Trump", "Jeff Sessions");
            assertThat(message.toString()).contains("back and forth", "https://twitter.com/realDonaldTrump/status/1",
                "<http://localhost:8080/live/|live view>");
            assertThat(run.err()).contains("HTTP 500; try 2", "HTTP 429; try 2", "no answer within 500 ms");

            // 2. what cannot go: a receiver that is not there, and one that refuses (400): dead letters, and delivery goes on
            CliRun dead = CliRun.of(concat(new String[] {"alerts", "notify", "--from-beginning", "--group", "g2",
                "--webhook", "http://127.0.0.1:" + closedPort + "/gone", "--webhook", base + "/refuse", "--max-tries", "3",
                "--retry-base", "50ms", "--retry-max", "200ms", "--request-timeout", "500ms", "--max", "4", "--timeout", "PT90S"}, clusterArgs));
            assertThat(dead.exit()).as(dead.err()).isZero();
            List<Map<String, String>> letters = new ArrayList<>();
            KafkaIo.readAll(cluster.consumer(), "crossfire.alerts.undelivered", Duration.ofSeconds(30), r -> {
                Map<String, String> h = new java.util.HashMap<>();
                r.headers().forEach(x -> h.put(x.key(), new String(x.value(), StandardCharsets.UTF_8)));
                h.put("alertId", cluster.serdes().alert.deserialize(r.topic(), r.value()).getAlertId());
                letters.add(h);
            });
            assertThat(letters).hasSize(8);
            assertThat(letters).filteredOn(h -> h.get(AlertNotifier.DESTINATION).startsWith("webhook:127.0.0.1:" + closedPort))
                .hasSize(4).allSatisfy(h -> {
                    assertThat(h.get(AlertNotifier.TRIES)).isEqualTo("3");
                    assertThat(h.get(AlertNotifier.REASON)).contains("after 3 tries");
                });
            assertThat(letters).filteredOn(h -> h.get(AlertNotifier.STATUS).equals("400")).hasSize(4)
                .allSatisfy(h -> assertThat(h.get(AlertNotifier.TRIES)).isEqualTo("1"));
            assertThat(letters).extracting(h -> h.get("alertId")).containsOnlyElementsOf(ids);

            // 3. killed in the middle (SIGKILL), started again in the same group: every alert arrives, none more than twice
            List<String> more = send(cluster, 6, 100);
            Process first = notifier(clusterArgs, base + "/steady", "g3");
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (steady(more) < 2 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            first.destroyForcibly().waitFor();
            int beforeRestart = steady(more);
            assertThat(beforeRestart).as("killed after some, before all").isBetween(2, 5);
            Process second = notifier(clusterArgs, base + "/steady", "g3");
            deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            while (distinctSteady(more) < more.size() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            second.destroy();
            second.waitFor();
            assertThat(distinctSteady(more)).as("nothing lost across the kill").isEqualTo(more.size());
            for (String id : more) {
                assertThat(calls.stream().filter(c -> c.path().equals("/steady") && id.equals(c.alertId())).count())
                    .as("delivered at most twice: " + id).isBetween(1L, 2L);
            }
        } finally {
            receiver.stop(0);
        }
    }

    private int steady(List<String> ids) {
        return (int) calls.stream().filter(c -> c.path().equals("/steady") && ids.contains(c.alertId())).count();
    }

    private int distinctSteady(List<String> ids) {
        return (int) calls.stream().filter(c -> c.path().equals("/steady") && ids.contains(c.alertId())).map(Call::alertId).distinct().count();
    }

    private Process notifier(String[] clusterArgs, String url, String group) throws IOException {
        Path tmp = Files.createDirectories(dir.resolve("tmp"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java, "-Xmx256m", "-Djava.io.tmpdir=" + tmp.toAbsolutePath(),
            "-Dorg.apache.avro.SERIALIZABLE_PACKAGES=dev.crossfire.avro", "-cp", System.getProperty("java.class.path"),
            "dev.crossfire.cli.CrossfireCommand", "alerts", "notify", "--from-beginning", "--group", group, "--webhook", url,
            "--secret", "s3cret", "--retry-base", "100ms"));
        cmd.addAll(List.of(clusterArgs));
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("notify-" + group + "-" + System.nanoTime() + ".log")
            .toFile()).start();
    }

    /** {@code count} alerts on the alerts topic, ids numbered from {@code first}. */
    /** The pile-ons topic takes the same path: tail prints them, notify delivers them signed, Slack reads "pile-on". */
    @Test
    void followsThePileOnsTopicTooWithTopicPileons() throws Exception {
        HttpServer receiver = receiver();
        String base = "http://127.0.0.1:" + receiver.getAddress().getPort();
        try (EmbeddedKafka kafka = EmbeddedKafka.start(dir.resolve("kafka"));
             RegistryHttpServer registry = RegistryHttpServer.start(new InMemorySchemaRegistry())) {
            kafka.createTopics(TopicLayout.specs(Topics.defaults(), 2));
            Cluster cluster = Cluster.of(ServiceConfig.of(Map.of("bootstrap.servers", kafka.bootstrapServers(), RegistrySettings.URL,
                registry.url())));
            String[] clusterArgs = {"--bootstrap-servers", kafka.bootstrapServers(), "--schema-registry-url", registry.url()};
            // a pile-on as the desk raises it: three senators, one governor, within the hour
            dev.crossfire.pileon.PileOnTracker tracker = new dev.crossfire.pileon.PileOnTracker(dev.crossfire.config.PileOnPolicy.defaults());
            dev.crossfire.avro.PileOnState state = null;
            dev.crossfire.avro.PileOnAlert pileOn = null;
            String[] attackers = {"ted-cruz", "john-cornyn", "rand-paul"};
            for (int i = 0; i < attackers.length; i++) {
                Turn t = Turn.newBuilder().setPostId("x:7" + i).setFigureId(attackers[i]).setTargetFigureId("gavin-newsom")
                    .setKind(InteractionKind.MENTION).setCreatedAt(T0.plusSeconds(600L * i)).setHostility(0.8).setText("a liar and a coward").build();
                var outcome = tracker.attack(state, dev.crossfire.avro.Interaction.newBuilder().setPairKey(attackers[i] + "|gavin-newsom").setTurn(t)
                    .setSourceName(attackers[i].toUpperCase()).setTargetName("Gavin Newsom").build());
                state = outcome.state();
                pileOn = outcome.alert() != null ? outcome.alert() : pileOn;
            }
            assertThat(pileOn).isNotNull();
            String topic = cluster.topics().pileOns();
            try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(cluster.producer(), new ByteArraySerializer(), new ByteArraySerializer())) {
                producer.send(new ProducerRecord<>(topic, pileOn.getPileOnId().getBytes(StandardCharsets.UTF_8),
                    cluster.serdes().pileOn.serialize(topic, pileOn))).get();
            }
            CliRun tail = CliRun.of(concat(new String[] {"alerts", "tail", "--topic", "pileons", "--from-beginning", "--max", "1",
                "--timeout", "PT60S", "--color", "never"}, clusterArgs));
            assertThat(tail.out()).contains("NOTICE  pile-on: 3 figures turned on Gavin Newsom", "by TED-CRUZ, JOHN-CORNYN, RAND-PAUL");

            CliRun run = CliRun.of(concat(new String[] {"alerts", "notify", "--topic", "pileons", "--from-beginning", "--group", "p1",
                "--webhook", base + "/ok", "--slack-webhook", base + "/slack", "--secret", "s3cret", "--max", "1", "--timeout", "PT60S"},
                clusterArgs));
            assertThat(run.exit()).as(run.err()).isZero();
            Call hook = calls.stream().filter(c -> c.path().equals("/ok")).findFirst().orElseThrow();
            assertThat(hook.alertId()).isEqualTo(pileOn.getAlertId());
            assertThat(JSON.readTree(hook.body()).path("pileOnId").asText()).isEqualTo(pileOn.getPileOnId());
            assertThat(hook.signature()).isEqualTo(WebhookSignature.sign("s3cret".getBytes(StandardCharsets.UTF_8), Long.parseLong(hook.timestamp()),
                hook.body()));
            JsonNode slack = JSON.readTree(calls.stream().filter(c -> c.path().equals("/slack")).findFirst().orElseThrow().body());
            assertThat(slack.path("text").asText()).contains("NOTICE pile-on: 3 figures turned on Gavin Newsom");
            assertThat(slack.toString()).contains("how many pile on");
        } finally {
            receiver.stop(0);
        }
    }

    private static List<String> send(Cluster cluster, int count, int first) throws Exception {
        List<String> ids = new ArrayList<>();
        String topic = cluster.topics().alerts();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(cluster.producer(), new ByteArraySerializer(), new ByteArraySerializer())) {
            for (int i = first; i < first + count; i++) {
                ExchangeAlert a = alert(i);
                ids.add(a.getAlertId());
                producer.send(new ProducerRecord<>(topic, a.getExchangeId().getBytes(StandardCharsets.UTF_8),
                    cluster.serdes().alert.serialize(topic, a))).get();
            }
        }
        return ids;
    }

    private static ExchangeAlert alert(int n) {
        Turn first = Turn.newBuilder().setPostId("x:1" + n).setFigureId("donald-trump").setTargetFigureId("jeff-sessions")
            .setKind(InteractionKind.NAME).setCreatedAt(T0).setHostility(0.65).setText("Alabama, do not trust Jeff Sessions. <b>He</b> let our Country down.")
            .setCues(new ArrayList<>(List.of("attack: let our country down"))).setUrl("https://twitter.com/realDonaldTrump/status/1" + n).build();
        Turn second = Turn.newBuilder().setPostId("x:2" + n).setFigureId("jeff-sessions").setTargetFigureId("donald-trump")
            .setKind(InteractionKind.QUOTE).setCreatedAt(T0.plusSeconds(41 * 60)).setHostility(0.38)
            .setText("you're damn fortunate I did").build();
        return ExchangeAlert.newBuilder()
            .setAlertId(String.format("6f1c1f6e-0000-3000-8000-%012d", n))
            .setExchangeId("donald-trump|jeff-sessions|2020-05-22T23:10:41Z")
            .setLevel(EscalationLevel.ESCALATING)
            .setPreviousLevel(EscalationLevel.NOTICE)
            .setScore(0.56)
            .setFigures(new ArrayList<>(List.of(new FigureRef("donald-trump", "Donald J. Trump"), new FigureRef("jeff-sessions", "Jeff Sessions"))))
            .setTurns(new ArrayList<>(List.of(first, second)))
            .setReasons(new ArrayList<>(List.of(new Reason("RECIPROCAL", "1 turn each way; 1 change of direction", 0.333),
                new Reason("HOSTILITY_RISING", "hostility 0.65 in the earlier turns, 0.38 in the later", 0.0))))
            .setStartedAt(T0)
            .setLastActivityAt(T0.plusSeconds(41 * 60))
            .setTriggeredBy("x:2" + n)
            .setTurnCount(2)
            .build();
    }

    private static String[] concat(String[] a, String[] b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
