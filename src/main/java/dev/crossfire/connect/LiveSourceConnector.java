package dev.crossfire.connect;

import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.source.ExactlyOnceSupport;
import org.apache.kafka.connect.source.SourceConnector;

/**
 * A Kafka Connect source of live posts: Bluesky's Jetstream or a Mastodon stream into crossfire's
 * posts topic, with the same core and importers as {@code crossfire ingest}. One task: a stream is
 * one WebSocket, and two tasks on it would only duplicate every post. To read several streams (two
 * Mastodon servers, Jetstream and Mastodon), run one connector per stream.
 */
public final class LiveSourceConnector extends SourceConnector {

    static final String VERSION = "0.1.0";

    private Map<String, String> props;

    @Override
    public void start(Map<String, String> props) {
        new LiveSourceConfig(props); // fail at creation, not in the task, on a bad configuration
        this.props = Map.copyOf(props);
    }

    @Override
    public Class<? extends Task> taskClass() {
        return LiveSourceTask.class;
    }

    @Override
    public List<Map<String, String>> taskConfigs(int maxTasks) {
        return List.of(props);
    }

    @Override
    public void stop() {
        // the task holds the connection
    }

    @Override
    public ConfigDef config() {
        return LiveSourceConfig.DEF;
    }

    @Override
    public String version() {
        return VERSION;
    }

    /** Records and their offsets are not written in one transaction: duplicates after a crash are dropped by crossfire by post id. */
    @Override
    public ExactlyOnceSupport exactlyOnceSupport(Map<String, String> connectorConfig) {
        return ExactlyOnceSupport.UNSUPPORTED;
    }
}
