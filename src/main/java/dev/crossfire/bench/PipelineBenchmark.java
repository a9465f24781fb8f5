package dev.crossfire.bench;

import dev.crossfire.app.AlertWatch;
import dev.crossfire.app.CrossfireApp;
import dev.crossfire.app.Disorder;
import dev.crossfire.app.IdleWatch;
import dev.crossfire.app.KafkaIo;
import dev.crossfire.app.ReplayPace;
import dev.crossfire.app.StreamsProperties;
import dev.crossfire.app.TopicLayout;
import dev.crossfire.avro.EscalationLevel;
import dev.crossfire.avro.ExchangeAlert;
import dev.crossfire.avro.ThreadedPost;
import dev.crossfire.avro.Post;
import dev.crossfire.config.CrossfireSettings;
import dev.crossfire.config.Topics;
import dev.crossfire.embedded.BundledBroker;
import dev.crossfire.embedded.EmbeddedKafka;
import dev.crossfire.embedded.TopicSpec;
import dev.crossfire.figure.FigureDirectory;
import dev.crossfire.metrics.CrossfireMetrics;
import dev.crossfire.serde.InMemorySchemaRegistry;
import dev.crossfire.topology.CrossfireSerdes;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;

/**
 * crossfire against Kafka Streams' own ceiling, in one run on one in-process KRaft broker (this
 * JVM), with the same serdes and the same exactly-once settings for both:
 * <ol>
 *   <li>a generated workload is written to the posts topic;</li>
 *   <li>baseline: a Streams app that only moves those posts to another topic (decode, encode);</li>
 *   <li>crossfire's full topology over the same posts; then the end of input, and the alerts
 *       against the planted ground truth;</li>
 *   <li>latency: a fresh crossfire fed live at a fixed offered rate; each alert's latency is its
 *       append time on the alerts topic minus its triggering post's append time on the posts topic
 *       (both topics stamp the broker's append time).</li>
 * </ol>
 */
public final class PipelineBenchmark {

    /** What to run. */
    public record Options(long posts, int partitions, double offeredRate, Duration latencyPhase, long seed, Duration timeout,
                          Map<String, String> streamsOverrides, double eventRate, Duration allowedLateness) {
    }

    /** Posts per second through one app, from RUNNING to all input committed. */
    public record Throughput(long posts, long millis) {
        public double perSecond() {
            return millis == 0 ? 0 : posts * 1000.0 / millis;
        }
    }

    /** Alerts against the planted exchanges: a pair counts as alerted at ESCALATING or above. */
    public record Accuracy(int planted, int alertedPairs, int truePositives, int friendlyAlerted, int alerts) {
        public double precision() {
            return alertedPairs == 0 ? 0 : (double) truePositives / alertedPairs;
        }

        public double recall() {
            return planted == 0 ? 0 : (double) truePositives / planted;
        }
    }

    /**
     * How the posts came out on the threads topic once the end-of-input flushes released every
     * waiting child: each distinct post should appear exactly once.
     */
    public record Threaded(long distinct, long records, long roots, long linked, long orphans) {
    }

    /**
     * Records crossfire wrote per post delivered, by topic (end offsets: transaction markers count too),
     * and their total, against the baseline's one.
     */
    public record RecordsPerPost(java.util.SortedMap<String, Double> byTopic, double total) {
        String summary() {
            StringBuilder out = new StringBuilder();
            byTopic.forEach((topic, per) -> out.append(String.format(java.util.Locale.ROOT, "%s %.2f, ", topic, per)));
            return out.append(String.format(java.util.Locale.ROOT, "total %.2f (offsets, transaction markers included)", total)).toString();
        }
    }

    /** Everything one run measured. */
    public record Report(Options options, long delivered, Throughput baseline, Throughput crossfire, RecordsPerPost recordsPerPost,
                         Accuracy accuracy, Threaded threaded,
                         long peakHeapBytes, long stateBytes, long offered, double achievedRate, Percentiles latencyMillis) {
        public double ratio() {
            return baseline.perSecond() == 0 ? 0 : crossfire.perSecond() / baseline.perSecond();
        }
    }

    private final Options options;
    private final PrintStream progress;

    public PipelineBenchmark(Options options, PrintStream progress) {
        this.options = options;
        this.progress = progress;
    }

