package dev.crossfire.topology;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiPredicate;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Forgets a store's expired entries a few at a time: each step looks at the next entries after where
 * the last one stopped, wrapping round at the end, and deletes those the predicate calls expired. The
 * work is bounded per step; stepped in proportion to the posts read, it goes round the whole store in
 * about the time the store takes to fill.
 */
final class StoreSweep<K, V> {

    private final KeyValueStore<K, V> store;
    private final BiPredicate<K, V> expired;
    private final Eviction<K, V> onEvict;
    private K resumeAfter;

    /** What else goes with an entry that goes. */
    interface Eviction<K, V> {
        void evicted(K key, V value);
    }

    StoreSweep(KeyValueStore<K, V> store, BiPredicate<K, V> expired, Eviction<K, V> onEvict) {
        this.store = store;
        this.expired = expired;
        this.onEvict = onEvict;
    }

    /** Looks at up to {@code max} entries; returns how many it deleted. */
    int step(int max) {
        List<KeyValue<K, V>> gone = new ArrayList<>();
        int seen = 0;
        K last = null;
        try (KeyValueIterator<K, V> it = resumeAfter == null ? store.all() : store.range(resumeAfter, null)) {
            while (it.hasNext() && seen < max) {
                KeyValue<K, V> e = it.next();
                if (resumeAfter != null && seen == 0 && e.key.equals(resumeAfter)) {
                    continue; // where the last step stopped: looked at already
                }
                seen++;
                last = e.key;
                if (expired.test(e.key, e.value)) {
                    gone.add(e);
                }
            }
            resumeAfter = it.hasNext() ? last : null; // at the end: round again from the start
        }
        for (KeyValue<K, V> e : gone) {
            store.delete(e.key);
            onEvict.evicted(e.key, e.value);
        }
        return gone.size();
    }
}
