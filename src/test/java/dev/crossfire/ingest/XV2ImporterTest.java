package dev.crossfire.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.crossfire.avro.Post;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class XV2ImporterTest {

    private static final String FILE = "x-v2/responses.jsonl";
    private final XV2Importer importer = new XV2Importer();

    @Test
    void aPageImportsItsIncludedTweetsFirstAndResolvesAuthorsFromIncludes() throws Exception {
        List<Post> posts = importer.posts(Fixtures.record(FILE, 1));
        assertThat(posts).extracting(Post::getId)
            .containsExactly("x:1263970567838932993", "x:1264008701171929088", "x:1264194381919342592");
        Post included = posts.get(0);
        assertThat(included.getAuthor().getHandle()).isEqualTo("realDonaldTrump");
        assertThat(included.getCreatedAt()).isEqualTo(Instant.parse("2020-05-22T23:10:41Z"));

        Post reply = posts.get(1);
        assertThat(reply.getAuthor().getHandle()).isEqualTo("jeffsessions");
        assertThat(reply.getAuthor().getId()).isEqualTo("x:15745368");
        assertThat(reply.getReplyTo().getPostId()).isEqualTo("x:1263970567838932993");
        assertThat(reply.getReplyTo().getAuthorHandle()).isEqualTo("realDonaldTrump");
        assertThat(reply.getRootId()).isEqualTo("x:1263970567838932993");
        assertThat(reply.getMentions()).containsExactly("realDonaldTrump");
        assertThat(reply.getMetrics().getLikes()).isEqualTo(19000);

        Post quote = posts.get(2);
        assertThat(quote.getQuoteOf().getPostId()).isEqualTo("x:1264008701171929088");
        assertThat(quote.getQuoteOf().getAuthorHandle()).isEqualTo("jeffsessions"); // the author of a post on the same page
    }

    @Test
    void aStreamedLongPostTakesTheNoteTweetText() throws Exception {
        Post p = importer.posts(Fixtures.record(FILE, 2)).get(0);
        assertThat(p.getText()).contains("past two hundred and eighty characters");
        assertThat(p.getMetrics()).isNull();
    }

    @Test
    void aRetweetIsAnEmptyRepost() throws Exception {
        Post p = importer.posts(Fixtures.record(FILE, 3)).get(0);
        assertThat(p.getRepostOf().getPostId()).isEqualTo("x:1264008701171929088");
        assertThat(p.getText()).isEmpty();
    }

    @Test
    void anUnknownAuthorAndAnErrorResponseAreRejectedWithTheReason() {
        assertThatThrownBy(() -> importer.posts(Fixtures.record(FILE, 4))).isInstanceOf(ImportException.class)
            .hasMessageContaining("author 123 is not in includes.users");
        assertThatThrownBy(() -> importer.posts(Fixtures.record(FILE, 5))).isInstanceOf(ImportException.class)
            .hasMessageContaining("an error response").hasMessageContaining("Not Found Error");
    }
}