    public Report run() throws Exception {
        Path work = Files.createTempDirectory("crossfire-bench");
        try (EmbeddedKafka kafka = BundledBroker.start(work.resolve("kafka"));
             Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            String bootstrap = kafka.bootstrapServers();
            CrossfireSerdes serdes = new CrossfireSerdes(new InMemorySchemaRegistry());

            WorkloadSpec base = WorkloadSpec.defaults(options.posts());
            Workload load = new Workload(new WorkloadSpec(options.seed(), base.figures(), base.accounts(), options.posts(),
                options.eventRate(), base.outOfOrder(), base.duplicates(), base.escalating(), base.friendly(), base.start()));
            Topics topics = Topics.defaults().withPrefix("bench.");
            String moved = "bench.baseline-out";
            List<TopicSpec> specs = new ArrayList<>(TopicLayout.specs(topics, options.partitions()));
            specs.add(TopicSpec.of(moved, options.partitions()));
            kafka.createTopics(specs);
            KafkaIo.loadFigures(bootstrap, topics.figures(), load.figures(), serdes);
            long started = System.nanoTime();
            Written written = writeAll(bootstrap, topics.posts(), load, serdes);
            progress.printf("wrote %,d posts (%,d distinct, %d planted exchanges) in %.1f s%n", written.count(), options.posts(),
                load.planted().size(), (System.nanoTime() - started) / 1e9);

            Throughput baseline = baseline(bootstrap, admin, work, topics, moved, serdes, written.count());
            progress.printf("baseline (move posts, same serdes, %s): %,.0f posts/s%n", guarantee(), baseline.perSecond());

            CrossfireSettings settings = Disorder.batchSettings(CrossfireSettings.defaults(), load.maxDisorder()).withTopics(topics);
            Path state = work.resolve("state-crossfire");
            Throughput crossfire;
            long peakHeap;
            List<ExchangeAlert> alerts = new ArrayList<>();
            Threaded threaded;
            RecordsPerPost perPost;
            System.gc();
            try (HeapSampler heap = new HeapSampler();
                 CrossfireApp app = crossfireApp("bench-crossfire", bootstrap, state, settings, serdes, options.partitions(),
                     options.streamsOverrides(), CrossfireMetrics.noop())) {
                CpuByThread cpu = new CpuByThread();
                crossfire = measure(() -> app.start(options.timeout()), admin, "bench-crossfire", Set.copyOf(topics.inputs()), written.count());
                progress.println("crossfire phase: " + cpu.summary());
                progress.println("crossfire phase: " + threadTime(app.streams()));
                perPost = recordsWritten(admin, topics, "bench-crossfire", written.count());
                progress.println("crossfire phase: records written per post delivered, by topic: " + perPost.summary());
                progress.printf("crossfire (full topology, %s): %,.0f posts/s%n", guarantee(), crossfire.perSecond());
                endOfInput(bootstrap, admin, "bench-crossfire", Set.copyOf(topics.inputs()), topics.posts(), options.timeout());
                peakHeap = heap.peakBytes();
                KafkaIo.readAll(bootstrap, topics.alerts(), options.timeout(), r -> alerts.add(serdes.alert.deserialize(r.topic(), r.value())));
                threaded = threaded(bootstrap, topics.threads(), serdes);
            }
            progress.printf("threads topic after the end-of-input flushes: %,d records, %,d distinct posts of %,d (roots %,d, linked %,d, orphans %,d)%n",
                threaded.records(), threaded.distinct(), options.posts(), threaded.roots(), threaded.linked(), threaded.orphans());
            long stateBytes = sizeOf(state);
            Accuracy accuracy = accuracy(load, alerts);
            progress.printf("alerts: %d; precision %.3f, recall %.3f against %d planted escalating exchanges%n", accuracy.alerts(),
                accuracy.precision(), accuracy.recall(), accuracy.planted());

            Live live = options.latencyPhase().isZero() ? new Live(0, 0, Percentiles.of(new long[0])) : latency(kafka, admin, work, serdes);
            progress.printf("latency at %,.0f posts/s offered (%,.0f achieved), allowed lateness %d ms: p50 %d ms, p95 %d ms, p99 %d ms over %d alerts%n",
                options.offeredRate(), live.achievedRate(), options.allowedLateness().toMillis(), live.latency().p50(), live.latency().p95(), live.latency().p99(),
                live.latency().count());
            return new Report(options, written.count(), baseline, crossfire, perPost, accuracy, threaded, peakHeap, stateBytes, live.offered(),
                live.achievedRate(), live.latency());
        } finally {
            deleteTree(work);
        }
    }

