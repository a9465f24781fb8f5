package dev.crossfire.topology;

import static dev.crossfire.testing.PostBuilder.post;
import static dev.crossfire.topology.HostileChecks.assertStateWithinBounds;
import static dev.crossfire.topology.HostileChecks.pipe;
import static dev.crossfire.topology.HostileChecks.threadedCounts;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.crossfire.api.ThreadTree;
import dev.crossfire.avro.LinkStatus;
import dev.crossfire.avro.ThreadNode;
import dev.crossfire.avro.ThreadedPost;
import dev.crossfire.config.CrossfireSettings;
import dev.crossfire.testing.PostBuilder;
import dev.crossfire.testing.Tries;
import dev.crossfire.thread.ThreadRules;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Thread shapes a hostile or broken source produces: chains deeper than any real thread, reply
 * cycles, a crowd of replies to a post that never comes, random forests arriving in random order.
 * Every post comes out on the threads topic exactly once, the buffer stays within its bounds, and
 * nothing escapes the driver.
 */
class HostileThreadsTest {

    private static final Instant T0 = Instant.parse("2020-01-01T00:00:00Z"); // years of room for a day per try

    @Test
    void aReplyChainDeeperThanTheDepthBoundArrivingInReverseIsThreadedOnceAndCutAtTheBound() {
        int posts = ThreadRules.MAX_DEPTH + 2; // depths 0..10,000 and one beyond the bound
        // arriving in reverse, each parent is hours late: the wait must reach back that far
        try (TopologyFixture t = new TopologyFixture(CrossfireSettings.defaults().withParentWait(Duration.ofDays(1)))) {
            for (int i = posts - 1; i >= 1; i--) {
                PostBuilder reply = post("x:d" + i, "u" + (i % 7), T0.plusSeconds(i), "deeper " + i).replyTo("x:d" + (i - 1), null);
                pipe(t, reply.id(), reply.json());
            }
            assertThat(t.threads.isEmpty()).isTrue(); // every reply waits for its parent
            assertStateWithinBounds(t);
            PostBuilder root = post("x:d0", "u0", T0, "the root");
            pipe(t, root.id(), root.json()); // releases the whole chain, one hop of the loop per level

            List<ThreadedPost> threaded = t.threads();
            assertThat(threaded).hasSize(posts);
            assertThat(threadedCounts(threaded).values()).containsOnly(1);
            Map<String, ThreadedPost> byId = new HashMap<>();
            threaded.forEach(p -> byId.put(p.getPost().getId(), p));
            for (int i = 0; i <= ThreadRules.MAX_DEPTH; i++) {
                ThreadedPost p = byId.get("x:d" + i);
                assertThat(p.getDepth()).as("depth of x:d%d", i).isEqualTo(i);
                assertThat(p.getRootId()).isEqualTo("x:d0");
            }
            ThreadedPost beyond = byId.get("x:d" + (posts - 1));
            assertThat(beyond.getStatus()).isEqualTo(LinkStatus.ORPHAN);
            assertThat(beyond.getRootId()).isEqualTo(beyond.getPost().getId());
            assertThat(assertStateWithinBounds(t)).isZero();

            // the query API draws the kept thread without recursing 10,000 levels deep
            List<ThreadNode> nodes = t.thread("x:d0");
            assertThat(nodes).hasSize(ThreadRules.MAX_DEPTH + 1);
            ObjectNode tree = ThreadTree.toJson("x:d0", nodes, 10_000);
            assertThat(tree.toString()).contains("\"detached\"");
        }
    }

