package dev.crossfire.thread;

import static dev.crossfire.testing.PostBuilder.post;
import static org.assertj.core.api.Assertions.assertThat;

import dev.crossfire.avro.LinkStatus;
import dev.crossfire.avro.ParentRequest;
import dev.crossfire.avro.Post;
import dev.crossfire.avro.ThreadLink;
import dev.crossfire.avro.WaitingChild;
import dev.crossfire.post.InvalidPostException;
import dev.crossfire.post.PostJson;
import dev.crossfire.testing.PostBuilder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The thread linker of one partition, without Kafka: its state in maps, its effects recorded. Here
 * every post is on the one partition, so a request is handled where it is made and a decided link
 * comes straight back, as the topology does through its topics.
 */
class ThreadLinkerTest {

    private static final Instant T0 = Instant.parse("2024-03-01T12:00:00Z");
    private static final Duration WAIT = Duration.ofMinutes(15);

    /** One partition with its state and the effects so far. */
    private static final class Partition implements LinkerState, LinkerOutput {
        final ThreadLinker linker;
        final Map<String, Post> posts = new HashMap<>();
        final Map<String, ThreadLink> links = new HashMap<>();
        final Map<String, List<WaitingChild>> waiting = new LinkedHashMap<>();
        final List<ThreadLink> threaded = new ArrayList<>();
        final List<ThreadLink> decided = new ArrayList<>();
        int overflows;
        long clock = Long.MIN_VALUE;

        Partition(int maxChildren) {
            linker = new ThreadLinker(Duration.ofDays(7), WAIT, maxChildren, 100);
        }

        Partition() {
            this(1_000);
        }

        void arrive(PostBuilder builder) {
            Post post = parse(builder);
            posts.put(post.getId(), post);
            linker.arrived(post, this, this);
            linker.tick(post.getCreatedAt().toEpochMilli(), this, this);
        }

        ThreadLink placeOf(String postId) {
            return threaded.stream().filter(l -> l.getPostId().equals(postId)).findFirst().orElse(null);
        }

        @Override
        public Optional<Post> post(String postId) {
            return Optional.ofNullable(posts.get(postId));
        }

        @Override
        public Optional<ThreadLink> link(String postId) {
            return Optional.ofNullable(links.get(postId));
        }

        @Override
        public List<WaitingChild> waiting(String parentId) {
            return waiting.getOrDefault(parentId, List.of());
        }

        @Override
        public void waiting(String parentId, List<WaitingChild> children) {
            if (children.isEmpty()) {
                waiting.remove(parentId);
            } else {
                waiting.put(parentId, List.copyOf(children));
            }
        }

        @Override
        public Iterable<Map.Entry<String, List<WaitingChild>>> allWaiting() {
            return List.copyOf(waiting.entrySet());
        }

        @Override
        public long clock() {
            return clock;
        }

        @Override
        public void clock(long time) {
            clock = time;
        }

        @Override
        public void threaded(ThreadLink link) {
            threaded.add(link);
        }

        @Override
        public void ask(ParentRequest request) {
            linker.requested(request, this, this);
        }

        @Override
        public void decided(ThreadLink childLink) {
            decided.add(childLink);
            links.put(childLink.getPostId(), childLink);
            linker.linked(childLink, this, this);
        }

        @Override
        public void overflow(ParentRequest request) {
            overflows++;
        }
    }