    /** The processing guarantee both apps run with. */
    public String guarantee() {
        return options.streamsOverrides().getOrDefault("processing.guarantee", "exactly_once_v2");
    }

    record Written(long count, Instant lastEvent) {
    }

    private record Live(long offered, double achievedRate, Percentiles latency) {
    }

    private Throughput baseline(String bootstrap, Admin admin, Path work, Topics topics, String moved, CrossfireSerdes serdes, long posts)
        throws InterruptedException {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(topics.posts(), Consumed.with(Serdes.ByteArray(), serdes.post).withName("posts-source"))
            .to(moved, Produced.with(Serdes.ByteArray(), serdes.post).withName("moved-sink"));
        Topology topology = builder.build();
        Properties props = StreamsProperties.of("bench-baseline", bootstrap, work.resolve("state-baseline"),
            CrossfireSettings.defaults().withTopics(topics), 1);
        props.putAll(options.streamsOverrides());
        try (KafkaStreams streams = new KafkaStreams(topology, props)) {
            CpuByThread cpu = new CpuByThread();
            Throughput t = measure(() -> start(streams, "bench-baseline", options.timeout()), admin, "bench-baseline", Set.of(topics.posts()),
                posts);
            progress.println("baseline phase: " + cpu.summary());
            progress.println("baseline phase: " + threadTime(streams));
            return t;
        }
    }

    /** crossfire's production topology with {@code run}'s Streams settings, on topics the bench made with {@code partitions} each. */
    static CrossfireApp crossfireApp(String applicationId, String bootstrap, Path state, CrossfireSettings settings, CrossfireSerdes serdes,
                                     int partitions, Map<String, String> streamsOverrides, CrossfireMetrics metrics) {
        Properties props = StreamsProperties.of(applicationId, bootstrap, state, settings, 1);
        props.putAll(streamsOverrides);
        return CrossfireApp.create(settings, serdes, props, partitions, new FigureDirectory(), metrics);
    }

    /** Starts the app and times it from RUNNING until its committed offsets reach the end of every input. */
    private Throughput measure(Starter starter, Admin admin, String applicationId, Set<String> inputs, long posts)
        throws InterruptedException {
        starter.start();
        long running = System.nanoTime();
        LagTrace trace = LagTrace.start(admin, applicationId, inputs, running);
        try {
            new IdleWatch(admin, applicationId, inputs).awaitIdle(options.timeout());
        } finally {
            trace.close();
        }
        Throughput t = new Throughput(posts, (System.nanoTime() - running) / 1_000_000);
        progress.println(applicationId + " phase: " + trace.summary());
        return t;
    }

    /**
     * Where the stream thread's time went, as Kafka Streams measures it (its thread ratios): processing,
     * waiting in poll, committing, punctuating. Time not processing is time the broker held it up.
     */
    static String threadTime(org.apache.kafka.streams.KafkaStreams streams) {
        java.util.Map<String, Double> ratios = new java.util.TreeMap<>();
        streams.metrics().forEach((name, metric) -> {
            if (name.group().equals("stream-thread-metrics") && name.name().endsWith("-ratio")
                && metric.metricValue() instanceof Double ratio && !ratio.isNaN()) {
                ratios.merge(name.name().replace("-ratio", ""), ratio, Double::sum);
            }
        });
        StringBuilder out = new StringBuilder("stream thread time (Kafka Streams' thread ratios, summed over threads):");
        ratios.forEach((what, ratio) -> out.append(String.format(java.util.Locale.ROOT, " %s %.0f%%", what, 100 * ratio)));
        return out.toString();
    }

