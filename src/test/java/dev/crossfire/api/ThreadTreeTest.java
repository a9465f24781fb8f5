package dev.crossfire.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crossfire.avro.LinkStatus;
import dev.crossfire.avro.ThreadNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ThreadTreeTest {

    private static final Instant T0 = Instant.parse("2024-03-01T12:00:00Z");

    @Test
    void aChainDeeperThanTheNestingBoundStillMakesJsonThatParsesWithNoPostLost() throws Exception {
        List<ThreadNode> chain = new ArrayList<>();
        chain.add(node("p0", null, 0));
        for (int i = 1; i < 1200; i++) {
            chain.add(node("p" + i, "p" + (i - 1), i));
        }
        JsonNode tree = ThreadTree.toJson("p0", chain, 5000);
        JsonNode parsed = new ObjectMapper().readTree(tree.toString()); // Jackson refuses nesting over 1,000
        assertThat(parsed.path("posts").asInt()).isEqualTo(1200);
        assertThat(countPosts(parsed.path("root")) + parsed.path("detached").size()
            + sum(parsed.path("detached"))).isEqualTo(1200);
        assertThat(parsed.path("detached").get(0).path("parentId").asText()).isEqualTo("p" + (ThreadTree.MAX_NESTING - 1));
    }

    @Test
    void postsWhoseParentIsNotKeptAreDetachedAndTheLimitIsReported() {
        List<ThreadNode> nodes = List.of(node("r", null, 0), node("a", "r", 1), node("b", "gone", 1), node("c", "a", 2), node("a", "r", 1));
        JsonNode tree = ThreadTree.toJson("r", nodes, 3);
        assertThat(tree.path("posts").asInt()).isEqualTo(3);
        assertThat(tree.path("truncated").asBoolean()).isTrue();
        assertThat(tree.path("root").path("replies").get(0).path("postId").asText()).isEqualTo("a");
        assertThat(tree.path("detached")).extracting(n -> n.path("postId").asText()).containsExactly("b");

        JsonNode all = ThreadTree.toJson("r", nodes, 10);
        assertThat(all.path("posts").asInt()).isEqualTo(4);
        assertThat(all.path("truncated").asBoolean()).isFalse();
    }

    @Test
    void withoutTheRootEveryTopPostIsDetached() {
        JsonNode tree = ThreadTree.toJson("r", List.of(node("a", "r", 1), node("b", "a", 2)), 10);
        assertThat(tree.path("root").isNull()).isTrue();
        assertThat(tree.path("detached")).hasSize(1);
        assertThat(tree.path("detached").get(0).path("replies").get(0).path("postId").asText()).isEqualTo("b");
    }

    @Test
    void aParentCycleIsShownFlatInsteadOfLost() {
        JsonNode tree = ThreadTree.toJson("r", List.of(node("a", "b", 1), node("b", "a", 1)), 10);
        assertThat(tree.path("detached")).extracting(n -> n.path("postId").asText()).containsExactlyInAnyOrder("a", "b");
    }

    private static int countPosts(JsonNode node) {
        if (node.isMissingNode() || node.isNull()) {
            return 0;
        }
        int n = 1;
        for (JsonNode reply : node.path("replies")) {
            n += countPosts(reply);
        }
        return n;
    }

    private static int sum(JsonNode detached) {
        int n = 0;
        for (JsonNode d : detached) {
            n += countPosts(d) - 1;
        }
        return n;
    }

    private static ThreadNode node(String id, String parent, int depth) {
        return ThreadNode.newBuilder().setPostId(id).setParentId(parent).setRelation(parent == null ? null : "REPLY")
            .setAuthorHandle("someone").setCreatedAt(T0.plusSeconds(depth)).setDepth(depth)
            .setStatus(parent == null ? LinkStatus.ROOT : LinkStatus.LINKED).setText("t " + id).build();
    }
}
