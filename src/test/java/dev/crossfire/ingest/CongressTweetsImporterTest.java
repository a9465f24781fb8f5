package dev.crossfire.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crossfire.avro.Platform;
import dev.crossfire.avro.Post;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The first 50 tweets of congresstweets' 2017-06-25 day file, as the repository keeps them (see the fixtures' README). */
class CongressTweetsImporterTest {

    private static final String DAY = "/ingest/congresstweets/2017-06-25.first50.json";
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final CongressTweetsImporter importer = new CongressTweetsImporter();

    private static JsonNode day() throws Exception {
        try (InputStream in = CongressTweetsImporterTest.class.getResourceAsStream(DAY)) {
            return MAPPER.readTree(in);
        }
    }

    private Post only(int element) throws Exception {
        List<Post> posts = importer.posts(day().get(element - 1));
        assertThat(posts).hasSize(1);
        return posts.get(0);
    }

    @Test
    void aTweetKeepsItsAuthorIdAndItsTimeFromTheNewYorkOffset() throws Exception {
        Post p = only(1);
        assertThat(p.getId()).isEqualTo("x:878828858006482944");
        assertThat(p.getPlatform()).isEqualTo(Platform.X);
        assertThat(p.getAuthor().getHandle()).isEqualTo("KamalaHarris");
        assertThat(p.getAuthor().getId()).isEqualTo("x:30354991");
        assertThat(p.getCreatedAt()).isEqualTo(Instant.parse("2017-06-25T04:15:02Z")); // 00:15:02-04:00
        assertThat(p.getText()).startsWith("The GOP health care bill won’t only be bad for Democrats.");
        assertThat(p.getReplyTo()).isNull();
        assertThat(p.getMentions()).isEmpty();
    }

    @Test
    void aRetweetIsARepostOfTheTweetItsLinkNamesByTheHandleAfterRt() throws Exception {
        Post p = only(2);
        assertThat(p.getAuthor().getHandle()).isEqualTo("tedlieu");
        assertThat(p.getRepostOf().getPostId()).isEqualTo("x:878824752554450944");
        assertThat(p.getRepostOf().getAuthorHandle()).isEqualTo("allymaki");
        assertThat(p.getText()).isEmpty();
        assertThat(p.getUrl()).isEqualTo("https://twitter.com/tedlieu/status/878828722555469824");
    }

    @Test
    void aQuoteWithOnlyAShortLinkAddressesTheQuotedAuthorAndKeepsOnlyItsOwnWords() throws Exception {
        Post p = only(9);
        assertThat(p.getAuthor().getHandle()).isEqualTo("RepSwalwell");
        assertThat(p.getQuoteOf()).isNull(); // 2017 files keep a t.co link: the quoted tweet's id is not known
        assertThat(p.getMentions()).containsExactly("nytopinion");
        assertThat(p.getText()).startsWith("These stories.").doesNotContain("QT @nytopinion");
    }

    @Test
    void aTweetStartingWithHandlesAnswersThemFirst() throws Exception {
        Post p = only(46);
        assertThat(p.getText()).startsWith("@CityHPIL @SclerodermaChi I’ll keep fighting");
        assertThat(p.getMentions()).containsExactly("CityHPIL", "SclerodermaChi");
        assertThat(p.getReplyTo()).isNull(); // no parent id in the file
    }

    @Test
    void aQuoteWhoseLinkIsExpandedIsLinkedToTheQuotedTweet() throws Exception {
        // later files expand links; this record is the 2017 one above with its t.co link expanded by hand
        JsonNode record = MAPPER.readTree("""
            {"id": "878927204394172420", "screen_name": "RepSwalwell", "time": "2017-06-25T06:45:49-04:00",
             "link": "https://www.twitter.com/RepSwalwell/statuses/878927204394172420",
             "text": "These stories. https://twitter.com/nytopinion/status/878745440375287808 QT @nytopinion Without the ACA...",
             "source": "Twitter for iPhone", "user_id": "942156122"}""");
        Post p = importer.posts(record).get(0);
        assertThat(p.getQuoteOf().getPostId()).isEqualTo("x:878745440375287808");
        assertThat(p.getQuoteOf().getAuthorHandle()).isEqualTo("nytopinion");
        assertThat(p.getMentions()).isEmpty();
    }