    /** End offsets of every topic crossfire writes, per post: how much more than one record each post costs. */
    private Threaded threaded(String bootstrap, String topic, CrossfireSerdes serdes) throws Exception {
        java.util.BitSet seen = new java.util.BitSet();
        Set<String> otherIds = new HashSet<>();
        long[] counts = new long[4];
        KafkaIo.readAll(bootstrap, topic, options.timeout(), r -> {
            ThreadedPost post = serdes.threadedPost.deserialize(r.topic(), r.value());
            counts[0]++;
            switch (post.getStatus()) {
                case ROOT -> counts[1]++;
                case LINKED -> counts[2]++;
                case ORPHAN -> counts[3]++;
            }
            // the workload's ids are "x:" and a number counting up from 10^12: a bit each, not a string each
            String id = post.getPost().getId().toString();
            long n = id.startsWith("x:") ? Long.parseLong(id.substring(2)) - Workload.FIRST_ID : -1;
            if (n >= 0 && n < Integer.MAX_VALUE) {
                seen.set((int) n);
            } else {
                otherIds.add(id);
            }
        });
        return new Threaded(seen.cardinality() + otherIds.size(), counts[0], counts[1], counts[2], counts[3]);
    }

    private static RecordsPerPost recordsWritten(Admin admin, Topics topics, String applicationId, long posts) throws Exception {
        Set<String> names = new HashSet<>();
        for (String name : admin.listTopics().names().get()) {
            if (name.startsWith(applicationId + "-") || topics.internal().contains(name) || name.equals(topics.threads())
                || name.equals(topics.alerts())) {
                names.add(name);
            }
        }
        Map<org.apache.kafka.common.TopicPartition, org.apache.kafka.clients.admin.OffsetSpec> latest = new java.util.HashMap<>();
        for (var d : admin.describeTopics(names).allTopicNames().get().values()) {
            d.partitions().forEach(p -> latest.put(new org.apache.kafka.common.TopicPartition(d.name(), p.partition()),
                org.apache.kafka.clients.admin.OffsetSpec.latest()));
        }
        Map<String, Long> byTopic = new java.util.TreeMap<>();
        admin.listOffsets(latest).all().get().forEach((tp, info) -> byTopic.merge(
            tp.topic().replace(applicationId + "-", ""), info.offset(), Long::sum));
        java.util.SortedMap<String, Double> per = new java.util.TreeMap<>();
        byTopic.forEach((topic, records) -> per.put(topic, (double) records / posts));
        return new RecordsPerPost(per, per.values().stream().mapToDouble(Double::doubleValue).sum());
    }

    /** Starts an app and returns once it is RUNNING. */
    private interface Starter {
        void start() throws InterruptedException;
    }

    /** Starts the app and waits, within the time-out, until it is RUNNING. */
    static void start(KafkaStreams streams, String applicationId, Duration timeout) throws InterruptedException {
        streams.start();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (streams.state() != KafkaStreams.State.RUNNING) {
            if (System.nanoTime() > deadline || streams.state() == KafkaStreams.State.ERROR) {
                throw new IllegalStateException(applicationId + " did not start (" + streams.state() + ")");
            }
            Thread.sleep(20);
        }
    }

