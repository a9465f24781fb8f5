package dev.crossfire.app;

import dev.crossfire.post.RejectReason;
import dev.crossfire.api.HttpEndpoint;
import dev.crossfire.avro.ExchangeAlert;
import dev.crossfire.avro.PileOnAlert;
import dev.crossfire.avro.LinkStatus;
import dev.crossfire.avro.ThreadedPost;
import dev.crossfire.config.CrossfireSettings;
import dev.crossfire.config.Topics;
import dev.crossfire.embedded.BundledBroker;
import dev.crossfire.embedded.EmbeddedKafka;
import dev.crossfire.figure.Figure;
import dev.crossfire.figure.FigureDirectory;
import dev.crossfire.metrics.CrossfireMetrics;
import dev.crossfire.serde.RegistrySettings;
import dev.crossfire.topology.CrossfireSerdes;
import dev.crossfire.topology.DeadLetter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the production topology over a finite file of posts, as {@code detect} and {@code demo} do:
 * on the embedded broker and in-memory registry by default, or on an external cluster. File order is
 * arrival order. It waits until every record is processed (offsets caught up), flushes the thread
 * buffers with end-of-input control records, and reads back what the topology wrote.
 */
public final class FileRun {

    private static final Logger LOG = LoggerFactory.getLogger(FileRun.class);
    private static final String STREAMS_DLQ_EXCEPTION_HEADER = "__streams.errors.exception";

    /**
     * @param bootstrapServers external cluster, or null for the embedded broker
     * @param registry         external Confluent-API schema registry, or null for the in-memory one
     * @param timeout          bound on every wait (startup, processing, reading back)
     * @param follow           keep running after the file is done, until the process is stopped
     * @param httpPort         serve the query API and the live view on this loopback port (0: any free one), or -1 for none
     */
    public record Options(String bootstrapServers, RegistrySettings registry, int partitions, Duration timeout, boolean follow, int httpPort) {

        public Options(String bootstrapServers, RegistrySettings registry, int partitions, Duration timeout, boolean follow) {
            this(bootstrapServers, registry, partitions, timeout, follow, -1);
        }

        public static Options embedded() {
            return new Options(null, null, TopicLayout.DEFAULT_PARTITIONS, Duration.ofMinutes(5), false);
        }
    }

    /** Where a run serves HTTP: loopback only, as a run on one machine is looked at from that machine. */
    static final String HTTP_HOST = "127.0.0.1";

    private FileRun() {
    }

    /** The in-memory registry over HTTP, for the lifetime of the process (a followed run ends with it). */
    private static dev.crossfire.serde.RegistryHttpServer startRegistryServer(CrossfireSerdes serdes) {
        try {
            return dev.crossfire.serde.RegistryHttpServer.start(serdes.registry());
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot serve the schema registry over HTTP: " + e.getMessage(), e);
        }
    }

    public static RunSummary run(List<Figure> figures, List<PostLines.Line> lines, CrossfireSettings baseSettings, Options options,
                                 Consumer<ExchangeAlert> onAlert) throws InterruptedException {
        long started = System.nanoTime();
        // the port first: a port in use fails the run before any broker work
        HttpEndpoint http = options.httpPort() >= 0 ? openHttp(options.httpPort()) : null;
        Path work = tempDir();
        EmbeddedKafka embedded = null;
        // a followed run ends when the process is stopped (Ctrl-C, SIGTERM): the hook wakes this thread
        // and waits for it to close the broker and delete the working directory, which would otherwise stay
        java.util.concurrent.CountDownLatch cleanedUp = new java.util.concurrent.CountDownLatch(1);
        Thread stopHook = options.follow() ? stopHook(Thread.currentThread(), cleanedUp) : null;
        try {
            String bootstrap = options.bootstrapServers();
            // a run on a shared cluster gets its own application id and topic names
            String applicationId = bootstrap == null ? "crossfire" : "crossfire-detect-" + UUID.randomUUID().toString().substring(0, 8);
            CrossfireSettings batch = Disorder.batchSettings(baseSettings, lines);
            CrossfireSettings settings = bootstrap == null ? batch : batch.withTopics(batch.topics().withPrefix(applicationId + "."));
            CrossfireSerdes serdes = RegistrySerdes.forRun(options.registry(), settings.topics()); // fails fast, before any broker work
            if (bootstrap == null) {
                embedded = BundledBroker.start(work.resolve("kafka"));
                bootstrap = embedded.bootstrapServers();
                embedded.createTopics(TopicLayout.specs(settings.topics(), options.partitions()));
            } else {
                KafkaIo.createTopics(bootstrap, TopicLayout.specs(settings.topics(), options.partitions()), options.timeout());
            }
            return execute(figures, lines, settings, serdes, options, bootstrap, applicationId, work, http, onAlert, started);
        } finally {
            if (http != null) {
                http.close();
            }
            if (embedded != null) {
                embedded.close();
            }
            deleteQuietly(work);
            cleanedUp.countDown();
            if (stopHook != null) {
                try {
                    Runtime.getRuntime().removeShutdownHook(stopHook);
                } catch (IllegalStateException e) {
                    // the JVM is already stopping: the hook is running
                }
            }
        }
    }

