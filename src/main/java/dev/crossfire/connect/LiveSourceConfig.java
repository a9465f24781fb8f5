package dev.crossfire.connect;

import dev.crossfire.config.Topics;
import dev.crossfire.ingest.live.LiveNetwork;
import dev.crossfire.ingest.live.LiveSettings;
import dev.crossfire.serde.RegistrySettings;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

/**
 * The connector's configuration: every key with its type, default and meaning (the reference in
 * docs/live-sources.md is checked against {@link #DEF}). The schema registry's client settings
 * other than its URL ({@code schema.registry.basic.auth.user.info}, ...) are passed through as
 * crossfire's own configuration reads them.
 */
public final class LiveSourceConfig extends AbstractConfig {

    public static final String NETWORK = "source.network";
    public static final String URL = "source.url";
    public static final String ACCESS_TOKEN = "source.access.token";
    public static final String WANTED_DIDS = "source.wanted.dids";
    public static final String POSTS_TOPIC = "topic.posts";
    public static final String DEAD_LETTER_TOPIC = "topic.dead.letters";
    public static final String REGISTRY_URL = RegistrySettings.URL;
    public static final String MAX_MESSAGE_BYTES = "max.message.bytes";
    public static final String QUEUE_MESSAGES = "queue.messages";
    public static final String POLL_MAX_RECORDS = "poll.max.records";
    public static final String BACKOFF_MIN_MS = "reconnect.backoff.min.ms";
    public static final String BACKOFF_MAX_MS = "reconnect.backoff.max.ms";
    public static final String STALL_MS = "stall.timeout.ms";
    public static final String PING_MS = "ping.interval.ms";
    public static final String RESUME_OVERLAP_MS = "resume.overlap.ms";
    public static final String FOLLOW_FIGURES = "source.follow.figures";
    public static final String FIGURES_TOPIC = "figures.topic";
    /** Client settings for reading the figures registry topic: figures.kafka.bootstrap.servers and, on a secured cluster, its security settings. */
    public static final String FIGURES_KAFKA_PREFIX = "figures.kafka.";

    public static final ConfigDef DEF = new ConfigDef()
        .define(NETWORK, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, ConfigDef.ValidString.in("bluesky-jetstream", "mastodon-stream"),
            Importance.HIGH, "bluesky-jetstream or mastodon-stream: the network, and so the importer that converts its messages.")
        .define(URL, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, Importance.HIGH,
            "The stream's WebSocket address: wss://jetstream2.us-east.bsky.network/subscribe, or "
                + "wss://SERVER/api/v1/streaming?stream=list&list=ID for Mastodon. Also the key of the source offsets.")
        .define(ACCESS_TOKEN, Type.PASSWORD, null, Importance.MEDIUM,
            "Mastodon: the access token, sent as Authorization: Bearer (Mastodon 4.2 and later ask for one on every stream).")
        .define(WANTED_DIDS, Type.LIST, "", Importance.MEDIUM,
            "Jetstream: stream only these DIDs (wantedDids, at most 10,000, sent in the first message). Empty: every account.")
        .define(FOLLOW_FIGURES, Type.BOOLEAN, false, Importance.MEDIUM,
            "Jetstream: stream only the Bluesky DIDs of crossfire's figures registry, and follow its changes on the open connection "
                + "(options_update) without restarting; instead of " + WANTED_DIDS + ". Reads " + FIGURES_TOPIC + " with the "
                + FIGURES_KAFKA_PREFIX + "* client settings (" + FIGURES_KAFKA_PREFIX + "bootstrap.servers at least).")
        .define(FIGURES_TOPIC, Type.STRING, Topics.defaults().figures(), Importance.LOW,
            "The figures registry topic " + FOLLOW_FIGURES + " reads.")
        .define(POSTS_TOPIC, Type.STRING, Topics.defaults().posts(), Importance.HIGH, "Where the posts go: crossfire's posts topic.")
        .define(DEAD_LETTER_TOPIC, Type.STRING, Topics.defaults().rejected(), Importance.HIGH,
            "Where a message that does not convert goes, byte for byte, with its reason in the crossfire.error.* headers.")
        .define(REGISTRY_URL, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, Importance.HIGH,
            "The Confluent-API schema registry the posts' Avro schema is registered in, as crossfire's own schema.registry.url.")
        .define(MAX_MESSAGE_BYTES, Type.INT, LiveSettings.DEFAULT_MAX_MESSAGE_BYTES, ConfigDef.Range.atLeast(1024), Importance.LOW,
            "A longer message goes to the dead-letter topic (kept whole up to 4 MiB, or this if larger).")
        .define(QUEUE_MESSAGES, Type.INT, LiveSettings.DEFAULT_QUEUE_MESSAGES, ConfigDef.Range.atLeast(1), Importance.LOW,
            "Messages read and not yet polled; when full the socket stops reading and the server waits.")
        .define(POLL_MAX_RECORDS, Type.INT, 500, ConfigDef.Range.atLeast(1), Importance.LOW, "Messages one poll hands to the worker.")
        .define(BACKOFF_MIN_MS, Type.LONG, 1_000L, ConfigDef.Range.atLeast(1), Importance.LOW,
            "The first wait before reconnecting; it doubles, with jitter, after each failed connection.")
        .define(BACKOFF_MAX_MS, Type.LONG, 60_000L, ConfigDef.Range.atLeast(1), Importance.LOW, "The longest wait before reconnecting.")
        .define(STALL_MS, Type.LONG, 90_000L, ConfigDef.Range.atLeast(1), Importance.LOW,
            "A connection with no message nor answer to a ping for this long is dropped and opened again.")
        .define(PING_MS, Type.LONG, 30_000L, ConfigDef.Range.atLeast(1), Importance.LOW, "How often a quiet connection is pinged.")
        .define(RESUME_OVERLAP_MS, Type.LONG, 5_000L, ConfigDef.Range.atLeast(0), Importance.LOW,
            "Jetstream: how far before the last committed cursor a restarted task resumes (duplicates are dropped by crossfire).");

