package dev.crossfire.topology;

import static dev.crossfire.testing.PostBuilder.post;
import static org.assertj.core.api.Assertions.assertThat;

import dev.crossfire.avro.LinkStatus;
import dev.crossfire.avro.ThreadedPost;
import dev.crossfire.testing.PostBuilder;
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
    void anOrphanWhoseParentNeverArrivesIsReleasedAsItsOwnRootAfterTheTimeOut() {
        try (TopologyFixture t = new TopologyFixture()) {
            PostBuilder orphan = post("x:500", "someone", START, "replying into the void").replyTo("x:499", "nobody");
            PostBuilder grandchild = post("x:501", "other", START.plusSeconds(30), "and me below it").replyTo("x:500", "someone");
            t.send(orphan, grandchild);
            assertThat(t.threads()).isEmpty(); // both wait

            Duration timeout = t.settings.threadBufferTimeout();
            t.send(post("x:900", "bystander", START.plus(timeout.minusMinutes(1)), "time passes"));
            assertThat(t.threads()).extracting(p -> p.getPost().getId()).containsExactly("x:900");

            t.send(post("x:901", "bystander", START.plus(timeout).plus(Duration.ofMinutes(2)), "more time passes"));
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
    void theEndOfInputFlushReleasesEveryWaitingPost() {
        try (TopologyFixture t = new TopologyFixture()) {
            t.send(post("x:600", "someone", START, "reply to a post we never see").quoteOf("x:1", "nobody"));
            assertThat(t.threads()).isEmpty();
            t.flush(START.plus(t.settings.threadBufferTimeout()).plusSeconds(61));
            assertThat(t.threads()).extracting(p -> p.getStatus()).containsExactly(LinkStatus.ORPHAN);
        }
    }

    @Test
    void aFullBufferReleasesAtOnceInsteadOfDropping() {
        var settings = dev.crossfire.config.CrossfireSettings.defaults().withThreadBufferMaxChildren(3);
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
    void longPostsWaitingOnOneParentStayUnderTheBrokersMessageLimit() {
        try (TopologyFixture t = new TopologyFixture()) {
            String longText = "é".repeat(t.settings.maxTextChars()); // two bytes a character in UTF-8
            for (int i = 0; i < 40; i++) {
                t.send(post("x:80" + i, "fan" + i, START.plusSeconds(i), longText).replyTo("x:800000", "star"));
            }
            var waiting = t.driver.<String, dev.crossfire.avro.PendingChildren>getKeyValueStore(ThreadLinkProcessor.PENDING_STORE)
                .get("x:800000");
            byte[] stored = t.serdes.pending.serialize("changelog", waiting);
            assertThat(stored.length).isLessThan(1024 * 1024).isGreaterThan(256 * 1024); // full, not empty
            List<ThreadedPost> released = t.threads();
            assertThat(released).extracting(ThreadedPost::getStatus).isNotEmpty().containsOnly(LinkStatus.ORPHAN);
            assertThat(released.size() + waiting.getChildren().size()).isEqualTo(40);
            t.send(post("x:800000", "star", START.minusSeconds(10), "the parent"));
            assertThat(t.threads()).extracting(ThreadedPost::getStatus).filteredOn(s -> s == LinkStatus.LINKED)
                .hasSize(waiting.getChildren().size());
        }
    }

    @Test
    void aReplyCycleIsReleasedByTheTimeOutAndTerminates() {
        try (TopologyFixture t = new TopologyFixture()) {
            t.send(post("x:800", "a", START, "I reply to 801").replyTo("x:801", "b"),
                post("x:801", "b", START.plusSeconds(1), "I reply to 800").replyTo("x:800", "a"));
            assertThat(t.threads()).isEmpty();
            t.endOfInput(START.plusSeconds(1));
            List<ThreadedPost> released = t.threads();
            assertThat(released).extracting(p -> p.getPost().getId()).containsExactlyInAnyOrder("x:800", "x:801");
            assertThat(released).extracting(ThreadedPost::getStatus).contains(LinkStatus.ORPHAN);
        }
    }

    /**
     * Found by HostilePostsTest: a post more than the dedup retention behind stream time had its
     * marks dropped by the window stores, so each redelivery was threaded again and a quote of it
     * could not find it. An importer writes a quoted tweet from years ago just before the quote.
     */
    @Test
    void aPostFarBehindStreamTimeIsThreadedOnceHoweverOftenItComesAndItsQuoteFindsIt() {
        try (TopologyFixture t = new TopologyFixture()) {
            t.send(post("x:now", "a", START, "what happens today"));
            PostBuilder old = post("x:old", "b", START.minus(Duration.ofDays(400)), "what I said last year");
            t.send(old, old);
            t.send(post("x:quote", "c", START.plusSeconds(60), "remember this?").quoteOf("x:old", "b"), old);

            List<ThreadedPost> threads = t.threads();
            assertThat(threads).extracting(p -> p.getPost().getId()).containsExactly("x:now", "x:old", "x:quote");
            ThreadedPost quote = threads.get(2);
            assertThat(quote.getStatus()).isEqualTo(LinkStatus.LINKED);
            assertThat(quote.getRootId()).isEqualTo("x:old");
            assertThat(quote.getDepth()).isEqualTo(1);
            // and the query API's store keeps the old post under its thread
            var trees = t.driver.<String, dev.crossfire.avro.ThreadNode>getWindowStore(StoreNames.THREAD_TREES);
            List<String> kept = new java.util.ArrayList<>();
            try (var it = trees.fetch("x:old", java.time.Instant.EPOCH, START.plus(Duration.ofDays(1)))) {
                it.forEachRemaining(kv -> kept.add(kv.value.getPostId()));
            }
            assertThat(kept).containsExactlyInAnyOrder("x:old", "x:quote");
        }
    }

    @Test
    void aPostReadOnItsHomePartitionSkipsTheLoopAndEndsWhereTheLoopWouldTakeIt() {
        List<String> linkedWhereRead;
        List<String> roundTheLoop;
        try (TopologyFixture t = new TopologyFixture(dev.crossfire.config.CrossfireSettings.defaults(),
                dev.crossfire.metrics.CrossfireMetrics.noop(), true)) {
            var signals = signals(t);
            sendMixedThreads(t);
            linkedWhereRead = placed(t.threads());
            assertThat(signals.readValuesToList()).noneMatch(s -> s.getType() == dev.crossfire.avro.SignalType.ARRIVED);
        }
        try (TopologyFixture t = new TopologyFixture(dev.crossfire.config.CrossfireSettings.defaults(),
                dev.crossfire.metrics.CrossfireMetrics.noop(), false)) {
            var signals = signals(t);
            sendMixedThreads(t);
            roundTheLoop = placed(t.threads());
            // six distinct posts and one redelivery: every copy goes round once
            assertThat(signals.readValuesToList()).filteredOn(s -> s.getType() == dev.crossfire.avro.SignalType.ARRIVED).hasSize(7);
        }
        assertThat(linkedWhereRead).hasSize(6).containsExactlyInAnyOrderElementsOf(roundTheLoop);
    }

    private static org.apache.kafka.streams.TestOutputTopic<String, dev.crossfire.avro.ThreadSignal> signals(TopologyFixture t) {
        return t.driver.createOutputTopic(t.settings.topics().threadSignals(),
            org.apache.kafka.common.serialization.Serdes.String().deserializer(), t.serdes.signal.deserializer());
    }

    /** A root, a reply arriving before its parent, a quote, a redelivery, and an orphan released at the end. */
    private static void sendMixedThreads(TopologyFixture t) {
        t.send(post("x:2", "b", START.plusSeconds(2), "second").replyTo("x:1", "a"),
            post("x:1", "a", START.plusSeconds(1), "first"),
            post("x:3", "c", START.plusSeconds(3), "quoting the second").quoteOf("x:2", "b"),
            post("x:3", "c", START.plusSeconds(3), "quoting the second").quoteOf("x:2", "b"),
            post("x:4", "a", START.plusSeconds(4), "into the void").replyTo("x:0", "nobody"),
            post("x:5", "d", START.plusSeconds(5), "below the orphan").replyTo("x:4", "a"),
            post("x:6", "e", START.plusSeconds(6), "a new root"));
        t.endOfInput(START.plusSeconds(6));
    }

    private static List<String> placed(List<ThreadedPost> threads) {
        return threads.stream().map(p -> p.getPost().getId() + " root " + p.getRootId() + " depth " + p.getDepth() + " " + p.getStatus()).toList();
    }
}