    private static RunSummary execute(List<Figure> figures, List<PostLines.Line> lines, CrossfireSettings settings,
                                      CrossfireSerdes serdes, Options options,
                                      String bootstrap, String applicationId, Path work, HttpEndpoint http,
                                      Consumer<ExchangeAlert> onAlert, long started)
        throws InterruptedException {
        Topics topics = settings.topics();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
             KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(KafkaIo.producerProps(bootstrap), new ByteArraySerializer(), new ByteArraySerializer())) {
            KafkaIo.loadFigures(bootstrap, topics.figures(), figures, serdes);

            Properties props = StreamsProperties.of(applicationId, bootstrap, work.resolve("state"), settings, replicationFactor(options));
            HostInfo self = http == null ? null : new HostInfo(HTTP_HOST, http.port());
            if (self != null) {
                props.put(StreamsConfig.APPLICATION_SERVER_CONFIG, self.host() + ":" + self.port());
            }
            // with an HTTP port (demo --follow) the port serves what run's does, /metrics included
            CrossfireMetrics metrics = http == null ? CrossfireMetrics.noop() : CrossfireMetrics.prometheus();
            CrossfireApp app = CrossfireApp.create(settings, serdes, props, TopicCheck.postsPartitions(admin, topics, options.timeout()),
                new FigureDirectory(), metrics);
            KafkaStreams streams = app.streams();
            WebFront front = null;
            if (http != null) {
                metrics.bind(streams);
                http.health(streams::state);
                http.metrics(metrics::scrape);
                front = WebFront.mount(http, app, self, settings, Duration.ofSeconds(5), "", metrics);
            }
            Consumer<ExchangeAlert> shown = alertsTo(onAlert, front);
            AlertWatch<ExchangeAlert> watch = shown == null ? null : AlertWatch.start(bootstrap, topics.alerts(), serdes, shown);
            // demo --follow: the live view shows pile-ons too
            AlertWatch<PileOnAlert> pileOnWatch = front == null ? null : AlertWatch.pileOns(bootstrap, topics.pileOns(), serdes, front::pileOn);
            try {
                app.start(options.timeout());
                LOG.info("topology running after {} ms", elapsedMs(started));
                IdleWatch idle = new IdleWatch(admin, applicationId, Set.copyOf(topics.inputs()));

                send(producer, topics.posts(), lines);
                idle.awaitIdle(options.timeout());
                LOG.info("{} posts processed after {} ms", lines.size(), elapsedMs(started));
                KafkaIo.endOfInput(producer, topics.posts());
                idle.awaitIdle(options.timeout());
                LOG.info("end of input done after {} ms", elapsedMs(started));
                app.checkAlive();

                List<ExchangeAlert> alerts = new ArrayList<>();
                KafkaIo.readAll(bootstrap, topics.alerts(), options.timeout(), r -> alerts.add(serdes.alert.deserialize(r.topic(), r.value())));
                List<PileOnAlert> pileOns = new ArrayList<>();
                KafkaIo.readAll(bootstrap, topics.pileOns(), options.timeout(), r -> pileOns.add(serdes.pileOn.deserialize(r.topic(), r.value())));
                // alerts of one pile-on in the order they were raised, the pile-ons in the order they began
                pileOns.sort(Comparator.comparing(PileOnAlert::getStartedAt).thenComparing(PileOnAlert::getPileOnId)
                    .thenComparing(a -> a.getLevel().ordinal()));
                int[] threads = new int[3];
                KafkaIo.readAll(bootstrap, topics.threads(), options.timeout(), r -> {
                    ThreadedPost p = serdes.threadedPost.deserialize(r.topic(), r.value());
                    threads[2]++;
                    if (p.getStatus() != LinkStatus.LINKED) {
                        threads[0]++;
                    }
                    if (p.getStatus() == LinkStatus.ORPHAN) {
                        threads[1]++;
                    }
                });
                List<RunSummary.RejectedLine> rejected = new ArrayList<>();
                KafkaIo.readAll(bootstrap, topics.rejected(), options.timeout(), r -> rejected.add(rejectedLine(r)));
                lines.stream().filter(l -> l.refused() != null)
                    .forEach(l -> rejected.add(new RunSummary.RejectedLine(l.number(), RejectReason.TOO_LARGE.name(), l.refused())));
                rejected.sort(Comparator.comparingInt(RunSummary.RejectedLine::line));
                alerts.sort(Comparator.comparing(ExchangeAlert::getLastActivityAt).thenComparing(a -> a.getLevel().ordinal()));
                if (watch != null) {
                    watch.awaitCount(alerts.size(), options.timeout());
                }
                RunSummary summary = new RunSummary(lines.size(), rejected, threads[2], threads[0], threads[1], alerts, pileOns,
                    Duration.ofNanos(System.nanoTime() - started));
                if (options.follow()) {
                    // other commands (replay, figures load, alerts tail) reach this run with these two addresses
                    String registryUrl = options.registry() != null ? options.registry().urls().get(0).toString()
                        : startRegistryServer(serdes).url();
                    System.err.println("following: post JSON lines to topic " + topics.posts() + "; alerts print as they come. Ctrl-C stops.");
                    System.err.println("other crossfire commands reach this run with: --bootstrap-servers " + bootstrap
                        + " --schema-registry-url " + registryUrl);
                    if (http != null) {
                        System.err.println("live view: http://" + HTTP_HOST + ":" + http.port() + "/live/ (query API on the same port)");
                    }
                    try {
                        Thread.sleep(Long.MAX_VALUE);
                    } catch (InterruptedException e) {
                        System.err.println("stopping: closing the topology and the broker, deleting the working directory");
                    }
                }
                return summary;
            } finally {
                if (watch != null) {
                    watch.close();
                }
                if (pileOnWatch != null) {
                    pileOnWatch.close();
                }
                if (front != null) {
                    front.close();
                }
                app.close(Duration.ofSeconds(30));
                metrics.close();
            }
        }
    }

    private static Thread stopHook(Thread runner, java.util.concurrent.CountDownLatch cleanedUp) {
        Thread hook = new Thread(() -> {
            runner.interrupt();
            try {
                cleanedUp.await(60, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "crossfire-follow-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        return hook;
    }

    private static HttpEndpoint openHttp(int port) {
        try {
            return HttpEndpoint.open(HTTP_HOST, port);
        } catch (IOException e) {
            throw new IllegalStateException("cannot serve HTTP on " + HTTP_HOST + ":" + port + " (" + e.getMessage()
                + "); choose another port, or 0 for any free one", e);
        }
    }

    /** The caller's alert callback and the live view together; null when neither wants alerts. */
    private static Consumer<ExchangeAlert> alertsTo(Consumer<ExchangeAlert> onAlert, WebFront front) {
        if (front == null) {
            return onAlert;
        }
        Consumer<ExchangeAlert> live = front::alert;
        return onAlert == null ? live : onAlert.andThen(live);
    }

    private static long elapsedMs(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1_000_000;
    }

    private static void send(KafkaProducer<byte[], byte[]> producer, String topic, List<PostLines.Line> lines) {
        for (PostLines.Line line : lines) {
            if (line.refused() != null) {
                continue; // in the summary's rejected lines, from the file, not the dead-letter topic
            }
            RecordHeaders headers = new RecordHeaders();
            headers.add(DeadLetter.SOURCE_LINE, Integer.toString(line.number()).getBytes(StandardCharsets.UTF_8));
            producer.send(new ProducerRecord<>(topic, null, null, line.key().getBytes(StandardCharsets.UTF_8), line.value(), headers));
        }
        producer.flush();
    }

    private static RunSummary.RejectedLine rejectedLine(ConsumerRecord<byte[], byte[]> r) {
        String line = header(r, DeadLetter.SOURCE_LINE);
        String reason = header(r, DeadLetter.REASON);
        String message = header(r, DeadLetter.MESSAGE);
        if (reason == null) {
            reason = "PROCESSING_ERROR";
            message = Objects.requireNonNullElse(header(r, STREAMS_DLQ_EXCEPTION_HEADER), "failed in processing");
        }
        return new RunSummary.RejectedLine(line == null ? 0 : Integer.parseInt(line), reason, message);
    }

    private static String header(ConsumerRecord<byte[], byte[]> r, String name) {
        Header h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    private static int replicationFactor(Options options) {
        return options.bootstrapServers() == null ? 1 : -1;
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("crossfire-run");
        } catch (IOException e) {
            throw new IllegalStateException("cannot create a working directory: " + e.getMessage(), e);
        }
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            LOG.warn("could not delete {}: {}", dir, e.getMessage());
        }
    }
}