    private static Post parse(PostBuilder builder) {
        try {
            return PostJson.parse(builder.json().getBytes(StandardCharsets.UTF_8));
        } catch (InvalidPostException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aRootIsPlacedAtOnceAndItsReplyAsSoonAsItAsks() {
        Partition p = new Partition();
        p.arrive(post("x:1", "a", T0, "root"));
        p.arrive(post("x:2", "b", T0.plusSeconds(10), "reply").replyTo("x:1", "a"));

        assertThat(p.placeOf("x:1").getStatus()).isEqualTo(LinkStatus.ROOT);
        ThreadLink reply = p.placeOf("x:2");
        assertThat(reply.getStatus()).isEqualTo(LinkStatus.LINKED);
        assertThat(reply.getRootId()).isEqualTo("x:1");
        assertThat(reply.getDepth()).isEqualTo(1);
        assertThat(p.waiting).isEmpty();
    }

    @Test
    void aReplyBeforeItsParentWaitsAndIsLinkedWhenTheParentComesWithinTheWait() {
        Partition p = new Partition();
        p.arrive(post("x:2", "b", T0.plusSeconds(10), "reply").replyTo("x:1", "a"));
        assertThat(p.threaded).isEmpty();
        assertThat(p.waiting).containsKey("x:1");

        p.arrive(post("x:9", "z", T0.plus(WAIT), "later, but before the wait ends"));
        assertThat(p.placeOf("x:2")).isNull();

        p.arrive(post("x:1", "a", T0, "root, late"));
        assertThat(p.placeOf("x:2").getStatus()).isEqualTo(LinkStatus.LINKED);
        assertThat(p.placeOf("x:2").getParentAuthorHandle()).isEqualTo("a");
    }

    @Test
    void aReplyWhoseParentHasNotComeWhenTheClockPassesItsTimePlusTheWaitIsAnOrphanForGood() {
        Partition p = new Partition();
        p.arrive(post("x:2", "b", T0, "reply into the void").replyTo("x:1", "a"));
        p.arrive(post("x:3", "c", T0.plusSeconds(1), "and its child").replyTo("x:2", "b"));
        assertThat(p.threaded).isEmpty();

        p.arrive(post("x:9", "z", T0.plus(WAIT), "the wait is over"));
        assertThat(p.placeOf("x:2").getStatus()).isEqualTo(LinkStatus.ORPHAN);
        assertThat(p.placeOf("x:2").getRootId()).isEqualTo("x:2");
        assertThat(p.placeOf("x:3").getStatus()).isEqualTo(LinkStatus.LINKED);
        assertThat(p.placeOf("x:3").getRootId()).isEqualTo("x:2");
        assertThat(p.placeOf("x:3").getDepth()).isEqualTo(1);

        p.arrive(post("x:1", "a", T0.minusSeconds(5), "the lost parent"));
        assertThat(p.threaded).extracting(ThreadLink::getPostId).containsExactlyInAnyOrder("x:2", "x:3", "x:9", "x:1");
    }

    @Test
    void aRequestThatComesAfterTheClockPassedItsDeadlineIsDecidedAtOnce() {
        Partition p = new Partition();
        p.arrive(post("x:9", "z", T0.plus(Duration.ofHours(1)), "the partition has read an hour ahead"));
        p.linker.requested(ThreadRules.request(parse(post("x:2", "b", T0, "late reply").replyTo("x:1", "a"))), p, p);

        assertThat(p.decided).extracting(ThreadLink::getStatus).containsExactly(LinkStatus.ORPHAN);
        assertThat(p.waiting).isEmpty();
    }

    @Test
    void aChainInReverseWaitsForEachLinkAndComesOutWithRootAndDepth() {
        Partition p = new Partition();
        for (int i = 9; i >= 1; i--) {
            p.arrive(post("x:" + i, "u" + i, T0.plusSeconds(i), "reply " + i).replyTo("x:" + (i - 1), null));
        }
        assertThat(p.threaded).isEmpty();
        p.arrive(post("x:0", "u0", T0, "root"));

        for (int i = 1; i <= 9; i++) {
            ThreadLink link = p.placeOf("x:" + i);
            assertThat(link.getRootId()).isEqualTo("x:0");
            assertThat(link.getDepth()).isEqualTo(i);
            assertThat(link.getParentAuthorHandle()).isEqualTo("u" + (i - 1));
        }
        assertThat(p.waiting).isEmpty();
    }

    @Test
    void aParentThatDoesNotComeBeforeItsChildIsNoParentSoNoCycleCanForm() {
        Partition p = new Partition();
        p.arrive(post("x:800", "a", T0, "I reply to 801").replyTo("x:801", "b"));
        p.arrive(post("x:801", "b", T0.plusSeconds(1), "I reply to 800").replyTo("x:800", "a"));

        assertThat(p.placeOf("x:800").getStatus()).isEqualTo(LinkStatus.ORPHAN);
        assertThat(p.placeOf("x:801").getStatus()).isEqualTo(LinkStatus.LINKED);
        assertThat(p.placeOf("x:801").getRootId()).isEqualTo("x:800");
        assertThat(p.waiting).isEmpty();
    }

    @Test
    void aParentOlderThanTheRetentionIsNoParent() {
        Partition p = new Partition();
        p.arrive(post("x:old", "a", T0.minus(Duration.ofDays(8)), "last week's"));
        p.arrive(post("x:new", "b", T0, "answering it").quoteOf("x:old", "a"));

        assertThat(p.placeOf("x:new").getStatus()).isEqualTo(LinkStatus.ORPHAN);
    }

    @Test
    void aFullWaitingListMakesTheNextChildAnOrphanAtOnce() {
        Partition p = new Partition(3);
        for (int i = 0; i < 5; i++) {
            p.arrive(post("x:7" + i, "fan" + i, T0.plusSeconds(i), "me too").replyTo("x:700", "star"));
        }
        assertThat(p.overflows).isEqualTo(2);
        assertThat(p.threaded).hasSize(2).allSatisfy(l -> assertThat(l.getStatus()).isEqualTo(LinkStatus.ORPHAN));
        p.arrive(post("x:700", "star", T0.minusSeconds(10), "the parent"));
        assertThat(p.threaded).filteredOn(l -> l.getStatus() == LinkStatus.LINKED).hasSize(3);
    }

    @Test
    void theEndOfInputReleasesEveryChildStillWaitingForAParentThatNeverCame() {
        Partition p = new Partition();
        for (int i = 0; i < 250; i++) {
            p.arrive(post("x:c" + i, "fan", T0.plusSeconds(i), "waiting").replyTo("x:p" + i, "star"));
        }
        p.linker.endOfInput(p, p);

        assertThat(p.threaded).hasSize(250).allSatisfy(l -> assertThat(l.getStatus()).isEqualTo(LinkStatus.ORPHAN));
        assertThat(p.waiting).isEmpty();
    }

    @Test
    void aRestartedPartitionRebuildsItsDeadlinesFromTheWaitingChildren() {
        Partition p = new Partition();
        p.arrive(post("x:2", "b", T0, "waiting").replyTo("x:1", "a"));
        Partition restarted = new Partition();
        restarted.posts.putAll(p.posts);
        restarted.waiting.putAll(p.waiting);
        restarted.clock = p.clock;

        assertThat(restarted.linker.restore(restarted)).isEqualTo(1);
        restarted.arrive(post("x:9", "z", T0.plus(WAIT), "the wait is over"));
        assertThat(restarted.placeOf("x:2").getStatus()).isEqualTo(LinkStatus.ORPHAN);
    }
}
