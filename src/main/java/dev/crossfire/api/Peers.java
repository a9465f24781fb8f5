package dev.crossfire.api;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.state.HostInfo;

/**
 * The other instances of the application, found through Kafka Streams' metadata: each instance
 * advertises its API address as {@code application.server}. Keys are routed the way the topology
 * partitions them (the default partitioner on the string key), so the owner of a key's store is
 * known without asking anyone.
 */
public final class Peers {

    /** What a peer answered. */
    public record Answer(int status, String body) {
    }

    private final KafkaStreams streams;
    private final HostInfo self;
    private final HttpClient client;
    private final Duration timeout;
    private final String token;

    public Peers(KafkaStreams streams, HostInfo self, Duration timeout) {
        this(streams, self, timeout, "");
    }

    /** @param token the bearer token the instances' query APIs require, sent with every question; empty for none */
    public Peers(KafkaStreams streams, HostInfo self, Duration timeout, String token) {
        this.streams = streams;
        this.self = self;
        this.timeout = timeout;
        this.token = token == null ? "" : token;
        this.client = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    public HostInfo self() {
        return self;
    }

    /** The instance whose active task holds {@code key} in {@code store}; empty while a rebalance decides. */
    public Optional<HostInfo> ownerOf(String store, String key) {
        KeyQueryMetadata metadata = streams.queryMetadataForKey(store, key, Serdes.String().serializer());
        if (metadata == null || metadata.equals(KeyQueryMetadata.NOT_AVAILABLE)) {
            return Optional.empty();
        }
        return Optional.of(metadata.activeHost());
    }

    /**
     * Whether this instance holds a part of {@code store} (false while it is running without any: an
     * instance beyond the partition count, or beside the exchange desk's one partition).
     */
    public boolean holdsPart(String store) {
        return streams.state() != KafkaStreams.State.RUNNING
            || streams.streamsMetadataForStore(store).stream().anyMatch(m -> m.hostInfo().equals(self));
    }

    /** Every other instance that holds part of {@code store}. */
    public List<HostInfo> others(String store) {
        return streams.streamsMetadataForStore(store).stream()
            .map(StreamsMetadata::hostInfo)
            .filter(host -> !host.equals(self))
            .distinct()
            .toList();
    }

    /** GET on a peer's API; a peer that does not answer in time is an {@link IOException}. */
    public Answer get(HostInfo host, String pathAndQuery) throws IOException {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://" + host.host() + ":" + host.port() + pathAndQuery))
            .timeout(timeout)
            .GET();
        if (!token.isEmpty()) {
            builder.header("Authorization", "Bearer " + token);
        }
        HttpRequest request = builder.build();
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while asking " + host, e);
        }
    }
}
