package dev.crossfire.topology;

import dev.crossfire.avro.Post;
import dev.crossfire.avro.ThreadLink;
import dev.crossfire.avro.WaitingChild;
import dev.crossfire.avro.WaitingChildren;
import dev.crossfire.thread.LinkerState;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/** {@link LinkerState} over the linker's state stores. */
final class LinkerStores implements LinkerState {

    private static final String CLOCK_KEY = "clock";

    private final PostBook posts;
    private final KeyValueStore<String, ThreadLink> links;
    private final KeyValueStore<String, WaitingChildren> waiting;
    private final KeyValueStore<String, Long> clock;
    /** The waiting store's keys, read once at start: nearly every post asks, and nearly none has children waiting. */
    private final Set<String> parentsAwaited = new HashSet<>();
    private long now;

    LinkerStores(PostBook posts, KeyValueStore<String, ThreadLink> links, KeyValueStore<String, WaitingChildren> waiting,
                 KeyValueStore<String, Long> clock) {
        this.posts = posts;
        this.links = links;
        this.waiting = waiting;
        this.clock = clock;
        Long stored = clock.get(CLOCK_KEY);
        this.now = stored == null ? Long.MIN_VALUE : stored;
        try (KeyValueIterator<String, WaitingChildren> it = waiting.all()) {
            it.forEachRemaining(e -> parentsAwaited.add(e.key));
        }
    }

    @Override
    public Optional<Post> post(String postId) {
        return posts.owned(postId);
    }

    @Override
    public Optional<ThreadLink> link(String postId) {
        return Optional.ofNullable(links.get(postId));
    }

    @Override
    public List<WaitingChild> waiting(String parentId) {
        if (!parentsAwaited.contains(parentId)) {
            return List.of();
        }
        WaitingChildren children = waiting.get(parentId);
        return children == null ? List.of() : children.getChildren();
    }

    @Override
    public void waiting(String parentId, List<WaitingChild> children) {
        if (children.isEmpty()) {
            if (parentsAwaited.remove(parentId)) {
                waiting.delete(parentId);
            }
        } else {
            waiting.put(parentId, new WaitingChildren(new ArrayList<>(children)));
            parentsAwaited.add(parentId);
        }
    }

    @Override
    public Iterable<Map.Entry<String, List<WaitingChild>>> allWaiting() {
        List<Map.Entry<String, List<WaitingChild>>> all = new ArrayList<>();
        try (KeyValueIterator<String, WaitingChildren> it = waiting.all()) {
            while (it.hasNext()) {
                KeyValue<String, WaitingChildren> e = it.next();
                all.add(new AbstractMap.SimpleImmutableEntry<>(e.key, e.value.getChildren()));
            }
        }
        return all;
    }

    @Override
    public long clock() {
        return now;
    }

    @Override
    public void clock(long time) {
        now = time;
        clock.put(CLOCK_KEY, time); // the store caches it: one changelog record per commit, not per post
    }
}
