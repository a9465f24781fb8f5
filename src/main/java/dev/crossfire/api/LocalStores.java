package dev.crossfire.api;

import dev.crossfire.avro.ExchangeState;
import dev.crossfire.avro.PileOnState;
import dev.crossfire.avro.Post;
import dev.crossfire.avro.ThreadLink;
import dev.crossfire.avro.ThreadNode;
import dev.crossfire.interaction.InteractionDeriver;
import dev.crossfire.post.InvalidPostException;
import dev.crossfire.post.PostDecoder;
import dev.crossfire.topology.StoreNames;
import dev.crossfire.topology.ThreadMembers;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;

/**
 * What this instance's own state stores hold (its active tasks only). While a rebalance moves
 * the stores, the reads throw Kafka's {@code InvalidStateStoreException}; the API answers 503.
 *
 * <p>A thread is not kept as a whole anywhere: its posts are where their ids hash to. So a thread is
 * read from every instance, each giving what its thread linker partitions hold: the root's post,
 * and the replies and quotes its members index lists under the root, each with its post and link.
 */
public final class LocalStores {

    /** Bounds one thread read, whatever the thread's size. */
    public static final int MAX_THREAD_POSTS = 10_000;

    private final KafkaStreams streams;
    private final PostDecoder decoder;
    private final ThreadReader threads;

    public LocalStores(KafkaStreams streams, PostDecoder decoder, InteractionDeriver deriver) {
        this.streams = streams;
        this.decoder = decoder;
        this.threads = new ThreadReader(deriver);
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

    /** The matching open pile-ons, most recently active first, at most {@code filter.limit()}. */
    public List<PileOnState> pileOns(ExchangeFilter filter) {
        List<PileOnState> matching = new ArrayList<>();
        ReadOnlyKeyValueStore<String, PileOnState> store = store(StoreNames.PILE_ONS);
        try (KeyValueIterator<String, PileOnState> all = store.all()) {
            all.forEachRemaining(entry -> {
                if (filter.matches(entry.value)) {
                    matching.add(entry.value);
                }
            });
        }
        matching.sort(Comparator.comparing(PileOnState::getLastActivityAt).reversed().thenComparing(PileOnState::getPileOnId));
        return matching.size() > filter.limit() ? matching.subList(0, filter.limit()) : matching;
    }

    /** This instance's posts of the thread, at most {@code max} (and {@link #MAX_THREAD_POSTS}) and one more to tell it was cut. */
    public List<ThreadNode> thread(String rootId, int max) {
        ReadOnlyKeyValueStore<String, ThreadLink> links = store(StoreNames.LINKS);
        ReadOnlyKeyValueStore<String, byte[]> members = store(StoreNames.THREAD_MEMBERS);
        ReadOnlyKeyValueStore<String, Post> strays = store(StoreNames.STRAYS);
        ReadOnlyKeyValueStore<Bytes, ValueAndTimestamp<byte[]>> posts = streams.store(
            StoreQueryParameters.fromNameAndType(StoreNames.POSTS, QueryableStoreTypes.timestampedKeyValueStore()));
        return threads.read(rootId, Math.min(max, MAX_THREAD_POSTS) + 1, new ThreadReader.Source() {
            @Override
            public Optional<Post> post(String postId) {
                ValueAndTimestamp<byte[]> stored = posts.get(Bytes.wrap(postId.getBytes(StandardCharsets.UTF_8)));
                return decoded(postId, stored == null ? null : stored.value()).or(() -> Optional.ofNullable(strays.get(postId)));
            }

            @Override
            public ThreadLink link(String postId) {
                return links.get(postId);
            }

            @Override
            public void members(String root, Predicate<String> visitor) {
                String prefix = ThreadMembers.prefix(root);
                try (KeyValueIterator<String, byte[]> it = members.prefixScan(prefix, new StringSerializer())) {
                    while (it.hasNext()) {
                        if (!visitor.test(it.next().key.substring(prefix.length()))) {
                            return;
                        }
                    }
                }
            }
        });
    }

    /** The post a posts record holds, if it is one with this id (the key's latest record may be something else). */
    private Optional<Post> decoded(String postId, byte[] value) {
        if (value == null) {
            return Optional.empty();
        }
        try {
            Post post = decoder.decode(StoreNames.POSTS, value);
            return post.getId().equals(postId) ? Optional.of(post) : Optional.empty();
        } catch (InvalidPostException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private <V> ReadOnlyKeyValueStore<String, V> store(String name) {
        return streams.store(StoreQueryParameters.fromNameAndType(name, QueryableStoreTypes.keyValueStore()));
    }

    private ReadOnlyKeyValueStore<String, ExchangeState> exchanges() {
        return store(StoreNames.EXCHANGES);
    }
}
