package dev.crossfire.topology;

import static dev.crossfire.testing.PostBuilder.post;
import static org.assertj.core.api.Assertions.assertThat;

import dev.crossfire.avro.LinkStatus;
import dev.crossfire.avro.ThreadNode;
import dev.crossfire.avro.ThreadedPost;
import dev.crossfire.avro.WaitingChildren;
import dev.crossfire.config.CrossfireSettings;
import dev.crossfire.testing.PostBuilder;
import dev.crossfire.thread.ThreadLinker;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

class ThreadLinkingTest {

    private static final Instant START = Instant.parse("2021-03-01T12:00:00Z");

    @Test
    void aReplyChainOfFiftyArrivingInReverseOrderGetsRootAndDepthRight() {
        try (TopologyFixture t = new TopologyFixture()) {
            PostBuilder[] chain = new PostBuilder[50];
            for (int i = 0; i < 50; i++) {
                chain[i] = post("mastodon:" + i, "user" + (i % 3), START.plusSeconds(i), "reply number " + i);
                if (i > 0) {
                    chain[i].replyTo("mastodon:" + (i - 1), null).platform("mastodon");
                } else {
                    chain[i].platform("mastodon");
                }
            }
            for (int i = 49; i >= 0; i--) {
                t.send(chain[i]);
            }
            List<ThreadedPost> threads = t.threads();
            assertThat(threads).hasSize(50);
            threads.sort(Comparator.comparing(p -> p.getPost().getCreatedAt()));
            for (int i = 0; i < 50; i++) {
                ThreadedPost p = threads.get(i);
                assertThat(p.getRootId()).isEqualTo("mastodon:0");
                assertThat(p.getDepth()).isEqualTo(i);
                assertThat(p.getStatus()).isEqualTo(i == 0 ? LinkStatus.ROOT : LinkStatus.LINKED);
                // Mastodon names no parent author: the thread fills it in from the parent itself
                assertThat(p.getParentAuthorHandle()).isEqualTo(i == 0 ? null : "user" + ((i - 1) % 3));
            }
        }
    }

    @Test
    void aPostWhoseKeyAnotherRecordTookIsStillFoundAsAParentAndStillARedelivery() {
        try (TopologyFixture t = new TopologyFixture()) {
            PostBuilder original = post("x:700", "alice", START, "the original");
            t.send(original);
            // the posts store holds each key's latest record, as the topic does: these two replace the original's
            t.sendRaw("x:700", post("x:701", "mallory", START.plusSeconds(1), "keyed by another post's id").json());
            t.sendRaw("x:700", "not a post at all");
            t.send(original); // redelivered
            t.send(post("x:702", "bob", START.plusSeconds(5), "a reply to the original").replyTo("x:700", "alice"));

            List<ThreadedPost> threads = t.threads();
            assertThat(threads).extracting(p -> p.getPost().getId()).containsExactlyInAnyOrder("x:700", "x:701", "x:702");
            ThreadedPost reply = threads.stream().filter(p -> p.getPost().getId().equals("x:702")).findFirst().orElseThrow();
            assertThat(reply.getStatus()).isEqualTo(LinkStatus.LINKED);
            assertThat(reply.getRootId()).isEqualTo("x:700");
            assertThat(t.rejected.readValuesToList()).hasSize(1);
        }
    }

    @Test
    void anOrphanIsReleasedWhenThePartitionHasReadPastItsTimePlusTheParentWait() {
        try (TopologyFixture t = new TopologyFixture()) {
            PostBuilder orphan = post("x:500", "someone", START, "replying into the void").replyTo("x:499", "nobody");
            PostBuilder grandchild = post("x:501", "other", START.plusSeconds(30), "and me below it").replyTo("x:500", "someone");
            t.send(orphan, grandchild);
            assertThat(t.threads()).isEmpty(); // both wait

            Duration wait = t.settings.parentWait();
            t.send(post("x:900", "bystander", START.plus(wait).minusSeconds(1), "time passes"));
            assertThat(t.threads()).extracting(p -> p.getPost().getId()).containsExactly("x:900");

            t.send(post("x:901", "bystander", START.plus(wait), "the wait is over"));
            List<ThreadedPost> released = t.threads();
            ThreadedPost o = released.stream().filter(p -> p.getPost().getId().equals("x:500")).findFirst().orElseThrow();
            assertThat(o.getStatus()).isEqualTo(LinkStatus.ORPHAN);
            assertThat(o.getRootId()).isEqualTo("x:500");
            assertThat(o.getParentId()).isEqualTo("x:499");
            assertThat(o.getDepth()).isZero();
            ThreadedPost g = released.stream().filter(p -> p.getPost().getId().equals("x:501")).findFirst().orElseThrow();
            assertThat(g.getStatus()).isEqualTo(LinkStatus.LINKED);
            assertThat(g.getRootId()).isEqualTo("x:500");
            assertThat(g.getDepth()).isEqualTo(1);

            // the parent arriving late does not re-parent a released orphan, and nothing is emitted twice
            t.send(post("x:499", "nobody", START.minusSeconds(60), "the lost parent"));
            assertThat(t.threads()).extracting(p -> p.getPost().getId()).containsExactly("x:499");
        }
    }