    @Test
    void replyCyclesOfAnyLengthAndArrivalOrderEndWithEveryPostThreadedOnce() {
        try (TopologyFixture t = new TopologyFixture()) {
            Tries.run("reply cycles terminate", 11L, 12, (random, i) -> {
                Instant start = T0.plus(Duration.ofDays(i));
                String ns = "c" + i + "-";
                int length = i % 10 == 0 ? 40 + random.nextInt(20) : 2 + random.nextInt(6); // now and then a long ring
                List<PostBuilder> posts = new ArrayList<>();
                for (int k = 0; k < length; k++) {
                    // k replies to k+1, the last to the first: a ring with no root
                    PostBuilder p = post("x:" + ns + k, "a" + k, start.plusSeconds(k), "round and round");
                    String parent = "x:" + ns + ((k + 1) % length);
                    if (random.nextBoolean()) {
                        p.replyTo(parent, "a" + ((k + 1) % length));
                    } else {
                        p.quoteOf(parent, null);
                    }
                    posts.add(p);
                }
                int tail = random.nextInt(4); // a chain hanging off the ring, and roots around it
                for (int k = 0; k < tail; k++) {
                    String parent = k == 0 ? "x:" + ns + random.nextInt(length) : "x:" + ns + "t" + (k - 1);
                    posts.add(post("x:" + ns + "t" + k, "b", start.plusSeconds(100 + k), "below the ring").replyTo(parent, null));
                }
                posts.add(post("x:" + ns + "r", "c", start.plusSeconds(5), "an unrelated root"));
                Collections.shuffle(posts, random);
                posts.forEach(p -> pipe(t, p.id(), p.json()));
                assertStateWithinBounds(t);
                t.endOfInput();

                List<ThreadedPost> threaded = t.threads();
                assertThat(threadedCounts(threaded)).as("each post of the ring once").hasSize(posts.size()).allSatisfy((id, n) -> assertThat(n).isEqualTo(1));
                assertThat(threaded).filteredOn(p -> p.getPost().getId().startsWith("x:" + ns) && !p.getPost().getId().endsWith("r"))
                    .extracting(ThreadedPost::getStatus).contains(LinkStatus.ORPHAN); // a ring has no root: someone is cut loose
                assertThat(t.rejected.isEmpty()).isTrue();
                assertThat(assertStateWithinBounds(t)).as("children still waiting").isZero();
            });
        }
    }

    @Test
    void aSelfReplyOrSelfQuoteIsRejectedNotBuffered() {
        try (TopologyFixture t = new TopologyFixture()) {
            PostBuilder selfReply = post("x:self", "me", T0, "me, replying to me").replyTo("x:self", "me");
            PostBuilder selfQuote = post("x:selfq", "me", T0, "me, quoting me").quoteOf("x:selfq", null);
            PostBuilder selfRepost = post("x:selfr", "me", T0, "").repostOf("x:selfr", "me");
            for (PostBuilder p : List.of(selfReply, selfQuote, selfRepost)) {
                pipe(t, p.id(), p.json());
                assertThat(HostileChecks.assertDeadLetteredOnce(t, bytes(p.id()), bytes(p.json()))).isEqualTo("SELF_REFERENCE");
            }
            assertThat(assertStateWithinBounds(t)).isZero();
        }
    }

    @Test
    void moreThanAThousandRepliesToAMissingParentStayWithinTheBufferBoundAndAreEachThreadedOnce() {
        CrossfireSettings settings = CrossfireSettings.defaults();
        int max = settings.maxWaitingChildren();
        int replies = max + 50;
        try (TopologyFixture t = new TopologyFixture(settings)) {
            for (int i = 0; i < replies; i++) {
                // a burst: all within the buffer's time-out, so only the count bound can release them early
                PostBuilder reply = post("x:fan" + i, "fan" + i, T0.plusMillis(i * 100L), "first! " + i).replyTo("x:star", "star");
                pipe(t, reply.id(), reply.json());
                if (i % 250 == 0) {
                    assertStateWithinBounds(t);
                }
            }
            assertThat(assertStateWithinBounds(t)).isEqualTo(max);
            List<ThreadedPost> overflow = t.threads();
            assertThat(overflow).hasSize(replies - max).allSatisfy(p -> assertThat(p.getStatus()).isEqualTo(LinkStatus.ORPHAN));

            PostBuilder star = post("x:star", "star", T0.minusSeconds(1), "the post everyone answers");
            pipe(t, star.id(), star.json());
            List<ThreadedPost> linked = t.threads();
            assertThat(linked).hasSize(max + 1).filteredOn(p -> p.getStatus() == LinkStatus.LINKED).hasSize(max);
            List<ThreadedPost> all = new ArrayList<>(overflow);
            all.addAll(linked);
            assertThat(threadedCounts(all)).hasSize(replies + 1).allSatisfy((id, n) -> assertThat(n).isEqualTo(1));
            assertThat(assertStateWithinBounds(t)).isZero();
        }
    }