    @Test
    void aRecordWithoutATimeIsRejectedNamingTheTweet() throws Exception {
        JsonNode record = MAPPER.readTree("{\"id\": \"1\", \"screen_name\": \"a\", \"text\": \"x\"}");
        assertThatThrownBy(() -> importer.posts(record)).isInstanceOf(ImportException.class).hasMessage("tweet 1: missing time");
    }

    @Test
    void theDayFileImportsAsOneArrayWithNothingDropped() throws Exception {
        StringWriter out = new StringWriter();
        ImportRun.Summary summary;
        try (InputStream in = getClass().getResourceAsStream(DAY)) {
            summary = new ImportRun(importer, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8))
                .run(in, out, new StringWriter());
        }
        assertThat(summary.array()).isTrue();
        assertThat(summary.lines()).isEqualTo(50);
        assertThat(summary.posts()).isEqualTo(50);
        assertThat(summary.rejected()).isZero();
        List<String> lines = out.toString().lines().toList();
        long reposts = lines.stream().filter(l -> l.contains("\"repostOf\":{")).count();
        assertThat(reposts).isEqualTo(day().findValues("text").stream().filter(t -> t.asText().startsWith("RT @")).count());
    }

    @Test
    void aBrokenArrayIsReportedWhereItBreaksAndWhatCameBeforeIsKept() throws Exception {
        String input = "[\n{\"id\": \"1\", \"screen_name\": \"a\", \"time\": \"2017-06-25T00:15:02-04:00\", \"text\": \"fine\"},\n"
            + "42,\n{\"id\": \"3\", \"screen_name\": \"c\", \"time\": \"2017-06-25T00:15:04-04:00\" \"text\": \"no comma\"}\n]";
        StringWriter out = new StringWriter();
        StringWriter rejects = new StringWriter();
        ByteArrayOutputStream report = new ByteArrayOutputStream();

        ImportRun.Summary summary = new ImportRun(importer, new PrintStream(report, true, StandardCharsets.UTF_8))
            .run(new java.io.ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), out, rejects);

        assertThat(summary.posts()).isEqualTo(1);
        assertThat(summary.rejected()).isEqualTo(2);
        assertThat(report.toString(StandardCharsets.UTF_8))
            .contains("element 2 (line 3): not a JSON object")
            .contains("element 3: not valid JSON at line 4, column")
            .contains("the rest of the array cannot be read");
        List<JsonNode> kept = new ArrayList<>();
        for (String line : rejects.toString().split("\n")) {
            kept.add(MAPPER.readTree(line));
        }
        assertThat(kept.get(0).get("element").asInt()).isEqualTo(2);
        assertThat(kept.get(0).get("record").asText()).isEqualTo("42");
    }

    @Test
    void anArrayElementLongerThanARecordMayBeIsSkippedToItsEndAndRejectedWithoutHoldingIt() throws Exception {
        StringBuilder many = new StringBuilder("{\"id\": \"2\"");
        for (int i = 0; i < 200; i++) {
            many.append(", \"f").append(i).append("\": ").append(i); // many small fields: no one string is long
        }
        many.append('}');
        String input = "[{\"id\": \"1\", \"screen_name\": \"a\", \"time\": \"2017-06-25T00:15:02-04:00\", \"text\": \"one\"},\n"
            + many + ",\n{\"id\": \"3\", \"screen_name\": \"c\", \"time\": \"2017-06-25T00:15:04-04:00\", \"text\": \"three\"}]";
        StringWriter out = new StringWriter();
        ByteArrayOutputStream report = new ByteArrayOutputStream();

        ImportRun.Summary summary = new ImportRun(importer, new PrintStream(report, true, StandardCharsets.UTF_8), 500)
            .run(new java.io.ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), out, new StringWriter());

        assertThat(summary.posts()).isEqualTo(2);
        assertThat(out.toString()).contains("\"x:1\"").contains("\"x:3\"");
        assertThat(summary.rejected()).isEqualTo(1);
        assertThat(report.toString(StandardCharsets.UTF_8)).contains("element 2 (line 2): element of more than 500 bytes");
    }
}