    @Test
    void theEndOfInputReleasesEveryWaitingPost() {
        try (TopologyFixture t = new TopologyFixture()) {
            t.send(post("x:600", "someone", START, "reply to a post we never see").quoteOf("x:1", "nobody"));
            assertThat(t.threads()).isEmpty();
            t.endOfInput();
            assertThat(t.threads()).extracting(p -> p.getStatus()).containsExactly(LinkStatus.ORPHAN);
        }
    }

    @Test
    void anEndOfInputIsRefusedAndDeadLetteredWhereTheSettingsDoNotAcceptIt() {
        try (TopologyFixture t = TopologyFixture.refusingEndOfInput(CrossfireSettings.defaults())) {
            t.send(post("x:600", "someone", START, "reply to a post we never see").quoteOf("x:1", "nobody"));
            t.endOfInput();
            assertThat(t.threads()).isEmpty(); // still waiting
            assertThat(t.rejected.readRecordsToList()).singleElement()
                .satisfies(r -> assertThat(HostileChecks.header(r, DeadLetter.REASON)).isEqualTo("END_OF_INPUT_REFUSED"));
        }
    }

    @Test
    void aFullWaitingListReleasesAtOnceInsteadOfDropping() {
        var settings = CrossfireSettings.defaults().withMaxWaitingChildren(3);
        try (TopologyFixture t = new TopologyFixture(settings)) {
            for (int i = 0; i < 5; i++) {
                t.send(post("x:70" + i, "fan" + i, START.plusSeconds(i), "me too").replyTo("x:700000", "star"));
            }
            assertThat(t.threads()).hasSize(2).allSatisfy(p -> assertThat(p.getStatus()).isEqualTo(LinkStatus.ORPHAN));
            t.send(post("x:700000", "star", START.minusSeconds(10), "the parent"));
            assertThat(t.threads()).hasSize(4).filteredOn(p -> p.getStatus() == LinkStatus.LINKED).hasSize(3);
        }
    }

    @Test
    void childrenWithLongIdsWaitingOnOneParentStayUnderTheBrokersMessageLimit() {
        try (TopologyFixture t = new TopologyFixture()) {
            String longHandle = "é".repeat(60_000); // two bytes a character in UTF-8: a request is about 120 KB
            for (int i = 0; i < 12; i++) {
                t.send(post("x:80" + i, longHandle + i, START.plusSeconds(i), "me too").replyTo("x:800000", "star"));
            }
            WaitingChildren waiting = t.driver.<String, WaitingChildren>getKeyValueStore(StoreNames.WAITING).get("x:800000");
            byte[] stored = t.serdes.waiting.serialize("changelog", waiting);
            assertThat(stored.length).isLessThanOrEqualTo((int) ThreadLinker.MAX_WAITING_BYTES).isGreaterThan(512 * 1024);
            List<ThreadedPost> released = t.threads();
            assertThat(released).extracting(ThreadedPost::getStatus).isNotEmpty().containsOnly(LinkStatus.ORPHAN);
            assertThat(released.size() + waiting.getChildren().size()).isEqualTo(12);
            t.send(post("x:800000", "star", START.minusSeconds(10), "the parent"));
            assertThat(t.threads()).extracting(ThreadedPost::getStatus).filteredOn(s -> s == LinkStatus.LINKED)
                .hasSize(waiting.getChildren().size());
        }
    }

    @Test
    void aReplyToAPostCreatedAfterItIsAnOrphanSoAReplyCycleEndsAtOnce() {
        try (TopologyFixture t = new TopologyFixture()) {
            t.send(post("x:800", "a", START, "I reply to 801").replyTo("x:801", "b"),
                post("x:801", "b", START.plusSeconds(1), "I reply to 800").replyTo("x:800", "a"));
            List<ThreadedPost> released = t.threads();
            assertThat(released).extracting(p -> p.getPost().getId()).containsExactlyInAnyOrder("x:800", "x:801");
            ThreadedPost first = released.stream().filter(p -> p.getPost().getId().equals("x:800")).findFirst().orElseThrow();
            ThreadedPost second = released.stream().filter(p -> p.getPost().getId().equals("x:801")).findFirst().orElseThrow();
            assertThat(first.getStatus()).isEqualTo(LinkStatus.ORPHAN);
            assertThat(second.getStatus()).isEqualTo(LinkStatus.LINKED);
            assertThat(second.getRootId()).isEqualTo("x:800");
        }
    }

