package dev.crossfire.topology;

import dev.crossfire.avro.Post;
import dev.crossfire.post.InvalidPostException;
import dev.crossfire.post.PostDecoder;
import dev.crossfire.post.PostValidator;
import dev.crossfire.post.RejectReason;
import dev.crossfire.serde.SchemaRegistryException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.TimestampedKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;

/**
 * The posts a linker partition owns. Its main store is a read-only store whose changelog is the posts
 * topic itself: it holds each key's latest record, exactly as Kafka Streams restores it from that
 * topic, so writing a post costs no record of its own. To stay equal to what a restore gives, every
 * record with a key is written, valid or not, and a record is read back through the same decoder
 * and validator that accepted it. Posts whose producer keyed them by something else than their id
 * reach their partition through the loop and are kept in a small store of their own.
 *
 * <p>A post is a duplicate when its key's previous record was the same post (the same id), or when
 * it is kept among the strays (it came through the loop, or a later record took its key). A
 * redelivered post keeps its first copy's place: the second is dropped.
 */
final class PostBook {

    /** Decoded posts kept in memory: a reply's parent is usually a recent post. */
    private static final int CACHE_ENTRIES = 20_000;

    /** What became of one record read on the posts topic. */
    sealed interface Admission permits Accepted, Duplicate, Refused {
    }

    record Accepted(Post post) implements Admission {
    }

    record Duplicate(Post post) implements Admission {
    }

    record Refused(String reason, String message) implements Admission {
    }

