package dev.crossfire.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.crossfire.avro.Platform;
import dev.crossfire.avro.Post;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class BlueskyImporterTest {

    private static final String TRUMP_POST = "bluesky:at://did:plc:trump00000000000000000000/app.bsky.feed.post/3ksxaaaaaaa2a";
    private static final String SESSIONS_POST = "bluesky:at://did:plc:sessions0000000000000000/app.bsky.feed.post/3ksxbbbbbbb2b";

    @Test
    void jetstreamPostsRepliesQuotesAndRepostsBecomePostsAndTheRestIsSkipped() throws Exception {
        List<List<Post>> out = Fixtures.importEach(new BlueskyImporter(), "bluesky/jetstream.jsonl", 8);
        assertThat(out.get(0)).isEmpty(); // identity: remembered, not a post

        Post attack = out.get(1).get(0);
        assertThat(attack.getId()).isEqualTo(TRUMP_POST);
        assertThat(attack.getPlatform()).isEqualTo(Platform.BLUESKY);
        assertThat(attack.getAuthor().getId()).isEqualTo("did:plc:trump00000000000000000000");
        assertThat(attack.getAuthor().getHandle()).isEqualTo("did:plc:trump00000000000000000000"); // no handle known: the DID
        assertThat(attack.getMentions()).containsExactly("jeffsessions.bsky.social"); // read from the facet's byte range
        assertThat(attack.getLang()).isEqualTo("en");
        assertThat(attack.getCreatedAt()).isEqualTo(Instant.parse("2024-05-23T00:02:11Z"));

        Post reply = out.get(2).get(0);
        assertThat(reply.getAuthor().getHandle()).isEqualTo("jeffsessions.bsky.social"); // learnt from the identity event
        assertThat(reply.getReplyTo().getPostId()).isEqualTo(TRUMP_POST);
        assertThat(reply.getReplyTo().getAuthorId()).isEqualTo("did:plc:trump00000000000000000000");
        assertThat(reply.getRootId()).isEqualTo(TRUMP_POST);

        assertThat(out.get(3).get(0).getQuoteOf().getPostId()).isEqualTo(SESSIONS_POST);
        assertThat(out.get(3).get(0).getQuoteOf().getAuthorHandle()).isEqualTo("jeffsessions.bsky.social");
        assertThat(out.get(4).get(0).getQuoteOf().getPostId()).isEqualTo(TRUMP_POST); // recordWithMedia

        Post repost = out.get(5).get(0);
        assertThat(repost.getRepostOf().getPostId()).isEqualTo(TRUMP_POST);
        assertThat(repost.getText()).isEmpty();
        assertThat(repost.getId()).isEqualTo("bluesky:at://did:plc:reader0000000000000000000/app.bsky.feed.repost/3ksxeeeeeee2e");

        assertThat(out.get(6)).isEmpty(); // a like
        assertThat(out.get(7)).isEmpty(); // a deletion
    }

    @Test
    void aBadTimeIsRejectedWithTheRecordsUri() {
        assertThatThrownBy(() -> new BlueskyImporter().posts(Fixtures.record("bluesky/jetstream.jsonl", 9)))
            .isInstanceOf(ImportException.class).hasMessageContaining("3ksxhhhhhhh2h").hasMessageContaining("'yesterday'");
    }

    @Test
    void postViewsAndRepositoryRecordsAreReadToo() throws Exception {
        List<List<Post>> out = Fixtures.importEach(new BlueskyImporter(), "bluesky/post-views.jsonl", 2);
        Post view = out.get(0).get(0);
        assertThat(view.getId()).isEqualTo(SESSIONS_POST);
        assertThat(view.getAuthor().getHandle()).isEqualTo("jeffsessions.bsky.social");
        assertThat(view.getAuthor().getName()).isEqualTo("Jeff Sessions");
        assertThat(view.getMetrics().getLikes()).isEqualTo(1900);
        assertThat(view.getReplyTo().getPostId()).isEqualTo(TRUMP_POST);

        Post record = out.get(1).get(0);
        assertThat(record.getId()).isEqualTo(TRUMP_POST);
        assertThat(record.getText()).isEqualTo("Jeff Sessions was a disaster.");
    }
}
