package dev.crossfire.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.crossfire.avro.EscalationLevel;
import dev.crossfire.avro.ExchangeAlert;
import dev.crossfire.avro.PublicFigure;
import dev.crossfire.config.ServiceConfig;
import dev.crossfire.config.Topics;
import dev.crossfire.embedded.EmbeddedKafka;
import dev.crossfire.registry.ApicurioRegistry;
import dev.crossfire.serde.AvroSerde;
import dev.crossfire.serde.HttpSchemaRegistryClient;
import dev.crossfire.serde.RegistrySettings;
import com.fasterxml.jackson.databind.JsonNode;
import dev.crossfire.testing.Api;
import dev.crossfire.testing.FigureBuilder;
import dev.crossfire.testing.LiveEventStream;
import dev.crossfire.testing.PostBuilder;
import dev.crossfire.testing.SeedStory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code run}'s service on an external broker and a real registry: posts in, alerts out, a clean stop. */
class ServiceIT {

    @RegisterExtension
    static final ApicurioRegistry REGISTRY = ApicurioRegistry.start();

    @TempDir
    Path dir;

    @Test
    void theServiceTurnsTheSeedPostsIntoAlertsAnyConsumerCanDecode() throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start(dir.resolve("kafka"))) {
            Topics topics = Topics.defaults();
            kafka.createTopics(TopicLayout.specs(topics, 2));
            ServiceConfig config = ServiceConfig.of(Map.of("bootstrap.servers", kafka.bootstrapServers(),
                RegistrySettings.URL, REGISTRY.url(), "state.dir", dir.resolve("state").toString(), "application.id", "crossfire-it",
                "num.stream.threads", "1", "crossfire.http.port", "0"));
            HttpSchemaRegistryClient registry = new HttpSchemaRegistryClient(config.registry());
            AvroSerde<PublicFigure> figures = new AvroSerde<>(registry, PublicFigure.getClassSchema());
            Properties p = new Properties();
            p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
            try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
                for (PublicFigure f : FigureBuilder.seedFigures()) {
                    producer.send(new ProducerRecord<>(topics.figures(), f.getId().getBytes(StandardCharsets.UTF_8), figures.serialize(topics.figures(), f)));
                }
                producer.flush();
            }

            Service service = Service.start(config);
            try {
                assertThat(service.state()).isEqualTo(KafkaStreams.State.RUNNING);
                assertThat(get(service.httpPort(), "/health/ready")).isEqualTo(200);
                assertThat(get(service.httpPort(), "/health/serving")).isEqualTo(200);
                assertThat(get(service.httpPort(), "/health/live")).isEqualTo(200);
                // the live view: its page, and a stream opened before the posts arrive
                assertThat(get(service.httpPort(), "/live/")).isEqualTo(200);
                LiveEventStream live = LiveEventStream.open(service.httpPort(), null);
                try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
                    for (PostBuilder post : SeedStory.inOrder()) {
                        producer.send(new ProducerRecord<>(topics.posts(), post.id().getBytes(StandardCharsets.UTF_8), post.json().getBytes(StandardCharsets.UTF_8)));
                    }
                }
                List<ExchangeAlert> alerts = awaitAlerts(kafka.bootstrapServers(), topics.alerts(), Duration.ofSeconds(60));
                assertThat(alerts).extracting(ExchangeAlert::getLevel).contains(EscalationLevel.ESCALATING);
                String escalating = live.awaitLine(line -> line.startsWith("data: ") && line.contains("\"level\":\"ESCALATING\""), Duration.ofSeconds(30));
                assertThat(escalating).contains("\"exchangeId\":\"" + alerts.get(alerts.size() - 1).getExchangeId() + "\"");
                String scrape = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create("http://127.0.0.1:" + service.httpPort() + "/metrics")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString()).body();
                assertThat(scrape).contains("crossfire_posts_in_total 5.0", "crossfire_alerts_total{level=\"ESCALATING\"} 1.0",
                    "kafka_stream", "crossfire_live_streams 1.0", "crossfire_live_dropped_total 0.0");

                // the query API: the exchange explains itself; the thread is a tree of quotes
                JsonNode exchange = awaitAnswer(service.httpPort(), "/exchanges/" + Api.segment(alerts.get(alerts.size() - 1).getExchangeId()));
                assertThat(exchange.path("level").asText()).isEqualTo("ESCALATING");
                assertThat(exchange.path("turns")).hasSize(3);
                assertThat(exchange.path("reasons")).extracting(r -> r.path("code").asText()).contains("RECIPROCAL");
                JsonNode list = Api.get(service.httpPort(), "/exchanges?level=ESCALATING&since=2020-05-23T00:00:00Z").json();
                assertThat(list.path("exchanges")).extracting(e -> e.path("exchangeId").asText()).contains(exchange.path("exchangeId").asText());
                assertThat(Api.get(service.httpPort(), "/exchanges?until=2020-05-01T00:00:00Z").json().path("count").asInt()).isZero();
                assertThat(Api.get(service.httpPort(), "/figures/jeff-sessions/exchanges").json().path("count").asInt()).isPositive();
                assertThat(Api.get(service.httpPort(), "/figures/nobody/exchanges").json().path("count").asInt()).isZero();
                JsonNode thread = awaitAnswer(service.httpPort(), "/threads/" + Api.segment(SeedStory.TUBERVILLE_ENDORSED.id()));
                JsonNode trump = thread.path("root").path("replies").get(0);
                assertThat(trump.path("postId").asText()).isEqualTo(SeedStory.TRUMP_NAMES_SESSIONS.id());
                assertThat(trump.path("relation").asText()).isEqualTo("QUOTE");
                assertThat(trump.path("replies").get(0).path("postId").asText()).isEqualTo(SeedStory.SESSIONS_QUOTES_TRUMP.id());
                Api.Answer bad = Api.get(service.httpPort(), "/exchanges?level=LOUD&limit=x");
                assertThat(bad.status()).isEqualTo(400);
                assertThat(bad.json().path("error").asText()).contains("level: 'LOUD'", "limit: 'x'");
                assertThat(Api.get(service.httpPort(), "/threads/" + Api.segment("x:never")).status()).isEqualTo(404);
                assertThat(Api.get(service.httpPort(), "/exchanges/not-an-id").status()).isEqualTo(404);
                assertThat(Api.get(service.httpPort(), "/figures/jeff-sessions").status()).isEqualTo(404);

                // two more figures turn on Sessions within hours of Trump's answer: a pile-on, on its own topic, the page and the API
                assertThat(Api.get(service.httpPort(), "/pileons").json().path("count").asInt()).isZero();
                try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
                    for (PostBuilder post : List.of(
                        PostBuilder.post("x:1264240000000000001", "TTuberville", "2020-05-23T15:30:00Z",
                            "@jeffsessions You are a liar and a coward. Alabama deserves better!").mentions("jeffsessions"),
                        PostBuilder.post("x:1264240000000000002", "DougJones", "2020-05-23T16:05:00Z",
                            "@jeffsessions Pathetic and dishonest. A disgrace to the state.").mentions("jeffsessions"))) {
                        producer.send(new ProducerRecord<>(topics.posts(), post.id().getBytes(StandardCharsets.UTF_8), post.json().getBytes(StandardCharsets.UTF_8)));
                    }
                }
                String pileOnEvent = live.awaitLine(line -> line.startsWith("event: pileon"), Duration.ofSeconds(60));
                assertThat(pileOnEvent).isEqualTo("event: pileon");
                JsonNode pileOns = awaitAnswer(service.httpPort(), "/pileons?level=NOTICE");
                assertThat(pileOns.path("count").asInt()).isEqualTo(1);
                JsonNode pileOn = pileOns.path("pileons").get(0);
                assertThat(pileOn.path("target").path("id").asText()).isEqualTo("jeff-sessions");
                assertThat(pileOn.path("level").asText()).isEqualTo("NOTICE");
                assertThat(pileOn.path("attackers")).extracting(a -> a.path("id").asText())
                    .containsExactly("donald-trump", "tommy-tuberville", "doug-jones");
                assertThat(pileOn.path("reasons")).extracting(r -> r.path("label").asText()).contains("how many pile on");
                assertThat(Api.get(service.httpPort(), "/figures/doug-jones/pileons").json().path("count").asInt()).isEqualTo(1);
                assertThat(Api.get(service.httpPort(), "/figures/jeff-sessions/pileons").json().path("count").asInt()).isEqualTo(1);
                assertThat(Api.get(service.httpPort(), "/figures/nobody/pileons").json().path("count").asInt()).isZero();
                assertThat(Api.get(service.httpPort(), "/pileons/x").status()).isEqualTo(404);
            } finally {
                service.close();
            }
            assertThat(service.state()).isEqualTo(KafkaStreams.State.NOT_RUNNING);
        }
    }

    @Test
    void missingTopicsStopTheStartUnlessCreationIsAllowedAndAWrongPolicyIsRefused() throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start(dir.resolve("kafka"))) {
            Map<String, String> base = new java.util.HashMap<>(Map.of("bootstrap.servers", kafka.bootstrapServers(),
                RegistrySettings.URL, REGISTRY.url(), "state.dir", dir.resolve("state").toString(), "crossfire.http.port", "0",
                "crossfire.topics.partitions", "3", "replication.factor", "1"));
            assertThatThrownBy(() -> Service.start(ServiceConfig.of(base)))
                .hasMessageContaining("topic crossfire.posts does not exist (set crossfire.topics.create=true to create it)");

            base.put("crossfire.topics.create", "true");
            try (Service service = Service.start(ServiceConfig.of(base))) {
                assertThat(service.state()).isEqualTo(KafkaStreams.State.RUNNING);
            }
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
                var figures = new ConfigResource(ConfigResource.Type.TOPIC, "crossfire.figures");
                assertThat(admin.describeConfigs(List.of(figures)).all().get().get(figures).get("cleanup.policy").value()).isEqualTo("compact");
                assertThat(admin.describeTopics(List.of("crossfire.posts")).allTopicNames().get().get("crossfire.posts").partitions()).hasSize(3);
                admin.deleteTopics(List.of("crossfire.alerts")).all().get();
                Thread.sleep(500);
                admin.createTopics(List.of(new NewTopic("crossfire.alerts", 3, (short) 1).configs(Map.of("cleanup.policy", "compact")))).all().get();
            }
            base.put("crossfire.topics.create", "false");
            assertThatThrownBy(() -> Service.start(ServiceConfig.of(base)))
                .hasMessageContaining("topic crossfire.alerts must not be compacted");

            // a post's id decides its partition in the posts topic and in the thread topics: their counts must agree
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
                var threads = new ConfigResource(ConfigResource.Type.TOPIC, "crossfire.threads");
                assertThat(admin.describeConfigs(List.of(threads)).all().get().get(threads).get("message.timestamp.type").value())
                    .isEqualTo("LogAppendTime");
                admin.deleteTopics(List.of("crossfire.alerts", "crossfire.internal.thread-links")).all().get();
                Thread.sleep(500);
                admin.createTopics(List.of(new NewTopic("crossfire.alerts", 3, (short) 1),
                    new NewTopic("crossfire.internal.thread-links", 5, (short) 1))).all().get();
            }
            assertThatThrownBy(() -> Service.start(ServiceConfig.of(base)))
                .hasMessageContaining("topic crossfire.internal.thread-links has 5 partitions, but crossfire.posts has 3");
        }
    }

    @Test
    void aBusyHttpPortStopsTheStartNamingTheAddressAndTheSetting() throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start(dir.resolve("kafka"));
             java.net.ServerSocket busy = new java.net.ServerSocket(0)) {
            Map<String, String> settings = new java.util.HashMap<>(selfCreatingConfig(kafka, dir.resolve("state"), "busy-port").effective());
            settings.put("crossfire.http.port", Integer.toString(busy.getLocalPort()));

            assertThatThrownBy(() -> Service.start(ServiceConfig.of(settings)))
                .hasMessageContaining("cannot serve HTTP on 0.0.0.0:" + busy.getLocalPort())
                .hasMessageContaining("set crossfire.http.port to another port");
        }
    }

    @Test
    void resetMakesTheNextRunReprocessFromTheStartAndRefusesWhileRunning() throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start(dir.resolve("kafka"))) {
            Path state = dir.resolve("state");
            ServiceConfig config = selfCreatingConfig(kafka, state, "crossfire-reset-it");
            Topics topics = config.settings().topics();
            Service first = Service.start(config);
            try {
                sendSeed(kafka.bootstrapServers(), topics, config, first.httpPort());
                assertThat(awaitAlerts(kafka.bootstrapServers(), topics.alerts(), Duration.ofSeconds(60)))
                    .extracting(ExchangeAlert::getLevel).contains(EscalationLevel.ESCALATING);
                assertThatThrownBy(() -> Reset.run(config, new java.io.PrintStream(java.io.OutputStream.nullOutputStream())))
                    .hasMessageContaining("stop every instance first");
            } finally {
                first.close();
            }
            assertThat(state.resolve("crossfire-reset-it")).exists();
            Reset.run(config, new java.io.PrintStream(java.io.OutputStream.nullOutputStream()));
            assertThat(state.resolve("crossfire-reset-it")).doesNotExist();

            try (Service second = Service.start(config)) {
                long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                long escalating = 0;
                while (escalating < 2 && System.nanoTime() < deadline) {
                    escalating = countEscalating(kafka.bootstrapServers(), topics.alerts());
                    Thread.sleep(500);
                }
                // the same posts processed again raise the same alert again, under the same id
                assertThat(escalating).isEqualTo(2);
                assertThat(second.state()).isEqualTo(KafkaStreams.State.RUNNING);
            }
        }
    }

    @Test
    void deletingTheLocalStateAndRestartingRestoresItFromTheChangelogs() throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start(dir.resolve("kafka"))) {
            Path state = dir.resolve("state");
            ServiceConfig config = selfCreatingConfig(kafka, state, "crossfire-restore-it");
            Topics topics = config.settings().topics();
            String seedThread = "/threads/" + Api.segment(SeedStory.TUBERVILLE_ENDORSED.id());
            String seedExchange = "/exchanges/" + Api.segment("donald-trump|jeff-sessions|2020-05-22T23:10:41Z");
            JsonNode exchangesBefore;
            JsonNode threadBefore;
            try (Service first = Service.start(config)) {
                sendSeed(kafka.bootstrapServers(), topics, config, first.httpPort());
                assertThat(awaitAlerts(kafka.bootstrapServers(), topics.alerts(), Duration.ofSeconds(60)))
                    .extracting(ExchangeAlert::getLevel).contains(EscalationLevel.ESCALATING);
                exchangesBefore = awaitAnswer(first.httpPort(), seedExchange);
                threadBefore = awaitAnswer(first.httpPort(), seedThread);
            }
            assertThat(exchangesBefore.path("level").asText()).isEqualTo("ESCALATING");
            assertThat(threadBefore.path("posts").asInt()).isGreaterThan(1);
            long stateBytes;
            try (var files = java.nio.file.Files.walk(state.resolve("crossfire-restore-it"))) {
                stateBytes = files.filter(java.nio.file.Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
            }
            deleteTree(state.resolve("crossfire-restore-it"));

            long started = System.nanoTime();
            try (Service second = Service.start(config)) {
                long restartMs = (System.nanoTime() - started) / 1_000_000;
                System.out.println("restart after deleting local state (" + stateBytes / 1024 + " KiB on disk): " + restartMs + " ms to RUNNING; restored "
                    + second.restores().recordsRestored() + " records in " + second.restores().restoreMillis() + " ms ("
                    + second.restores().summary() + ")");
                assertThat(second.restores().recordsRestored()).isPositive();
                // the same answers, from state rebuilt out of the changelogs alone
                assertThat(Api.get(second.httpPort(), seedExchange).json()).isEqualTo(exchangesBefore);
                assertThat(Api.get(second.httpPort(), seedThread).json()).isEqualTo(threadBefore);
                // two more hostile turns: only an exchange that remembers the first three reaches SEVERE
                PostBuilder sessions = PostBuilder.post("x:1264300000000000010", "jeffsessions", "2020-05-23T16:05:00Z",
                    "You are a liar and a coward, Donald. Your lies are a DISGRACE! Pathetic!").quoteOf(SeedStory.TRUMP_ANSWERS.id(), "realDonaldTrump");
                PostBuilder trump = PostBuilder.post("x:1264300000000000011", "realDonaldTrump", "2020-05-23T16:15:00Z",
                    "Jeff, you are a pathetic, dishonest LOSER and a total DISGRACE! Sad!").quoteOf(sessions.id(), "jeffsessions");
                Properties p = new Properties();
                p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
                try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
                    for (PostBuilder post : new PostBuilder[] {sessions, trump, SeedStory.SESSIONS_QUOTES_TRUMP}) {
                        producer.send(new ProducerRecord<>(topics.posts(), post.id().getBytes(StandardCharsets.UTF_8), post.json().getBytes(StandardCharsets.UTF_8)));
                    }
                }
                long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                ExchangeAlert severe = null;
                while (severe == null && System.nanoTime() < deadline) {
                    severe = allAlerts(kafka.bootstrapServers(), topics.alerts()).stream()
                        .filter(a -> a.getLevel() == EscalationLevel.SEVERE).findFirst().orElse(null);
                    Thread.sleep(300);
                }
                assertThat(severe).isNotNull();
                assertThat(severe.getExchangeId()).isEqualTo("donald-trump|jeff-sessions|2020-05-22T23:10:41Z");
                assertThat(severe.getPreviousLevel()).isEqualTo(EscalationLevel.ESCALATING);
                // a, b, d from before the restart and Sessions' new quote: the restored exchange reached SEVERE on the fourth turn
                assertThat(severe.getTurnCount()).isEqualTo(4);
                assertThat(severe.getTriggeredBy()).isEqualTo(sessions.id());
                // the redelivered old post was recognised by the restored deduplication store: threaded once, not twice
                Thread.sleep(1_000);
                assertThat(threadedIds(kafka.bootstrapServers(), topics.threads()))
                    .filteredOn(id -> id.equals(SeedStory.SESSIONS_QUOTES_TRUMP.id())).hasSize(1);
            }
        }
    }

    /** The first 200 answer to a GET, within 30 s: the stores fill a moment after the alert is out. */
    private static JsonNode awaitAnswer(int port, String path) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        Api.Answer answer = Api.get(port, path);
        while (answer.status() != 200 && System.nanoTime() < deadline) {
            Thread.sleep(200);
            answer = Api.get(port, path);
        }
        assertThat(answer.status()).as(path + ": " + answer.json()).isEqualTo(200);
        return answer.json();
    }

    private static List<String> threadedIds(String bootstrap, String topic) {
        AvroSerde<dev.crossfire.avro.ThreadedPost> fresh = new AvroSerde<>(new HttpSchemaRegistryClient(RegistrySettings.forUrl(REGISTRY.url())),
            dev.crossfire.avro.ThreadedPost.getClassSchema());
        List<String> ids = new ArrayList<>();
        KafkaIo.readAll(bootstrap, topic, Duration.ofSeconds(30), r -> ids.add(fresh.deserialize(topic, r.value()).getPost().getId()));
        return ids;
    }

    private static void deleteTree(Path root) throws java.io.IOException {
        try (var paths = java.nio.file.Files.walk(root)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                java.nio.file.Files.delete(p);
            }
        }
    }

    private static List<ExchangeAlert> allAlerts(String bootstrap, String topic) {
        AvroSerde<ExchangeAlert> fresh = new AvroSerde<>(new HttpSchemaRegistryClient(RegistrySettings.forUrl(REGISTRY.url())),
            ExchangeAlert.getClassSchema());
        List<ExchangeAlert> alerts = new ArrayList<>();
        KafkaIo.readAll(bootstrap, topic, Duration.ofSeconds(30), r -> alerts.add(fresh.deserialize(topic, r.value())));
        return alerts;
    }

    /** A service on the test broker and registry that creates its own topics (2 partitions). */
    private static ServiceConfig selfCreatingConfig(EmbeddedKafka kafka, Path state, String applicationId) {
        return ServiceConfig.of(Map.of("bootstrap.servers", kafka.bootstrapServers(), RegistrySettings.URL, REGISTRY.url(),
            "state.dir", state.toString(), "crossfire.http.port", "0", "crossfire.topics.create", "true",
            "crossfire.topics.partitions", "2", "replication.factor", "1", "application.id", applicationId));
    }

    private static void sendSeed(String bootstrap, Topics topics, ServiceConfig config, int httpPort) throws Exception {
        AvroSerde<PublicFigure> figures = new AvroSerde<>(new HttpSchemaRegistryClient(config.registry()), PublicFigure.getClassSchema());
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
            for (PublicFigure f : FigureBuilder.seedFigures()) {
                producer.send(new ProducerRecord<>(topics.figures(), f.getId().getBytes(StandardCharsets.UTF_8), figures.serialize(topics.figures(), f)));
            }
            producer.flush();
            // the registry is a side input, read as it comes: posts read before their figures are known name no one
            awaitFigures(httpPort, FigureBuilder.seedFigures().size());
            for (PostBuilder post : SeedStory.inOrder()) {
                producer.send(new ProducerRecord<>(topics.posts(), post.id().getBytes(StandardCharsets.UTF_8), post.json().getBytes(StandardCharsets.UTF_8)));
            }
        }
    }

    private static void awaitFigures(int httpPort, int count) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        String want = "crossfire_figures " + (double) count;
        String scrape = "";
        while (System.nanoTime() < deadline) {
            scrape = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://127.0.0.1:" + httpPort + "/metrics")).build(), java.net.http.HttpResponse.BodyHandlers.ofString()).body();
            if (scrape.lines().anyMatch(want::equals)) {
                return;
            }
            Thread.sleep(100);
        }
        assertThat(scrape.lines().filter(l -> l.startsWith("crossfire_figures")).toList()).contains(want);
    }

    private static long countEscalating(String bootstrap, String topic) {
        List<ExchangeAlert> escalating = allAlerts(bootstrap, topic).stream().filter(a -> a.getLevel() == EscalationLevel.ESCALATING).toList();
        assertThat(escalating.stream().map(ExchangeAlert::getAlertId).distinct().count()).isLessThanOrEqualTo(1);
        return escalating.size();
    }

    private static int get(int port, String path) throws Exception {
        return java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
            java.net.URI.create("http://127.0.0.1:" + port + path)).build(), java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static List<ExchangeAlert> awaitAlerts(String bootstrap, String topic, Duration timeout) {
        AvroSerde<ExchangeAlert> fresh = new AvroSerde<>(new HttpSchemaRegistryClient(RegistrySettings.forUrl(REGISTRY.url())),
            ExchangeAlert.getClassSchema());
        Properties c = new Properties();
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        c.put(ConsumerConfig.GROUP_ID_CONFIG, "service-it");
        c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<ExchangeAlert> alerts = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(c, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline && alerts.stream().noneMatch(a -> a.getLevel() == EscalationLevel.ESCALATING)) {
                consumer.poll(Duration.ofMillis(300)).forEach(r -> alerts.add(fresh.deserialize(topic, r.value())));
            }
        }
        return alerts;
    }
}
