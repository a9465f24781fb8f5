package dev.crossfire.app;

import dev.crossfire.api.LocalStores;
import dev.crossfire.config.CrossfireSettings;
import dev.crossfire.figure.FigureDirectory;
import dev.crossfire.interaction.InteractionDeriver;
import dev.crossfire.metrics.CrossfireMetrics;
import dev.crossfire.post.PostDecoder;
import dev.crossfire.text.HostilityScorer;
import dev.crossfire.topology.CrossfireSerdes;
import dev.crossfire.topology.CrossfireTopology;
import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;

/**
 * The one way crossfire's topology starts, for {@code run}, {@code detect}, {@code demo} and the
 * benchmarks alike: the production topology, the Streams settings of {@link StreamsProperties}, the
 * partition count the linker needs, the same {@link ThreadFailurePolicy}, and a bounded wait for
 * RUNNING that fails with one line.
 */
public final class CrossfireApp implements AutoCloseable {

    private final KafkaStreams streams;
    private final ThreadFailurePolicy failures;
    private final RestoreLog restores;
    private final LocalStores stores;

    private CrossfireApp(KafkaStreams streams, ThreadFailurePolicy failures, RestoreLog restores, LocalStores stores) {
        this.streams = streams;
        this.failures = failures;
        this.restores = restores;
        this.stores = stores;
    }

    /**
     * Builds the app, not yet started. {@code props} are the Streams settings (from
     * {@link StreamsProperties#of}, with whatever a caller lays over them); {@code partitions} is the
     * posts topic's partition count.
     */
    public static CrossfireApp create(CrossfireSettings settings, CrossfireSerdes serdes, Properties props, int partitions,
                                      FigureDirectory directory, CrossfireMetrics metrics) {
        return create(settings, serdes, props, partitions, directory, metrics, new HostilityScorer());
    }

    /** The same, scoring hostility with {@code hostility} (a model of the operator's own, {@code crossfire.hostility.model}). */
    public static CrossfireApp create(CrossfireSettings settings, CrossfireSerdes serdes, Properties props, int partitions,
                                      FigureDirectory directory, CrossfireMetrics metrics, HostilityScorer hostility) {
        props.put(CrossfireTopology.LOOP_PARTITIONS_CONFIG, partitions);
        KafkaStreams streams = new KafkaStreams(CrossfireTopology.build(settings, serdes, directory, hostility, metrics), props);
        ThreadFailurePolicy failures = new ThreadFailurePolicy();
        streams.setUncaughtExceptionHandler(failures);
        RestoreLog restores = new RestoreLog();
        streams.setGlobalStateRestoreListener(restores);
        LocalStores stores = new LocalStores(streams, new PostDecoder(serdes.post), new InteractionDeriver(directory));
        return new CrossfireApp(streams, failures, restores, stores);
    }

    /** Starts and waits until RUNNING, within {@code timeout}; otherwise stops and says why. */
    public CrossfireApp start(Duration timeout) throws InterruptedException {
        streams.start();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (streams.state() != KafkaStreams.State.RUNNING) {
            KafkaStreams.State state = streams.state();
            if (state == KafkaStreams.State.ERROR || state == KafkaStreams.State.NOT_RUNNING || state == KafkaStreams.State.PENDING_ERROR
                || System.nanoTime() > deadline) {
                Throwable cause = failures.lastFailure();
                streams.close(Duration.ofSeconds(10));
                throw new IllegalStateException("crossfire did not start within " + timeout.toSeconds() + " s (state " + state + ")"
                    + (cause == null ? "" : ": " + cause), cause);
            }
            Thread.sleep(50);
        }
        return this;
    }

    public KafkaStreams streams() {
        return streams;
    }

    /** This instance's part of the state, for the query API. */
    public LocalStores stores() {
        return stores;
    }

    public KafkaStreams.State state() {
        return streams.state();
    }

    public ThreadFailurePolicy failures() {
        return failures;
    }

    /** What was restored from changelogs at start: records and time, per store. */
    public RestoreLog restores() {
        return restores;
    }

    /** Fails with the threads' last error once the client has given up (ERROR or shut down by the policy). */
    public void checkAlive() {
        KafkaStreams.State state = streams.state();
        if (state == KafkaStreams.State.ERROR || state == KafkaStreams.State.PENDING_ERROR || state == KafkaStreams.State.NOT_RUNNING) {
            Throwable cause = failures.lastFailure();
            throw new IllegalStateException("the topology stopped (state " + state + ")" + (cause == null ? "" : ": " + cause), cause);
        }
    }

    /** Leaves the consumer group within {@code timeout}, so other instances take over at once; true when clean. */
    public boolean close(Duration timeout) {
        return streams.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP).withTimeout(timeout));
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(30));
    }
}
