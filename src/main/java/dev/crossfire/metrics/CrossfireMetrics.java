package dev.crossfire.metrics;

import dev.crossfire.avro.EscalationLevel;
import dev.crossfire.avro.InteractionKind;
import dev.crossfire.avro.LinkStatus;
import dev.crossfire.figure.FigureDirectory;
import dev.crossfire.post.RejectReason;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ToDoubleFunction;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The topology's metrics behind one small facade, so processors stay thin and domain classes never
 * see a metrics type. Every meter is named {@code crossfire.*} in Micrometer's dotted style, which
 * the Prometheus registry renders as {@code crossfire_*} (counters get {@code _total}, timers
 * {@code _seconds}); the full table with labels and meaning is in {@code docs/metrics.md}.
 *
 * <p><b>Clock.</b> Processors never read the wall clock. The one place that needs "now" is the alert
 * latency (time from the triggering post's {@code createdAt}, and from its arrival on the posts
 * topic, to the moment the alert is emitted); {@link #alertRaised} takes "now" from the
 * {@link Clock} given here ({@link Clock#systemUTC()} unless a test injects a fixed one).
 *
 * <p><b>Per-task gauges</b> ({@link #storeEntries}, {@link #threadBuffer}) carry a {@code task} tag,
 * are registered by a processor in {@code init()} and must be closed in its {@code close()}. A gauge
 * never keeps a closed store alive (the store is dropped on close, and the registry only holds the
 * gauge's state weakly) and never throws: a closed or failing store reads as NaN.
 *
 * <p>{@link #noop()} records nothing (an empty composite registry); it is what
 * {@code CrossfireTopology.build} without metrics uses. {@link #prometheus()} creates a
 * {@link PrometheusMeterRegistry} that {@link #scrape()} renders in the Prometheus text format.
 * {@link #bind(KafkaStreams)} adds Kafka Streams' own metrics through Micrometer's
 * {@link KafkaStreamsMetrics} binder; {@link #close()} unbinds them.
 */
public final class CrossfireMetrics implements AutoCloseable {

    public static final String POSTS_IN = "crossfire.posts.in";
    public static final String POSTS_REJECTED = "crossfire.posts.rejected";
    public static final String POSTS_DUPLICATE = "crossfire.posts.duplicate";
    public static final String THREAD_BUFFERED = "crossfire.thread.buffered";
    public static final String THREAD_RELEASED = "crossfire.thread.released";
    public static final String THREAD_BUFFER_OVERFLOW = "crossfire.thread.buffer.overflow";
    public static final String THREAD_BUFFER_CHILDREN = "crossfire.thread.buffer.children";
    public static final String INTERACTIONS = "crossfire.interactions";
    public static final String TURNS_LATE = "crossfire.turns.late";
    public static final String ALERTS = "crossfire.alerts";
    public static final String PILE_ONS = "crossfire.pileons";
    public static final String ALERT_LATENCY = "crossfire.alert.latency";
    public static final String STORE_ENTRIES = "crossfire.store.entries";
    public static final String FIGURES = "crossfire.figures";
    public static final String LIVE_STREAMS = "crossfire.live.streams";
    public static final String LIVE_DROPPED = "crossfire.live.dropped";

    /** Reject reason used by the validator for anything it did not expect (not a {@link RejectReason}). */
    public static final String UNEXPECTED = "UNEXPECTED";
    public static final String SINCE_CREATED = "created";
    public static final String SINCE_ARRIVAL = "arrival";

    private static final Duration[] LATENCY_BUCKETS = {
        Duration.ofSeconds(1), Duration.ofSeconds(10), Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofMinutes(15),
        Duration.ofHours(1), Duration.ofHours(6), Duration.ofDays(1), Duration.ofDays(7)};

    /** What the function meters read: referenced here because the meters hold them weakly. */
    private final List<Object> sources = new CopyOnWriteArrayList<>();
    private final MeterRegistry registry;
    private final Clock clock;
    private final boolean enabled;
    private final boolean ownsRegistry;
    private final Object registrations = new Object();
    private final List<AutoCloseable> binders = new ArrayList<>();

    private final Counter postsIn;
    private final Counter duplicates;
    private final Counter buffered;
    private final Counter overflow;
    private final Counter lateTurns;
    private final Map<String, Counter> rejected = new ConcurrentHashMap<>();
    private final Map<LinkStatus, Counter> released = new EnumMap<>(LinkStatus.class);
    private final Map<InteractionKind, Counter> interactions = new EnumMap<>(InteractionKind.class);
    private final Map<EscalationLevel, Counter> alerts = new EnumMap<>(EscalationLevel.class);
    private final Map<EscalationLevel, Counter> pileOns = new EnumMap<>(EscalationLevel.class);
    private final Map<EscalationLevel, Timer> sinceCreated = new EnumMap<>(EscalationLevel.class);
    private final Map<EscalationLevel, Timer> sinceArrival = new EnumMap<>(EscalationLevel.class);

    /** Metrics on the given registry; {@code clock} is "now" for the alert latencies only. */
    public CrossfireMetrics(MeterRegistry registry, Clock clock) {
        this(registry, clock, true, false);
    }

    private CrossfireMetrics(MeterRegistry registry, Clock clock, boolean enabled, boolean ownsRegistry) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.enabled = enabled;
        this.ownsRegistry = ownsRegistry;
        postsIn = Counter.builder(POSTS_IN).description("Records read from the posts topic (control records excluded)").register(registry);
        duplicates = Counter.builder(POSTS_DUPLICATE).description("Redelivered posts dropped by deduplication").register(registry);
        buffered = Counter.builder(THREAD_BUFFERED).description("Replies and quotes that began waiting for their parent").register(registry);
        overflow = Counter.builder(THREAD_BUFFER_OVERFLOW)
            .description("Children released as orphans at once because their parent's waiting list was full").register(registry);
        lateTurns = Counter.builder(TURNS_LATE)
            .description("Turns that reached the exchange desk after the watermark had passed them, applied where they fell").register(registry);
        for (RejectReason reason : RejectReason.values()) {
            rejectedCounter(reason.name());
        }
        rejectedCounter(UNEXPECTED);
        for (LinkStatus status : LinkStatus.values()) {
            released.put(status, Counter.builder(THREAD_RELEASED).tag("status", status.name())
                .description("Children that had waited at their parent's partition: LINKED when the parent or its link came, ORPHAN when the wait ended")
                .register(registry));
        }
        for (InteractionKind kind : InteractionKind.values()) {
            interactions.put(kind, Counter.builder(INTERACTIONS).tag("kind", kind.name())
                .description("Turns (one figure addressing another) made from posts, sent to the exchange desk").register(registry));
        }
        for (EscalationLevel level : EscalationLevel.values()) {
            alerts.put(level, Counter.builder(ALERTS).tag("level", level.name()).description("Alerts emitted").register(registry));
            pileOns.put(level, Counter.builder(PILE_ONS).tag("level", level.name())
                .description("Pile-on alerts emitted (several figures turning on one)").register(registry));
            sinceCreated.put(level, latencyTimer(level, SINCE_CREATED));
            sinceArrival.put(level, latencyTimer(level, SINCE_ARRIVAL));
        }
    }

    /** Records nothing; for topologies built without metrics. */
    public static CrossfireMetrics noop() {
        return new CrossfireMetrics(new CompositeMeterRegistry(), Clock.systemUTC(), false, false);
    }

    /** A new Prometheus registry with the system clock. */
    public static CrossfireMetrics prometheus() {
        return prometheus(Clock.systemUTC());
    }

    /** A new Prometheus registry; {@code clock} is "now" for the alert latencies. */
    public static CrossfireMetrics prometheus(Clock clock) {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        AutoCloseable gc = bindJvm(registry);
        CrossfireMetrics metrics = new CrossfireMetrics(registry, clock, true, true);
        metrics.binders.add(gc); // it listens to the JVM's collectors until closed
        return metrics;
    }

    /**
     * The JVM and the process, as every JVM service exports them: heap and its pools, GC pauses,
     * threads, classes, CPU, uptime, files. Returns the GC binder, which listens until closed.
     */
    public static AutoCloseable bindJvm(MeterRegistry registry) {
        new io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics().bindTo(registry);
        io.micrometer.core.instrument.binder.jvm.JvmGcMetrics gc = new io.micrometer.core.instrument.binder.jvm.JvmGcMetrics();
        gc.bindTo(registry);
        new io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics().bindTo(registry);
        new io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics().bindTo(registry);
        new io.micrometer.core.instrument.binder.system.ProcessorMetrics().bindTo(registry);
        new io.micrometer.core.instrument.binder.system.UptimeMetrics().bindTo(registry);
        new io.micrometer.core.instrument.binder.system.FileDescriptorMetrics().bindTo(registry);
        return gc;
    }

    public MeterRegistry registry() {
        return registry;
    }

    /** False for {@link #noop()}: callers may skip work that only feeds metrics. */
    public boolean enabled() {
        return enabled;
    }

    /** The Prometheus text exposition of every meter. */
    public String scrape() {
        if (registry instanceof PrometheusMeterRegistry prometheus) {
            return prometheus.scrape();
        }
        throw new IllegalStateException("not a Prometheus registry: " + registry.getClass().getSimpleName());
    }

    /**
     * The live view's load: its open event streams, and the clients dropped for falling too far
     * behind (a rising count means editors' browsers or a proxy cannot keep up).
     */
    public <T> void liveView(T source, ToDoubleFunction<T> streams, ToDoubleFunction<T> dropped) {
        // meters hold their source weakly: kept here, it lives as long as they do (else the gauge reads NaN after a GC)
        sources.add(source);
        Gauge.builder(LIVE_STREAMS, source, streams).description("Live view event streams open on this instance").register(registry);
        FunctionCounter.builder(LIVE_DROPPED, source, dropped)
            .description("Live view clients dropped for falling a full queue of events behind").register(registry);
    }

    /** Adds Kafka Streams' own metrics (threads, tasks, stores, clients) to the registry until {@link #close()}. */
    public void bind(KafkaStreams streams) {
        KafkaStreamsMetrics binder = new KafkaStreamsMetrics(streams);
        binder.bindTo(registry);
        synchronized (binders) {
            binders.add(binder);
        }
    }

    public void postIn() {
        postsIn.increment();
    }

    public void rejected(String reason) {
        rejectedCounter(reason == null ? UNEXPECTED : reason).increment();
    }

    public void duplicate() {
        duplicates.increment();
    }

    public void threadBuffered() {
        buffered.increment();
    }

    public void threadReleased(LinkStatus status) {
        released.get(status).increment();
    }

    public void threadBufferOverflow() {
        overflow.increment();
    }

    public void lateTurn() {
        lateTurns.increment();
    }

    public void interaction(InteractionKind kind) {
        interactions.get(kind).increment();
    }

    /**
     * Counts an alert and records its latencies; a negative latency means unknown and is not
     * recorded (a latency below zero from clock skew is recorded as zero only if it is known).
     */
    public void alert(EscalationLevel level, long createdAtLatencyMs, long arrivalLatencyMs) {
        alerts.get(level).increment();
        if (createdAtLatencyMs >= 0) {
            sinceCreated.get(level).record(createdAtLatencyMs, TimeUnit.MILLISECONDS);
        }
        if (arrivalLatencyMs >= 0) {
            sinceArrival.get(level).record(arrivalLatencyMs, TimeUnit.MILLISECONDS);
        }
    }

    /**
     * An alert emitted now (the injected clock) for a post created at {@code createdAtMs} that
     * arrived on the posts topic at {@code arrivalMs} (its Kafka record timestamp; negative if unknown).
     */
    public void alertRaised(EscalationLevel level, long createdAtMs, long arrivalMs) {
        long now = clock.millis();
        alert(level, Math.max(0, now - createdAtMs), arrivalMs < 0 ? -1 : Math.max(0, now - arrivalMs));
    }

    /** A pile-on alert was emitted. */
    public void pileOnRaised(EscalationLevel level) {
        pileOns.get(level).increment();
    }

    /** Gauge of the store's approximate entry count, tagged with the store's name and the task. */
    public Registration storeEntries(String taskId, KeyValueStore<?, ?> store) {
        StoreSize size = new StoreSize(store);
        return register(STORE_ENTRIES, Tags.of("store", store.name(), "task", taskId),
            "Approximate entries in a key-value state store, per task", size, StoreSize::value, size::clear);
    }

    /** Gauge of the children waiting for their parent in one task (the thread-waiting store); the caller keeps the count. */
    public Count threadBuffer(String taskId, long initial) {
        Count count = new Count(initial);
        count.registration = register(THREAD_BUFFER_CHILDREN, Tags.of("task", taskId),
            "Replies and quotes waiting for their parent, per task", count, Count::value, () -> { });
        return count;
    }

    /** Gauge of the figures known to the directory (the global registry store, as this instance sees it). */
    public Registration figures(FigureDirectory directory) {
        return register(FIGURES, Tags.empty(), "Public figures in the figure directory", directory, FigureDirectory::size, () -> { });
    }

    /** Unbinds Kafka Streams' metrics; closes the registry if this facade created it. */
    @Override
    public void close() {
        synchronized (binders) {
            for (AutoCloseable b : binders) {
                try {
                    b.close();
                } catch (Exception e) {
                    // closing meters: nothing to recover, the registry closes next
                }
            }
            binders.clear();
        }
        if (ownsRegistry) {
            registry.close();
        }
    }

    private Counter rejectedCounter(String reason) {
        return rejected.computeIfAbsent(reason, r -> Counter.builder(POSTS_REJECTED).tag("reason", r)
            .description("Posts sent to the dead-letter topic by the validator, by reason").register(registry));
    }

    private Timer latencyTimer(EscalationLevel level, String since) {
        return Timer.builder(ALERT_LATENCY).tag("level", level.name()).tag("since", since)
            .description("Time from the triggering post's createdAt (since=created) or its arrival on the posts topic "
                + "(since=arrival, the Kafka record timestamp) to the alert")
            .serviceLevelObjectives(LATENCY_BUCKETS)
            .register(registry);
    }

    /**
     * Registers a gauge, first removing one with the same name and tags left by an owner that was
     * never closed, and keeps {@code state} strongly reachable until the registration is closed (the
     * registry itself holds it weakly).
     */
    private <T> Registration register(String name, Tags tags, String description, T state, ToDoubleFunction<T> value,
                                      Runnable onClose) {
        synchronized (registrations) {
            registry.find(name).tags(tags).meters().forEach(registry::remove);
            Gauge gauge = Gauge.builder(name, state, value).tags(tags).description(description).register(registry);
            return new Registration(gauge, state, onClose);
        }
    }

    /** A gauge's registration: closing it removes the gauge (unless a newer owner replaced it) and drops its state. */
    public final class Registration implements AutoCloseable {
        private final Gauge gauge;
        private final Runnable onClose;
        @SuppressWarnings({"unused", "FieldCanBeLocal"}) // keeps the weakly registered state reachable
        private Object state;
        private boolean closed;

        private Registration(Gauge gauge, Object state, Runnable onClose) {
            this.gauge = gauge;
            this.state = state;
            this.onClose = onClose;
        }

        @Override
        public void close() {
            synchronized (registrations) {
                if (closed) {
                    return;
                }
                closed = true;
                onClose.run();
                Meter.Id id = gauge.getId();
                if (registry.find(id.getName()).tags(id.getTags()).meters().stream().anyMatch(m -> m == gauge)) {
                    registry.remove(gauge);
                }
                state = null;
            }
        }
    }

    /** A count kept by its owner and exposed as a gauge. */
    public final class Count implements AutoCloseable {
        private final AtomicLong value;
        private Registration registration;

        private Count(long initial) {
            value = new AtomicLong(initial);
        }

        public void add(long delta) {
            value.addAndGet(delta);
        }

        public long get() {
            return value.get();
        }

        private double value() {
            return value.get();
        }

        @Override
        public void close() {
            registration.close();
        }
    }

    private static final class StoreSize {
        private volatile KeyValueStore<?, ?> store;

        StoreSize(KeyValueStore<?, ?> store) {
            this.store = store;
        }

        double value() {
            KeyValueStore<?, ?> s = store;
            if (s == null) {
                return Double.NaN;
            }
            try {
                return s.isOpen() ? s.approximateNumEntries() : Double.NaN;
            } catch (RuntimeException e) {
                return Double.NaN;
            }
        }

        void clear() {
            store = null;
        }
    }
}
