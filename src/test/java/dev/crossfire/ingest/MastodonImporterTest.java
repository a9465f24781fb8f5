package dev.crossfire.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.crossfire.avro.Platform;
import dev.crossfire.avro.Post;
import java.util.List;
import org.junit.jupiter.api.Test;

class MastodonImporterTest {

    private static final String FILE = "mastodon/statuses.jsonl";
    private final MastodonImporter importer = new MastodonImporter();

    @Test
    void htmlBecomesTheTextAReaderSeesAndLocalHandlesGetTheirServer() throws Exception {
        Post p = importer.posts(Fixtures.record(FILE, 1)).get(0);
        assertThat(p.getId()).isEqualTo("mastodon:112500000000000001");
        assertThat(p.getPlatform()).isEqualTo(Platform.MASTODON);
        assertThat(p.getText()).isEqualTo("Our bill passed.\n\nThank you @colleague & staff!\nMore soon.");
        assertThat(p.getAuthor().getHandle()).isEqualTo("senator@mastodon.social");
        assertThat(p.getAuthor().getId()).isEqualTo("mastodon:109000000000000001");
        assertThat(p.getMentions()).containsExactly("colleague@example.social");
        assertThat(p.getMetrics().getLikes()).isEqualTo(10);
        assertThat(p.getUrl()).isEqualTo("https://mastodon.social/@senator/112500000000000001");
    }

    @Test
    void aReplyNamesItsParentsAuthorFromTheMentions() throws Exception {
        Post p = importer.posts(Fixtures.record(FILE, 2)).get(0);
        assertThat(p.getReplyTo().getPostId()).isEqualTo("mastodon:112500000000000001");
        assertThat(p.getReplyTo().getAuthorHandle()).isEqualTo("senator@mastodon.social");
        assertThat(p.getReplyTo().getAuthorId()).isEqualTo("mastodon:109000000000000001");
        assertThat(p.getText()).isEqualTo("@senator It passed despite you.");
    }

    @Test
    void aBoostIsTheBoostedStatusThenARepostAndAnAcceptedQuoteIsAQuote() throws Exception {
        List<Post> boost = importer.posts(Fixtures.record(FILE, 3));
        assertThat(boost).extracting(Post::getId).containsExactly("mastodon:112500000000000001", "mastodon:112500000000000003");
        assertThat(boost.get(1).getRepostOf().getAuthorHandle()).isEqualTo("senator@mastodon.social");
        assertThat(boost.get(1).getText()).isEmpty();

        List<Post> quote = importer.posts(Fixtures.record(FILE, 4));
        assertThat(quote).extracting(Post::getId).containsExactly("mastodon:112500000000000002", "mastodon:112500000000000004");
        assertThat(quote.get(1).getQuoteOf().getPostId()).isEqualTo("mastodon:112500000000000002");
        assertThat(quote.get(1).getQuoteOf().getAuthorHandle()).isEqualTo("colleague@example.social");
    }

    @Test
    void aStatusWithoutAccountIsRejected() {
        assertThatThrownBy(() -> importer.posts(Fixtures.record(FILE, 5))).isInstanceOf(ImportException.class)
            .hasMessageContaining("missing account");
    }
}
