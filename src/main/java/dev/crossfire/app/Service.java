package dev.crossfire.app;

import dev.crossfire.api.HttpEndpoint;
import dev.crossfire.config.ServiceConfig;
import dev.crossfire.config.Topics;
import dev.crossfire.figure.FigureDirectory;
import dev.crossfire.metrics.CrossfireMetrics;
import dev.crossfire.topology.CrossfireSerdes;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * crossfire as a long-running service on an external cluster. Start: the registry is checked, the
 * topics are checked (or created when allowed), the production topology starts and the health
 * endpoint opens; each failure stops the start with one line. A stream thread that dies of an
 * unexpected error is replaced ({@link ThreadFailurePolicy}, as in every run): bad records never get
 * that far, they go to the dead-letter topic. {@link #close()} leaves the consumer group within the configured bound, so the
 * other instances take over the partitions at once.
 */
public final class Service implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Service.class);

    private final CrossfireApp app;
    private final HttpEndpoint health;
    private final WebFront front;
    /** The alerts and pile-ons topics, read for the live view; empty without an HTTP port. */
    private final List<AlertWatch<?>> watches;
    private final CrossfireMetrics metrics;
    private final Duration shutdownTimeout;

    private Service(CrossfireApp app, HttpEndpoint health, WebFront front, List<AlertWatch<?>> watches, CrossfireMetrics metrics,
                    Duration shutdownTimeout) {
        this.app = app;
        this.health = health;
        this.front = front;
        this.watches = watches;
        this.metrics = metrics;
        this.shutdownTimeout = shutdownTimeout;
    }

    public static Service start(ServiceConfig config) throws InterruptedException, IOException {
        Topics topics = config.settings().topics();
        CrossfireSerdes serdes = RegistrySerdes.forRun(config.registry(), topics);
        int partitions;
        Cluster cluster = new Cluster(config.bootstrapServers(), config.passThrough(), serdes, topics);
        try (Admin admin = Admin.create(cluster.admin())) {
            TopicCheck.ensure(admin, topics, config.createTopics(), config.topicPartitions(), config.topicReplicationFactor(),
                config.startupTimeout());
            partitions = TopicCheck.postsPartitions(admin, topics, config.startupTimeout());
        } catch (IllegalStateException e) {
            throw refusedLogin(config, e);
        }
        // the port first: it is part of the address the other instances forward queries to
        HttpEndpoint http = config.httpPort() >= 0 ? openHttp(config) : null;
        HostInfo self = http == null ? null : new HostInfo(config.advertisedHost(), http.port());
        Properties props = streamsProperties(config, self);
        CrossfireMetrics metrics = CrossfireMetrics.prometheus();
        CrossfireApp app = CrossfireApp.create(config.settings(), serdes, props, partitions, new FigureDirectory(), metrics,
            dev.crossfire.text.HostilityScorer.configured(config.effective().get("crossfire.hostility.model")));
        KafkaStreams streams = app.streams();
        metrics.bind(streams);
        WebFront front = null;
        List<AlertWatch<?>> watches = new ArrayList<>();
        if (http != null) {
            http.health(streams::state);
            http.metrics(metrics::scrape);
            String token = config.effective().getOrDefault("crossfire.http.token", "");
            front = WebFront.mount(http, app, self, config.settings(), config.peerTimeout(), token, metrics);
            // every instance reads every alert: any one of them can serve the live view whole
            watches.add(AlertWatch.fromNow(cluster.consumer(), topics.alerts(), serdes, front::alert));
            watches.add(AlertWatch.pileOnsFromNow(cluster.consumer(), topics.pileOns(), serdes, front::pileOn));
        }
        try {
            app.start(config.startupTimeout());
        } catch (IllegalStateException e) {
            if (http != null) {
                watches.forEach(AlertWatch::close);
                front.close();
                http.close();
            }
            metrics.close();
            throw e;
        }
        LOG.info("crossfire running as {} on {}{}", config.applicationId(), config.bootstrapServers(),
            http == null ? "" : ", API, live view (/live/), health and metrics on port " + http.port() + " (advertised as " + self + ")");
        LOG.info("state restored at start: {}", app.restores().summary());
        return new Service(app, http, front, watches, metrics, config.shutdownTimeout());
    }

    /**
     * The Kafka Streams settings {@code run} starts with: crossfire's own, then the configuration's
     * pass-through settings (security, tuning), and the API's address when it has one.
     */
    public static Properties streamsProperties(ServiceConfig config, HostInfo self) {
        Properties props = StreamsProperties.of(config.applicationId(), config.bootstrapServers(), config.stateDir(), config.settings(), -1);
        props.put(BoundedRocksDb.MEMORY_CONFIG, config.effective().getOrDefault(BoundedRocksDb.MEMORY_CONFIG,
            Integer.toString(BoundedRocksDb.DEFAULT_MEMORY_MB)));
        props.putAll(config.passThrough());
        if (self != null) {
            props.put(StreamsConfig.APPLICATION_SERVER_CONFIG, self.host() + ":" + self.port());
        }
        return props;
    }

    /** What was restored from changelogs at start: records and time, per store. */
    public RestoreLog restores() {
        return app.restores();
    }

    public KafkaStreams.State state() {
        return app.state();
    }

    /** Stops processing without leaving the group (Kafka Streams' pause), as an operator may; {@link #resume()} goes on. */
    public void pause() {
        app.streams().pause();
    }

    public void resume() {
        app.streams().resume();
    }

    /** The health endpoint's port (useful when configured as 0), or -1 without one. */
    public int httpPort() {
        return health == null ? -1 : health.port();
    }

    /** Leaves the group within the configured bound, so the partitions move to the other instances at once. */
    @Override
    public void close() {
        long started = System.nanoTime();
        boolean clean = app.close(shutdownTimeout);
        if (health != null) {
            watches.forEach(AlertWatch::close);
            front.close();
            health.close();
        }
        metrics.close();
        LOG.info("crossfire stopped {} in {} ms", clean ? "cleanly" : "at the time-out", (System.nanoTime() - started) / 1_000_000);
    }

    /**
     * A login the cluster refused (wrong password, unknown user, a certificate it does not trust) is
     * told as such, with the security settings used (never their secrets); anything else as it is.
     */
    static IllegalStateException refusedLogin(ServiceConfig config, IllegalStateException e) {
        Throwable refused = e;
        while (refused != null && !(refused instanceof AuthenticationException)) {
            refused = refused.getCause();
        }
        if (refused == null) {
            return e;
        }
        Map<String, String> settings = config.passThrough();
        String protocol = settings.getOrDefault(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, CommonClientConfigs.DEFAULT_SECURITY_PROTOCOL);
        String used = CommonClientConfigs.SECURITY_PROTOCOL_CONFIG + "=" + protocol + (protocol.startsWith("SASL")
            ? ", " + SaslConfigs.SASL_MECHANISM + "=" + settings.getOrDefault(SaslConfigs.SASL_MECHANISM, SaslConfigs.DEFAULT_SASL_MECHANISM) : "");
        Throwable root = refused;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String detail = root == refused ? "" : " (" + root.getClass().getSimpleName() + ": " + root.getMessage() + ")";
        return new IllegalStateException("Kafka at " + config.bootstrapServers() + " refused crossfire's login (" + used + "): "
            + refused.getMessage() + detail, e);
    }

    /** The query API's port, or a one-line reason naming the address and the setting, as demo --follow does. */
    private static HttpEndpoint openHttp(ServiceConfig config) throws IOException {
        try {
            return HttpEndpoint.open(config.httpHost(), config.httpPort());
        } catch (java.net.BindException e) {
            throw new IllegalStateException("cannot serve HTTP on " + config.httpHost() + ":" + config.httpPort() + " (" + e.getMessage()
                + "); set crossfire.http.port to another port, 0 for any free one or -1 for none", e);
        }
    }
}