    private final String topic;
    private final PostDecoder decoder;
    private final PostValidator validator;
    private final TimestampedKeyValueStore<Bytes, byte[]> byKey;
    private final KeyValueStore<String, Post> strays;
    private final Map<String, Optional<Post>> cache = new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Optional<Post>> eldest) {
            return size() > CACHE_ENTRIES;
        }
    };

    /** Whether the strays store holds anything: nearly always not, and then no post costs a lookup there. */
    private boolean anyStrays;
    private final StoreSweep<Bytes, ValueAndTimestamp<byte[]>> recordSweep;
    private final StoreSweep<String, Post> straySweep;
    /** The sweeps' horizons: records appended before, and strays created before, are forgotten. */
    private long recordsBefore = Long.MIN_VALUE;
    private long straysBefore = Long.MIN_VALUE;

    PostBook(String topic, PostDecoder decoder, PostValidator validator, TimestampedKeyValueStore<Bytes, byte[]> byKey,
             KeyValueStore<String, Post> strays) {
        this.topic = topic;
        this.decoder = decoder;
        this.validator = validator;
        this.byKey = byKey;
        this.strays = strays;
        this.recordSweep = new StoreSweep<>(byKey, (k, v) -> v.timestamp() < recordsBefore,
            (k, v) -> cache.remove(new String(k.get(), StandardCharsets.UTF_8)));
        this.straySweep = new StoreSweep<>(strays, (k, v) -> v.getCreatedAt().toEpochMilli() < straysBefore, (k, v) -> cache.remove(k));
        try (var all = strays.all()) {
            this.anyStrays = all.hasNext();
        }
    }

    /**
     * Forgets, a bounded number at a time, records whose Kafka timestamp is before {@code recordsBefore}
     * (what the posts topic's own retention would have deleted, so what a restore would not bring back)
     * and strays created before {@code straysBefore}. Returns how many went.
     */
    int sweep(long recordsBefore, long straysBefore, int max) {
        this.recordsBefore = recordsBefore;
        this.straysBefore = straysBefore;
        return recordSweep.step(max) + straySweep.step(Math.max(1, max / 8));
    }

    /** Reads one record of the posts topic, and writes it as the restore would. */
    Admission admit(byte[] key, byte[] value, long recordTimestamp) {
        Admission admission;
        try {
            Post post = read(value, recordTimestamp);
            String id = post.getId();
            Bytes ownKey = key == null ? null : Bytes.wrap(key);
            boolean again = (ownKey != null && sameAs(id, ownKey)) || (anyStrays && strays.get(id) != null);
            admission = again ? new Duplicate(post) : new Accepted(post);
        } catch (InvalidPostException e) {
            admission = new Refused(e.reason().name(), e.getMessage());
        }
        if (key != null) {
            Bytes k = Bytes.wrap(key);
            String keyText = new String(key, StandardCharsets.UTF_8);
            boolean holdsItsOwnPost = (admission instanceof Accepted a && a.post().getId().equals(keyText))
                || (admission instanceof Duplicate d && d.post().getId().equals(keyText));
            if (!holdsItsOwnPost) {
                keepOwnerOf(keyText);
            }
            byKey.put(k, ValueAndTimestamp.make(value, recordTimestamp));
            // what the key now holds, as owned() would read it back: the post, when the record is one with that id
            if (admission instanceof Accepted accepted && accepted.post().getId().equals(keyText)) {
                cache.put(keyText, Optional.of(accepted.post()));
            } else if (admission instanceof Duplicate duplicate && duplicate.post().getId().equals(keyText)) {
                cache.put(keyText, Optional.of(duplicate.post()));
            } else {
                cache.remove(keyText);
            }
        }
        return admission;
    }

    /**
     * A record that is not the post of its key's id (another post keyed by that id, or garbage)
     * replaces the key's record, as it does on the topic. The post that record held is kept among the
     * strays, so that it is still found as a parent and a later copy of it is still a redelivery.
     */
    private void keepOwnerOf(String postId) {
        Optional<Post> owner = fromRecord(postId);
        if (owner.isPresent() && (!anyStrays || strays.get(postId) == null)) {
            strays.put(postId, owner.get());
            anyStrays = true;
        }
    }

    /** A post that came through the loop, as it arrives at the partition that owns it. */
    Admission admitStray(Post post) {
        if (owned(post.getId()).isPresent()) {
            return new Duplicate(post);
        }
        strays.put(post.getId(), post);
        anyStrays = true;
        cache.put(post.getId(), Optional.of(post));
        return new Accepted(post);
    }

    /** An accepted post this partition owns: its id's latest record, if that is a valid post with this id, or a stray. */
    Optional<Post> owned(String postId) {
        Optional<Post> known = cache.get(postId);
        if (known != null) {
            return known;
        }
        Optional<Post> found = fromRecord(postId);
        if (found.isEmpty() && anyStrays) {
            found = Optional.ofNullable(strays.get(postId));
        }
        cache.put(postId, found);
        return found;
    }

    /** Forgets a post (older than every retention). */
    void forget(Bytes key) {
        byKey.delete(key);
        cache.remove(new String(key.get(), StandardCharsets.UTF_8));
    }

    void forgetStray(String postId) {
        strays.delete(postId);
        cache.remove(postId);
    }

    private boolean sameAs(String id, Bytes key) {
        Optional<Post> known = cache.get(id);
        if (known != null && Arrays.equals(key.get(), id.getBytes(StandardCharsets.UTF_8))) {
            return known.isPresent(); // the cache says what the key holds: the post with this id, or nothing that is
        }
        ValueAndTimestamp<byte[]> previous = byKey.get(key);
        if (previous == null) {
            return false;
        }
        try {
            return read(previous.value(), previous.timestamp()).getId().equals(id);
        } catch (InvalidPostException e) {
            return false;
        }
    }

    private Optional<Post> fromRecord(String postId) {
        ValueAndTimestamp<byte[]> stored = byKey.get(Bytes.wrap(postId.getBytes(StandardCharsets.UTF_8)));
        if (stored == null) {
            return Optional.empty();
        }
        try {
            Post post = read(stored.value(), stored.timestamp());
            return post.getId().equals(postId) ? Optional.of(post) : Optional.empty();
        } catch (InvalidPostException e) {
            return Optional.empty();
        }
    }

    /** Decodes and validates, as the first reading did; a registry that is away is thrown, to be tried again. */
    Post read(byte[] value, long recordTimestamp) throws InvalidPostException {
        Post post;
        try {
            post = decoder.decode(topic, value);
        } catch (InvalidPostException e) {
            throw e;
        } catch (RuntimeException e) {
            if (SchemaRegistryException.isTransientIn(e)) {
                throw e;
            }
            throw new InvalidPostException(RejectReason.UNEXPECTED, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        validator.validate(post);
        if (validator.isFarFuture(post.getCreatedAt().toEpochMilli(), recordTimestamp)) {
            throw new InvalidPostException(RejectReason.FUTURE_TIMESTAMP, "createdAt " + post.getCreatedAt()
                + " is further ahead of the time the record reached Kafka than the tolerance allows");
        }
        return post;
    }
}
