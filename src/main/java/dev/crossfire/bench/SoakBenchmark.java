package dev.crossfire.bench;

import dev.crossfire.app.CrossfireApp;
import dev.crossfire.app.AlertWatch;
import dev.crossfire.avro.ExchangeAlert;
import dev.crossfire.app.IdleWatch;
import dev.crossfire.app.KafkaIo;
import dev.crossfire.app.TopicLayout;
import dev.crossfire.config.CrossfireSettings;
import dev.crossfire.config.Topics;
import dev.crossfire.embedded.BundledBroker;
import dev.crossfire.embedded.EmbeddedKafka;
import dev.crossfire.metrics.CrossfireMetrics;
import dev.crossfire.serde.InMemorySchemaRegistry;
import dev.crossfire.topology.CrossfireSerdes;
import dev.crossfire.topology.StoreNames;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.streams.KafkaStreams;

/**
 * crossfire as a live service for a bounded time, to see whether anything grows that should not:
 * the production topology on an in-process broker, fed at a fixed rate with event time running with
 * the wall clock, sampled at fixed intervals (heap after GC, resident memory, state on disk, the
 * group's lag, alert latency of planted exchanges, throughput, buffer and store entries), then a
 * verdict per series ({@link SoakVerdict}). It stops at the end of its time whatever the backlog.
 *
 * <p>The event-time retentions and waits (deduplication, thread links, the parent wait, exchange
 * inactivity) are shortened to {@link Options#retention()}: with the production
 * 7 days nothing would expire within the run, and state could only grow.
 */
public final class SoakBenchmark {

    /** Planted exchanges per minute of run: enough alerts in every interval to time. */
    static final int ESCALATING_PER_MINUTE = 10;
    static final int FRIENDLY_PER_MINUTE = 2;
    /** How far back the send time of a post is kept; an alert later than this is counted as untimed. */
    static final Duration LATENCY_HORIZON = Duration.ofMinutes(5);
    /** Alert latencies kept per interval; more are counted but not timed. */
    static final int MAX_LATENCIES_PER_INTERVAL = 100_000;

    /** What to run. */
    public record Options(Duration length, double rate, Duration sampleEvery, int partitions, long seed, Duration retention,
                          Map<String, String> streamsOverrides) {
        public Options {
            if (length.compareTo(Duration.ofSeconds(1)) < 0 || length.compareTo(Duration.ofHours(24)) > 0) {
                throw new IllegalArgumentException("a soak runs between 1 second and 24 hours, not " + length);
            }
            if (sampleEvery.compareTo(Duration.ofSeconds(1)) < 0 || sampleEvery.compareTo(length) > 0) {
                throw new IllegalArgumentException("the sample interval must be at least 1 s and at most the run's length");
            }
            if (!(rate > 0) || rate > 100_000 || partitions < 1 || retention.isNegative() || retention.isZero()) {
                throw new IllegalArgumentException("the rate must be above 0 and at most 100,000 posts/s, partitions and retention positive");
            }
            streamsOverrides = Map.copyOf(streamsOverrides);
        }

        /** A tenth of the run, at least 10 s: the stores fill (twice that: retention plus parent wait) within the warm-up third. */
        public static Duration defaultRetention(Duration length) {
            return Duration.ofMillis(Math.max(10_000, length.toMillis() / 10));
        }
    }

    /** Everything one run measured. */
    public record Report(Options options, String heapMeasure, int plantedEscalating, int plantedFriendly, long offered, long alerts,
                         long plantedAlertsTimed, long plantedAlertsUntimed, long friendlyAlerts, List<SoakSample> samples,
                         List<SoakVerdict> verdicts) {
    }

    private final Options options;
    private final PrintStream rows;
    private final PrintStream progress;

    /** Rows of the table go to {@code rows} as they are sampled, everything else to {@code progress}. */
    public SoakBenchmark(Options options, PrintStream rows, PrintStream progress) {
        this.options = options;
        this.rows = rows;
        this.progress = progress;
    }