    @Test
    void repliesWithTextsAtTheLengthBoundWaitingForOneParentKeepEachBufferRecordWithinTheSizeAChangelogAccepts() {
        try (TopologyFixture t = new TopologyFixture()) {
            String text = "\u5B57".repeat(t.settings.maxTextChars()); // a CJK character: 3 bytes of UTF-8, 150 KB a reply
            int replies = 20;
            for (int i = 0; i < replies; i++) {
                PostBuilder reply = post("x:long" + i, "fan" + i, T0.plusMillis(i * 100L), text).replyTo("x:longparent", "star");
                pipe(t, reply.id(), reply.json());
                assertStateWithinBounds(t);
            }
            PostBuilder parent = post("x:longparent", "star", T0.minusSeconds(1), "the post everyone answers at length");
            pipe(t, parent.id(), parent.json());
            assertThat(threadedCounts(t.threads())).hasSize(replies + 1).allSatisfy((id, n) -> assertThat(n).isEqualTo(1));
            assertThat(assertStateWithinBounds(t)).isZero();
        }
    }

    @Test
    void randomForestsInRandomOrderWithMissingParentsAndRedeliveriesThreadEveryPostOnce() {
        CrossfireSettings settings = CrossfireSettings.defaults().withMaxWaitingChildren(8);
        try (TopologyFixture t = new TopologyFixture(settings)) {
            Tries.run("random forests thread every post once", 12L, 10, (random, i) -> {
                Instant start = T0.plus(Duration.ofDays(i));
                Forest forest = Forest.grow(random, "x:f" + i + "-", start, 10 + random.nextInt(40));
                for (PostBuilder p : forest.arrivals) {
                    pipe(t, p.id(), p.json());
                }
                assertStateWithinBounds(t);
                t.endOfInput();
                List<ThreadedPost> threaded = t.threads();
                assertThat(threadedCounts(threaded)).as("posts threaded").containsOnlyKeys(forest.ids)
                    .allSatisfy((id, n) -> assertThat(n).as("times %s was threaded", id).isEqualTo(1));
                Map<String, ThreadedPost> byId = new HashMap<>();
                threaded.forEach(p -> byId.put(p.getPost().getId(), p));
                for (ThreadedPost p : threaded) {
                    if (p.getStatus() == LinkStatus.LINKED) {
                        ThreadedPost parent = byId.get(p.getParentId());
                        assertThat(parent).as("parent of linked %s", p.getPost().getId()).isNotNull();
                        assertThat(p.getDepth()).isEqualTo(parent.getDepth() + 1);
                        assertThat(p.getRootId()).isEqualTo(parent.getRootId());
                    } else {
                        assertThat(p.getDepth()).isZero();
                        assertThat(p.getRootId()).isEqualTo(p.getPost().getId());
                    }
                }
                assertThat(t.rejected.isEmpty()).isTrue();
                assertThat(assertStateWithinBounds(t)).isZero();
            });
        }
    }

    /** Posts forming random trees, some parents never sent, some posts sent twice, in random order. */
    private record Forest(List<PostBuilder> arrivals, List<String> ids, Instant last) {

        static Forest grow(Random random, String prefix, Instant start, int size) {
            List<PostBuilder> posts = new ArrayList<>();
            List<String> ids = new ArrayList<>();
            List<String> missing = new ArrayList<>();
            for (int k = 0; k < size; k++) {
                String id = prefix + k;
                PostBuilder p = post(id, "h" + random.nextInt(5), start.plusSeconds(k * 7L), "post " + k);
                int shape = random.nextInt(10);
                if (k > 0 && shape < 6) {
                    String parent = prefix + random.nextInt(k);
                    if (random.nextBoolean()) {
                        p.replyTo(parent, null);
                    } else {
                        p.quoteOf(parent, "h");
                    }
                } else if (shape < 8) {
                    String lost = prefix + "lost" + random.nextInt(3); // a parent nobody sends, shared by several
                    p.replyTo(lost, "ghost");
                    missing.add(lost);
                }
                posts.add(p);
                ids.add(id);
            }
            List<PostBuilder> arrivals = new ArrayList<>(posts);
            for (int k = random.nextInt(4); k > 0; k--) {
                arrivals.add(posts.get(random.nextInt(posts.size()))); // redeliveries
            }
            Collections.shuffle(arrivals, random);
            return new Forest(arrivals, ids, start.plusSeconds(size * 7L));
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }
}
