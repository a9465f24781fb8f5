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

    @Test
    void realStreamingEventsImportTheirUpdatesAndCountTheRestByKind() throws Exception {
        // recorded from Mastodon servers (see the fixtures' README): update payloads are statuses as JSON strings
        String file = "mastodon/streaming.jsonl";
        List<String> events = new java.util.ArrayList<>();
        List<Post> posts = new java.util.ArrayList<>();
        for (int line = 1; line <= 8; line++) {
            com.fasterxml.jackson.databind.JsonNode event = Fixtures.record(file, line);
            List<Post> made = importer.posts(event);
            posts.addAll(made);
            events.add(made.isEmpty() ? importer.skippedAs(event) : "post");
        }
        assertThat(events).containsExactly("post", "notification", "post", "notification", "status.update", "delete", "post", "post");
        assertThat(posts).extracting(Post::getId).containsExactly("mastodon:117024236332527350", "mastodon:117024236559579118",
            "mastodon:117024248092393661", "mastodon:110066038263943268");
        Post publicPost = posts.get(3);
        assertThat(publicPost.getAuthor().getHandle()).isEqualTo("thomasotto@mastodon.social");
        assertThat(publicPost.getCreatedAt()).isEqualTo(java.time.Instant.parse("2023-03-22T08:41:00.823Z"));
        assertThat(publicPost.getText()).startsWith("»The fact that ChatGPT");
        assertThat(posts.get(0).getAuthor().getHandle()).isEqualTo("mastodonpy_test@localhost"); // a local account, server from its URL
    }

    @Test
    void anUpdateEventWhosePayloadIsNotAStatusIsRejectedSayingSo() {
        com.fasterxml.jackson.databind.JsonNode event;
        try {
            event = new com.fasterxml.jackson.databind.ObjectMapper().readTree("{\"event\": \"update\", \"payload\": \"{not json\"}");
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> importer.posts(event)).isInstanceOf(ImportException.class)
            .hasMessageStartingWith("update event: its payload is not valid JSON");
    }
}
