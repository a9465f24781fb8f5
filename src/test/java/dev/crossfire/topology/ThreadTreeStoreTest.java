package dev.crossfire.topology;

import static dev.crossfire.testing.PostBuilder.post;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.crossfire.api.ThreadTree;
import dev.crossfire.avro.ThreadNode;
import dev.crossfire.testing.FigureBuilder;
import dev.crossfire.testing.PostBuilder;
import dev.crossfire.testing.SeedStory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;
import org.junit.jupiter.api.Test;

/** The thread-trees store behind {@code GET /threads/{rootId}}, filled by the production topology. */
class ThreadTreeStoreTest {

    private static final Instant START = Instant.parse("2024-03-01T12:00:00Z");

    @Test
    void aThreadArrivingOutOfOrderIsKeptUnderItsRootAndDrawnAsATree() {
        try (TopologyFixture fixture = new TopologyFixture()) {
            PostBuilder root = post("x:1", "alice", START, "the root");
            PostBuilder reply = post("x:2", "bob", START.plusSeconds(60), "a reply").replyTo("x:1", "alice");
            PostBuilder replyToReply = post("x:3", "carol", START.plusSeconds(120), "a reply to the reply").replyTo("x:2", "bob");
            PostBuilder quote = post("x:4", "dave", START.plusSeconds(180), "quoting the root").quoteOf("x:1", "alice");
            PostBuilder elsewhere = post("x:9", "erin", START.plusSeconds(30), "another thread");
            fixture.send(replyToReply, quote, reply, elsewhere, root, reply); // out of order, one duplicate

            List<ThreadNode> nodes = nodes(fixture, "x:1");
            assertThat(nodes).extracting(ThreadNode::getPostId).containsExactlyInAnyOrder("x:1", "x:2", "x:3", "x:4");
            assertThat(nodes(fixture, "x:9")).extracting(ThreadNode::getPostId).containsExactly("x:9");

            JsonNode tree = ThreadTree.toJson("x:1", nodes, 100);
            assertThat(tree.path("posts").asInt()).isEqualTo(4);
            JsonNode top = tree.path("root");
            assertThat(top.path("postId").asText()).isEqualTo("x:1");
            assertThat(top.path("status").asText()).isEqualTo("ROOT");
            assertThat(top.path("replies")).extracting(r -> r.path("postId").asText()).containsExactly("x:2", "x:4");
            assertThat(top.path("replies").get(0).path("relation").asText()).isEqualTo("REPLY");
            assertThat(top.path("replies").get(1).path("relation").asText()).isEqualTo("QUOTE");
            JsonNode deepest = top.path("replies").get(0).path("replies").get(0);
            assertThat(deepest.path("postId").asText()).isEqualTo("x:3");
            assertThat(deepest.path("depth").asInt()).isEqualTo(2);
            assertThat(deepest.path("text").asText()).isEqualTo("a reply to the reply");
            assertThat(tree.path("detached")).isEmpty();
        }
    }

    @Test
    void thePostsOfAFigureCarryTheirFigureIds() {
        try (TopologyFixture fixture = new TopologyFixture()) {
            fixture.registry(FigureBuilder.seedFigures());
            fixture.send(SeedStory.inOrder());
            String root = SeedStory.TRUMP_NAMES_SESSIONS.id();
            List<ThreadNode> nodes = nodes(fixture, fixture.threads().stream()
                .filter(t -> t.getPost().getId().equals(root)).findFirst().orElseThrow().getRootId());
            ThreadNode trump = nodes.stream().filter(n -> n.getPostId().equals(root)).findFirst().orElseThrow();
            assertThat(trump.getAuthorFigureId()).isEqualTo("donald-trump");
            assertThat(trump.getFigureIds()).contains("donald-trump", "jeff-sessions");
        }
    }

    @Test
    void aThreadIsForgottenWithItsLinksAfterTheLinkRetention() {
        try (TopologyFixture fixture = new TopologyFixture()) {
            Duration retention = fixture.settings.linkRetention();
            fixture.send(post("x:1", "alice", START, "old thread"));
            assertThat(nodes(fixture, "x:1")).hasSize(1);
            // stream time moves on by more than the retention (plus a segment): the old thread's segment is dropped
            fixture.send(post("x:2", "bob", START.plus(retention.multipliedBy(3)), "much later"));
            assertThat(nodes(fixture, "x:1")).isEmpty();
            assertThat(nodes(fixture, "x:2")).hasSize(1);
        }
    }

    private static List<ThreadNode> nodes(TopologyFixture fixture, String rootId) {
        WindowStore<String, ThreadNode> store = fixture.driver.getWindowStore(StoreNames.THREAD_TREES);
        List<ThreadNode> nodes = new ArrayList<>();
        try (WindowStoreIterator<ThreadNode> it = store.fetch(rootId, Instant.EPOCH, Instant.ofEpochMilli(Long.MAX_VALUE))) {
            it.forEachRemaining(kv -> nodes.add(kv.value));
        }
        return nodes;
    }
}