    /**
     * An importer writes a quoted tweet from years ago just before the quote. The old post is threaded
     * once however often it comes; the quote is not linked to it, being older than the link retention,
     * unless the retention reaches back that far.
     */
    @Test
    void aPostOlderThanTheLinkRetentionIsThreadedOnceAndLinkedOnlyWhenTheRetentionReachesIt() {
        PostBuilder old = post("x:old", "b", START.minus(Duration.ofDays(400)), "what I said last year");
        PostBuilder quote = post("x:quote", "c", START.plusSeconds(60), "remember this?").quoteOf("x:old", "b");
        try (TopologyFixture t = new TopologyFixture()) {
            t.send(post("x:now", "a", START, "what happens today"));
            t.send(old, old);
            t.send(quote, old);

            List<ThreadedPost> threads = t.threads();
            assertThat(threads).extracting(p -> p.getPost().getId()).containsExactly("x:now", "x:old", "x:quote");
            assertThat(threads.get(2).getStatus()).isEqualTo(LinkStatus.ORPHAN);
        }
        CrossfireSettings d = CrossfireSettings.defaults();
        try (TopologyFixture t = new TopologyFixture(d.withRetentions(d.dedupRetention(), Duration.ofDays(500)))) {
            t.send(old, quote);
            ThreadedPost linked = t.threads().get(1);
            assertThat(linked.getStatus()).isEqualTo(LinkStatus.LINKED);
            assertThat(linked.getRootId()).isEqualTo("x:old");
            // and the query API finds the old post and its quote under one root
            assertThat(t.thread("x:old")).extracting(ThreadNode::getPostId).containsExactlyInAnyOrder("x:old", "x:quote");
        }
    }

    /**
     * Posts keyed by something else than their id, with the linker believing in three partitions:
     * every post goes to the partition that owns its id as a stray, and every request for a parent
     * owned elsewhere through the thread-requests topic, as across partitions. The answer is the
     * same as when everything is decided where it is read. (The driver has one store for all its
     * "partitions", so posts keyed by their id would find themselves already there.)
     */
    @Test
    void postsAndRequestsRoutedThroughTheThreadTopicsEndWhereLocalDecisionsDo() {
        List<String> local;
        List<String> routed;
        try (TopologyFixture t = new TopologyFixture()) {
            sendMixedThreads(t, id -> id);
            local = placed(t.threads());
        }
        try (TopologyFixture t = TopologyFixture.asIfPartitions(CrossfireSettings.defaults(), 3)) {
            var requests = t.driver.createOutputTopic(t.settings.topics().threadRequests(),
                org.apache.kafka.common.serialization.Serdes.String().deserializer(), t.serdes.linkerMessage.deserializer());
            sendMixedThreads(t, id -> "key-of-" + id);
            routed = placed(t.threads());
            assertThat(requests.readValuesToList()).extracting(m -> m.getBody().getClass().getSimpleName())
                .contains("ParentRequest", "StrayPost");
        }
        assertThat(routed).hasSize(5).containsExactlyInAnyOrderElementsOf(local);
    }

    /** A root, a reply arriving before its parent, a quote, a redelivery, and an orphan released at the end. */
    private static void sendMixedThreads(TopologyFixture t, java.util.function.UnaryOperator<String> keyOf) {
        for (PostBuilder p : List.of(post("x:2", "b", START.plusSeconds(2), "second").replyTo("x:1", "a"),
                post("x:1", "a", START.plusSeconds(1), "first"),
                post("x:3", "c", START.plusSeconds(3), "quoting the second").quoteOf("x:2", "b"),
                post("x:3", "c", START.plusSeconds(3), "quoting the second").quoteOf("x:2", "b"),
                post("x:4", "a", START.plusSeconds(4), "into the void").replyTo("x:0", "nobody"),
                post("x:5", "d", START.plusSeconds(5), "below the orphan").replyTo("x:4", "a"))) {
            t.sendRaw(keyOf.apply(p.id()), p.json());
        }
        t.endOfInput();
    }

    private static List<String> placed(List<ThreadedPost> threads) {
        return threads.stream().map(p -> p.getPost().getId() + " root " + p.getRootId() + " depth " + p.getDepth() + " " + p.getStatus()).toList();
    }
}
