package dev.crossfire.connect;

import dev.crossfire.app.Cluster;
import dev.crossfire.app.RegistryWatch;
import dev.crossfire.avro.Post;
import dev.crossfire.config.Topics;
import dev.crossfire.ingest.live.FollowedDids;
import dev.crossfire.ingest.live.DeadLetterRecord;
import dev.crossfire.ingest.live.Delivery;
import dev.crossfire.ingest.live.LiveMetrics;
import dev.crossfire.ingest.live.LiveSettings;
import dev.crossfire.ingest.live.LiveSource;
import dev.crossfire.serde.HttpSchemaRegistryClient;
import dev.crossfire.serde.SubjectPolicy;
import dev.crossfire.topology.CrossfireSerdes;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connector's one task. Each post becomes a record keyed by its id, its value crossfire's Avro
 * post in the registry's wire format (serialized here, so the worker's converter is
 * {@code ByteArrayConverter}), its timestamp the post's createdAt; a message that does not convert
 * becomes a record on the dead-letter topic, its bytes as they came. The source offset is
 * Jetstream's cursor: a restarted task resumes a few seconds before the last one committed.
 */
public final class LiveSourceTask extends SourceTask {

    /** The source partition: the stream's address (its token masked). */
    static final String PARTITION_KEY = "url";
    static final String OFFSET_KEY = "cursor_us";
    private static final Logger LOG = LoggerFactory.getLogger(LiveSourceTask.class);

    private LiveSource source;
    /** Reads the figures registry when the task follows it; null otherwise. */
    private RegistryWatch registryWatch;
    private WorkerMetrics metrics;
    private LiveSettings settings;
    private CrossfireSerdes serdes;
    private String postsTopic;
    private String deadLetterTopic;
    private int maxRecords;
    private Map<String, String> partition;
    /** The newest cursor handed on: a record's offset, so a message without one (garbage, Mastodon) never moves it back. */
    private long cursor = -1;

    @Override
    public String version() {
        return LiveSourceConnector.VERSION;
    }

    @Override
    public void start(Map<String, String> props) {
        LiveSourceConfig config = new LiveSourceConfig(props);
        settings = config.settings();
        AvroTrust.ensure();
        var registry = config.registry();
        serdes = new CrossfireSerdes(new HttpSchemaRegistryClient(registry), SubjectPolicy.of(registry));
        postsTopic = config.getString(LiveSourceConfig.POSTS_TOPIC);
        deadLetterTopic = config.getString(LiveSourceConfig.DEAD_LETTER_TOPIC);
        maxRecords = config.getInt(LiveSourceConfig.POLL_MAX_RECORDS);
        partition = Map.of(PARTITION_KEY, settings.displayUrl());
        cursor = committedCursor();
        LOG.info("starting {} at cursor {}", settings, cursor);
        boolean follow = config.followFigures() || !config.wantedDids().isEmpty();
        metrics = new WorkerMetrics(pluginMetrics());
        source = LiveSource.open(settings, cursor, follow, new LiveMetrics(metrics.registry(), settings.network(), Clock.systemUTC()),
            line -> LOG.info("{}: {}", settings.displayUrl(), line));
        if (config.followFigures()) {
            // the registry as `ingest --follow-figures` reads it: every change re-subscribes on the open connection
            Map<String, String> client = new java.util.HashMap<>(config.figuresClient());
            String bootstrap = client.remove("bootstrap.servers");
            Topics topics = Topics.defaults().withFigures(config.getString(LiveSourceConfig.FIGURES_TOPIC));
            registryWatch = RegistryWatch.start(new Cluster(bootstrap, client, serdes, topics), figures -> {
                FollowedDids followed = FollowedDids.of(figures);
                LOG.info("{}: registry of {} figures, following {} Bluesky DIDs", settings.displayUrl(), figures.size(), followed.dids().size());
                source.follow(followed.dids());
            });
        } else if (follow) {
            source.follow(config.wantedDids());
        }
    }

    private long committedCursor() {
        Map<String, Object> offset = context.offsetStorageReader().offset(partition);
        Object cursor = offset == null ? null : offset.get(OFFSET_KEY);
        return cursor instanceof Number n ? n.longValue() : -1;
    }

    @Override
    public List<SourceRecord> poll() throws InterruptedException {
        List<SourceRecord> records = new ArrayList<>();
        for (Delivery d : source.poll(maxRecords, Duration.ofSeconds(1))) {
            cursor = Math.max(cursor, d.cursorUs());
            Map<String, Long> offset = Map.of(OFFSET_KEY, cursor);
            if (d.rejected()) {
                ConnectHeaders headers = new ConnectHeaders();
                DeadLetterRecord.strings(d, settings).forEach(headers::addString);
                records.add(new SourceRecord(partition, offset, deadLetterTopic, null, null, null, Schema.BYTES_SCHEMA,
                    d.rejection().raw(), System.currentTimeMillis(), headers));
            }
            for (Post post : d.posts()) {
                records.add(new SourceRecord(partition, offset, postsTopic, null, Schema.BYTES_SCHEMA,
                    post.getId().getBytes(StandardCharsets.UTF_8), Schema.BYTES_SCHEMA, serdes.post.serialize(postsTopic, post),
                    post.getCreatedAt().toEpochMilli()));
            }
        }
        return records.isEmpty() ? null : records;
    }

    @Override
    public void stop() {
        if (registryWatch != null) {
            registryWatch.close();
        }
        if (source != null) {
            source.close();
        }
        if (metrics != null) {
            metrics.close();
        }
    }

    /** The worker's plugin metrics (Kafka 4.1 and later); null from an older worker, which has no such method. */
    private org.apache.kafka.common.metrics.PluginMetrics pluginMetrics() {
        try {
            return context.pluginMetrics();
        } catch (AbstractMethodError | NoSuchMethodError e) {
            return null;
        }
    }
}
