package dev.crossfire.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.crossfire.avro.Platform;
import dev.crossfire.avro.Post;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class XV1ImporterTest {

    private static final String FILE = "x-v1/statuses.jsonl";
    private final XV1Importer importer = new XV1Importer();

    @Test
    void aStatusBecomesAPostWithItsAuthorTimeMentionsAndCounts() throws Exception {
        List<Post> posts = importer.posts(Fixtures.record(FILE, 1));
        assertThat(posts).hasSize(1);
        Post p = posts.get(0);
        assertThat(p.getId()).isEqualTo("x:1263970567838932993");
        assertThat(p.getPlatform()).isEqualTo(Platform.X);
        assertThat(p.getAuthor().getHandle()).isEqualTo("realDonaldTrump");
        assertThat(p.getAuthor().getId()).isEqualTo("x:25073877");
        assertThat(p.getAuthor().getName()).isEqualTo("Donald J. Trump");
        assertThat(p.getCreatedAt()).isEqualTo(Instant.parse("2020-05-22T23:10:41Z"));
        assertThat(p.getText()).startsWith("3 years ago, after Jeff Sessions recused himself");
        assertThat(p.getMentions()).containsExactly("TTuberville");
        assertThat(p.getReplyTo()).isNull();
        assertThat(p.getUrl()).isEqualTo("https://twitter.com/realDonaldTrump/status/1263970567838932993");
        assertThat(p.getMetrics().getLikes()).isEqualTo(52418);
        assertThat(p.getMetrics().getQuotes()).isEqualTo(2284);
        assertThat(p.getLang()).isEqualTo("en");
    }

    @Test
    void aTruncatedReplyTakesTheExtendedTextAndNamesItsParentAndItsAuthor() throws Exception {
        Post p = importer.posts(Fixtures.record(FILE, 2)).get(0);
        assertThat(p.getText()).endsWith("resulted in your exoneration.");
        assertThat(p.getReplyTo().getPostId()).isEqualTo("x:1263970567838932993");
        assertThat(p.getReplyTo().getAuthorHandle()).isEqualTo("realDonaldTrump");
        assertThat(p.getReplyTo().getAuthorId()).isEqualTo("x:25073877");
        assertThat(p.getMentions()).containsExactly("realDonaldTrump");
    }

    @Test
    void aQuoteImportsTheQuotedTweetFirstThenTheQuote() throws Exception {
        List<Post> posts = importer.posts(Fixtures.record(FILE, 3));
        assertThat(posts).extracting(Post::getId).containsExactly("x:1264008701171929088", "x:1264194381919342592");
        Post quote = posts.get(1);
        assertThat(quote.getQuoteOf().getPostId()).isEqualTo("x:1264008701171929088");
        assertThat(quote.getQuoteOf().getAuthorHandle()).isEqualTo("jeffsessions");
        assertThat(quote.getAuthor().getHandle()).isEqualTo("TTuberville");
    }

    @Test
    void aRetweetIsTheOriginalThenAnEmptyRepostOfIt() throws Exception {
        List<Post> posts = importer.posts(Fixtures.record(FILE, 4));
        assertThat(posts).hasSize(2);
        assertThat(posts.get(0).getId()).isEqualTo("x:1263970567838932993");
        Post repost = posts.get(1);
        assertThat(repost.getRepostOf().getPostId()).isEqualTo("x:1263970567838932993");
        assertThat(repost.getRepostOf().getAuthorHandle()).isEqualTo("realDonaldTrump");
        assertThat(repost.getText()).isEmpty();
        assertThat(repost.getQuoteOf()).isNull();
        assertThat(repost.getMentions()).isEmpty();
    }

    @Test
    void streamNoticesAreNotPostsAndBrokenStatusesSayWhatIsMissing() throws Exception {
        assertThat(importer.posts(Fixtures.record(FILE, 5))).isEmpty();
        assertThatThrownBy(() -> importer.posts(Fixtures.record(FILE, 6))).isInstanceOf(ImportException.class).hasMessageContaining("missing user");
        assertThatThrownBy(() -> importer.posts(Fixtures.record(FILE, 7))).isInstanceOf(ImportException.class)
            .hasMessageContaining("created_at '23 May 2020 16:00'");
    }

    @Test
    void aStatusFetchedWithTrimUserIsImportedWithItsAuthorsAccountId() throws Exception {
        // real statuses/update and statuses/show responses with trim_user=true (see the fixtures' README)
        Post reply = importer.posts(Fixtures.record("x-v1/trim-user.jsonl", 1)).get(0);
        assertThat(reply.getId()).isEqualTo("x:681517887102808064");
        assertThat(reply.getAuthor().getId()).isEqualTo("x:4012966701");
        assertThat(reply.getAuthor().getHandle()).isEqualTo("id:4012966701");
        assertThat(reply.getReplyTo().getPostId()).isEqualTo("x:681496308251754496");
        assertThat(reply.getReplyTo().getAuthorHandle()).isEqualTo("notinourselves");
        assertThat(reply.getUrl()).isEqualTo("https://twitter.com/i/web/status/681517887102808064");

        Post old = importer.posts(Fixtures.record("x-v1/trim-user.jsonl", 2)).get(0);
        assertThat(old.getId()).isEqualTo("x:397");
        assertThat(old.getAuthor().getId()).isEqualTo("x:12");
        assertThat(old.getText()).isEqualTo("getting waxed!");
    }

    @Test
    void aTrimmedAuthorIsMatchedToTheFigureWithThatAccountId() throws Exception {
        Post post = importer.posts(Fixtures.record("x-v1/trim-user.jsonl", 2)).get(0);
        dev.crossfire.figure.FigureDirectory directory = new dev.crossfire.figure.FigureDirectory();
        directory.replaceAll(List.of(new dev.crossfire.figure.Figure("jack-dorsey", "Jack Dorsey", List.of(), "founder", null,
            List.of(new dev.crossfire.figure.Account("x", "jack", "12")))));

        assertThat(new dev.crossfire.interaction.InteractionDeriver(directory).authorOf(post)).map(dev.crossfire.figure.Figure::id)
            .contains("jack-dorsey");
    }
}