    public LiveSourceConfig(Map<String, String> props) {
        super(DEF, props);
        if (getLong(BACKOFF_MAX_MS) < getLong(BACKOFF_MIN_MS)) {
            throw new ConfigException(BACKOFF_MAX_MS + " must be at least " + BACKOFF_MIN_MS);
        }
        if (getString(URL).toLowerCase(java.util.Locale.ROOT).contains("access_token=")) {
            // the worker logs every setting but passwords, and the URL names the offsets: a token there would leak
            throw new ConfigException(URL + " carries an access_token: give it as " + ACCESS_TOKEN + " instead, which is never logged");
        }
        if (getBoolean(FOLLOW_FIGURES)) {
            if (network() != LiveNetwork.BLUESKY_JETSTREAM) {
                throw new ConfigException(FOLLOW_FIGURES + " is for bluesky-jetstream: Mastodon's streaming API cannot filter by account "
                    + "(stream a list instead, see docs/live-sources.md)");
            }
            if (!getList(WANTED_DIDS).isEmpty()) {
                throw new ConfigException(FOLLOW_FIGURES + " and " + WANTED_DIDS + " exclude each other: the registry gives the DIDs");
            }
            if (!figuresClient().containsKey("bootstrap.servers")) {
                throw new ConfigException(FOLLOW_FIGURES + " needs " + FIGURES_KAFKA_PREFIX + "bootstrap.servers to read " + FIGURES_TOPIC);
            }
        }
        try {
            settings();
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage());
        }
    }

    public LiveNetwork network() {
        return LiveNetwork.named(getString(NETWORK));
    }

    public LiveSettings settings() {
        Password token = getPassword(ACCESS_TOKEN);
        int maxBytes = getInt(MAX_MESSAGE_BYTES);
        return new LiveSettings(network(), URI.create(getString(URL)), token == null ? null : token.value(), getInt(QUEUE_MESSAGES),
            maxBytes, Math.max(maxBytes, LiveSettings.DEFAULT_MAX_DEAD_LETTER_BYTES), Duration.ofMillis(getLong(BACKOFF_MIN_MS)),
            Duration.ofMillis(getLong(BACKOFF_MAX_MS)), Duration.ofMillis(getLong(STALL_MS)), Duration.ofMillis(getLong(PING_MS)),
            Duration.ofMillis(getLong(RESUME_OVERLAP_MS)), Duration.ofSeconds(10));
    }

    public List<String> wantedDids() {
        return getList(WANTED_DIDS);
    }

    public boolean followFigures() {
        return getBoolean(FOLLOW_FIGURES);
    }

    /** The Kafka client settings for the figures registry topic, without their prefix. */
    public Map<String, String> figuresClient() {
        Map<String, String> c = new HashMap<>();
        originalsStrings().forEach((k, v) -> {
            if (k.startsWith(FIGURES_KAFKA_PREFIX)) {
                c.put(k.substring(FIGURES_KAFKA_PREFIX.length()), v);
            }
        });
        return c;
    }

    /** The registry client's settings: its URL and every other registry key given to the connector. */
    public RegistrySettings registry() {
        Map<String, Object> r = new HashMap<>();
        originalsStrings().forEach((k, v) -> {
            if (RegistrySettings.KEYS.contains(k)) {
                r.put(k, v);
            }
        });
        return RegistrySettings.fromConfig(r);
    }
}
