package dev.crossfire.app;

import dev.crossfire.config.ServiceConfig;
import dev.crossfire.config.Topics;
import dev.crossfire.figure.FigureDirectory;
import dev.crossfire.text.HostilityScorer;
import dev.crossfire.topology.CrossfireSerdes;
import dev.crossfire.topology.CrossfireTopology;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * crossfire as a long-running service on an external cluster: the registry is checked, the topics
 * must exist, then the production topology runs until {@link #close()}. A failed stream thread is
 * replaced (the failure is logged); bad records never reach that point, they go to the dead-letter
 * topic.
 */
public final class Service implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Service.class);

    private final KafkaStreams streams;

    private Service(KafkaStreams streams) {
        this.streams = streams;
    }

    public static Service start(ServiceConfig config, Duration startupTimeout) throws InterruptedException {
        Topics topics = config.settings().topics();
        CrossfireSerdes serdes = FileRun.serdes(config.registry(), topics);
        requireTopics(config, topics, startupTimeout);
        Properties props = StreamsProperties.of(config.applicationId(), config.bootstrapServers(), config.stateDir(), config.settings(), -1);
        props.putAll(config.passThrough());
        KafkaStreams streams = new KafkaStreams(
            CrossfireTopology.build(config.settings(), serdes, new FigureDirectory(), new HostilityScorer()), props);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        streams.setUncaughtExceptionHandler(e -> {
            LOG.error("stream thread failed, replacing it: {}", e.toString(), e);
            failure.set(e);
            return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
        });
        streams.start();
        long deadline = System.nanoTime() + startupTimeout.toNanos();
        while (streams.state() != KafkaStreams.State.RUNNING) {
            if (streams.state() == KafkaStreams.State.ERROR || System.nanoTime() > deadline) {
                KafkaStreams.State state = streams.state();
                streams.close(Duration.ofSeconds(10));
                throw new IllegalStateException("crossfire did not start within " + startupTimeout.toSeconds() + " s (state " + state + ")");
            }
            Thread.sleep(100);
        }
        LOG.info("crossfire running as {} on {}", config.applicationId(), config.bootstrapServers());
        return new Service(streams);
    }

    public KafkaStreams.State state() {
        return streams.state();
    }

    /** Leaves the group, so the partitions move to the other instances at once. */
    @Override
    public void close() {
        streams.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
            .withTimeout(Duration.ofSeconds(30)));
    }

    private static void requireTopics(ServiceConfig config, Topics topics, Duration timeout) throws InterruptedException {
        Map<String, Object> admin = new java.util.HashMap<>(config.passThrough());
        admin.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        admin.keySet().retainAll(AdminClientConfig.configNames());
        try (Admin client = Admin.create(admin)) {
            Set<String> existing = client.listTopics().names().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            Set<String> missing = new TreeSet<>(List.of(topics.posts(), topics.figures(), topics.threads(), topics.alerts(),
                topics.rejected(), topics.threadSignals()));
            missing.removeAll(existing);
            if (!missing.isEmpty()) {
                throw new IllegalStateException("missing topics " + missing + " on " + config.bootstrapServers()
                    + " (create them with the partitions and cleanup policy the README gives)");
            }
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("cannot reach Kafka at " + config.bootstrapServers() + ": " + e.getMessage(), e);
        }
    }
}