    /** The production settings with every event-time retention and time-out longer than {@code retention} cut to it. */
    static CrossfireSettings live(CrossfireSettings s, Duration retention) {
        return s.withRetentions(min(s.dedupRetention(), retention), min(s.linkRetention(), retention))
            .withParentWait(min(s.parentWait(), retention))
            .withExchange(min(s.exchangeInactivity(), retention), s.maxTurnsKept());
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    public Report run() throws Exception {
        Path work = Files.createTempDirectory("crossfire-soak");
        long started = System.nanoTime();
        try (EmbeddedKafka kafka = BundledBroker.start(work.resolve("kafka"));
             Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            progress.printf("soak: broker started in %.1f s%n", (System.nanoTime() - started) / 1e9);
            return soak(kafka, admin, work);
        } finally {
            PipelineBenchmark.deleteTree(work);
            progress.printf("soak: %.1f s in all, broker start and shutdown included%n", (System.nanoTime() - started) / 1e9);
        }
    }

    private Report soak(EmbeddedKafka kafka, Admin admin, Path work) throws Exception {
        String bootstrap = kafka.bootstrapServers();
        CrossfireSerdes serdes = new CrossfireSerdes(new InMemorySchemaRegistry());
        Topics topics = Topics.defaults().withPrefix("soak.");
        CrossfireSettings settings = live(CrossfireSettings.defaults().withTopics(topics), options.retention());
        kafka.createTopics(TopicLayout.specs(topics, options.partitions()));
        WorkloadSpec spec = spec(Instant.now());
        KafkaIo.loadFigures(bootstrap, topics.figures(), new Workload(spec).figures(), serdes);

        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        String applicationId = "soak-crossfire";
        Path state = work.resolve("state");
        try (CrossfireMetrics metrics = new CrossfireMetrics(registry, Clock.systemUTC());
             CrossfireApp app = PipelineBenchmark.crossfireApp(applicationId, bootstrap, state, settings, serdes, options.partitions(),
                 options.streamsOverrides(), metrics)) {
            KafkaStreams streams = app.streams();
            long starting = System.nanoTime();
            app.start(Duration.ofMinutes(2));
            progress.printf("soak: crossfire RUNNING in %.1f s%n", (System.nanoTime() - starting) / 1e9);
            // the workload starts now, so that its event time is the wall clock's from the first post on
            Workload load = new Workload(spec(Instant.now()));
            Set<String> escalating = new HashSet<>();
            Set<String> friendly = new HashSet<>();
            load.planted().forEach(p -> (p.escalating() ? escalating : friendly).add(p.pairKey()));
            progress.printf("soak: %s at %,.0f posts/s, %d partitions, sampled every %d s; retentions and time-outs cut to %s; "
                    + "%d escalating and %d friendly exchanges planted over the run%n", options.length(), options.rate(), options.partitions(),
                options.sampleEvery().toSeconds(), options.retention(), escalating.size(), friendly.size());
            warnIfWarmUpTooShort();

            SendTimes sent = new SendTimes((int) Math.min(1 << 24, options.rate() * 1.01 * LATENCY_HORIZON.toSeconds()));
            Latencies latencies = new Latencies();
            AtomicLong alerts = new AtomicLong();
            AtomicLong untimed = new AtomicLong();
            AtomicLong friendlyAlerts = new AtomicLong();
            AlertWatch<ExchangeAlert> watch = AlertWatch.start(bootstrap, topics.alerts(), serdes, (alert, appendedAt) -> {
                long visible = System.currentTimeMillis();
                alerts.incrementAndGet();
                String id = alert.getExchangeId().toString();
                String pair = id.substring(0, id.lastIndexOf('|'));
                if (friendly.contains(pair)) {
                    friendlyAlerts.incrementAndGet();
                } else if (escalating.contains(pair)) {
                    long at = sent.sentAt(SendTimes.number(alert.getTriggeredBy().toString()));
                    if (at < 0) {
                        untimed.incrementAndGet();
                    } else {
                        latencies.add(visible - at);
                    }
                }
            });
            LiveProducer producer = new LiveProducer(bootstrap, topics.posts(), load, serdes, sent);
            List<SoakSample> samples;
            try {
                samples = sample(streams, registry, new IdleWatch(admin, applicationId, Set.copyOf(topics.inputs())),
                    topics, state, producer, latencies);
            } finally {
                producer.stop();
                watch.close();
            }
            List<SoakVerdict> verdicts = SoakReport.verdicts(samples, options.rate());
            streams.close(Duration.ofSeconds(30));
            return new Report(options, SoakProbes.heapMeasure(), escalating.size(), friendly.size(), producer.offered.get(), alerts.get(),
                latencies.total(), untimed.get(), friendlyAlerts.get(), samples, verdicts);
        }
    }

    private WorkloadSpec spec(Instant start) {
        double minutes = options.length().toMillis() / 60_000.0;
        int escalating = (int) Math.min(640, Math.max(1, Math.ceil(ESCALATING_PER_MINUTE * minutes)));
        int friendly = (int) Math.min(160, Math.max(1, Math.ceil(FRIENDLY_PER_MINUTE * minutes)));
        long posts = (long) Math.ceil(options.rate() * options.length().toMillis() / 1000.0);
        WorkloadSpec base = WorkloadSpec.defaults(posts);
        return new WorkloadSpec(options.seed(), Math.max(base.figures(), 2 * (escalating + friendly)), base.accounts(), posts,
            options.rate(), base.outOfOrder(), base.duplicates(), escalating, friendly, start, true);
    }

    private void warnIfWarmUpTooShort() {
        CrossfireSettings s = live(CrossfireSettings.defaults(), options.retention());
        // the linker keeps posts and links for the longer retention plus the parent wait and the lateness, then sweeps them
        long fill = Math.max(s.dedupRetention().toMillis(), s.linkRetention().toMillis()) + s.parentWait().toMillis()
            + s.allowedLateness().toMillis();
        if (fill > options.length().toMillis() / 3) {
            progress.printf("note: the linker's stores hold up to %d s of posts, longer than the first third of the run (%d s, the warm-up "
                + "left out of the verdicts): state cannot be flat yet; lower --retention or run longer%n", fill / 1000,
                options.length().toSeconds() / 3);
        }
    }

    /** Samples every interval until the run's end, printing each row; the producer runs meanwhile. */
    private List<SoakSample> sample(KafkaStreams streams, SimpleMeterRegistry registry, IdleWatch group, Topics topics, Path state,
                                    LiveProducer producer, Latencies latencies) throws Exception {
        List<SoakSample> samples = new ArrayList<>();
        rows.print(SoakReport.header());
        long start = System.nanoTime();
        long end = start + options.length().toNanos();
        producer.start(end);
        long lastNanos = start;
        long lastOffered = 0;
        double lastIn = SoakProbes.postsIn(registry);
        for (long k = 1; lastNanos < end; k++) {
            long due = Math.min(end, start + k * options.sampleEvery().toNanos());
            PipelineBenchmark.sleep(Duration.ofNanos(due - System.nanoTime()));
            producer.check();
            if (streams.state() == KafkaStreams.State.ERROR || streams.state() == KafkaStreams.State.NOT_RUNNING) {
                throw new IllegalStateException("crossfire stopped during the soak (" + streams.state() + ")");
            }
            long now = System.nanoTime();
            double seconds = (now - lastNanos) / 1e9;
            long offered = producer.offered.get();
            double in = SoakProbes.postsIn(registry);
            Percentiles latency = Percentiles.of(latencies.drain());
            Map<String, Long> lag = group.lagByTopic();
            SoakProbes.HeapAfterGc heap = SoakProbes.heapAfterGc();
            SoakSample sample = new SoakSample((now - start) / 1e9, (offered - lastOffered) / seconds, (in - lastIn) / seconds,
                lag.get(topics.posts()), lag.get(topics.threadRequests()) + lag.get(topics.threadLinks()), latency.count(), latency.p50(), latency.p99(), heap.usedBytes(),
                heap.committedBytes(), heap.gcMillis(), SoakProbes.rssBytes(), PipelineBenchmark.sizeOf(state), SoakProbes.memtableBytes(streams),
                SoakProbes.gaugeSum(registry, CrossfireMetrics.THREAD_BUFFER_CHILDREN), SoakProbes.countEntries(streams, StoreNames.EXCHANGES),
                SoakProbes.storeKeys(streams));
            samples.add(sample);
            rows.print(SoakReport.row(sample));
            lastNanos = now;
            lastOffered = offered;
            lastIn = in;
        }
        return samples;
    }

    /** Alert latencies of the current interval, bounded. */
    private static final class Latencies {
        private long[] values = new long[256];
        private int count;
        private long total;

        synchronized void add(long millis) {
            total++;
            if (count == values.length && count < MAX_LATENCIES_PER_INTERVAL) {
                values = java.util.Arrays.copyOf(values, Math.min(MAX_LATENCIES_PER_INTERVAL, 2 * count));
            }
            if (count < values.length) {
                values[count++] = millis;
            }
        }

        synchronized long[] drain() {
            long[] out = java.util.Arrays.copyOf(values, count);
            count = 0;
            return out;
        }

        synchronized long total() {
            return total;
        }
    }
}