    /** The end of input, then a wait until the application has processed everything it released. */
    static void endOfInput(String bootstrap, Admin admin, String applicationId, Set<String> inputs, String postsTopic, Duration timeout)
        throws InterruptedException {
        IdleWatch idle = new IdleWatch(admin, applicationId, inputs);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(KafkaIo.producerProps(bootstrap), new ByteArraySerializer(),
            new ByteArraySerializer())) {
            KafkaIo.endOfInput(producer, postsTopic);
            idle.awaitIdle(timeout);
        }
    }

    private Live latency(EmbeddedKafka kafka, Admin admin, Path work, CrossfireSerdes serdes) throws Exception {
        String bootstrap = kafka.bootstrapServers();
        long count = Math.max(1, (long) (options.offeredRate() * options.latencyPhase().toMillis() / 1000.0));
        WorkloadSpec base = WorkloadSpec.defaults(count);
        // more planted exchanges than in the throughput run: each alert is one latency sample
        Workload load = new Workload(new WorkloadSpec(options.seed() + 1, base.figures(), base.accounts(), count, options.offeredRate(),
            base.outOfOrder(), base.duplicates(), 150, 50, Instant.now()));
        Topics topics = Topics.defaults().withPrefix("bench-live.");
        // run's settings: the hold-back for disorder is crossfire.allowed-lateness (0 unless --allowed-lateness says otherwise)
        CrossfireSettings settings = CrossfireSettings.defaults().withAllowedLateness(options.allowedLateness()).withTopics(topics);
        // created now so the workload's event times (from now on) are no further ahead than the rate says
        kafka.createTopics(TopicLayout.specs(topics, options.partitions()));
        KafkaIo.loadFigures(bootstrap, topics.figures(), load.figures(), serdes);
        Map<String, Long> appended = new ConcurrentHashMap<>();
        try (CrossfireApp app = crossfireApp("bench-live", bootstrap, work.resolve("state-live"), settings, serdes,
            options.partitions(), options.streamsOverrides(), CrossfireMetrics.noop())) {
            app.start(options.timeout());
            // each alert's triggering post and the alert's own append time
            List<Map.Entry<String, Long>> seen = java.util.Collections.synchronizedList(new ArrayList<>());
            AlertWatch<ExchangeAlert> watch = AlertWatch.start(bootstrap, topics.alerts(), serdes,
                (alert, appendedAt) -> seen.add(Map.entry(alert.getTriggeredBy(), appendedAt)));
            long offered = 0;
            long start = System.nanoTime();
            ReplayPace pace = ReplayPace.rate(options.offeredRate());
            try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(KafkaIo.producerProps(bootstrap), new ByteArraySerializer(),
                new ByteArraySerializer())) {
                for (Post post : load) {
                    sleep(pace.waitBefore(offered, null, System.nanoTime()));
                    String id = post.getId().toString();
                    producer.send(new ProducerRecord<>(topics.posts(), id.getBytes(StandardCharsets.UTF_8), serdes.post.serialize(topics.posts(), post)),
                        (metadata, error) -> {
                            if (error == null) {
                                appended.putIfAbsent(id, metadata.timestamp());
                            }
                        });
                    offered++;
                }
                producer.flush();
            }
            double achieved = offered * 1e9 / (System.nanoTime() - start);
            new IdleWatch(admin, "bench-live", Set.copyOf(topics.inputs())).awaitIdle(options.timeout());
            Thread.sleep(1_000);
            watch.close();
            long[] millis;
            synchronized (seen) {
                millis = seen.stream()
                    .filter(alert -> appended.containsKey(alert.getKey()))
                    .mapToLong(alert -> alert.getValue() - appended.get(alert.getKey()))
                    .toArray();
            }
            return new Live(offered, achieved, Percentiles.of(millis));
        }
    }

    /** Sleeps for waits above 0.2 ms; shorter ones are not worth a sleep's own overshoot. */
    static void sleep(Duration wait) throws InterruptedException {
        long nanos = wait.toNanos();
        if (nanos > 200_000) {
            Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
        }
    }

    static Accuracy accuracy(Workload load, List<ExchangeAlert> alerts) {
        Set<String> escalating = new HashSet<>();
        Set<String> friendly = new HashSet<>();
        for (Workload.Planted p : load.planted()) {
            (p.escalating() ? escalating : friendly).add(p.pairKey());
        }
        Set<String> alerted = new HashSet<>();
        for (ExchangeAlert alert : alerts) {
            if (alert.getLevel().ordinal() >= EscalationLevel.ESCALATING.ordinal()) {
                String id = alert.getExchangeId();
                alerted.add(id.substring(0, id.lastIndexOf('|')));
            }
        }
        int truePositives = (int) alerted.stream().filter(escalating::contains).count();
        int friendlyAlerted = (int) alerted.stream().filter(friendly::contains).count();
        return new Accuracy(escalating.size(), alerted.size(), truePositives, friendlyAlerted, alerts.size());
    }


    static Written writeAll(String bootstrap, String topic, Workload load, CrossfireSerdes serdes) {
        Properties props = KafkaIo.producerProps(bootstrap);
        props.put("linger.ms", 20);
        props.put("batch.size", 256 * 1024);
        long count = 0;
        long last = 0;
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
            for (Post post : load) {
                producer.send(new ProducerRecord<>(topic, post.getId().toString().getBytes(StandardCharsets.UTF_8), serdes.post.serialize(topic, post)));
                last = Math.max(last, post.getCreatedAt().toEpochMilli());
                count++;
            }
            producer.flush();
        }
        return new Written(count, Instant.ofEpochMilli(last));
    }

    /** Bytes of the regular files under {@code dir}: what a state directory takes on disk. */
    static long sizeOf(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return 0;
        }
        try (var files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
        }
    }

    static void deleteTree(Path root) {
        try (var paths = Files.walk(root)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary directory left behind is not worth failing the report for
        }
    }
}
