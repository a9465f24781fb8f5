package dev.crossfire.topology;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crossfire.avro.Author;
import dev.crossfire.avro.LinkStatus;
import dev.crossfire.avro.PendingChild;
import dev.crossfire.avro.PendingChildren;
import dev.crossfire.avro.Platform;
import dev.crossfire.avro.Post;
import dev.crossfire.avro.PostRef;
import dev.crossfire.config.CrossfireSettings;
import dev.crossfire.serde.InMemorySchemaRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.MockProcessorContext.CapturedPunctuator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;

/**
 * The index of when waiting children are due lives in memory, so a task that starts on restored
 * state (another instance's, or its own after a crash) must rebuild it from the thread buffer, or
 * the children already waiting would never be released.
 */
class ThreadBufferRestartTest {

    private static final Instant T0 = Instant.parse("2024-02-01T10:00:00Z");

    @Test
    void childrenRestoredIntoTheBufferAreReleasedAtTheirTimeOut() {
        CrossfireSettings settings = CrossfireSettings.defaults();
        long timeout = settings.threadBufferTimeout().toMillis();
        CrossfireSerdes serdes = new CrossfireSerdes(new InMemorySchemaRegistry());
        MockProcessorContext<String, Object> context = new MockProcessorContext<>();
        KeyValueStore<String, PendingChildren> pending = register(context, Stores.keyValueStoreBuilder(
            Stores.inMemoryKeyValueStore(ThreadLinkProcessor.PENDING_STORE), Serdes.String(), serdes.pending));
        register(context, Stores.windowStoreBuilder(Stores.inMemoryWindowStore(ThreadLinkProcessor.SEEN_STORE,
            settings.dedupRetention(), Duration.ofMillis(1), false), Serdes.String(), Serdes.Long()));
        register(context, Stores.windowStoreBuilder(Stores.inMemoryWindowStore(ThreadLinkProcessor.LINKS_STORE,
            settings.linkRetention(), Duration.ofMillis(1), false), Serdes.String(), serdes.link));

        // what a restore leaves behind: two parents with children waiting, one due earlier
        long since = T0.toEpochMilli();
        pending.put("x:gone", waiting(child("x:early", "x:gone", since), since));
        pending.put("x:lost", waiting(child("x:later", "x:lost", since + 60_000), since + 60_000));

        ThreadLinkProcessor processor = new ThreadLinkProcessor(settings);
        processor.init(context);
        CapturedPunctuator sweep = context.scheduledPunctuators().get(0);

        sweep.getPunctuator().punctuate(since + timeout - 1);
        assertThat(context.forwarded()).isEmpty();

        sweep.getPunctuator().punctuate(since + timeout);
        assertThat(releasedOrphans(context)).containsExactly("x:early");
        assertThat(pending.get("x:gone")).isNull();

        context.resetForwards();
        sweep.getPunctuator().punctuate(since + 60_000 + timeout);
        assertThat(releasedOrphans(context)).containsExactly("x:later");
        assertThat(pending.get("x:lost")).isNull();
    }

    private static <S extends org.apache.kafka.streams.processor.StateStore> S register(MockProcessorContext<String, Object> context,
                                                                                     StoreBuilder<S> builder) {
        S store = builder.withLoggingDisabled().build();
        store.init(context.getStateStoreContext(), store);
        context.addStateStore(store);
        return store;
    }

    private static List<String> releasedOrphans(MockProcessorContext<String, Object> context) {
        List<String> ids = new ArrayList<>();
        for (var forwarded : context.forwarded()) {
            if (forwarded.record().value() instanceof LinkedPost linked) {
                assertThat(linked.link().getStatus()).isEqualTo(LinkStatus.ORPHAN);
                ids.add(linked.post().getId());
            }
        }
        return ids;
    }

    private static PendingChildren waiting(Post child, long since) {
        List<PendingChild> children = new ArrayList<>();
        children.add(new PendingChild(child, since, 0));
        return PendingChildren.newBuilder().setChildren(children).build();
    }

    private static Post child(String id, String parentId, long createdAt) {
        return Post.newBuilder()
            .setId(id)
            .setPlatform(Platform.X)
            .setAuthor(new Author(null, "someone", null))
            .setCreatedAt(Instant.ofEpochMilli(createdAt))
            .setText("a reply to a post that never came")
            .setReplyTo(new PostRef(parentId, "nobody", null))
            .build();
    }
}
