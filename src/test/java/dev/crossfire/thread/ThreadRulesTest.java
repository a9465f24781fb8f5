package dev.crossfire.thread;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.crossfire.avro.Author;
import dev.crossfire.avro.LinkStatus;
import dev.crossfire.avro.Platform;
import dev.crossfire.avro.Post;
import dev.crossfire.avro.PostRef;
import dev.crossfire.avro.ThreadLink;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ThreadRulesTest {

    private static final Instant T0 = Instant.parse("2020-05-22T23:10:41Z");

    private static Post.Builder post(String id, String handle) {
        return Post.newBuilder()
            .setId(id)
            .setPlatform(Platform.X)
            .setAuthor(new Author(null, handle, null))
            .setCreatedAt(T0)
            .setText("");
    }

    private static ThreadLink linkAt(String postId, String rootId, String authorHandle, int depth) {
        return ThreadLink.newBuilder()
            .setPostId(postId)
            .setRootId(rootId)
            .setAuthorHandle(authorHandle)
            .setDepth(depth)
            .setStatus(depth == 0 ? LinkStatus.ROOT : LinkStatus.LINKED)
            .setCreatedAt(T0)
            .build();
    }

    // ------------------------------------------------------------------ parentRef

    @Test
    void aReplyThatAlsoQuotesHasTheRepliedPostAsParent() {
        PostRef reply = new PostRef("x:replied", "jeffsessions", null);
        Post post = post("x:1", "realDonaldTrump").setReplyTo(reply).setQuoteOf(new PostRef("x:quoted", "TTuberville", null)).build();

        assertThat(ThreadRules.parentRef(post)).isEqualTo(reply);
    }

    @Test
    void aQuoteHasTheQuotedPostAsParent() {
        PostRef quote = new PostRef("x:quoted", "TTuberville", null);

        assertThat(ThreadRules.parentRef(post("x:1", "realDonaldTrump").setQuoteOf(quote).build())).isEqualTo(quote);
    }

    @Test
    void aRepostHasNoParent() {
        Post repost = post("x:1", "realDonaldTrump").setRepostOf(new PostRef("x:reposted", "TTuberville", null)).build();

        assertThat(ThreadRules.parentRef(repost)).isNull();
    }

    @Test
    void aPlainPostHasNoParent() {
        assertThat(ThreadRules.parentRef(post("x:1", "realDonaldTrump").build())).isNull();
    }

    // ------------------------------------------------------------------ links

    @Test
    void aRootIsItsOwnThreadAtDepthZero() {
        Post post = post("x:root", "TTuberville").setCreatedAt(T0.plusSeconds(5)).build();

        ThreadLink link = ThreadRules.root(post);

        assertThat(link.getPostId()).isEqualTo("x:root");
        assertThat(link.getRootId()).isEqualTo("x:root");
        assertThat(link.getParentId()).isNull();
        assertThat(link.getParentAuthorHandle()).isNull();
        assertThat(link.getAuthorHandle()).isEqualTo("TTuberville");
        assertThat(link.getDepth()).isZero();
        assertThat(link.getStatus()).isEqualTo(LinkStatus.ROOT);
        assertThat(link.getCreatedAt()).isEqualTo(T0.plusSeconds(5));
    }

    @Test
    void aChildJoinsItsParentsThreadOneLevelDeeper() {
        ThreadLink parent = linkAt("x:parent", "x:root", "realDonaldTrump", 2);
        Post child = post("x:child", "jeffsessions").setQuoteOf(new PostRef("x:parent", null, null))
            .setCreatedAt(T0.plusSeconds(41 * 60)).build();

        ThreadLink link = ThreadRules.childOf(parent, ThreadRules.request(child));

        assertThat(link.getPostId()).isEqualTo("x:child");
        assertThat(link.getRootId()).isEqualTo("x:root");
        assertThat(link.getParentId()).isEqualTo("x:parent");
        assertThat(link.getParentAuthorHandle()).isEqualTo("realDonaldTrump"); // from the parent, the ref has none
        assertThat(link.getAuthorHandle()).isEqualTo("jeffsessions");
        assertThat(link.getDepth()).isEqualTo(3);
        assertThat(link.getStatus()).isEqualTo(LinkStatus.LINKED);
        assertThat(link.getCreatedAt()).isEqualTo(T0.plusSeconds(41 * 60));
    }

    @Test
    void theParentsOwnAuthorWinsOverTheHandleInTheReference() {
        ThreadLink parent = linkAt("x:parent", "x:parent", "realDonaldTrump", 0);
        Post child = post("x:child", "jeffsessions").setReplyTo(new PostRef("x:parent", "someoneElse", null)).build();

        assertThat(ThreadRules.childOf(parent, ThreadRules.request(child)).getParentAuthorHandle()).isEqualTo("realDonaldTrump");
    }

    @Test
    void aChildOfARootIsAtDepthOne() {
        Post root = post("x:root", "TTuberville").build();
        Post reply = post("x:reply", "DougJones").setReplyTo(new PostRef("x:root", "TTuberville", null)).build();

        ThreadLink link = ThreadRules.childOf(ThreadRules.root(root), ThreadRules.request(reply));

        assertThat(link.getRootId()).isEqualTo("x:root");
        assertThat(link.getDepth()).isEqualTo(1);
        assertThat(link.getParentAuthorHandle()).isEqualTo("TTuberville");
    }

    @Test
    void anOrphanBecomesTheRootOfItsOwnThreadButRemembersItsParent() {
        Post child = post("x:child", "jeffsessions").setReplyTo(new PostRef("x:lost", "realDonaldTrump", null)).build();

        ThreadLink link = ThreadRules.orphan(ThreadRules.request(child));

        assertThat(link.getRootId()).isEqualTo("x:child");
        assertThat(link.getParentId()).isEqualTo("x:lost");
        assertThat(link.getParentAuthorHandle()).isEqualTo("realDonaldTrump");
        assertThat(link.getAuthorHandle()).isEqualTo("jeffsessions");
        assertThat(link.getDepth()).isZero();
        assertThat(link.getStatus()).isEqualTo(LinkStatus.ORPHAN);
    }

    @Test
    void anOrphanWithoutAuthorInItsReferenceHasNoParentAuthor() {
        Post child = post("mastodon:2", "beto").setPlatform(Platform.MASTODON).setQuoteOf(new PostRef("mastodon:1", null, null)).build();

        ThreadLink link = ThreadRules.orphan(ThreadRules.request(child));

        assertThat(link.getParentId()).isEqualTo("mastodon:1");
        assertThat(link.getParentAuthorHandle()).isNull();
    }

    @Test
    void aRootHasNoParentToAsk() {
        assertThatThrownBy(() -> ThreadRules.request(post("x:1", "jeffsessions").build())).isInstanceOf(IllegalArgumentException.class);
    }

    // ------------------------------------------------------------------ who may be a parent

    @Test
    void aParentMustComeStrictlyBeforeItsChildInTimeThenId() {
        Post parent = post("x:100", "a").setCreatedAt(T0).build();
        Post sameSecondLaterId = post("x:101", "b").setCreatedAt(T0).setReplyTo(new PostRef("x:100", "a", null)).build();
        Post sameSecondEarlierId = post("x:099", "b").setCreatedAt(T0).setReplyTo(new PostRef("x:100", "a", null)).build();
        Post before = post("x:200", "b").setCreatedAt(T0.minusSeconds(1)).setReplyTo(new PostRef("x:100", "a", null)).build();
        Duration week = Duration.ofDays(7);

        assertThat(ThreadRules.canParent(parent, ThreadRules.request(sameSecondLaterId), week)).isTrue();
        assertThat(ThreadRules.canParent(parent, ThreadRules.request(sameSecondEarlierId), week)).isFalse();
        assertThat(ThreadRules.canParent(parent, ThreadRules.request(before), week)).isFalse();
    }

    @Test
    void aParentOlderThanTheRetentionIsNotLinked() {
        Post parent = post("x:1", "a").setCreatedAt(T0).build();
        Post justInside = post("x:2", "b").setCreatedAt(T0.plus(Duration.ofDays(7))).setReplyTo(new PostRef("x:1", "a", null)).build();
        Post beyond = post("x:3", "b").setCreatedAt(T0.plus(Duration.ofDays(7)).plusMillis(1)).setReplyTo(new PostRef("x:1", "a", null)).build();

        assertThat(ThreadRules.canParent(parent, ThreadRules.request(justInside), Duration.ofDays(7))).isTrue();
        assertThat(ThreadRules.canParent(parent, ThreadRules.request(beyond), Duration.ofDays(7))).isFalse();
    }

    @Test
    void aChildWaitsForItsParentUntilTheParentWaitAfterItsOwnTimeAndTheDeadlineNeverWraps() {
        Post child = post("x:2", "b").setCreatedAt(T0).setReplyTo(new PostRef("x:1", "a", null)).build();

        assertThat(ThreadRules.deadline(ThreadRules.request(child), Duration.ofMinutes(15))).isEqualTo(T0.plus(Duration.ofMinutes(15)).toEpochMilli());
        Post farFuture = post("x:3", "b").setCreatedAt(java.time.Instant.ofEpochMilli(Long.MAX_VALUE - 5)).setReplyTo(new PostRef("x:1", "a", null)).build();
        assertThat(ThreadRules.deadline(ThreadRules.request(farFuture), Duration.ofMinutes(15))).isEqualTo(Long.MAX_VALUE);
    }

    // ------------------------------------------------------------------ depth bound

    @Test
    void aChildReachingMaxDepthIsStillLinked() {
        ThreadLink parent = linkAt("x:parent", "x:root", "realDonaldTrump", ThreadRules.MAX_DEPTH - 1);
        Post child = post("x:child", "jeffsessions").setReplyTo(new PostRef("x:parent", null, null)).build();

        ThreadLink link = ThreadRules.childOf(parent, ThreadRules.request(child));

        assertThat(link.getStatus()).isEqualTo(LinkStatus.LINKED);
        assertThat(link.getDepth()).isEqualTo(ThreadRules.MAX_DEPTH);
        assertThat(link.getRootId()).isEqualTo("x:root");
    }

    @Test
    void aChildBeyondMaxDepthBecomesAnOrphan() {
        ThreadLink parent = linkAt("x:parent", "x:root", "realDonaldTrump", ThreadRules.MAX_DEPTH);
        Post child = post("x:child", "jeffsessions").setReplyTo(new PostRef("x:parent", "realDonaldTrump", null)).build();

        ThreadLink link = ThreadRules.childOf(parent, ThreadRules.request(child));

        assertThat(link.getStatus()).isEqualTo(LinkStatus.ORPHAN);
        assertThat(link.getRootId()).isEqualTo("x:child");
        assertThat(link.getDepth()).isZero();
        assertThat(link.getParentId()).isEqualTo("x:parent");
    }
}
