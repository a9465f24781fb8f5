package dev.crossfire.api;

import dev.crossfire.avro.ExchangeState;
import dev.crossfire.avro.ThreadNode;
import dev.crossfire.topology.StoreNames;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyWindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * What this instance's own state stores hold (its active tasks only). While a rebalance moves
 * the stores, the reads throw Kafka's {@code InvalidStateStoreException}; the API answers 503.
 */
public final class LocalStores {

    /** Bounds one thread read, whatever the thread's size. */
    public static final int MAX_THREAD_POSTS = 10_000;

    private final KafkaStreams streams;

    public LocalStores(KafkaStreams streams) {
        this.streams = streams;
    }

    /** The pair's current exchange, when it is still active. */
    public Optional<ExchangeState> exchange(String pairKey) {
        return Optional.ofNullable(exchanges().get(pairKey));
    }

    /** The matching exchanges, most recently active first, at most {@code filter.limit()}. */
    public List<ExchangeState> exchanges(ExchangeFilter filter) {
        List<ExchangeState> matching = new ArrayList<>();
        try (KeyValueIterator<String, ExchangeState> all = exchanges().all()) {
            all.forEachRemaining(entry -> {
                if (filter.matches(entry.value)) {
                    matching.add(entry.value);
                }
            });
        }
        matching.sort(Comparator.comparing(ExchangeState::getLastActivityAt).reversed().thenComparing(ExchangeState::getExchangeId));
        return matching.size() > filter.limit() ? matching.subList(0, filter.limit()) : matching;
    }

    /** The posts kept for the thread, at most {@code max} (and {@link #MAX_THREAD_POSTS}), oldest first. */
    public List<ThreadNode> thread(String rootId, int max) {
        ReadOnlyWindowStore<String, ThreadNode> store = streams.store(
            StoreQueryParameters.fromNameAndType(StoreNames.THREAD_TREES, QueryableStoreTypes.windowStore()));
        int bound = Math.min(max, MAX_THREAD_POSTS) + 1; // one more tells the caller the thread was cut
        List<ThreadNode> nodes = new ArrayList<>();
        try (WindowStoreIterator<ThreadNode> it = store.fetch(rootId, Instant.EPOCH, Instant.ofEpochMilli(Long.MAX_VALUE))) {
            while (it.hasNext() && nodes.size() < bound) {
                nodes.add(it.next().value);
            }
        }
        return nodes;
    }

    private ReadOnlyKeyValueStore<String, ExchangeState> exchanges() {
        return streams.store(StoreQueryParameters.fromNameAndType(StoreNames.EXCHANGES, QueryableStoreTypes.keyValueStore()));
    }
}
